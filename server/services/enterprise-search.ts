/** api-contract.md §2: the enterprise searches (contacts, companies, intent, news and scoops). */
import type { z } from 'zod';
import type {
  NewsArticle,
  Scoop,
  companyFeedRequest,
  companyCriteria,
  companySearchCriteria,
  contactSearchCriteria,
} from '../../utils/schemas/enterprise-api.ts';
import type { Queryable } from '../db/index.ts';
import { ApiFailure } from '../lib/errors.ts';
import { likeContains, registrableDomain } from '../lib/normalize.ts';
import type { CountCache } from './count-cache.ts';
import { MANAGEMENT_LEVELS, type LookupValue } from './lookups.ts';
import { COMPANY_SELECT, CONTACT_SELECT, type CompanyRecord, type ContactRecord } from './records.ts';
import type { Page } from './search-api.ts';
import { productsTagged, techLookup } from './tech-tags.ts';
import { Where } from './where.ts';

const SORT_CONTACTS: Record<string, string> = {
  id: 'ct.id',
  firstName: 'lower(ct.first_name)',
  lastName: 'lower(ct.last_name)',
  jobTitle: 'lower(ct.job_title)',
  companyName: 'lower(co.name)',
  contactAccuracyScore: 'ct.accuracy_score',
};
const SORT_COMPANIES: Record<string, string> = {
  id: 'co.id',
  name: 'lower(co.name)',
  employeeCount: 'co.employees',
  revenue: 'co.revenue_usd',
  foundedYear: 'co.founded_year',
};

function orderBy(map: Record<string, string>, sortBy: string | undefined, sortOrder: 'asc' | 'desc' | undefined, idColumn: string): string {
  const column = map[sortBy ?? 'id'];
  if (!column) throw new ApiFailure('invalid_input', `sortBy must be one of ${Object.keys(map).join(', ')}.`);
  const dir = sortOrder === 'desc' ? 'DESC' : 'ASC';
  return column === idColumn ? `${idColumn} ${dir}` : `${column} ${dir} NULLS LAST, ${idColumn} ASC`;
}

function domainOf(website: string): string {
  const d = registrableDomain(website);
  if (!d) throw new ApiFailure('invalid_input', 'companyWebsite has no registrable domain (e.g. https://www.example.com).');
  return d;
}

/** A search never pages past this many results (Amendments). */
export const MAX_SEARCH_RESULTS = 10_000;

export function checkDepth(page: number, rpp: number): void {
  if ((page - 1) * rpp >= MAX_SEARCH_RESULTS) {
    throw new ApiFailure('invalid_input', `Search results stop at ${MAX_SEARCH_RESULTS.toLocaleString('en-US')}: page ${page} of ${rpp} starts past them. Narrow the criteria.`);
  }
}

/** The published management levels, lower-cased, as this server's seniorities. */
const LEVELS = new Map(Object.entries(MANAGEMENT_LEVELS).map(([name, seniorities]) => [name.toLowerCase(), seniorities.map((s) => s.toLowerCase())]));

const US_STATES: Record<string, string> = {
  al: 'alabama', ak: 'alaska', az: 'arizona', ar: 'arkansas', ca: 'california', co: 'colorado', ct: 'connecticut', de: 'delaware',
  dc: 'district of columbia', fl: 'florida', ga: 'georgia', hi: 'hawaii', id: 'idaho', il: 'illinois', in: 'indiana', ia: 'iowa',
  ks: 'kansas', ky: 'kentucky', la: 'louisiana', me: 'maine', md: 'maryland', ma: 'massachusetts', mi: 'michigan', mn: 'minnesota',
  ms: 'mississippi', mo: 'missouri', mt: 'montana', ne: 'nebraska', nv: 'nevada', nh: 'new hampshire', nj: 'new jersey',
  nm: 'new mexico', ny: 'new york', nc: 'north carolina', nd: 'north dakota', oh: 'ohio', ok: 'oklahoma', or: 'oregon',
  pa: 'pennsylvania', ri: 'rhode island', sc: 'south carolina', sd: 'south dakota', tn: 'tennessee', tx: 'texas', ut: 'utah',
  vt: 'vermont', va: 'virginia', wa: 'washington', wv: 'west virginia', wi: 'wisconsin', wy: 'wyoming',
};

