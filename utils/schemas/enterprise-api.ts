import { z } from 'zod';

/**
 * api-contract.md §2: the ZoomInfo-compatible enterprise API. Request schemas are strict (the
 * server rejects unknown fields); response schemas accept what a real provider adds and mark every
 * field optional-or-null, because `outputFields` decides which fields come back.
 */

const text = z.string().min(1).max(500);
const id = z.union([z.number().int().positive(), z.string().regex(/^\d{1,15}$/).transform(Number)]);
const maybe = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

// ---- authentication ----

export const passwordAuthRequest = z.strictObject({ username: text, password: text });
export const authenticateResponse = z.object({ success: z.boolean().optional(), jwt: z.string().min(1) });
export type AuthenticateResponse = z.infer<typeof authenticateResponse>;

/** Claims of the client JWT a PKI client signs (exp at most 5 minutes after iat). */
export const clientJwtClaims = z.object({
  aud: z.union([z.literal('enterprise_api'), z.array(z.string()).refine((a) => a.includes('enterprise_api'))]),
  iss: z.string(),
  username: z.string().min(1),
  client_id: z.string().min(1),
  iat: z.number(),
  exp: z.number(),
});

export const oauthTokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive().optional(),
  token_type: z.string().optional(),
});
export type OAuthTokenResponse = z.infer<typeof oauthTokenResponse>;

// ---- inputs ----

export const personInput = z.strictObject({
  personId: id.optional(),
  emailAddress: z.email().max(320).optional(),
  hashedEmail: z.string().regex(/^[0-9a-f]{64}$/, { error: 'hashedEmail must be lower-case SHA-256 hex' }).optional(),
  phone: text.optional(),
  firstName: text.optional(),
  lastName: text.optional(),
  fullName: text.optional(),
  companyId: id.optional(),
  companyName: text.optional(),
  externalURL: z.url().max(2000).optional(),
});
export type PersonInput = z.input<typeof personInput>;

export const companyInput = z.strictObject({
  companyId: id.optional(),
  companyWebsite: text.optional(),
  companyName: text.optional(),
});
export type CompanyInput = z.input<typeof companyInput>;

const outputFields = z.array(z.string().max(200)).max(500).optional();

/** Length above 25 is a 413 (payload_too_large), checked by the server after parsing. */
export const enrichContactRequest = z.strictObject({
  matchPersonInput: z.array(personInput).min(1, { error: 'matchPersonInput must not be empty' }),
  outputFields,
});
export type EnrichContactRequest = z.input<typeof enrichContactRequest>;

export const enrichCompanyRequest = z.strictObject({
  matchCompanyInput: z.array(companyInput).min(1, { error: 'matchCompanyInput must not be empty' }),
  outputFields,
});
export type EnrichCompanyRequest = z.input<typeof enrichCompanyRequest>;

export const enrichIntentRequest = z.strictObject({
  matchCompanyInput: z.array(companyInput).min(1, { error: 'matchCompanyInput must not be empty' }),
  topics: z.array(text).min(1).max(100).optional(),
});
export type EnrichIntentRequest = z.input<typeof enrichIntentRequest>;

export const MAX_ENRICH_INPUTS = 25;

// ---- records ----

export const matchStatus = z.enum([
  'FULL_MATCH',
  'CONTACT_ONLY_MATCH',
  'COMPANY_ONLY_MATCH',
  'MULTI_MATCH',
  'NO_MATCH',
  'BAD_DATA',
]);
export type MatchStatus = z.infer<typeof matchStatus>;

const urlEntry = z.object({ type: maybe(z.string()), url: z.string() });

export const enrichedContact = z.object({
  id: z.number(),
  firstName: maybe(z.string()),
  lastName: maybe(z.string()),
  email: maybe(z.string()),
  /** Not in ZoomInfo's field list; the reference server returns it, the UI shows it when present. */
  personalEmail: maybe(z.string()),
  phone: maybe(z.string()),
  mobilePhone: maybe(z.string()),
  directPhoneDoNotCall: maybe(z.boolean()),
  mobilePhoneDoNotCall: maybe(z.boolean()),
  jobTitle: maybe(z.string()),
  jobFunction: maybe(z.array(z.object({ name: maybe(z.string()), department: maybe(z.string()) }))),
  managementLevel: maybe(z.array(z.string())),
  city: maybe(z.string()),
  state: maybe(z.string()),
  country: maybe(z.string()),
  externalUrls: maybe(z.array(urlEntry)),
  contactAccuracyScore: maybe(z.number()),
  lastUpdatedDate: maybe(z.string()),
  picture: maybe(z.string()),
  locationCompanyId: maybe(z.number()),
  /** The `company*` output fields, nested as published (companyPhone → company.phone). */
  company: maybe(z.looseObject({ id: z.number(), name: maybe(z.string()), website: maybe(z.string()) })),
});
export type EnrichedContact = z.infer<typeof enrichedContact>;

