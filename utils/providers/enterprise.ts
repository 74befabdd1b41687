import {
  companySearchResult,
  contactSearchResult,
  enrichCompanyResponse,
  enrichContactResponse,
  enrichIntentResponse,
  lookupResponse,
  newsSearchResult,
  scoopSearchResult,
  usageResponse,
  MAX_ENRICH_INPUTS,
  COMPANY_FIELDS,
  CONTACT_FIELDS,
} from '../schemas/enterprise-api.ts';
import { SidecarError } from '../errors.ts';
import { TokenManager } from '../auth/token-manager.ts';
import { tokenSourceFor } from '../auth/credentials.ts';
import { defineProvider, defineProviderPlugin } from './define-provider.ts';
import type { ProviderHttp } from '../http/client.ts';
import type { EnrichOutcome, Provider } from './types.ts';

/** api-contract.md §2: the ZoomInfo-compatible enterprise API, signed in to by the configured auth method. */
export default defineProviderPlugin('enterprise', ({ settings, secrets, http, tokenStore, now, sleep, fetch }) => {
  if (settings.authMethod === 'none') return null;
  const origin = new URL(settings.baseUrl).origin;
  const tokens = new TokenManager({
    source: tokenSourceFor(settings, secrets, fetch),
    store: tokenStore(`enterprise|${settings.authMethod}|${origin}|${settings.username}|${settings.clientId}`),
    now,
    sleep,
  });
  const client = http({ baseUrl: settings.baseUrl, label: 'the enterprise API', limiterKey: `enterprise|${origin}`, tokens, reportsCredits: true });
  return enterpriseProvider(client, () => tokens.reset());
});

function enterpriseProvider(http: ProviderHttp, reset: () => Promise<void>): Provider {
  function inOrder<T>(
    inputs: unknown[],
    result: { input: Record<string, unknown>; data: T[]; matchStatus: EnrichOutcome<T>['matchStatus'] }[],
  ): EnrichOutcome<T>[] {
    if (result.length !== inputs.length) {
      throw new SidecarError('bad_response', `The enterprise API answered ${result.length} results for ${inputs.length} inputs.`, {
        retryable: true,
      });
    }
    return result.map((r) => ({
      matchStatus: r.matchStatus,
      data: r.data,
      reason: typeof r.input.reason === 'string' ? r.input.reason : undefined,
    }));
  }
  function checkSize(n: number): void {
    if (n === 0 || n > MAX_ENRICH_INPUTS) throw new SidecarError('invalid_input', `An enrich call takes 1 to ${MAX_ENRICH_INPUTS} inputs, not ${n}.`);
  }

  return defineProvider(
    { id: 'enterprise', label: 'the enterprise API', reset },
    {
      async enrichContacts(inputs) {
        checkSize(inputs.length);
        const { data } = await http.request('POST', 'enrich/contact', { matchPersonInput: inputs, outputFields: CONTACT_FIELDS }, enrichContactResponse);
        return inOrder(inputs, data.data.result);
      },
      async enrichCompanies(inputs) {
        checkSize(inputs.length);
        const { data } = await http.request('POST', 'enrich/company', { matchCompanyInput: inputs, outputFields: COMPANY_FIELDS }, enrichCompanyResponse);
        return inOrder(inputs, data.data.result);
      },
      async intent(input) {
        const { data } = await http.request('POST', 'enrich/intent', { matchCompanyInput: [input] }, enrichIntentResponse);
        return data.data.result[0]?.data ?? [];
      },
      async prospectContacts(criteria) {
        return (await http.request('POST', 'search/contact', criteria, contactSearchResult)).data;
      },
      async prospectCompanies(criteria) {
        return (await http.request('POST', 'search/company', criteria, companySearchResult)).data;
      },
      async news(companyId) {
        return (await http.request('POST', 'search/news', { companyId, rpp: 10, page: 1 }, newsSearchResult)).data.data;
      },
      async scoops(companyId) {
        return (await http.request('POST', 'search/scoop', { companyId, rpp: 10, page: 1 }, scoopSearchResult)).data.data;
      },
      async usage() {
        return (await http.request('GET', 'lookup/usage', undefined, usageResponse)).data.usage;
      },
      async lookup(field) {
        return (await http.request('GET', `lookup/${field}`, undefined, lookupResponse)).data.data;
      },
    },
  );
}
