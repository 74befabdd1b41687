/** SQL selects of the records and their mapping onto both contracts' shapes. */
import type { EnrichedCompany, EnrichedContact, ContactSummary, CompanySummary } from '../../utils/schemas/enterprise-api.ts';
import type { SearchCompany, SearchContact } from '../../utils/schemas/search-api.ts';
import type { CompanyRow, ContactRow } from '../seed/rows.ts';
import { TECH_BY_PRODUCT } from './tech-tags.ts';

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS"Z"'`;

export const CONTACT_SELECT = `
SELECT ct.id, ct.company_id, ct.first_name, ct.last_name, ct.job_title, ct.department, ct.seniority,
       ct.is_decision_maker, ct.email, ct.personal_email, ct.phone, ct.mobile_phone, ct.direct_dnc, ct.mobile_dnc,
       ct.linkedin_url, ct.city, ct.state, ct.country, ct.accuracy_score,
       to_char(ct.updated_at AT TIME ZONE 'UTC', ${ISO}) AS updated_at, ct.picture,
       co.name AS company_name, co.domain AS company_domain, co.website AS company_website,
       co.phone AS company_phone, co.street AS company_street, co.city AS company_city, co.state AS company_state,
       co.zip_code AS company_zip_code, co.country AS company_country, co.employees AS company_employees,
       co.revenue_usd AS company_revenue_usd, co.industry AS company_industry
FROM contacts ct JOIN companies co ON co.id = ct.company_id`;

/** A contact as the queries read it: the seeded columns plus its company's name, domain and website. */
export interface ContactRecord extends ContactRow {
  company_name: string;
  company_domain: string | null;
  company_website: string | null;
  company_phone: string | null;
  company_street: string | null;
  company_city: string | null;
  company_state: string | null;
  company_zip_code: string | null;
  company_country: string | null;
  company_employees: number | null;
  company_revenue_usd: number | null;
  company_industry: string | null;
}

export const COMPANY_SELECT = `
SELECT co.id, co.name, co.domain, co.website, co.industry, co.sub_industry, co.functions, co.employees,
       co.revenue_usd, co.city, co.state, co.country, co.technologies,
       to_char(co.created_at AT TIME ZONE 'UTC', ${ISO}) AS created_at, co.founded_year, co.ticker, co.linkedin_url,
       co.street, co.zip_code, co.phone, co.description, co.total_funding_usd,
       to_char(co.recent_funding_date, 'YYYY-MM-DD') AS recent_funding_date
FROM companies co`;

/** A company as the queries read it: the same columns the seed writes. */
export type CompanyRecord = CompanyRow;

/** Absent values are null, never an empty string (api-contract.md §1). */
const v = (s: string | null | undefined): string | null => (s === undefined || s === null || s.trim() === '' ? null : s);

export function toSearchContact(r: ContactRecord): SearchContact {
  return {
    id: r.id,
    first_name: r.first_name,
    last_name: r.last_name,
    full_name: `${r.first_name} ${r.last_name}`,
    job_title: v(r.job_title),
    department: v(r.department),
    seniority: v(r.seniority),
    is_decision_maker: r.is_decision_maker,
    email: v(r.email),
    personal_email: v(r.personal_email),
    phone: v(r.phone),
    mobile_phone: v(r.mobile_phone),
    linkedin_url: v(r.linkedin_url),
    location: { city: v(r.city), state: v(r.state), country: v(r.country) },
    company: { id: r.company_id, name: r.company_name, domain: v(r.company_domain) },
  };
}

export function toSearchCompany(r: CompanyRecord): SearchCompany {
  return {
    id: r.id,
    name: r.name,
    domain: v(r.domain),
    website: v(r.website),
    industry: v(r.industry),
    sub_industry: v(r.sub_industry),
    functions: r.functions,
    employees: r.employees,
    revenue_usd: r.revenue_usd,
    location: { city: v(r.city), state: v(r.state), country: v(r.country) },
    technologies: r.technologies,
    created_at: r.created_at,
    founded_year: r.founded_year,
    ticker: v(r.ticker),
    linkedin_url: v(r.linkedin_url),
  };
}

export { CONTACT_FIELDS, COMPANY_FIELDS } from '../../utils/schemas/enterprise-api.ts';

/**
 * The full record. `revealed: false` (MULTI_MATCH candidates) leaves out what costs a credit:
 * e-mail addresses and phone numbers; enrich the chosen candidate by personId to reveal them.
 */
export function toEnrichedContact(r: ContactRecord, revealed = true): EnrichedContact {
  return {
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    email: revealed ? v(r.email) : null,
    personalEmail: revealed ? v(r.personal_email) : null,
    phone: revealed ? v(r.phone) : null,
    mobilePhone: revealed ? v(r.mobile_phone) : null,
    directPhoneDoNotCall: r.direct_dnc,
    mobilePhoneDoNotCall: r.mobile_dnc,
    jobTitle: v(r.job_title),
    jobFunction: r.department ? [{ name: r.department, department: r.department }] : null,
    managementLevel: r.seniority ? [r.seniority] : null,
    city: v(r.city),
    state: v(r.state),
    country: v(r.country),
    externalUrls: r.linkedin_url ? [{ type: 'linkedin', url: r.linkedin_url }] : null,
    contactAccuracyScore: r.accuracy_score,
    lastUpdatedDate: v(r.updated_at),
    picture: v(r.picture),
    // A contact's location is its company's headquarters here, so the location id is the company's.
    locationCompanyId: r.company_id,
    company: {
      id: r.company_id,
      name: r.company_name,
      website: v(r.company_website),
      phone: v(r.company_phone),
      street: v(r.company_street),
      city: v(r.company_city),
      state: v(r.company_state),
      zipCode: v(r.company_zip_code),
      country: v(r.company_country),
      employeeCount: r.company_employees,
      employeeRange: employeeRange(r.company_employees),
      revenueRange: revenueRange(r.company_revenue_usd),
      primaryIndustry: r.company_industry ? [r.company_industry] : null,
    },
  };
}