export const enrichedCompany = z.object({
  id: z.number(),
  name: maybe(z.string()),
  website: maybe(z.string()),
  domainList: maybe(z.array(z.string())),
  industries: maybe(z.array(z.string())),
  primaryIndustry: maybe(z.array(z.string()).or(z.string())),
  employeeCount: maybe(z.number()),
  /** In thousands of US dollars. */
  revenue: maybe(z.number()),
  revenueRange: maybe(z.string()),
  employeeRange: maybe(z.string()),
  street: maybe(z.string()),
  city: maybe(z.string()),
  state: maybe(z.string()),
  zipCode: maybe(z.string()),
  country: maybe(z.string()),
  phone: maybe(z.string()),
  ticker: maybe(z.string()),
  foundedYear: maybe(z.union([z.number(), z.string()])),
  descriptionList: maybe(z.array(z.object({ description: maybe(z.string()) }))),
  /** `attribute` is the dot-notation tag search's `techAttributeTagList` takes. */
  techAttributes: maybe(
    z.array(
      z.object({
        tag: z.string(),
        product: maybe(z.string()),
        category: maybe(z.string()),
        categoryParent: maybe(z.string()),
        vendor: maybe(z.string()),
        attribute: maybe(z.string()),
      }),
    ),
  ),
  socialMediaUrls: maybe(z.array(urlEntry)),
  totalFundingAmount: maybe(z.number()),
  recentFundingDate: maybe(z.string()),
  createdDate: maybe(z.string()),
});
export type EnrichedCompany = z.infer<typeof enrichedCompany>;

/**
 * Every field of an enriched contact and company, in the contract's order: what the extension asks
 * for in `outputFields` and what the reference server knows.
 */
export const CONTACT_FIELDS = [
  'id', 'firstName', 'lastName', 'email', 'personalEmail', 'phone', 'mobilePhone', 'directPhoneDoNotCall',
  'mobilePhoneDoNotCall', 'jobTitle', 'jobFunction', 'managementLevel', 'city', 'state', 'country', 'externalUrls',
  'contactAccuracyScore', 'lastUpdatedDate', 'picture', 'locationCompanyId', 'company',
] as const satisfies readonly (keyof EnrichedContact)[];

export const COMPANY_FIELDS = [
  'id', 'name', 'website', 'domainList', 'industries', 'primaryIndustry', 'employeeCount', 'revenue', 'revenueRange',
  'employeeRange', 'street', 'city', 'state', 'zipCode', 'country', 'phone', 'ticker', 'foundedYear', 'descriptionList',
  'techAttributes', 'socialMediaUrls', 'totalFundingAmount', 'recentFundingDate', 'createdDate',
] as const satisfies readonly (keyof EnrichedCompany)[];

export const contactSummary = z.object({
  id: z.number(),
  firstName: maybe(z.string()),
  lastName: maybe(z.string()),
  jobTitle: maybe(z.string()),
  managementLevel: maybe(z.array(z.string()).or(z.string())),
  department: maybe(z.string()),
  hasEmail: maybe(z.boolean()),
  hasDirectPhone: maybe(z.boolean()),
  hasMobilePhone: maybe(z.boolean()),
  contactAccuracyScore: maybe(z.number()),
  company: maybe(z.object({ id: z.number(), name: maybe(z.string()) })),
});
export type ContactSummary = z.infer<typeof contactSummary>;

export const companySummary = z.object({
  id: z.number(),
  name: maybe(z.string()),
  website: maybe(z.string()),
  domain: maybe(z.string()),
  industry: maybe(z.string()),
  employeeCount: maybe(z.number()),
  revenue: maybe(z.number()),
  /** Published search results show ranges ("100 - 249"), exact figures only in enrich. */
  employeeRange: maybe(z.string()),
  revenueRange: maybe(z.string()),
  city: maybe(z.string()),
  state: maybe(z.string()),
  country: maybe(z.string()),
});
export type CompanySummary = z.infer<typeof companySummary>;

export const intentSignal = z.object({
  companyId: z.number(),
  topic: z.string(),
  topicId: maybe(z.union([z.number(), z.string()])),
  signalScore: z.number().min(0).max(100),
  signalDate: maybe(z.string()),
  /** low | medium | high here; the published API grades A (largest audience) to E. */
  audienceStrength: maybe(z.string()),
  spike: maybe(z.boolean()),
  recommendedContacts: maybe(z.array(contactSummary)),
});
export type IntentSignal = z.infer<typeof intentSignal>;

// ---- responses ----

const resultEntry = <T extends z.ZodType>(record: T) =>
  z.object({
    /** The input echoed back; for BAD_DATA it carries `reason`, saying why it identifies no one. */
    input: z.record(z.string(), z.unknown()),
    data: z.array(record),
    matchStatus,
  });