/** Comma-separated values, trimmed and lower-cased (the published API takes lists this way). */
function list(raw: string): string[] {
  return raw.split(',').map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0);
}

/** Published: several job titles in one `jobTitle`, joined with the operator ` OR `. */
function jobTitles(raw: string): string[] {
  const titles = raw.split(/\s+OR\s+/).map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0);
  if (titles.length === 0) throw new ApiFailure('invalid_input', 'jobTitle must name at least one title (several joined with " OR ").');
  return titles;
}

/**
 * Published: industry keywords comma-separated (contact search) or joined with ` OR ` (company
 * search); both are taken by both searches.
 */
function industries(raw: string): string[] {
  const names = raw.split(/\s+OR\s+|,/).map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0);
  if (names.length === 0) throw new ApiFailure('invalid_input', 'industryKeywords must name at least one industry (several comma-separated or joined with " OR ").');
  return names;
}

const managementLevels = (raw: string) => list(raw).flatMap((l) => LEVELS.get(l) ?? [l]);
const states = (raw: string) => list(raw).map((s) => US_STATES[s] ?? s);

const REQUIRED_FIELDS: Record<string, string> = {
  email: 'ct.email IS NOT NULL',
  phone: 'ct.phone IS NOT NULL',
  directPhone: 'ct.phone IS NOT NULL',
  mobilePhone: 'ct.mobile_phone IS NOT NULL',
  personalEmail: 'ct.personal_email IS NOT NULL',
};

const LOCATION_SEARCH_TYPES = ['Person', 'HQ', 'PersonAndHQ', 'PersonOrHQ', 'PersonThenHQ'];

function score(raw: number | string, field: string): number {
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new ApiFailure('invalid_input', `${field} must be a number (70–99).`);
  return n;
}

/** Case-insensitive equality on a column, when the criterion is given. */
function equals(where: Where) {
  return (column: string, value: string | undefined) => {
    if (value !== undefined) where.add(`lower(${column}) = ${where.param(value.trim().toLowerCase())}`);
  };
}

/**
 * A contact's state and country: the person's (`Person`, the default), the company's headquarters
 * (`HQ`), both (`PersonAndHQ`), or either (`PersonOrHQ`, `PersonThenHQ`).
 */
function locationWhere(where: Where, type: string | undefined, state: string | undefined, country: string | undefined): void {
  if (type !== undefined && !LOCATION_SEARCH_TYPES.includes(type)) {
    throw new ApiFailure('invalid_input', `locationSearchType must be one of ${LOCATION_SEARCH_TYPES.join(', ')}.`);
  }
  const at = (prefix: 'ct' | 'co') => {
    const parts: string[] = [];
    if (state !== undefined) parts.push(`lower(${prefix}.state) = ANY(${where.param(states(state))}::text[])`);
    if (country !== undefined) parts.push(`lower(${prefix}.country) = ${where.param(country.trim().toLowerCase())}`);
    return parts.length ? `(${parts.join(' AND ')})` : null;
  };
  if (state === undefined && country === undefined) return;
  // Only the clauses used take parameters: an unused one would leave its type undetermined.
  const kind = type ?? 'Person';
  if (kind === 'Person') where.add(at('ct') ?? '');
  else if (kind === 'HQ') where.add(at('co') ?? '');
  else if (kind === 'PersonAndHQ') where.add(`${at('ct') ?? ''} AND ${at('co') ?? ''}`);
  else where.add(`(${at('ct') ?? ''} OR ${at('co') ?? ''})`);
}

type Unpaged<T> = Omit<T, 'page' | 'rpp' | 'sortBy' | 'sortOrder'>;

