import { TokenManager, type TokenStore } from '../auth/token-manager.ts';
import type { ProviderHttp } from '../http/client.ts';
import { companySearchResponse, contactSearchResponse } from '../schemas/search-api.ts';
import { defineProvider, defineProviderPlugin } from './define-provider.ts';
import type { Provider } from './types.ts';

/** api-contract.md §1: the simple contacts/companies search API, with its own key or the enterprise API key. */
export default defineProviderPlugin('search-api', ({ settings, secrets, http }) => {
  const key = secrets.searchApiKey ?? (settings.authMethod === 'apiKey' ? secrets.apiKey : undefined);
  if (!key) return null;
  const baseUrl = settings.searchBaseUrl || settings.baseUrl;
  const tokens = new TokenManager({ source: () => Promise.resolve({ token: key, expiresAt: Infinity }), store: memoryTokenStore() });
  return searchApiProvider(http({ baseUrl, label: 'the search API', limiterKey: `search|${new URL(baseUrl).origin}`, tokens }));
});

function searchApiProvider(http: ProviderHttp): Provider {
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

/** A static key needs no persisting. */
function memoryTokenStore(): TokenStore {
  return { load: () => Promise.resolve(null), save: () => Promise.resolve() };
}
