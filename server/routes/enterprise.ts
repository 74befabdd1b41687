/** api-contract.md §2: the enterprise API endpoints behind /authenticate. */
import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import {
  MAX_ENRICH_INPUTS,
  RECORD_LIMIT_TYPE,
  companyFeedRequest,
  companySearchCriteria,
  contactSearchCriteria,
  enrichCompanyRequest,
  enrichContactRequest,
  enrichIntentRequest,
  intentSearchRequest,
  lookupField,
  type CompanySearchResult,
  type ContactSearchResult,
  type EnrichCompanyResponse,
  type EnrichContactResponse,
  type EnrichIntentResponse,
  type IntentSignal,
  type LookupResponse,
  type NewsArticle,
  type Scoop,
  type UsageResponse,
} from '../../utils/schemas/enterprise-api.ts';
import type { Queryable } from '../db/index.ts';
import { ApiFailure, describeIssues } from '../lib/errors.ts';
import { likeContains, registrableDomain } from '../lib/normalize.ts';
import { charge, usage } from '../services/credits.ts';
import { matchCompanies, matchPeople, type Match } from '../services/enrich.ts';
import {
  COMPANY_FIELDS,
  COMPANY_SELECT,
  CONTACT_FIELDS,
  CONTACT_SELECT,
  pickFields,
  toCompanySummary,
  toContactSummary,
  toEnrichedCompany,
  toEnrichedContact,
  type CompanyRecord,
  type ContactRecord,
} from '../services/records.ts';
import { parseWith, readJson, type AppEnv, type Deps } from './common.ts';
import { Where } from './search-api.ts';

/** Issue codes that make one enrich input BAD_DATA (a malformed value) rather than the call a 400. */
const BAD_VALUE_CODES = new Set(['invalid_format']);

/**
 * Parses an enrich request. An input whose only fault is a malformed value (an e-mail that is not
 * an address, a hash that is not SHA-256 hex, a URL that is not a URL) does not fail the batch: it
 * comes back as BAD_DATA with the reason. Unknown fields, wrong types and the like are a 400.
 */
function parseEnrich<T extends z.ZodType>(schema: T, body: unknown, listKey: string): { request: z.output<T>; bad: Map<number, string> } {
  const first = schema.safeParse(body);
  if (first.success) return { request: first.data, bad: new Map() };
  const bad = new Map<number, string>();
  const list = (body as Record<string, unknown> | undefined)?.[listKey];
  for (const issue of first.error.issues) {
    const [key, index, field] = issue.path;
    if (key !== listKey || typeof index !== 'number' || typeof field !== 'string' || !BAD_VALUE_CODES.has(issue.code)) {
      throw new ApiFailure('invalid_input', describeIssues(first.error));
    }
    bad.set(index, `${field}: ${issue.message}`);
  }
  if (!Array.isArray(list)) throw new ApiFailure('invalid_input', describeIssues(first.error));
  const patched = { ...(body as Record<string, unknown>), [listKey]: list.map((item: unknown, i) => (bad.has(i) ? {} : item)) };
  const second = schema.safeParse(patched);
  if (!second.success) throw new ApiFailure('invalid_input', describeIssues(second.error));
  return { request: second.data, bad };
}

function checkSize(count: number): void {
  if (count > MAX_ENRICH_INPUTS) {
    throw new ApiFailure('payload_too_large', `At most ${MAX_ENRICH_INPUTS} inputs per enrich call; this one has ${count}. Split it into several calls.`);
  }
}

const CANDIDATE_COMPANY_FIELDS = new Set(['id', 'name', 'website', 'domainList', 'city', 'state', 'country']);

/** Known requested fields in the contract's order; all of them when none are requested. */
function selectFields(known: readonly string[], requested: string[] | undefined): string[] {
  if (!requested) return [...known];
  const wanted = new Set(requested);
  return known.filter((f) => f === 'id' || wanted.has(f));
}

function echo(input: unknown, match: Match<unknown>): Record<string, unknown> {
  const base = typeof input === 'object' && input !== null && !Array.isArray(input) ? { ...(input as Record<string, unknown>) } : {};
  if (match.reason) base.reason = match.reason;
  return base;
}

const SENIORITY_RANK = `CASE ct.seniority WHEN 'C-Level' THEN 0 WHEN 'Partner' THEN 1 WHEN 'VP' THEN 2 WHEN 'Director' THEN 3
  WHEN 'Manager' THEN 4 WHEN 'Senior' THEN 5 ELSE 6 END`;

async function recommendedContacts(db: Queryable, companyId: number) {
  const rows = await db.query<ContactRecord>(
    `${CONTACT_SELECT} WHERE ct.company_id = $1 ORDER BY ct.is_decision_maker DESC, ${SENIORITY_RANK}, ct.id LIMIT 3`,
    [companyId],
  );
  return rows.map(toContactSummary);
}

