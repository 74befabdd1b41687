import { z } from 'zod';

/** api-contract.md §1: the simple contacts/companies search API. */

const nonEmptyList = (field: string) =>
  z.array(z.string().min(1).max(500)).min(1, { error: `${field} must not be an empty array` }).max(100);

/** UTC ISO 8601 instant, e.g. 2024-01-31T00:00:00Z. */
const instant = z.iso.datetime({ offset: true });

const companyCriteria = {
  added_after: instant.optional(),
  added_before: instant.optional(),
  locations: nonEmptyList('locations').optional(),
  functions: nonEmptyList('functions').optional(),
  industries: nonEmptyList('industries').optional(),
  tlds: nonEmptyList('tlds').optional(),
  technologies: nonEmptyList('technologies').optional(),
  page: z.number().int().min(1).max(1_000_000).default(1),
  per_page: z
    .number()
    .int()
    .min(1, { error: 'per_page must be between 1 and 100' })
    .max(100, { error: 'per_page must be between 1 and 100' })
    .default(25),
};

export const companySearchRequest = z.strictObject(companyCriteria);
export type CompanySearchRequest = z.input<typeof companySearchRequest>;

export const contactSearchRequest = z.strictObject({
  job_titles: nonEmptyList('job_titles').optional(),
  departments: nonEmptyList('departments').optional(),
  seniorities: nonEmptyList('seniorities').optional(),
  has_personal_emails: z.boolean().optional(),
  has_linkedin_profile: z.boolean().optional(),
  is_decision_maker: z.boolean().optional(),
  ...companyCriteria,
});
export type ContactSearchRequest = z.input<typeof contactSearchRequest>;

export const location = z.object({
  city: z.string().nullable(),
  state: z.string().nullable(),
  country: z.string().nullable(),
});
export type Location = z.infer<typeof location>;

export const searchCompany = z.object({
  id: z.number().int(),
  name: z.string(),
  domain: z.string().nullable(),
  website: z.string().nullable(),
  industry: z.string().nullable(),
  sub_industry: z.string().nullable(),
  functions: z.array(z.string()),
  employees: z.number().int().nullable(),
  revenue_usd: z.number().nullable(),
  location,
  technologies: z.array(z.string()),
  created_at: z.string(),
  founded_year: z.number().int().nullable(),
  ticker: z.string().nullable(),
  linkedin_url: z.string().nullable(),
});
export type SearchCompany = z.infer<typeof searchCompany>;

export const searchContact = z.object({
  id: z.number().int(),
  first_name: z.string(),
  last_name: z.string(),
  full_name: z.string(),
  job_title: z.string().nullable(),
  department: z.string().nullable(),
  seniority: z.string().nullable(),
  is_decision_maker: z.boolean(),
  email: z.string().nullable(),
  personal_email: z.string().nullable(),
  phone: z.string().nullable(),
  mobile_phone: z.string().nullable(),
  linkedin_url: z.string().nullable(),
  location,
  company: z.object({ id: z.number().int(), name: z.string(), domain: z.string().nullable() }),
});
export type SearchContact = z.infer<typeof searchContact>;

export const searchMeta = z.object({
  page: z.number().int(),
  per_page: z.number().int(),
  total: z.number().int(),
  total_pages: z.number().int(),
  took_ms: z.number(),
});
export type SearchMeta = z.infer<typeof searchMeta>;

const envelope = <T extends z.ZodType>(record: T) =>
  z.object({ data: z.array(record), meta: searchMeta, errors: z.array(z.unknown()) });

export const contactSearchResponse = envelope(searchContact);
export type ContactSearchResponse = z.infer<typeof contactSearchResponse>;
export const companySearchResponse = envelope(searchCompany);
export type CompanySearchResponse = z.infer<typeof companySearchResponse>;
