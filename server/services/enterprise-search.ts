/** api-contract.md §2: the enterprise searches (contacts, companies, intent, news and scoops). */
import type { z } from 'zod';
import type {
  NewsArticle,
  Scoop,
  companyFeedRequest,
  companySearchCriteria,
  contactSearchCriteria,
  intentSearchRequest,
} from '../../utils/schemas/enterprise-api.ts';
import type { Queryable } from '../db/index.ts';
import { ApiFailure } from '../lib/errors.ts';
import { likeContains, registrableDomain } from '../lib/normalize.ts';
import type { CountCache } from './count-cache.ts';
import { signalsFor, type SignalRow } from './intent.ts';
import { COMPANY_SELECT, CONTACT_SELECT, type CompanyRecord, type ContactRecord } from './records.ts';
import type { Page } from './search-api.ts';
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

function tagList(raw: string): string[] {
  const tags = raw.split(',').map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0);
  if (tags.length === 0) throw new ApiFailure('invalid_input', 'techAttributeTagList must name at least one technology (comma-separated).');
  return tags;
}

/** Case-insensitive equality on a column, when the criterion is given. */
function equals(where: Where) {
  return (column: string, value: string | undefined) => {
    if (value !== undefined) where.add(`lower(${column}) = ${where.param(value.trim().toLowerCase())}`);
  };
}

export async function searchContacts(db: Queryable, counts: CountCache, q: z.output<typeof contactSearchCriteria>): Promise<Page<ContactRecord>> {
  const where = new Where();
  const eq = equals(where);
  eq('ct.email', q.emailAddress);
  if (q.fullName !== undefined) where.add(`lower(ct.first_name || ' ' || ct.last_name) = ${where.param(q.fullName.trim().toLowerCase().replace(/\s+/g, ' '))}`);
  eq('ct.first_name', q.firstName);
  eq('ct.last_name', q.lastName);
  eq('ct.job_title', q.jobTitle);
  eq('ct.seniority', q.managementLevel);
  eq('ct.department', q.department);
  if (q.companyId !== undefined) where.add(`ct.company_id = ${where.param(q.companyId)}`);
  if (q.companyName !== undefined) where.add(`lower(co.name) LIKE ${where.param(likeContains(q.companyName.trim()))} ESCAPE '\\'`);
  if (q.companyWebsite !== undefined) where.add(`co.domain = ${where.param(domainOf(q.companyWebsite))}`);
  eq('co.industry', q.industryKeywords);
  eq('ct.state', q.state);
  eq('ct.country', q.country);
  if (q.techAttributeTagList !== undefined) where.add(`co.technologies_lc && ${where.param(tagList(q.techAttributeTagList))}::text[]`);
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

export async function searchCompanies(db: Queryable, counts: CountCache, q: z.output<typeof companySearchCriteria>): Promise<Page<CompanyRecord>> {
  const where = new Where();
  const eq = equals(where);
  if (q.companyId !== undefined) where.add(`co.id = ${where.param(q.companyId)}`);
  if (q.companyName !== undefined) where.add(`lower(co.name) LIKE ${where.param(likeContains(q.companyName.trim()))} ESCAPE '\\'`);
  if (q.companyWebsite !== undefined) where.add(`co.domain = ${where.param(domainOf(q.companyWebsite))}`);
  eq('co.industry', q.industryKeywords);
  eq('co.state', q.state);
  eq('co.country', q.country);
  if (q.employeeRangeMin !== undefined) where.add(`co.employees >= ${where.param(q.employeeRangeMin)}`);
  if (q.employeeRangeMax !== undefined) where.add(`co.employees <= ${where.param(q.employeeRangeMax)}`);
  // revenueMin / revenueMax are in thousands of US dollars, like `revenue`.
  if (q.revenueMin !== undefined) where.add(`co.revenue_usd >= ${where.param(q.revenueMin * 1000)}`);
  if (q.revenueMax !== undefined) where.add(`co.revenue_usd <= ${where.param(q.revenueMax * 1000)}`);
  if (q.techAttributeTagList !== undefined) where.add(`co.technologies_lc && ${where.param(tagList(q.techAttributeTagList))}::text[]`);
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

/** Companies with a signal on one of the topics at or above the score, and those signals. */
export async function searchIntent(db: Queryable, q: z.output<typeof intentSearchRequest>): Promise<Page<CompanyRecord> & { signals: SignalRow[] }> {
  const topics = q.topics.map((t) => t.trim().toLowerCase());
  const min = q.signalScoreMin ?? 0;
  const filter = `FROM intent_signals s JOIN topics t ON t.id = s.topic_id WHERE lower(t.name) = ANY($1::text[]) AND s.score >= $2`;
  const [ids, count] = await Promise.all([
    db.query<{ company_id: number }>(`SELECT DISTINCT s.company_id ${filter} ORDER BY s.company_id LIMIT $3 OFFSET $4`, [topics, min, q.rpp, (q.page - 1) * q.rpp]),
    db.query<{ n: number }>(`SELECT count(DISTINCT s.company_id)::int AS n ${filter}`, [topics, min]),
  ]);
  const companyIds = ids.map((r) => r.company_id);
  const rows = companyIds.length ? await db.query<CompanyRecord>(`${COMPANY_SELECT} WHERE co.id = ANY($1::int[]) ORDER BY co.id`, [companyIds]) : [];
  const signals = await signalsFor(db, companyIds, q.topics, min);
  return { rows, total: count[0]?.n ?? 0, signals };
}

/** A company's news or scoops, newest first; 404 for an unknown company. */
export async function companyFeed(db: Queryable, table: 'news' | 'scoops', q: z.output<typeof companyFeedRequest>): Promise<Page<NewsArticle | Scoop>> {
  const exists = await db.query('SELECT 1 FROM companies WHERE id = $1', [q.companyId]);
  if (exists.length === 0) throw new ApiFailure('not_found', `No company with id ${q.companyId}.`);
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE company_id = $1`, [q.companyId]);
  const columns = table === 'news' ? 'id, company_id, headline, category, url' : 'id, company_id, type, description';
  const rows = await db.query<Record<string, string | number | null> & { id: number; company_id: number; published: string | null }>(
    `SELECT ${columns}, to_char(published_date, 'YYYY-MM-DD') AS published FROM ${table}
     WHERE company_id = $1 ORDER BY published_date DESC NULLS LAST, id LIMIT $2 OFFSET $3`,
    [q.companyId, q.rpp, (q.page - 1) * q.rpp],
  );
  const data = rows.map((r): NewsArticle | Scoop =>
    table === 'news'
      ? { id: r.id, companyId: r.company_id, headline: String(r.headline), category: (r.category as string | null) ?? null, publishedDate: r.published, url: (r.url as string | null) ?? null }
      : { id: r.id, companyId: r.company_id, type: (r.type as string | null) ?? null, description: String(r.description), publishedDate: r.published },
  );
  return { rows: data, total: count?.n ?? 0 };
}

export async function lookupValues(db: Queryable, field: string): Promise<{ id: number; name: string }[]> {
  return db.query<{ id: number; name: string }>('SELECT id, name FROM lookups WHERE kind = $1 ORDER BY id', [field]);
}
