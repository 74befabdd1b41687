/**
 * Intent signals of companies, and the contacts recommended with them, in the published shape of
 * `/enrich/intent` and `/search/intent`: one row per signal, its company nested (api-contract.md §2).
 */
import type { z } from 'zod';
import type { IntentSearchAnswer, PublishedIntentSignal, RecommendedContact, intentSearchRequest } from '../../utils/schemas/enterprise-api.ts';
import type { Queryable } from '../db/index.ts';
import { checkDepth, companyWhere } from './enterprise-search.ts';
import { CONTACT_SELECT, toContactSummary, type ContactRecord } from './records.ts';
import { Where } from './where.ts';

export interface SignalRow {
  company_id: number;
  company_name: string;
  company_website: string | null;
  topic: string;
  topic_id: number;
  score: number;
  signal_date: string;
  audience_strength: 'low' | 'medium' | 'high';
  spike: boolean;
  other_topics: boolean;
}

/**
 * The published grades run from A (the largest audience) to E; this data has three strengths, so
 * they take the top, middle and bottom grades.
 */
const GRADE: Record<SignalRow['audience_strength'], string> = { high: 'A', medium: 'C', low: 'E' };

const SENIORITY_RANK = `CASE ct.seniority WHEN 'C-Level' THEN 0 WHEN 'Partner' THEN 1 WHEN 'VP' THEN 2 WHEN 'Director' THEN 3
  WHEN 'Manager' THEN 4 WHEN 'Senior' THEN 5 ELSE 6 END`;

/** Each company's three most senior contacts, decision makers first: summaries, never e-mail or phone. */
async function recommendedContacts(db: Queryable, companyIds: number[]): Promise<Map<number, RecommendedContact[]>> {
  const byCompany = new Map<number, RecommendedContact[]>();
  if (companyIds.length === 0) return byCompany;
  const rows = await db.query<ContactRecord>(
    `SELECT r.* FROM unnest($1::int[]) AS c(id)
     CROSS JOIN LATERAL (${CONTACT_SELECT} WHERE ct.company_id = c.id ORDER BY ct.is_decision_maker DESC, ${SENIORITY_RANK}, ct.id LIMIT 3) r`,
    [companyIds],
  );
  for (const r of rows) {
    const list = byCompany.get(r.company_id) ?? [];
    list.push({ ...toContactSummary(r), jobFunction: r.department ? [{ name: r.department, department: r.department }] : [] });
    byCompany.set(r.company_id, list);
  }
  return byCompany;
}

const lowered = (topics: string[]) => topics.map((t) => t.trim().toLowerCase());

/**
 * The select of a signal row; `$1` holds the topics asked for (null: all), which also decide
 * whether the company consumes other topics.
 */
const SIGNAL_SELECT = `
SELECT s.company_id, co.name AS company_name, co.website AS company_website, t.name AS topic, t.id AS topic_id, s.score,
       to_char(s.signal_date, 'YYYY-MM-DD') AS signal_date, s.audience_strength, s.spike,
       ($1::text[] IS NOT NULL AND EXISTS (
         SELECT 1 FROM intent_signals o JOIN topics ot ON ot.id = o.topic_id
         WHERE o.company_id = s.company_id AND NOT (lower(ot.name) = ANY($1::text[])))) AS other_topics
FROM intent_signals s JOIN topics t ON t.id = s.topic_id JOIN companies co ON co.id = s.company_id`;

/** Rows in the published shape, each with its company's recommended contacts. */
async function publish(db: Queryable, rows: SignalRow[]): Promise<PublishedIntentSignal[]> {
  const recommended = await recommendedContacts(db, [...new Set(rows.map((s) => s.company_id))]);
  return rows.map((s) => ({
    id: String(s.topic_id),
    category: null,
    topic: s.topic,
    signalScore: s.score,
    audienceStrength: GRADE[s.audience_strength],
    newSignal: s.spike,
    signalDate: s.signal_date,
    recommendedContacts: recommended.get(s.company_id) ?? [],
    company: { id: s.company_id, name: s.company_name, website: s.company_website, hasOtherTopicConsumption: s.other_topics },
  }));
}

/** The signals of these companies (on the topics, when given), strongest first per company. */
export async function signalsOf(db: Queryable, companyIds: number[], topics: string[] | undefined): Promise<PublishedIntentSignal[]> {
  if (companyIds.length === 0) return [];
  const rows = await db.query<SignalRow>(
    `${SIGNAL_SELECT}
     WHERE s.company_id = ANY($2::int[]) AND ($1::text[] IS NULL OR lower(t.name) = ANY($1::text[]))
     ORDER BY s.company_id, s.score DESC, t.id`,
    [topics ? lowered(topics) : null, companyIds],
  );
  return publish(db, rows);
}

const SORT: Record<NonNullable<z.output<typeof intentSearchRequest>['sortBy']>, string> = {
  signalScore: 's.score',
  signalDate: 's.signal_date',
  companyName: 'lower(co.name)',
  topic: 'lower(t.name)',
  // Ascending runs from grade A (high) to E (low), as the published grades sort.
  audienceStrength: `CASE s.audience_strength WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END`,
};

/**
 * Signals on the topics at or above the score, at companies meeting the company criteria, one row
 * each, as published: strongest first unless sorted otherwise; ties in company and topic order, so
 * pages are stable.
 */
export async function searchIntent(db: Queryable, q: z.output<typeof intentSearchRequest>): Promise<IntentSearchAnswer> {
  checkDepth(q.page, q.rpp);
  const where = new Where();
  // First, so that it is the `$1` SIGNAL_SELECT reads.
  where.add(`lower(t.name) = ANY(${where.param(lowered(q.topics))}::text[])`);
  where.add(`s.score >= ${where.param(q.signalScoreMin ?? 0)}`);
  companyWhere(where, q);
  const dir = q.sortOrder === 'asc' || q.sortOrder === 'ascending' ? 'ASC' : 'DESC';
  const countParams = [...where.params];
  const limit = where.param(q.rpp);
  const offset = where.param((q.page - 1) * q.rpp);
  const [rows, count] = await Promise.all([
    db.query<SignalRow>(`${SIGNAL_SELECT} ${where.sql} ORDER BY ${SORT[q.sortBy ?? 'signalScore']} ${dir}, s.company_id, t.id LIMIT ${limit} OFFSET ${offset}`, where.params),
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM intent_signals s JOIN topics t ON t.id = s.topic_id JOIN companies co ON co.id = s.company_id ${where.sql}`,
      countParams,
    ),
  ]);
  return { maxResults: q.rpp, totalResults: count[0]?.n ?? 0, currentPage: q.page, data: await publish(db, rows) };
}
