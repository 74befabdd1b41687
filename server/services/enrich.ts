/**
 * Matching of enrich inputs (api-contract.md §2, "Contact input for enrich" / "Company input").
 * The common identifiers of a batch (ids, e-mails, hashes, websites) are resolved in one query
 * each, so a batch of 25 e-mails costs a couple of round trips, not 25.
 */
import type { MatchStatus, PersonInput, CompanyInput } from '../../utils/schemas/enterprise-api.ts';
import type { Queryable } from '../db/index.ts';
import { likeContains, linkedinKey, phoneDigits, registrableDomain } from '../lib/normalize.ts';
import { COMPANY_SELECT, CONTACT_SELECT, type CompanyRecord, type ContactRecord } from './records.ts';

export const MAX_CANDIDATES = 5;

export interface Match<R> {
  status: MatchStatus;
  records: R[];
  /** Only a single definite match is revealed (and charged); MULTI_MATCH candidates are not. */
  revealed: boolean;
  reason?: string;
  /** COMPANY_ONLY_MATCH: the company the e-mail's domain belongs to. */
  company?: { id: number; name: string; website: string | null };
}

type PersonQuery = Omit<PersonInput, 'personId' | 'companyId'> & { personId?: number; companyId?: number };
type CompanyQuery = Omit<CompanyInput, 'companyId'> & { companyId?: number };

const lower = (s: string) => s.trim().toLowerCase();

function groupBy<R>(rows: R[], keys: (r: R) => (string | number | null)[]): Map<string | number, R[]> {
  const map = new Map<string | number, R[]>();
  for (const row of rows) {
    for (const key of keys(row)) {
      if (key === null) continue;
      const list = map.get(key) ?? [];
      if (!list.includes(row)) list.push(row);
      map.set(key, list);
    }
  }
  return map;
}

function outcome<R extends { id: number }>(rows: R[] | undefined): Match<R> {
  const sorted = [...(rows ?? [])].sort((a, b) => a.id - b.id);
  if (sorted.length === 0) return { status: 'NO_MATCH', records: [], revealed: false };
  if (sorted.length === 1) return { status: 'FULL_MATCH', records: sorted, revealed: true };
  return { status: 'MULTI_MATCH', records: sorted.slice(0, MAX_CANDIDATES), revealed: false };
}

export const PERSON_INPUT_HELP =
  'Give one of personId, emailAddress, hashedEmail, phone or externalURL, or a name (firstName + lastName, or fullName) with companyId or companyName.';

export async function matchPeople(db: Queryable, inputs: (PersonQuery | null)[]): Promise<Match<ContactRecord>[]> {
  const ids = new Set<number>();
  const emails = new Set<string>();
  const hashes = new Set<string>();
  for (const input of inputs) {
    if (!input) continue;
    if (input.personId !== undefined) ids.add(input.personId);
    else if (input.emailAddress !== undefined) emails.add(lower(input.emailAddress));
    else if (input.hashedEmail !== undefined) hashes.add(input.hashedEmail);
  }
  const byId = groupBy(
    ids.size ? await db.query<ContactRecord>(`${CONTACT_SELECT} WHERE ct.id = ANY($1::int[])`, [[...ids]]) : [],
    (r) => [r.id],
  );
  const byEmail = groupBy(
    emails.size
      ? await db.query<ContactRecord>(
          `${CONTACT_SELECT} WHERE lower(ct.email) = ANY($1::text[]) OR lower(ct.personal_email) = ANY($1::text[])`,
          [[...emails]],
        )
      : [],
    (r) => [r.email?.toLowerCase() ?? null, r.personal_email?.toLowerCase() ?? null],
  );
  const byHash = groupBy(
    hashes.size
      ? await db.query<ContactRecord & { email_sha256: string | null; personal_email_sha256: string | null }>(
          `SELECT * FROM (${CONTACT_SELECT.replace('SELECT ct.id,', 'SELECT ct.email_sha256, ct.personal_email_sha256, ct.id,')}
           WHERE ct.email_sha256 = ANY($1::text[]) OR ct.personal_email_sha256 = ANY($1::text[])) AS m`,
          [[...hashes]],
        )
      : [],
    (r) => [r.email_sha256, r.personal_email_sha256],
  );
  // E-mails that matched nobody: does their domain belong to a company?
  const orphanDomains = new Set<string>();
  for (const e of emails) {
    if (!byEmail.has(e)) {
      const d = registrableDomain(e);
      if (d) orphanDomains.add(d);
    }
  }
  const companiesByDomain = groupBy(
    orphanDomains.size
      ? await db.query<{ id: number; name: string; website: string | null; domain: string }>(
          'SELECT id, name, website, domain FROM companies WHERE domain = ANY($1::text[]) ORDER BY id',
          [[...orphanDomains]],
        )
      : [],
    (r) => [r.domain],
  );

  const results: Match<ContactRecord>[] = [];
  for (const input of inputs) {
    if (!input) {
      results.push({ status: 'BAD_DATA', records: [], revealed: false, reason: PERSON_INPUT_HELP });
      continue;
    }
    let match: Match<ContactRecord>;
    if (input.personId !== undefined) match = outcome(byId.get(input.personId));
    else if (input.emailAddress !== undefined) {
      const email = lower(input.emailAddress);
      match = outcome(byEmail.get(email));
      if (match.status === 'NO_MATCH') {
        const d = registrableDomain(email);
        const company = d ? companiesByDomain.get(d)?.[0] : undefined;
        if (company) match = { status: 'COMPANY_ONLY_MATCH', records: [], revealed: false, company: { id: company.id, name: company.name, website: company.website } };
      }
    } else if (input.hashedEmail !== undefined) match = outcome(byHash.get(input.hashedEmail));
    else if (input.phone !== undefined) {
      const digits = phoneDigits(input.phone);
      if (!digits) {
        results.push({ status: 'BAD_DATA', records: [], revealed: false, reason: 'phone has fewer than 6 digits.' });
        continue;
      }
      const variants = digits.length === 10 ? [digits, `1${digits}`] : [digits];
      match = outcome(
        await db.query<ContactRecord>(
          `${CONTACT_SELECT} WHERE ct.phone_digits = ANY($1::text[]) OR ct.mobile_digits = ANY($1::text[]) ORDER BY ct.id LIMIT 6`,
          [variants],
        ),
      );
    } else if (input.externalURL !== undefined && !hasName(input)) {
      const key = linkedinKey(input.externalURL);
      if (!key?.startsWith('in/')) {
        results.push({ status: 'BAD_DATA', records: [], revealed: false, reason: 'externalURL is not a LinkedIn profile URL (https://www.linkedin.com/in/…).' });
        continue;
      }
      match = outcome(await db.query<ContactRecord>(`${CONTACT_SELECT} WHERE ct.linkedin_key = $1 ORDER BY ct.id LIMIT 6`, [key]));
    } else if (hasName(input) && (input.companyId !== undefined || input.companyName !== undefined)) {
      match = outcome(await byName(db, input));
    } else {
      results.push({ status: 'BAD_DATA', records: [], revealed: false, reason: PERSON_INPUT_HELP });
      continue;
    }
    // Several candidates and a LinkedIn URL: the URL decides.
    if (match.status === 'MULTI_MATCH' && input.externalURL !== undefined) {
      const key = linkedinKey(input.externalURL);
      const narrowed = match.records.filter((r) => key !== null && linkedinKey(r.linkedin_url) === key);
      if (narrowed.length === 1) match = outcome(narrowed);
    }
    // A person found, but not at the company the input named.
    if (match.status === 'FULL_MATCH' && match.records[0] && !companyAgrees(input, match.records[0])) {
      match = { ...match, status: 'CONTACT_ONLY_MATCH' };
    }
    results.push(match);
  }
  return results;
}

