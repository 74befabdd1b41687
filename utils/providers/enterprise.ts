import {
  companySearchResult,
  contactSearchResult,
  enrichCompanyResponse,
  enrichContactResponse,
  newsSearchResult,
  scoopSearchResult,
  usageResponse,
  MAX_ENRICH_INPUTS,
  type LookupField,
  COMPANY_FIELDS,
  CONTACT_FIELDS,
} from '../schemas/enterprise-api.ts';
import { corporateHierarchyReader, intentEnrichReader, intentSearchReader, lookupReader, orgChartReader, type LookupValue } from '../schemas/enterprise-readers.ts';
import { SidecarError } from '../errors.ts';
import { TokenManager } from '../auth/token-manager.ts';
import { tokenSourceFor } from '../auth/credentials.ts';
import { LOOKUP_PATHS } from './lookup-paths.ts';
import { namesTechnologies, toTechTags } from './tech-tags.ts';
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

/**
 * `/enrich/intent` takes one company's fields at the top level in the published API
 * (`{ companyId, topics }`) and a `matchCompanyInput` list on the reference server's first version.
 */
type IntentForm = 'published' | 'batch';

function enterpriseProvider(http: ProviderHttp, reset: () => Promise<void>): Provider {
  // The form that worked last: a server answers one of them, so the other costs one request at most.
  let intentForm: IntentForm = 'published';
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
  async function lookup(field: LookupField): Promise<LookupValue[]> {
    // The published path first; a server without it answers 404 and the next spelling is tried.
    const from = async ([path, ...rest]: readonly [string, ...string[]]): Promise<LookupValue[]> => {
      try {
        return (await http.request('GET', path, undefined, lookupReader)).data;
      } catch (error) {
        const [next, ...later] = rest;
        if (next !== undefined && error instanceof SidecarError && error.id === 'not_found') return from([next, ...later]);
        throw error;
      }
    };
    return from(LOOKUP_PATHS[field]);
  }

  // The org chart names the departments to show; the whole company is every department there is.
  let departments: Promise<string> | null = null;
  function checkSize(n: number): void {
    if (n === 0 || n > MAX_ENRICH_INPUTS) throw new SidecarError('invalid_input', `An enrich call takes 1 to ${MAX_ENRICH_INPUTS} inputs, not ${n}.`);
  }

  /**
   * Technology names as the tags the published search takes. Without the lookup (a provider that
   * refuses it) the names go as typed, and the provider's answer says what it makes of them.
   */
  async function withTechTags<T extends { techAttributeTagList?: string }>(criteria: T): Promise<T> {
    const list = criteria.techAttributeTagList;
    if (list === undefined || !namesTechnologies(list)) return criteria;
    const technologies = await lookup('technologies').catch(() => null);
    return technologies ? { ...criteria, techAttributeTagList: toTechTags(list, technologies) } : criteria;
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
        const companyId = typeof input.companyId === 'number' ? input.companyId : Number(input.companyId ?? 0);
        const reader = intentEnrichReader(companyId);
        const ask = (form: IntentForm) => http.request('POST', 'enrich/intent', form === 'published' ? input : { matchCompanyInput: [input] }, reader);
        try {
          return (await ask(intentForm)).data;
        } catch (error) {
          // A server that knows only the other request form refuses this one with a 400.
          if (!(error instanceof SidecarError && error.id === 'invalid_input')) throw error;
          intentForm = intentForm === 'published' ? 'batch' : 'published';
          return (await ask(intentForm)).data;
        }
      },
      async intentSearch(request) {
        return (await http.request('POST', 'search/intent', request, intentSearchReader)).data;
      },
      async prospectContacts(criteria) {
        return (await http.request('POST', 'search/contact', await withTechTags(criteria), contactSearchResult)).data;
      },
      async prospectCompanies(criteria) {
        return (await http.request('POST', 'search/company', await withTechTags(criteria), companySearchResult)).data;
      },
      async news(companyId) {
        return (await http.request('POST', 'search/news', { companyId, rpp: 10, page: 1 }, newsSearchResult)).data.data;
      },
      async scoops(companyId) {
        return (await http.request('POST', 'search/scoop', { companyId, rpp: 10, page: 1 }, scoopSearchResult)).data.data;
      },
      async orgChart(companyId) {
        departments ??= lookup('departments').then(
          (values) => values.map((v) => v.name).join(','),
          (error: unknown) => {
            departments = null;
            throw error;
          },
        );
        const department = await departments;
        return (await http.request('POST', 'enrich/orgchart', { companyId: String(companyId), department }, orgChartReader)).data;
      },
      async corporateFamily(companyId) {
        const body = { matchCompanyInput: [{ companyId }], outputFields: ['parentage', 'familyTree'] };
        return (await http.request('POST', 'enrich/corporatehierarchy', body, corporateHierarchyReader(companyId))).data;
      },
      async usage() {
        return (await http.request('GET', 'lookup/usage', undefined, usageResponse)).data.usage;
      },
      lookup,
    },
  );
}
