import { companySearchResponse, contactSearchResponse } from '../schemas/search-api.ts';
import { defineProvider } from './define-provider.ts';
import type { ProviderHttp } from '../http/client.ts';
import type { Provider } from './types.ts';

/** api-contract.md §1: the simple contacts/companies search API (API key). */
export function searchApiProvider(http: ProviderHttp): Provider {
  return defineProvider(
    { id: 'search-api', label: 'the search API' },
    {
      async searchContacts(request) {
        return (await http.request('POST', 'api/v1/contacts', request, contactSearchResponse)).data;
      },
      async searchCompanies(request) {
        return (await http.request('POST', 'api/v1/companies', request, companySearchResponse)).data;
      },
    },
  );
}
