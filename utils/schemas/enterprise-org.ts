import { z } from 'zod';
import { companyInput } from './enterprise-api.ts';

/**
 * The structure of a company as the published enterprise API answers it (issue #16): org chart,
 * corporate hierarchy, locations, technologies, and the news and scoop enrich endpoints. Requests
 * are strict (unknown fields are a 400, api-contract.md); responses follow the published OpenAPI
 * descriptions, open to fields a real provider adds, null where this server has no value.
 */

const text = z.string().min(1).max(500);
const id = z.union([z.number().int().positive(), z.string().regex(/^\d{1,15}$/).transform(Number)]);
const maybe = <T extends z.ZodType>(schema: T) => schema.nullable().optional();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'dates are YYYY-MM-DD' });
const envelope = { maxResults: z.number().int(), totalResults: z.number().int(), currentPage: z.number().int() };

// ---- org chart: POST /enrich/orgchart ----

/** `department`: comma-separated department names or ids (the departments lookup), `c-suite` for the executives. */
export const orgChartRequest = z.strictObject({ companyId: id, department: text });
export type OrgChartRequest = z.input<typeof orgChartRequest>;

export const orgChartPerson = z.object({
  id: z.number().int(),
  firstName: maybe(z.string()),
  middleName: maybe(z.string()),
  lastName: maybe(z.string()),
  lastUpdatedDate: maybe(z.string()),
  title: maybe(z.string()),
  hasEmail: maybe(z.boolean()),
  hasDirectPhone: maybe(z.boolean()),
  department: maybe(z.string()),
  jobFunction: maybe(z.string()),
  orgChartTier: z.number().int(),
  orgChartSubTier: maybe(z.number().int()),
  contactAccuracyScore: maybe(z.number().int()),
  company: z.object({ id: z.number().int(), name: maybe(z.string()) }),
  /** Not in the published description: whom this person reports to, which the tiers alone leave open. */
  managerId: maybe(z.number().int()),
  /** Not published either: the person's management level, for the card. */
  managementLevel: maybe(z.string()),
});
export type OrgChartPerson = z.infer<typeof orgChartPerson>;
export const orgChartResponse = z.object({ ...envelope, data: z.array(orgChartPerson) });
export type OrgChartResponse = z.infer<typeof orgChartResponse>;

// ---- corporate hierarchy: POST /enrich/corporatehierarchy ----

export const corporateHierarchyRequest = z.strictObject({
  matchCompanyInput: z.array(companyInput).min(1, { error: 'matchCompanyInput must not be empty' }),
  outputFields: z.array(z.string().max(200)).max(500).optional(),
});
export type CorporateHierarchyRequest = z.input<typeof corporateHierarchyRequest>;

export const parentageEntry = z.object({
  companyId: z.string(),
  companyName: maybe(z.string()),
  city: maybe(z.string()),
  state: maybe(z.string()),
  subUnitType: maybe(z.string()),
  subUnitDesc: maybe(z.string()),
  acquiredByDate: maybe(z.string()),
});
export type ParentageEntry = z.infer<typeof parentageEntry>;

const subUnitTypeInfo = z.object({ typeId: z.number().int(), typeDescription: z.string() });

export interface FamilyNode {
  companyId: number;
  name?: string | null;
  city?: string | null;
  state?: string | null;
  subUnitTypeInfo?: z.infer<typeof subUnitTypeInfo> | null;
  familyNodes?: FamilyNode[] | null;
}
/** As published: the tree's root, then three levels of nodes below it (FamilyNode, FamilyNode1, FamilyNode2). */
const familyLeaf = z.object({
  companyId: z.number().int(),
  name: maybe(z.string()),
  city: maybe(z.string()),
  state: maybe(z.string()),
  subUnitTypeInfo: maybe(subUnitTypeInfo),
});
const familyMiddle = familyLeaf.extend({ familyNodes: maybe(z.array(familyLeaf)) });
const familyUpper = familyLeaf.extend({ familyNodes: maybe(z.array(familyMiddle)) });
export const familyNode = familyLeaf.extend({ familyNodes: maybe(z.array(familyUpper)) });
/** Levels of nodes the published tree has below its root. */
export const FAMILY_DEPTH = 3;

export const corporateHierarchy = z.object({
  companyId: z.number().int(),
  parentage: maybe(z.array(parentageEntry)),
  familyTree: maybe(z.array(familyNode)),
});
export type CorporateHierarchy = z.infer<typeof corporateHierarchy>;
export const corporateHierarchyResponse = z.object({
  success: z.boolean(),
  data: z.object({
    outputFields: z.array(z.array(z.string())),
    result: z.array(z.object({ input: z.record(z.string(), z.unknown()), data: z.array(corporateHierarchy), matchStatus: maybe(z.string()) })),
  }),
});
export type CorporateHierarchyResponse = z.infer<typeof corporateHierarchyResponse>;