async function signalsFor(db: Queryable, companyIds: number[], topics: string[] | undefined, minScore = 0) {
  if (companyIds.length === 0) return [];
  return db.query<{ company_id: number; topic: string; topic_id: number; score: number; signal_date: string; audience_strength: 'low' | 'medium' | 'high'; spike: boolean }>(
    `SELECT s.company_id, t.name AS topic, t.id AS topic_id, s.score, to_char(s.signal_date, 'YYYY-MM-DD') AS signal_date,
            s.audience_strength, s.spike
     FROM intent_signals s JOIN topics t ON t.id = s.topic_id
     WHERE s.company_id = ANY($1::int[]) AND s.score >= $2
       AND ($3::text[] IS NULL OR lower(t.name) = ANY($3::text[]))
     ORDER BY s.company_id, s.score DESC, t.id`,
    [companyIds, minScore, topics ? topics.map((t) => t.trim().toLowerCase()) : null],
  );
}

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

export function enterpriseRoutes(app: Hono<AppEnv>, deps: Deps): void {
  const { db, config, counts } = deps;

  const creditsHeader = (c: Context<AppEnv>, remaining: number) => c.header('X-Usage-Record-Limit-Remaining', String(remaining));

  app.post('/enrich/contact', async (c) => {
    const body = await readJson(c);
    const list = (body as Record<string, unknown> | undefined)?.matchPersonInput;
    if (Array.isArray(list)) checkSize(list.length);
    const { request, bad } = parseEnrich(enrichContactRequest, body, 'matchPersonInput');
    checkSize(request.matchPersonInput.length);
    const matches = await matchPeople(
      db,
      request.matchPersonInput.map((input, i) => (bad.has(i) ? null : input)),
    );
    const charged = matches.filter((m) => m.revealed).flatMap((m) => m.records.map((r) => r.id));
    const account = c.get('account');
    const spent = await charge(db, account, 'contact', charged, config.credits);
    creditsHeader(c, spent.remaining);
    const fields = selectFields(CONTACT_FIELDS, request.outputFields);
    const rawInputs = Array.isArray(list) ? list : [];
    const response: EnrichContactResponse = {
      success: true,
      data: {
        outputFields: fields,
        result: matches.map((m, i) => {
          const reason = bad.get(i);
          const match = reason ? { ...m, reason } : m;
          const entry: EnrichContactResponse['data']['result'][number] & { company?: Match<unknown>['company'] } = {
            input: echo(rawInputs[i], match),
            data: m.records.map((r) => pickFields(toEnrichedContact(r, m.revealed), fields)),
            matchStatus: m.status,
          };
          if (m.company) entry.company = m.company;
          return entry;
        }),
      },
    };
    return c.json(response);
  });

  app.post('/enrich/company', async (c) => {
    const body = await readJson(c);
    const list = (body as Record<string, unknown> | undefined)?.matchCompanyInput;
    if (Array.isArray(list)) checkSize(list.length);
    const request = parseWith(enrichCompanyRequest, body);
    checkSize(request.matchCompanyInput.length);
    const matches = await matchCompanies(db, request.matchCompanyInput);
    const charged = matches.filter((m) => m.revealed).flatMap((m) => m.records.map((r) => r.id));
    const spent = await charge(db, c.get('account'), 'company', charged, config.credits);
    creditsHeader(c, spent.remaining);
    const fields = selectFields(COMPANY_FIELDS, request.outputFields);
    const rawInputs = Array.isArray(list) ? list : [];
    const response: EnrichCompanyResponse = {
      success: true,
      data: {
        outputFields: fields,
        result: matches.map((m, i) => ({
          input: echo(rawInputs[i], m),
          // MULTI_MATCH candidates are free, so they carry only what tells them apart.
          data: m.records.map((r) => pickFields(toEnrichedCompany(r), m.revealed ? fields : fields.filter((f) => CANDIDATE_COMPANY_FIELDS.has(f)))),
          matchStatus: m.status,
        })),
      },
    };
    return c.json(response);
  });

  app.post('/enrich/intent', async (c) => {
    const body = await readJson(c);
    const list = (body as Record<string, unknown> | undefined)?.matchCompanyInput;
    if (Array.isArray(list)) checkSize(list.length);
    const request = parseWith(enrichIntentRequest, body);
    checkSize(request.matchCompanyInput.length);
    const matches = await matchCompanies(db, request.matchCompanyInput);
    const companyIds = [...new Set(matches.flatMap((m) => m.records.map((r) => r.id)))];
    const signals = await signalsFor(db, companyIds, request.topics);
    const recommended = new Map<number, Awaited<ReturnType<typeof recommendedContacts>>>();
    for (const id of new Set(signals.map((s) => s.company_id))) recommended.set(id, await recommendedContacts(db, id));
    const rawInputs = Array.isArray(list) ? list : [];
    const response: EnrichIntentResponse = {
      success: true,
      data: {
        result: matches.map((m, i) => {
          const ids = new Set(m.records.map((r) => r.id));
          return {
            input: echo(rawInputs[i], m),
            data: signals
              .filter((s) => ids.has(s.company_id))
              .map((s): IntentSignal => ({
                companyId: s.company_id,
                topic: s.topic,
                topicId: s.topic_id,
                signalScore: s.score,
                signalDate: s.signal_date,
                audienceStrength: s.audience_strength,
                spike: s.spike,
                recommendedContacts: recommended.get(s.company_id) ?? [],
              })),
            matchStatus: m.status,
          };
        }),
      },
    };
    return c.json(response);
  });

  app.post('/search/contact', async (c) => {
    const q = parseWith(contactSearchCriteria, (await readJson(c)) ?? {});
    const where = new Where();
    const eq = (column: string, value: string | undefined) => {
      if (value !== undefined) where.add(`lower(${column}) = ${where.param(value.trim().toLowerCase())}`);
    };
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
    const [rows, count] = await Promise.all([
      db.query<ContactRecord>(`${CONTACT_SELECT} ${where.sql} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`, where.params),
      counts.count(`SELECT count(*)::int AS n FROM contacts ct JOIN companies co ON co.id = ct.company_id ${where.sql}`, countParams),
    ]);
    const response: ContactSearchResult = { maxResults: q.rpp, totalResults: count, currentPage: q.page, data: rows.map(toContactSummary) };
    return c.json(response);
  });

  app.post('/search/company', async (c) => {
    const q = parseWith(companySearchCriteria, (await readJson(c)) ?? {});
    const where = new Where();
    const eq = (column: string, value: string | undefined) => {
      if (value !== undefined) where.add(`lower(${column}) = ${where.param(value.trim().toLowerCase())}`);
    };
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
    const [rows, count] = await Promise.all([
      db.query<CompanyRecord>(`${COMPANY_SELECT} ${where.sql} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`, where.params),
      counts.count(`SELECT count(*)::int AS n FROM companies co ${where.sql}`, countParams),
    ]);
    const response: CompanySearchResult = { maxResults: q.rpp, totalResults: count, currentPage: q.page, data: rows.map(toCompanySummary) };
    return c.json(response);
  });

  app.post('/search/intent', async (c) => {
    const q = parseWith(intentSearchRequest, (await readJson(c)) ?? {});
    const topics = q.topics.map((t) => t.trim().toLowerCase());
    const min = q.signalScoreMin ?? 0;
    const filter = `FROM intent_signals s JOIN topics t ON t.id = s.topic_id WHERE lower(t.name) = ANY($1::text[]) AND s.score >= $2`;
    const [ids, count] = await Promise.all([
      db.query<{ company_id: number }>(`SELECT DISTINCT s.company_id ${filter} ORDER BY s.company_id LIMIT $3 OFFSET $4`, [topics, min, q.rpp, (q.page - 1) * q.rpp]),
      db.query<{ n: number }>(`SELECT count(DISTINCT s.company_id)::int AS n ${filter}`, [topics, min]),
    ]);
    const companyIds = ids.map((r) => r.company_id);
    const companies = companyIds.length ? await db.query<CompanyRecord>(`${COMPANY_SELECT} WHERE co.id = ANY($1::int[]) ORDER BY co.id`, [companyIds]) : [];
    const signals = await signalsFor(db, companyIds, q.topics, min);
    return c.json({
      maxResults: q.rpp,
      totalResults: count[0]?.n ?? 0,
      currentPage: q.page,
      data: companies.map((co) => ({
        ...toCompanySummary(co),
        signals: signals
          .filter((s) => s.company_id === co.id)
          .map((s): IntentSignal => ({
            companyId: s.company_id,
            topic: s.topic,
            topicId: s.topic_id,
            signalScore: s.score,
            signalDate: s.signal_date,
            audienceStrength: s.audience_strength,
            spike: s.spike,
          })),
      })),
    });
  });

  const feed = async (c: Context<AppEnv>, table: 'news' | 'scoops') => {
    const q = parseWith(companyFeedRequest, (await readJson(c)) ?? {});
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
    return c.json({ maxResults: q.rpp, totalResults: count?.n ?? 0, currentPage: q.page, data });
  };
  app.post('/search/news', (c) => feed(c, 'news'));
  app.post('/search/scoop', (c) => feed(c, 'scoops'));

  const usageHandler = async (c: Context<AppEnv>) => {
    const u = await usage(db, c.get('account'), config.credits);
    const response: UsageResponse = {
      usage: [
        {
          limitType: RECORD_LIMIT_TYPE,
          description: 'Records enriched (one credit per contact or company record not enriched by this account in the last 12 months).',
          limit: u.limit,
          currentUsage: u.used,
          usageRemaining: u.remaining,
        },
      ],
    };
    return c.json(response);
  };
  app.get('/lookup/usage', usageHandler);
  app.get('/usage', usageHandler);

  const lookup = async (c: Context<AppEnv>, field: string) => {
    const parsed = lookupField.safeParse(field);
    if (!parsed.success) throw new ApiFailure('not_found', `Unknown lookup field "${field.slice(0, 100)}"; use one of ${lookupField.options.join(', ')}.`);
    const rows = await db.query<{ id: number; name: string }>('SELECT id, name FROM lookups WHERE kind = $1 ORDER BY id', [parsed.data]);
    const response: LookupResponse = { data: rows };
    return c.json(response);
  };
  app.get('/lookup/intent/topics', (c) => lookup(c, 'intent/topics'));
  app.get('/lookup/:field', (c) => lookup(c, c.req.param('field')));
}