/** The filter of a contact search, shared by /search/contact and bulk contact search (over `contacts ct JOIN companies co`). */
export function contactWhere(q: Unpaged<z.output<typeof contactSearchCriteria>>): Where {
  const where = new Where();
  const eq = equals(where);
  eq('ct.email', q.emailAddress);
  if (q.fullName !== undefined) where.add(`lower(ct.first_name || ' ' || ct.last_name) = ${where.param(q.fullName.trim().toLowerCase().replace(/\s+/g, ' '))}`);
  eq('ct.first_name', q.firstName);
  eq('ct.last_name', q.lastName);
  if (q.jobTitle !== undefined) where.add(`lower(ct.job_title) = ANY(${where.param(jobTitles(q.jobTitle))}::text[])`);
  if (q.managementLevel !== undefined) where.add(`lower(ct.seniority) = ANY(${where.param(managementLevels(q.managementLevel))}::text[])`);
  if (q.excludeManagementLevel !== undefined) where.add(`NOT (lower(coalesce(ct.seniority, '')) = ANY(${where.param(managementLevels(q.excludeManagementLevel))}::text[]))`);
  if (q.executivesOnly === true) where.add(`ct.seniority IN ('C-Level', 'VP')`);
  eq('ct.department', q.department);
  eq('ct.department', q.jobFunction);
  if (q.personId !== undefined) where.add(`ct.id = ANY(${where.param(list(q.personId).map(Number).filter(Number.isInteger))}::int[])`);
  if (q.excludeJobTitle !== undefined) {
    for (const title of list(q.excludeJobTitle)) where.add(`lower(coalesce(ct.job_title, '')) NOT LIKE ${where.param(likeContains(title))} ESCAPE '\\'`);
  }
  if (q.requiredFields !== undefined) {
    for (const field of q.requiredFields.split(',').map((f) => f.trim())) {
      const clause = REQUIRED_FIELDS[field];
      if (!clause) throw new ApiFailure('invalid_input', `requiredFields: "${field.slice(0, 50)}" is not one of ${Object.keys(REQUIRED_FIELDS).join(', ')}.`);
      where.add(clause);
    }
  }
  if (q.contactAccuracyScoreMin !== undefined) where.add(`ct.accuracy_score >= ${where.param(score(q.contactAccuracyScoreMin, 'contactAccuracyScoreMin'))}`);
  if (q.contactAccuracyScoreMax !== undefined) where.add(`ct.accuracy_score <= ${where.param(score(q.contactAccuracyScoreMax, 'contactAccuracyScoreMax'))}`);
  if (q.locationCompanyId !== undefined) where.add(`ct.company_id = ANY(${where.param(q.locationCompanyId.map(Number).filter(Number.isInteger))}::int[])`);
  if (q.companyId !== undefined) where.add(`ct.company_id = ${where.param(q.companyId)}`);
  if (q.companyName !== undefined) where.add(`lower(co.name) LIKE ${where.param(likeContains(q.companyName.trim()))} ESCAPE '\\'`);
  if (q.companyWebsite !== undefined) where.add(`co.domain = ${where.param(domainOf(q.companyWebsite))}`);
  if (q.industryKeywords !== undefined) where.add(`lower(co.industry) = ANY(${where.param(industries(q.industryKeywords))}::text[])`);
  locationWhere(where, q.locationSearchType, q.state, q.country);
  if (q.techAttributeTagList !== undefined) where.add(`co.technologies_lc && ${where.param(productsTagged(q.techAttributeTagList))}::text[]`);
  return where;
}

export async function searchContacts(db: Queryable, counts: CountCache, q: z.output<typeof contactSearchCriteria>): Promise<Page<ContactRecord>> {
  const where = contactWhere(q);
  checkDepth(q.page, q.rpp);
  const order = orderBy(SORT_CONTACTS, q.sortBy, q.sortOrder, 'ct.id');
  const countParams = [...where.params];
  const limit = where.param(q.rpp);
  const offset = where.param((q.page - 1) * q.rpp);
  const [rows, total] = await Promise.all([
    db.query<ContactRecord>(`${CONTACT_SELECT} ${where.sql} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`, where.params),
    counts.count(`SELECT count(*)::int AS n FROM contacts ct JOIN companies co ON co.id = ct.company_id ${where.sql}`, countParams),
  ]);
  return { rows, total };
}