/**
 * The published `company*` output fields of a contact enrich, and where each lands in the nested
 * `company` object (companyPhone → company.phone).
 */
export const CONTACT_COMPANY_FIELDS: Record<string, string> = {
  companyId: 'id',
  companyName: 'name',
  companyWebsite: 'website',
  companyPhone: 'phone',
  companyStreet: 'street',
  companyCity: 'city',
  companyState: 'state',
  companyZipCode: 'zipCode',
  companyCountry: 'country',
  companyEmployeeCount: 'employeeCount',
  companyEmployeeRange: 'employeeRange',
  companyRevenueRange: 'revenueRange',
  companyPrimaryIndustry: 'primaryIndustry',
};

/** Revenue bands, by their upper bound in millions of US dollars; past the last: 'Over $5 bil.'. */
export const REVENUE_BANDS: [number, string][] = [
  [1, '$0 - $1 mil.'], [5, '$1 mil. - $5 mil.'], [10, '$5 mil. - $10 mil.'], [25, '$10 mil. - $25 mil.'],
  [50, '$25 mil. - $50 mil.'], [100, '$50 mil. - $100 mil.'], [250, '$100 mil. - $250 mil.'], [500, '$250 mil. - $500 mil.'],
  [1000, '$500 mil. - $1 bil.'], [5000, '$1 bil. - $5 bil.'],
];
export const REVENUE_TOP_BAND = 'Over $5 bil.';

function revenueRange(usd: number | null): string | null {
  if (usd === null) return null;
  return REVENUE_BANDS.find(([max]) => usd / 1_000_000 < max)?.[1] ?? REVENUE_TOP_BAND;
}

/** Employee bands, by their upper bound; past the last: '10,000+'. */
export const EMPLOYEE_BANDS: [number, string][] = [
  [10, '1 - 9'], [20, '10 - 19'], [50, '20 - 49'], [100, '50 - 99'], [250, '100 - 249'], [500, '250 - 499'],
  [1000, '500 - 999'], [5000, '1,000 - 4,999'], [10000, '5,000 - 9,999'],
];
export const EMPLOYEE_TOP_BAND = '10,000+';

function employeeRange(n: number | null): string | null {
  if (n === null) return null;
  return EMPLOYEE_BANDS.find(([max]) => n < max)?.[1] ?? EMPLOYEE_TOP_BAND;
}

export function toEnrichedCompany(r: CompanyRecord): EnrichedCompany {
  return {
    id: r.id,
    name: r.name,
    website: v(r.website),
    domainList: r.domain ? [r.domain] : null,
    industries: r.industry ? [r.industry, ...(r.sub_industry ? [r.sub_industry] : [])] : null,
    primaryIndustry: r.industry ? [r.industry] : null,
    employeeCount: r.employees,
    revenue: r.revenue_usd === null ? null : Math.round(r.revenue_usd / 1000),
    revenueRange: revenueRange(r.revenue_usd),
    employeeRange: employeeRange(r.employees),
    street: v(r.street),
    city: v(r.city),
    state: v(r.state),
    zipCode: v(r.zip_code),
    country: v(r.country),
    phone: v(r.phone),
    ticker: v(r.ticker),
    foundedYear: r.founded_year,
    descriptionList: r.description ? [{ description: r.description }] : null,
    techAttributes: r.technologies.map((tag) => {
      const t = TECH_BY_PRODUCT.get(tag);
      return { tag, product: tag, category: t?.category ?? null, categoryParent: t?.categoryParent ?? null, vendor: t?.vendor ?? null, attribute: t?.attribute ?? null };
    }),
    socialMediaUrls: r.linkedin_url ? [{ type: 'linkedin', url: r.linkedin_url }] : null,
    totalFundingAmount: r.total_funding_usd === null ? null : Math.round(r.total_funding_usd / 1000),
    recentFundingDate: v(r.recent_funding_date),
    createdDate: r.created_at,
  };
}

/** A search never reveals e-mail or phone: only whether they exist. */
export function toContactSummary(r: ContactRecord): ContactSummary {
  return {
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    jobTitle: v(r.job_title),
    managementLevel: r.seniority ? [r.seniority] : null,
    department: v(r.department),
    hasEmail: v(r.email) !== null,
    hasDirectPhone: v(r.phone) !== null,
    hasMobilePhone: v(r.mobile_phone) !== null,
    contactAccuracyScore: r.accuracy_score,
    company: { id: r.company_id, name: r.company_name },
  };
}

export function toCompanySummary(r: CompanyRecord): CompanySummary {
  return {
    id: r.id,
    name: r.name,
    website: v(r.website),
    domain: v(r.domain),
    industry: v(r.industry),
    // Ranges, as the published search answers; exact figures only in enrich (Amendments).
    employeeRange: employeeRange(r.employees),
    revenueRange: revenueRange(r.revenue_usd),
    city: v(r.city),
    state: v(r.state),
    country: v(r.country),
  };
}

/** Keeps `id` and the requested fields the server knows; a known field without value is null. */
export function pickFields<T extends { id: number }>(record: T, fields: readonly string[]): T {
  const out: Record<string, unknown> = { id: record.id };
  const source = record as Record<string, unknown>;
  for (const f of fields) out[f] = source[f] ?? null;
  return out as T;
}