function hasName(input: PersonQuery): boolean {
  return (input.firstName !== undefined && input.lastName !== undefined) || input.fullName !== undefined;
}

function companyAgrees(input: PersonQuery, r: ContactRecord): boolean {
  if (input.companyId !== undefined && input.companyId !== r.company_id) return false;
  if (input.companyName !== undefined && !r.company_name.toLowerCase().includes(lower(input.companyName))) return false;
  return true;
}

async function byName(db: Queryable, input: PersonQuery): Promise<ContactRecord[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (sql: string, value: string | number) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (input.fullName !== undefined) add("lower(ct.first_name || ' ' || ct.last_name) = ?", lower(input.fullName).replace(/\s+/g, ' '));
  else {
    add('lower(ct.first_name) = ?', lower(input.firstName ?? ''));
    add('lower(ct.last_name) = ?', lower(input.lastName ?? ''));
  }
  if (input.companyId !== undefined) add('ct.company_id = ?', input.companyId);
  if (input.companyName !== undefined) add("lower(co.name) LIKE ? ESCAPE '\\'", likeContains(input.companyName.trim()));
  return db.query<ContactRecord>(`${CONTACT_SELECT} WHERE ${where.join(' AND ')} ORDER BY ct.id LIMIT 6`, params);
}

export const COMPANY_INPUT_HELP = 'Give companyId, companyWebsite (a URL or domain) or companyName.';

export async function matchCompanies(db: Queryable, inputs: CompanyQuery[]): Promise<Match<CompanyRecord>[]> {
  const ids = new Set<number>();
  const domains = new Set<string>();
  for (const input of inputs) {
    if (input.companyId !== undefined) ids.add(input.companyId);
    else if (input.companyWebsite !== undefined) {
      const d = registrableDomain(input.companyWebsite);
      if (d) domains.add(d);
    }
  }
  const rows =
    ids.size || domains.size
      ? await db.query<CompanyRecord>(`${COMPANY_SELECT} WHERE co.id = ANY($1::int[]) OR co.domain = ANY($2::text[])`, [[...ids], [...domains]])
      : [];
  const byId = groupBy(rows, (r) => [r.id]);
  const byDomain = groupBy(rows, (r) => [r.domain]);
  const results: Match<CompanyRecord>[] = [];
  for (const input of inputs) {
    if (input.companyId !== undefined) results.push(outcome(byId.get(input.companyId)));
    else if (input.companyWebsite !== undefined) {
      const d = registrableDomain(input.companyWebsite);
      if (!d) results.push({ status: 'BAD_DATA', records: [], revealed: false, reason: 'companyWebsite has no registrable domain (e.g. https://www.example.com or example.co.uk).' });
      else results.push(outcome(byDomain.get(d)));
    } else if (input.companyName !== undefined) {
      const name = lower(input.companyName);
      let found = await db.query<CompanyRecord>(`${COMPANY_SELECT} WHERE lower(co.name) = $1 ORDER BY co.id LIMIT 6`, [name]);
      if (found.length === 0) {
        found = await db.query<CompanyRecord>(`${COMPANY_SELECT} WHERE lower(co.name) LIKE $1 ESCAPE '\\' ORDER BY co.id LIMIT 6`, [likeContains(name)]);
      }
      results.push(outcome(found));
    } else results.push({ status: 'BAD_DATA', records: [], revealed: false, reason: COMPANY_INPUT_HELP });
  }
  return results;
}
