/**
 * Grounding rows in records through the enterprise enrich's own matching (services/enrich.ts):
 * a chunk of rows becomes one batch of enrich inputs, so e-mails, hashes and websites resolve in
 * one query per chunk. The match cell holds the record id; a miss is NO_RESULT.
 */
import type { Queryable } from '../../db/index.ts';
import type { MatchField } from '../../audiences/schemas.ts';
import { matchCompanies, matchPeople, type Match } from '../enrich.ts';
import { COMPANY_SELECT, type CompanyRecord, type ContactRecord } from '../records.ts';
import type { Cells, ColumnRow, StoredCell } from './model.ts';

type PersonQuery = NonNullable<Parameters<typeof matchPeople>[1][number]>;
type CompanyQuery = Parameters<typeof matchCompanies>[1][number];

export interface RowMatch {
  cell: StoredCell;
  /** The record to charge for: only a single definite match is revealed (and paid). */
  charge: number | null;
  record: ContactRecord | CompanyRecord | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function inputsOf(cells: Cells, mapped: ColumnRow[]): Map<MatchField, string> {
  const out = new Map<MatchField, string>();
  for (const column of mapped) {
    const value = cells[column.id]?.v;
    const text = Array.isArray(value) ? value[0] : value;
    if (text === undefined || text === null || text === '' || column.mapped_to === null) continue;
    out.set(column.mapped_to, String(text).trim());
  }
  return out;
}

const positiveInt = (s: string | undefined) => (s !== undefined && /^\d{1,9}$/.test(s) && Number(s) > 0 ? Number(s) : undefined);

function personQuery(inputs: Map<MatchField, string>): PersonQuery | null {
  const q: PersonQuery = {};
  const email = inputs.get('CONTACT_EMAIL');
  if (email !== undefined && EMAIL.test(email)) q.emailAddress = email;
  const hash = inputs.get('CONTACT_HASHED_EMAILS')?.toLowerCase();
  if (hash !== undefined && /^[0-9a-f]{64}$/.test(hash)) q.hashedEmail = hash;
  const personId = positiveInt(inputs.get('ZOOMINFO_CONTACT_ID'));
  if (personId !== undefined) q.personId = personId;
  const companyId = positiveInt(inputs.get('CONTACT_ZOOMINFO_COMPANY_ID'));
  if (companyId !== undefined) q.companyId = companyId;
  const phone = inputs.get('DIRECT_PHONE') ?? inputs.get('MOBILE_PHONE');
  if (phone !== undefined) q.phone = phone;
  const linkedin = inputs.get('CONTACT_LINKEDIN_URL');
  if (linkedin !== undefined) q.externalURL = /^https?:\/\//i.test(linkedin) ? linkedin : `https://${linkedin}`;
  const first = inputs.get('CONTACT_FIRST_NAME');
  const last = inputs.get('CONTACT_LAST_NAME');
  if (first !== undefined && last !== undefined) {
    q.firstName = first;
    q.lastName = last;
  }
  const company = inputs.get('COMPANY_NAME');
  if (company !== undefined) q.companyName = company;
  return Object.keys(q).length > 0 ? q : null;
}

function companyQuery(inputs: Map<MatchField, string>): CompanyQuery | null {
  const q: CompanyQuery = {};
  const id = positiveInt(inputs.get('ZOOMINFO_COMPANY_ID'));
  if (id !== undefined) q.companyId = id;
  const website = inputs.get('COMPANY_WEBSITE');
  if (website !== undefined) q.companyWebsite = website;
  const name = inputs.get('COMPANY_NAME');
  if (name !== undefined) q.companyName = name;
  return Object.keys(q).length > 0 ? q : null;
}

const NO_INPUTS = {
  summary: 'Nothing to match by',
  description: 'This row has no value in any column mapped by the match criteria (POST …/actions/match-criteria).',
  retryable: false,
};

function cellOf<R extends { id: number }>(match: Match<R>): RowMatch {
  if ((match.status === 'FULL_MATCH' || match.status === 'CONTACT_ONLY_MATCH') && match.records[0]) {
    const record = match.records[0];
    return { cell: { v: record.id, s: 'RESULT' }, charge: record.id, record: record as unknown as ContactRecord | CompanyRecord };
  }
  if (match.status === 'MULTI_MATCH') {
    return {
      cell: { s: 'ERROR', e: { summary: 'Several records match', description: `${match.records.length} or more records match this row's inputs; add an input that tells them apart (an e-mail address, a LinkedIn URL).`, retryable: false } },
      charge: null,
      record: null,
    };
  }
  if (match.status === 'BAD_DATA') {
    return { cell: { s: 'ERROR', e: { summary: 'Inputs cannot be matched', description: match.reason ?? 'The inputs of this row cannot be matched.', retryable: false } }, charge: null, record: null };
  }
  return { cell: { s: 'NO_RESULT' }, charge: null, record: null };
}

export async function matchRows(db: Queryable, type: 'CONTACT' | 'COMPANY', rows: { cells: Cells }[], columns: ColumnRow[]): Promise<RowMatch[]> {
  const mapped = columns.filter((c) => c.column_type === 'CUSTOM' && c.mapped_to !== null);
  const inputs = rows.map((r) => inputsOf(r.cells, mapped));
  if (type === 'CONTACT') {
    const queries = inputs.map(personQuery);
    const matches = await matchPeople(db, queries);
    return matches.map((m, i) => (queries[i] === null ? { cell: { s: 'ERROR', e: NO_INPUTS }, charge: null, record: null } : cellOf(m)));
  }
  const queries = inputs.map(companyQuery);
  const present = queries.flatMap((q) => (q === null ? [] : [q]));
  const matches = present.length > 0 ? await matchCompanies(db, present) : [];
  // Tickers: the enterprise enrich takes no ticker, so rows matched by ticker alone are resolved here, in one query.
  const tickers = [...new Set(inputs.flatMap((m, i) => (queries[i] === null && m.has('COMPANY_TICKER') ? [(m.get('COMPANY_TICKER') ?? '').toUpperCase()] : [])))];
  const byTicker = new Map<string, CompanyRecord[]>();
  if (tickers.length > 0) {
    for (const r of await db.query<CompanyRecord>(`${COMPANY_SELECT} WHERE upper(co.ticker) = ANY($1::text[]) ORDER BY co.id`, [tickers])) {
      const key = (r.ticker ?? '').toUpperCase();
      byTicker.set(key, [...(byTicker.get(key) ?? []), r]);
    }
  }
  let next = 0;
  return queries.map((q, i) => {
    if (q !== null) return cellOf(matches[next++] as Match<CompanyRecord>);
    const ticker = inputs[i]?.get('COMPANY_TICKER');
    if (ticker === undefined) return { cell: { s: 'ERROR', e: NO_INPUTS }, charge: null, record: null };
    const found = byTicker.get(ticker.toUpperCase()) ?? [];
    return cellOf<CompanyRecord>({ status: found.length === 0 ? 'NO_MATCH' : found.length === 1 ? 'FULL_MATCH' : 'MULTI_MATCH', records: found, revealed: found.length === 1 });
  });
}