/** Published: a list of lists of field names; earlier reference servers sent one flat list. */
const outputFieldsEcho = z.array(z.union([z.string(), z.array(z.string())])).optional();

export const enrichContactResponse = z.object({
  success: z.boolean(),
  data: z.object({ outputFields: outputFieldsEcho, result: z.array(resultEntry(enrichedContact)) }),
});
export type EnrichContactResponse = z.infer<typeof enrichContactResponse>;

export const enrichCompanyResponse = z.object({
  success: z.boolean(),
  data: z.object({ outputFields: outputFieldsEcho, result: z.array(resultEntry(enrichedCompany)) }),
});
export type EnrichCompanyResponse = z.infer<typeof enrichCompanyResponse>;

/** A contact recommended with a signal: a summary, with the published `jobFunction` list. */
export const recommendedContact = contactSummary.extend({
  jobFunction: maybe(z.array(z.object({ name: maybe(z.string()), department: maybe(z.string()) }))),
});
export type RecommendedContact = z.infer<typeof recommendedContact>;

/** A signal as the published /enrich/intent and /search/intent answer it: one row per signal, the company nested. */
export const publishedIntentSignal = z.object({
  id: maybe(z.union([z.number(), z.string()])),
  category: maybe(z.string()),
  topic: z.string(),
  signalScore: z.number().min(0).max(100),
  /** Published grades A (the largest audience) to E. */
  audienceStrength: maybe(z.string()),
  newSignal: maybe(z.boolean()),
  signalDate: maybe(z.string()),
  trend: maybe(z.number()),
  recommendedContacts: maybe(z.array(recommendedContact)),
  company: z.object({
    id: z.number(),
    name: maybe(z.string()),
    website: maybe(z.string()),
    /** Whether the company also shows increased consumption of topics other than those asked for. */
    hasOtherTopicConsumption: maybe(z.boolean()),
  }),
});
export type PublishedIntentSignal = z.infer<typeof publishedIntentSignal>;

export const intentEnrichResult = z.object({
  maxResults: z.number().int().optional(),
  totalResults: z.number().int().optional(),
  currentPage: z.number().int().optional(),
  data: z.array(publishedIntentSignal),
});
export type IntentEnrichResult = z.infer<typeof intentEnrichResult>;

const strengths = new Set(['low', 'medium', 'high']);

/** The earlier `{ success, data: { result } }` shape, or the published list, read as the former. */
export const enrichIntentResponse = z.union([
  z.object({
    success: z.boolean(),
    data: z.object({ result: z.array(resultEntry(intentSignal)) }),
  }),
  intentEnrichResult.transform((published) => ({
    success: true,
    data: {
      result: [
        {
          input: {},
          matchStatus: published.data.length > 0 ? ('FULL_MATCH' as const) : ('NO_MATCH' as const),
          data: published.data.map(
            (s): IntentSignal => ({
              companyId: s.company.id,
              topic: s.topic,
              topicId: s.id,
              signalScore: s.signalScore,
              signalDate: s.signalDate,
              audienceStrength: s.audienceStrength && strengths.has(s.audienceStrength) ? (s.audienceStrength as 'low' | 'medium' | 'high') : null,
              spike: s.newSignal,
              recommendedContacts: s.recommendedContacts,
            }),
          ),
        },
      ],
    },
  })),
]);
export type EnrichIntentResponse = z.infer<typeof enrichIntentResponse>;

const paging = {
  rpp: z.number().int().min(1).max(100).default(25),
  page: z.number().int().min(1).max(1_000_000).default(1),
};
const sorting = { sortBy: z.string().max(100).optional(), sortOrder: z.enum(['asc', 'desc']).optional() };

export const contactSearchCriteria = z.strictObject({
  emailAddress: text.optional(),
  fullName: text.optional(),
  firstName: text.optional(),
  lastName: text.optional(),
  jobTitle: text.optional(),
  managementLevel: text.optional(),
  department: text.optional(),
  companyId: id.optional(),
  companyName: text.optional(),
  companyWebsite: text.optional(),
  industryKeywords: text.optional(),
  state: text.optional(),
  country: text.optional(),
  techAttributeTagList: text.optional(),
  personId: text.optional(),
  excludeJobTitle: text.optional(),
  excludeManagementLevel: text.optional(),
  executivesOnly: z.boolean().optional(),
  requiredFields: text.optional(),
  contactAccuracyScoreMin: z.union([z.number(), text]).optional(),
  contactAccuracyScoreMax: z.union([z.number(), text]).optional(),
  locationCompanyId: z.array(z.union([z.number(), text])).max(1000).optional(),
  locationSearchType: text.optional(),
  jobFunction: text.optional(),
  ...paging,
  ...sorting,
});
export type ContactSearchCriteria = z.input<typeof contactSearchCriteria>;

