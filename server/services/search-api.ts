/** api-contract.md §1: the search API's filters and queries (contacts and companies by criteria). */
import type { z } from 'zod';
import type { companySearchRequest, contactSearchRequest } from '../../utils/schemas/search-api.ts';
import type { Queryable } from '../db/index.ts';
import { ApiFailure } from '../lib/errors.ts';
import { likeContains } from '../lib/normalize.ts';
import type { CountCache } from './count-cache.ts';
import { COMPANY_SELECT, CONTACT_SELECT, type CompanyRecord, type ContactRecord } from './records.ts';
import { Where } from './where.ts';

export type CompanyCriteria = z.output<typeof companySearchRequest>;
export type ContactCriteria = z.output<typeof contactSearchRequest>;

/** `city:San Francisco||California||United States`, `state:California||United States`, `country:Brazil`. */
export function parseLocation(item: string): { city?: string; state?: string; country: string } {
  const colon = item.indexOf(':');
  const kind = item.slice(0, colon).trim().toLowerCase();
  const parts = item.slice(colon + 1).split('||').map((p) => p.trim().toLowerCase());
  const fail = () => {
    throw new ApiFailure(
      'invalid_input',
      `locations: "${item.slice(0, 100)}" is not one of city:City||State||Country, state:State||Country, country:Country (state may be empty).`,
    );
  };
  if (colon < 0 || parts.every((p) => p === '')) fail();
  // An empty part matches any value (Amendments): `city:London||||United Kingdom` is London, UK, whatever its state.
  if (kind === 'city' && parts.length === 3) return { city: parts[0] ?? '', state: parts[1] ?? '', country: parts[2] ?? '' };
  if (kind === 'state' && parts.length === 2) return { state: parts[0] ?? '', country: parts[1] ?? '' };
  if (kind === 'country' && parts.length === 1) return { country: parts[0] ?? '' };
  return fail();
}

/** Where a location's lower-cased parts are read from. */
interface LocationColumns {
  country: string;
  state: string;
  city: string;
}

/** The company's own columns, as the companies_location index has them. */
const COMPANY_LOCATION: LocationColumns = { country: 'lower(co.country)', state: "lower(coalesce(co.state, ''))", city: 'lower(co.city)' };

/** The same values, copied onto each contact (migration 4): a contacts search needs no join for them. */
const CONTACT_COMPANY_LOCATION: LocationColumns = { country: 'ct.company_country_lc', state: 'ct.company_state_lc', city: 'ct.company_city_lc' };

function locationWhere(where: Where, locations: string[] | undefined, columns: LocationColumns): void {
  if (!locations) return;
  const ors = locations.map((item) => {
    const loc = parseLocation(item);
    const parts: string[] = [];
    if (loc.country) parts.push(`${columns.country} = ${where.param(loc.country)}`);
    if (loc.state) parts.push(`${columns.state} = ${where.param(loc.state)}`);
    if (loc.city) parts.push(`${columns.city} = ${where.param(loc.city)}`);
    return `(${parts.join(' AND ')})`;
  });
  where.add(`(${ors.join(' OR ')})`);
}

/** The company filters other than location, on `co.`; returns whether it added any. */
function companyColumnsWhere(where: Where, c: CompanyCriteria): boolean {
  const before = where.clauses.length;
  if (c.added_after) where.add(`co.created_at >= ${where.param(c.added_after)}::timestamptz`);
  if (c.added_before) where.add(`co.created_at <= ${where.param(c.added_before)}::timestamptz`);
  if (c.functions) where.add(`co.functions_lc && ${where.param(c.functions.map((f) => f.trim().toLowerCase()))}::text[]`);
  if (c.industries) where.add(`lower(co.industry) = ANY(${where.param(c.industries.map((f) => f.trim().toLowerCase()))}::text[])`);
  if (c.tlds) where.add(`co.tld = ANY(${where.param(c.tlds.map((t) => t.trim().toLowerCase().replace(/^\./, '')))}::text[])`);
  if (c.technologies) where.add(`co.technologies_lc && ${where.param(c.technologies.map((f) => f.trim().toLowerCase()))}::text[]`);
  return where.clauses.length > before;
}

export function companyWhere(where: Where, c: CompanyCriteria): void {
  locationWhere(where, c.locations, COMPANY_LOCATION);
  companyColumnsWhere(where, c);
}

/** Returns whether the conditions read the company (`co.`), i.e. whether a query needs the join. */
export function contactWhere(where: Where, c: ContactCriteria): boolean {
  if (c.job_titles) {
    if (c.job_titles.some((t) => t.trim() === '')) throw new ApiFailure('invalid_input', 'job_titles: items must not be blank.');
    const ors = c.job_titles.map((t) => `lower(ct.job_title) LIKE ${where.param(likeContains(t.trim()))} ESCAPE '\\'`);
    where.add(`(${ors.join(' OR ')})`);
  }
  if (c.departments) where.add(`ct.department = ANY(${where.param(c.departments)}::text[])`);
  if (c.seniorities) where.add(`ct.seniority = ANY(${where.param(c.seniorities)}::text[])`);
  if (c.has_personal_emails === true) where.add('ct.personal_email IS NOT NULL');
  if (c.has_linkedin_profile === true) where.add('ct.linkedin_url IS NOT NULL');
  if (c.is_decision_maker === true) where.add('ct.is_decision_maker');
  locationWhere(where, c.locations, CONTACT_COMPANY_LOCATION);
  return companyColumnsWhere(where, c);
}

export interface Page<T> {
  rows: T[];
  total: number;
}

export async function searchContacts(db: Queryable, counts: CountCache, criteria: ContactCriteria): Promise<Page<ContactRecord>> {
  const where = new Where();
  const joinsCompany = contactWhere(where, criteria);
  const from = `FROM contacts ct ${joinsCompany ? 'JOIN companies co ON co.id = ct.company_id' : ''} ${where.sql}`;
  const limit = where.param(criteria.per_page);
  const offset = where.param((criteria.page - 1) * criteria.per_page);
  // The page's ids first, then their records: the ids usually come from an index alone (sorting
  // the matches of a selective filter set, or walking contacts_pkey for a broad one), and only
  // the page's rows are read from the tables.
  const [rows, total] = await Promise.all([
    db.query<ContactRecord>(`${CONTACT_SELECT} WHERE ct.id IN (SELECT ct.id ${from} ORDER BY ct.id LIMIT ${limit} OFFSET ${offset}) ORDER BY ct.id`, where.params),
    counts.count(`SELECT count(*)::int AS n ${from}`, where.params.slice(0, -2)),
  ]);
  return { rows, total };
}

export async function searchCompanies(db: Queryable, counts: CountCache, criteria: CompanyCriteria): Promise<Page<CompanyRecord>> {
  const where = new Where();
  companyWhere(where, criteria);
  const limit = where.param(criteria.per_page);
  const offset = where.param((criteria.page - 1) * criteria.per_page);
  const [rows, total] = await Promise.all([
    db.query<CompanyRecord>(`${COMPANY_SELECT} ${where.sql} ORDER BY co.id LIMIT ${limit} OFFSET ${offset}`, where.params),
    counts.count(`SELECT count(*)::int AS n FROM companies co ${where.sql}`, where.params.slice(0, -2)),
  ]);
  return { rows, total };
}
