import type { AudiencesClient } from '../audiences/client.ts';
import type { TokenStore } from '../auth/token-manager.ts';
import type { BearerTokens, ProviderHttp } from '../http/client.ts';
import type { Secrets, Settings } from '../schemas/settings.ts';
import type { CorporateFamily, OrgPerson } from '../schemas/enterprise-readers.ts';
import type { AuthMethodId, ProviderId } from '../schemas/provider-catalog.ts';
import type {
  CompanyInput,
  CompanySearchCriteria,
  ContactSearchCriteria,
  ContactSearchResult,
  EnrichedCompany,
  EnrichedContact,
  IntentSearchRequest,
  IntentSearchResult,
  IntentSignal,
  LookupField,
  LookupResponse,
  MatchStatus,
  NewsArticle,
  PersonInput,
  Scoop,
  UsageEntry,
  CompanySearchResult,
} from '../schemas/enterprise-api.ts';
import type {
  CompanySearchRequest,
  CompanySearchResponse,
  ContactSearchRequest,
  ContactSearchResponse,
} from '../schemas/search-api.ts';

/**
 * One interface for every provider contract (design.md, "Provider knowledge is isolated"). Each
 * adapter declares what it can do; the UI offers only that, and a call outside the capabilities
 * fails with `unsupported` rather than guessing.
 */
export const CAPABILITIES = [
  'enrichContacts',
  'enrichCompanies',
  'intent',
  'searchContacts',
  'searchCompanies',
  'prospectContacts',
  'prospectCompanies',
  'intentSearch',
  'news',
  'scoops',
  'orgChart',
  'corporateFamily',
  'usage',
  'lookups',
  'audiences',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** One input's answer from an enrich call, in input order. */
export interface EnrichOutcome<T> {
  matchStatus: MatchStatus;
  data: T[];
  /** For BAD_DATA: why the input identifies no one. */
  reason?: string;
}

export interface Provider {
  readonly id: string;
  readonly label: string;
  readonly capabilities: ReadonlySet<Capability>;
  /** Forget what the provider holds for the old credentials (tokens). */
  reset(): Promise<void>;
  /** ≤ 25 inputs per call; outcomes come back in input order. */
  enrichContacts(inputs: PersonInput[]): Promise<EnrichOutcome<EnrichedContact>[]>;
  enrichCompanies(inputs: CompanyInput[]): Promise<EnrichOutcome<EnrichedCompany>[]>;
  intent(input: CompanyInput): Promise<IntentSignal[]>;
  /** The search API's filters (free; the search tab). */
  searchContacts(request: ContactSearchRequest): Promise<ContactSearchResponse>;
  searchCompanies(request: CompanySearchRequest): Promise<CompanySearchResponse>;
  /** The enterprise API's searches (free; recommended contacts, never emails). */
  prospectContacts(criteria: ContactSearchCriteria): Promise<ContactSearchResult>;
  prospectCompanies(criteria: CompanySearchCriteria): Promise<CompanySearchResult>;
  /** Companies researching topics now (free). */
  intentSearch(request: IntentSearchRequest): Promise<IntentSearchResult>;
  news(companyId: number): Promise<NewsArticle[]>;
  scoops(companyId: number): Promise<Scoop[]>;
  /** The company's people with their place in its reporting tree (free previews). */
  orgChart(companyId: number): Promise<OrgPerson[]>;
  /** The company's parents and subsidiaries. */
  corporateFamily(companyId: number): Promise<CorporateFamily>;
  usage(): Promise<UsageEntry[]>;
  lookup(field: LookupField): Promise<LookupResponse['data']>;
  /** Lists (GTM Studio audiences): the client, which also says whether the token may change them. */
  audiences(): Promise<AudiencesClient>;
}

/** What the registry hands a provider definition to build its provider from. */
export interface ProviderContext {
  settings: Settings;
  secrets: Secrets;
  /** An HTTP client for the provider: its rate limiter (shared by every client with `limiterKey`), retries, timeouts. */
  http(options: { baseUrl: string; label: string; limiterKey: string; tokens: BearerTokens | null; reportsCredits?: boolean }): ProviderHttp;
  tokenStore(key: string): TokenStore;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
}

/**
 * A provider as a plug-in: one entry of utils/providers/index.ts. `id`, `label`, `auth` and
 * `capabilities` come from the catalog (utils/schemas/provider-catalog.ts); `create` builds the provider,
 * or answers null when the settings and secrets do not configure it.
 */
export interface ProviderDefinition {
  readonly id: ProviderId;
  readonly label: string;
  readonly auth: readonly AuthMethodId[];
  readonly capabilities: readonly Capability[];
  create(context: ProviderContext): Provider | null;
}