// ---- locations: POST /enrich/location; technologies: POST /enrich/tech ----

export const companyIdRequest = z.strictObject({ companyId: id });

export const companyLocation = z.object({
  phone: maybe(z.string()),
  fax: maybe(z.string()),
  street: maybe(z.string()),
  city: maybe(z.string()),
  state: maybe(z.string()),
  zipCode: maybe(z.string()),
  country: maybe(z.string()),
  company: z.object({
    id: z.number().int(),
    addressStatus: maybe(z.string()),
    subUnitType: maybe(z.string()),
    locationName: maybe(z.string()),
    locationEmployeeCount: maybe(z.number().int()),
  }),
});
export const locationResponse = z.object({ ...envelope, data: z.array(companyLocation) });
export type LocationResponse = z.infer<typeof locationResponse>;

export const technology = z.object({
  tag: z.string(),
  categoryParent: maybe(z.string()),
  category: maybe(z.string()),
  vendor: maybe(z.string()),
  product: maybe(z.string()),
  attribute: maybe(z.string()),
  website: maybe(z.string()),
  logo: maybe(z.string()),
  domain: maybe(z.string()),
  createdTime: maybe(z.string()),
  modifiedTime: maybe(z.string()),
  description: maybe(z.string()),
});
export const technologyResponse = z.object({ ...envelope, data: z.array(technology) });
export type TechnologyResponse = z.infer<typeof technologyResponse>;

// ---- news and scoops: POST /enrich/news, POST /enrich/scoop ----

export const newsEnrichRequest = z.strictObject({
  companyId: id,
  categories: z.array(text).max(50).optional(),
  url: z.array(z.string().min(5, { error: 'each url filter needs at least 5 characters' }).max(500)).max(50).optional(),
  pageDateMin: day.optional(),
  pageDateMax: day.optional(),
  limit: z.number().int().min(1).max(100).default(10),
  page: z.number().int().min(1).max(100_000).default(1),
});
export type NewsEnrichRequest = z.input<typeof newsEnrichRequest>;

export const newsItem = z.object({
  domain: maybe(z.string()),
  title: z.string(),
  url: maybe(z.string()),
  imageUrl: maybe(z.string()),
  pageDate: maybe(z.string()),
  categories: z.array(z.string()),
  description: maybe(z.string()),
  company: z.array(z.object({ id: z.number().int(), name: maybe(z.string()) })),
});
export const newsEnrichResponse = z.object({ ...envelope, data: z.array(newsItem) });
export type NewsEnrichResponse = z.infer<typeof newsEnrichResponse>;

export const scoopEnrichRequest = z
  .strictObject({
    companyId: z.union([z.number().int().positive(), z.string().regex(/^\d{1,15}(,\d{1,15})*$/, { error: 'companyId is an id or a comma-separated list of ids' })]).optional(),
    companyName: text.optional(),
    companyWebsite: text.optional(),
    publishedStartDate: day.optional(),
    publishedEndDate: day.optional(),
    updatedSinceCreation: z.boolean().optional(),
    scoopType: text.optional(),
    scoopTopic: text.optional(),
    department: text.optional(),
    scoopId: text.optional(),
    description: text.optional(),
    rpp: z.number().int().min(1).max(100).default(25),
    page: z.number().int().min(1).max(100_000).default(1),
    sortBy: z.enum(['publishedDate', 'originalPublishedDate']).optional(),
    sortOrder: z.enum(['asc', 'ascending', 'desc', 'descending']).optional(),
  })
  .refine((r) => r.companyId !== undefined || r.companyName !== undefined || r.companyWebsite !== undefined || r.scoopId !== undefined, {
    error: 'name the company: companyId, companyName or companyWebsite (or scoopId)',
  });
export type ScoopEnrichRequest = z.input<typeof scoopEnrichRequest>;

export const scoopItem = z.object({
  id: z.number().int(),
  publishedDate: maybe(z.string()),
  originalPublishedDate: maybe(z.string()),
  linkText: maybe(z.string()),
  link: maybe(z.string()),
  description: z.string(),
  topics: z.array(z.string()),
  updateText: maybe(z.string()),
  types: z.array(z.object({ id: z.number().int(), type: z.string() })),
  contacts: z.array(z.string()),
  company: z.object({ id: z.number().int(), name: maybe(z.string()) }),
});
export const scoopEnrichResponse = z.object({ ...envelope, data: z.array(scoopItem) });
export type ScoopEnrichResponse = z.infer<typeof scoopEnrichResponse>;