/** The company criteria company search and intent search share (`companyCriteria`), on `co`. */
export function companyWhere(where: Where, q: z.output<z.ZodObject<typeof companyCriteria>>): void {
  if (q.industryKeywords !== undefined) where.add(`lower(co.industry) = ANY(${where.param(industries(q.industryKeywords))}::text[])`);
  if (q.locationSearchType !== undefined && !LOCATION_SEARCH_TYPES.includes(q.locationSearchType)) {
    throw new ApiFailure('invalid_input', `locationSearchType must be one of ${LOCATION_SEARCH_TYPES.join(', ')}.`);
  }
  if (q.state !== undefined) where.add(`lower(co.state) = ANY(${where.param(states(q.state))}::text[])`);
  equals(where)('co.country', q.country);
  if (q.employeeRangeMin !== undefined) where.add(`co.employees >= ${where.param(q.employeeRangeMin)}`);
  if (q.employeeRangeMax !== undefined) where.add(`co.employees <= ${where.param(q.employeeRangeMax)}`);
  // revenueMin / revenueMax are in thousands of US dollars, like `revenue`.
  if (q.revenueMin !== undefined) where.add(`co.revenue_usd >= ${where.param(q.revenueMin * 1000)}`);
  if (q.revenueMax !== undefined) where.add(`co.revenue_usd <= ${where.param(q.revenueMax * 1000)}`);
  if (q.techAttributeTagList !== undefined) where.add(`co.technologies_lc && ${where.param(productsTagged(q.techAttributeTagList))}::text[]`);
}

/** The filter of a company search, shared by /search/company and bulk company search (over `companies co`). */
export function companySearchWhere(q: Unpaged<z.output<typeof companySearchCriteria>>): Where {
  const where = new Where();
  if (q.companyId !== undefined) where.add(`co.id = ${where.param(q.companyId)}`);
  if (q.companyName !== undefined) where.add(`lower(co.name) LIKE ${where.param(likeContains(q.companyName.trim()))} ESCAPE '\\'`);
  if (q.companyWebsite !== undefined) where.add(`co.domain = ${where.param(domainOf(q.companyWebsite))}`);
  companyWhere(where, q);
  return where;
}

export async function searchCompanies(db: Queryable, counts: CountCache, q: z.output<typeof companySearchCriteria>): Promise<Page<CompanyRecord>> {
  const where = companySearchWhere(q);
  checkDepth(q.page, q.rpp);
  const order = orderBy(SORT_COMPANIES, q.sortBy, q.sortOrder, 'co.id');
  const countParams = [...where.params];
  const limit = where.param(q.rpp);
  const offset = where.param((q.page - 1) * q.rpp);
  const [rows, total] = await Promise.all([
    db.query<CompanyRecord>(`${COMPANY_SELECT} ${where.sql} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`, where.params),
    counts.count(`SELECT count(*)::int AS n FROM companies co ${where.sql}`, countParams),
  ]);
  return { rows, total };
}

/** A company's news or scoops, newest first; 404 for an unknown company. */
export async function companyFeed(db: Queryable, table: 'news' | 'scoops', q: z.output<typeof companyFeedRequest>): Promise<Page<NewsArticle | Scoop>> {
  const [company] = await db.query<{ id: number; name: string }>('SELECT id, name FROM companies WHERE id = $1', [q.companyId]);
  if (!company) throw new ApiFailure('not_found', `No company with id ${q.companyId}.`);
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE company_id = $1`, [q.companyId]);
  const columns = table === 'news' ? 'id, company_id, headline, category, url' : 'id, company_id, type, description';
  const rows = await db.query<Record<string, string | number | null> & { id: number; company_id: number; published: string | null }>(
    `SELECT ${columns}, to_char(published_date, 'YYYY-MM-DD') AS published FROM ${table}
     WHERE company_id = $1 ORDER BY published_date DESC NULLS LAST, id LIMIT $2 OFFSET $3`,
    [q.companyId, q.rpp, (q.page - 1) * q.rpp],
  );
  const data = rows.map((r): NewsArticle | Scoop =>
    table === 'news'
      ? {
          id: r.id,
          companyId: r.company_id,
          headline: String(r.headline),
          category: (r.category as string | null) ?? null,
          publishedDate: r.published,
          url: (r.url as string | null) ?? null,
          title: String(r.headline),
          pageDate: r.published,
          categories: r.category ? [String(r.category)] : [],
          company: [{ id: company.id, name: company.name }],
        }
      : {
          id: r.id,
          companyId: r.company_id,
          type: (r.type as string | null) ?? null,
          description: String(r.description),
          publishedDate: r.published,
          updateText: String(r.description),
          company: { id: company.id, name: company.name },
        },
  );
  return { rows: data, total: count?.n ?? 0 };
}

export async function lookupValues(db: Queryable, field: string): Promise<LookupValue[]> {
  if (field === 'technologies') return techLookup();
  return db.query<{ id: number; name: string }>('SELECT id, name FROM lookups WHERE kind = $1 ORDER BY id', [field]);
}