/** Company criteria of company search that intent search takes as well. */
export const companyCriteria = {
  industryKeywords: text.optional(),
  state: text.optional(),
  country: text.optional(),
  employeeRangeMin: z.number().int().min(0).optional(),
  employeeRangeMax: z.number().int().min(0).optional(),
  revenueMin: z.number().min(0).optional(),
  revenueMax: z.number().min(0).optional(),
  techAttributeTagList: text.optional(),
  locationSearchType: text.optional(),
};

export const companySearchCriteria = z.strictObject({
  companyId: id.optional(),
  companyName: text.optional(),
  companyWebsite: text.optional(),
  ...companyCriteria,
  ...paging,
  ...sorting,
});
export type CompanySearchCriteria = z.input<typeof companySearchCriteria>;

/** The published sort keys of intent search but `category`, which this server's topics lack. */
export const INTENT_SORT_KEYS = ['signalScore', 'signalDate', 'companyName', 'topic', 'audienceStrength'] as const;

export const intentSearchRequest = z.strictObject({
  topics: z.array(text).min(1).max(100),
  signalScoreMin: z.number().min(0).max(100).optional(),
  ...companyCriteria,
  ...paging,
  sortBy: z.enum(INTENT_SORT_KEYS).optional(),
  /** Published: `asc`, `ascending`, `desc` and `descending`; descending by default. */
  sortOrder: z.enum(['asc', 'ascending', 'desc', 'descending']).optional(),
});
export const companyFeedRequest = z.strictObject({ companyId: id, ...paging });

const searchEnvelope = <T extends z.ZodType>(record: T) =>
  z.object({
    maxResults: z.number().int(),
    totalResults: z.number().int(),
    currentPage: z.number().int(),
    data: z.array(record),
  });

export const contactSearchResult = searchEnvelope(contactSummary);
export type ContactSearchResult = z.infer<typeof contactSearchResult>;
export const companySearchResult = searchEnvelope(companySummary);
export type CompanySearchResult = z.infer<typeof companySearchResult>;
export type IntentSearchRequest = z.input<typeof intentSearchRequest>;
/** `/search/intent` as published and as the reference server answers it: one row per signal. */
export const intentSearchAnswer = searchEnvelope(publishedIntentSignal);
export type IntentSearchAnswer = z.infer<typeof intentSearchAnswer>;
/** The same answer as the extension reads it (enterprise-readers.ts): companies, each with its signals. */
export const intentSearchResult = searchEnvelope(companySummary.extend({ signals: z.array(intentSignal) }));
export type IntentSearchResult = z.infer<typeof intentSearchResult>;
export type IntentCompany = IntentSearchResult['data'][number];

export const newsArticle = z.object({
  id: z.union([z.number(), z.string()]),
  companyId: z.number(),
  headline: z.string(),
  category: maybe(z.string()),
  publishedDate: maybe(z.string()),
  url: maybe(z.string()),
  /** The published names of the same values: title, pageDate, categories, company (a list). */
  title: maybe(z.string()),
  pageDate: maybe(z.string()),
  categories: maybe(z.array(z.string())),
  company: maybe(z.array(z.object({ id: z.number(), name: maybe(z.string()) }))),
});
export type NewsArticle = z.infer<typeof newsArticle>;
export const newsSearchResult = searchEnvelope(newsArticle);

export const scoop = z.object({
  id: z.union([z.number(), z.string()]),
  companyId: z.number(),
  type: maybe(z.string()),
  description: z.string(),
  publishedDate: maybe(z.string()),
  /** The published names: updateText (the description), company. */
  updateText: maybe(z.string()),
  company: maybe(z.object({ id: z.number(), name: maybe(z.string()) })),
});
export type Scoop = z.infer<typeof scoop>;
export const scoopSearchResult = searchEnvelope(scoop);

export const usageEntry = z.object({
  limitType: z.string(),
  description: maybe(z.string()),
  limit: z.number(),
  currentUsage: z.number(),
  usageRemaining: z.number(),
});
export type UsageEntry = z.infer<typeof usageEntry>;
export const usageResponse = z.object({ usage: z.array(usageEntry) });
export type UsageResponse = z.infer<typeof usageResponse>;

export const lookupField = z.enum(['departments', 'managementlevel', 'industries', 'intent/topics', 'technologies']);
export type LookupField = z.infer<typeof lookupField>;
export const lookupResponse = z.object({
  data: z.array(z.object({ id: z.union([z.number(), z.string()]), name: z.string() })),
});
export type LookupResponse = z.infer<typeof lookupResponse>;

/** Usage limit type the reference server reports for enrich credits. */
export const RECORD_LIMIT_TYPE = 'RecordLimit';
