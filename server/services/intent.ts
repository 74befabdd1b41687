/** Intent signals of companies, and the contacts recommended with them (api-contract.md §2). */
import type { IntentSignal, PublishedIntentSignal } from '../../utils/schemas/enterprise-api.ts';
import type { Queryable } from '../db/index.ts';
import { CONTACT_SELECT, toContactSummary, type ContactRecord } from './records.ts';

export interface SignalRow {
  company_id: number;
  topic: string;
  topic_id: number;
  score: number;
  signal_date: string;
  audience_strength: 'low' | 'medium' | 'high';
  spike: boolean;
}

const SENIORITY_RANK = `CASE ct.seniority WHEN 'C-Level' THEN 0 WHEN 'Partner' THEN 1 WHEN 'VP' THEN 2 WHEN 'Director' THEN 3
  WHEN 'Manager' THEN 4 WHEN 'Senior' THEN 5 ELSE 6 END`;

/** The company's three most senior contacts, decision makers first: summaries, never e-mail or phone. */
export async function recommendedContacts(db: Queryable, companyId: number) {
  const rows = await db.query<ContactRecord>(
    `${CONTACT_SELECT} WHERE ct.company_id = $1 ORDER BY ct.is_decision_maker DESC, ${SENIORITY_RANK}, ct.id LIMIT 3`,
    [companyId],
  );
  return rows.map(toContactSummary);
}

export async function signalsFor(db: Queryable, companyIds: number[], topics: string[] | undefined, minScore = 0): Promise<SignalRow[]> {
  if (companyIds.length === 0) return [];
  return db.query<SignalRow>(
    `SELECT s.company_id, t.name AS topic, t.id AS topic_id, s.score, to_char(s.signal_date, 'YYYY-MM-DD') AS signal_date,
            s.audience_strength, s.spike
     FROM intent_signals s JOIN topics t ON t.id = s.topic_id
     WHERE s.company_id = ANY($1::int[]) AND s.score >= $2
       AND ($3::text[] IS NULL OR lower(t.name) = ANY($3::text[]))
     ORDER BY s.company_id, s.score DESC, t.id`,
    [companyIds, minScore, topics ? topics.map((t) => t.trim().toLowerCase()) : null],
  );
}

/** A signal as published, without its company and contacts (the caller adds those). */
export function toPublishedSignal(s: SignalRow): Omit<PublishedIntentSignal, 'company' | 'recommendedContacts'> {
  return {
    id: s.topic_id,
    category: null,
    topic: s.topic,
    signalScore: s.score,
    audienceStrength: s.audience_strength,
    newSignal: s.spike,
    signalDate: s.signal_date,
  };
}

export function toIntentSignal(s: SignalRow): IntentSignal {
  return {
    companyId: s.company_id,
    topic: s.topic,
    topicId: s.topic_id,
    signalScore: s.score,
    signalDate: s.signal_date,
    audienceStrength: s.audience_strength,
    spike: s.spike,
  };
}
