/** api-contract.md §2: POST /enrich/contact, /enrich/company and /enrich/intent. */
import type { Context } from 'hono';
import type { z } from 'zod';
import {
  MAX_ENRICH_INPUTS,
  enrichCompanyRequest,
  enrichCompanyResponse,
  enrichContactRequest,
  enrichContactResponse,
  enrichIntentRequest,
  intentEnrichResult,
  type EnrichCompanyResponse,
  type EnrichContactResponse,
  type IntentEnrichResult,
} from '../../utils/schemas/enterprise-api.ts';
import { ApiFailure, describeIssues } from '../lib/errors.ts';
import { charge } from '../services/credits.ts';
import { matchCompanies, matchPeople, type Match } from '../services/enrich.ts';
import { signalsOf } from '../services/intent.ts';
import { PUBLISHED_INPUTS, refuseUnservable } from '../services/published-inputs.ts';
import { COMPANY_FIELDS, CONTACT_COMPANY_FIELDS, CONTACT_FIELDS, pickFields, toEnrichedCompany, toEnrichedContact } from '../services/records.ts';
import { readJson, type AppEnv, type Deps } from './common.ts';
import { endpoint, type Api, type Guards } from './endpoint.ts';

/** Issue codes that make one enrich input BAD_DATA (a malformed value) rather than the call a 400. */
const BAD_VALUE_CODES = new Set(['invalid_format']);

export interface EnrichRequest<T> {
  request: T;
  /** Index → reason of the inputs that are BAD_DATA. */
  bad: Map<number, string>;
  /** The inputs as sent, echoed back in each result's `input`. */
  rawInputs: unknown[];
}

function checkSize(count: number): void {
  if (count > MAX_ENRICH_INPUTS) {
    throw new ApiFailure('payload_too_large', `At most ${MAX_ENRICH_INPUTS} inputs per enrich call; this one has ${count}. Split it into several calls.`);
  }
}

/**
 * The request parsing every enrich endpoint shares: more than 25 inputs is a 413 whatever else is
 * wrong; an input whose only fault is a malformed value (an e-mail that is not an address, a hash
 * that is not SHA-256 hex, a URL that is not a URL) does not fail the batch but comes back as
 * BAD_DATA with the reason; unknown fields, wrong types and the like are a 400.
 */
export function enrichParser<T extends z.ZodType>(schema: T, listKey: string, reshape: (body: unknown) => unknown = (body) => body) {
  return async (c: Context<AppEnv>): Promise<EnrichRequest<z.output<T>>> => {
    const body = reshape(await readJson(c));
    const list = (body as Record<string, unknown> | undefined)?.[listKey];
    const rawInputs = Array.isArray(list) ? (list as unknown[]) : [];
    if (Array.isArray(list)) checkSize(list.length);
    const first = schema.safeParse(body);
    if (first.success) return { request: first.data, bad: new Map(), rawInputs };
    const bad = new Map<number, string>();
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
    return { request: second.data, bad, rawInputs };
  };
}

/**
 * The published /enrich/intent names one company at the top level; this server also takes a list.
 * Its documented criteria this data cannot serve are a 400 that says so.
 */
function oneCompanyAsList(body: unknown): unknown {
  refuseUnservable(body, PUBLISHED_INPUTS.intentEnrich, Object.keys(enrichIntentRequest.shape));
  if (typeof body !== 'object' || body === null || Array.isArray(body) || 'matchCompanyInput' in body) return body;
  const { companyId, companyName, companyWebsite, ...rest } = body as Record<string, unknown>;
  if (companyId === undefined && companyName === undefined && companyWebsite === undefined) return body;
  const input = Object.fromEntries(Object.entries({ companyId, companyName, companyWebsite }).filter(([, value]) => value !== undefined));
  return { ...rest, matchCompanyInput: [input] };
}

const CANDIDATE_COMPANY_FIELDS = new Set(['id', 'name', 'website', 'domainList', 'city', 'state', 'country']);

/** Known requested fields in the contract's order; all of them when none are requested. */
export function selectFields(known: readonly string[], requested: string[] | undefined): string[] {
  if (!requested) return [...known];
  const wanted = new Set(requested);
  return known.filter((f) => f === 'id' || wanted.has(f));
}

/**
 * A contact's fields, with the published `company*` output fields nested in `company`
 * (companyPhone → company.phone; the legacy `company` asks for id, name and website).
 */
export function contactFields(requested: string[] | undefined): { fields: string[]; company: string[] | null } {
  const fields = selectFields(CONTACT_FIELDS, requested);
  if (!requested) return { fields, company: null };
  const company = new Set(requested.flatMap((f) => (f === 'company' ? ['id', 'name', 'website'] : CONTACT_COMPANY_FIELDS[f] ? [CONTACT_COMPANY_FIELDS[f]] : [])));
  if (company.size === 0) return { fields: fields.filter((f) => f !== 'company'), company: [] };
  return { fields: fields.includes('company') ? fields : [...fields, 'company'], company: ['id', ...company] };
}

export function nestCompany<T extends { company?: Record<string, unknown> | null }>(record: T, company: string[] | null): T {
  if (company === null || !record.company) return record;
  const picked: Record<string, unknown> = {};
  for (const f of company) picked[f] = record.company[f] ?? null;
  return { ...record, company: picked };
}

export function echo(input: unknown, match: Match<unknown>): Record<string, unknown> {
  const base = typeof input === 'object' && input !== null && !Array.isArray(input) ? { ...(input as Record<string, unknown>) } : {};
  if (match.reason) base.reason = match.reason;
  return base;
}

export function enrichRoutes(app: Api, guards: Guards, deps: Deps): void {
  const { db, config } = deps;

  const creditsHeader = (c: Context<AppEnv>, remaining: number) => c.header('X-Usage-Record-Limit-Remaining', String(remaining));

  endpoint(
    app,
    guards,
    {
      method: 'post',
      path: '/enrich/contact',
      tag: 'Enrich',
      summary: 'Enrich up to 25 people (costs credits)',
      auth: 'accessToken',
      entitlement: 'contact',
      request: { schema: enrichContactRequest, example: { matchPersonInput: [{ emailAddress: 'dana@northwind.io' }], outputFields: ['firstName', 'lastName', 'email', 'jobTitle', 'company'] } },
      response: enrichContactResponse,
      parse: enrichParser(enrichContactRequest, 'matchPersonInput'),
    },
    async (c, { request, bad, rawInputs }) => {
      const matches = await matchPeople(
        db,
        request.matchPersonInput.map((input, i) => (bad.has(i) ? null : input)),
      );
      const charged = matches.filter((m) => m.revealed).flatMap((m) => m.records.map((r) => r.id));
      const spent = await db.transaction((tx) => charge(tx, c.get('account'), 'contact', charged, config.credits));
      creditsHeader(c, spent.remaining);
      const { fields, company } = contactFields(request.outputFields);
      const response: EnrichContactResponse = {
        success: true,
        data: {
          outputFields: [request.outputFields ?? fields],
          result: matches.map((m, i) => {
            const reason = bad.get(i);
            const match = reason ? { ...m, reason } : m;
            const entry: EnrichContactResponse['data']['result'][number] & { company?: Match<unknown>['company'] } = {
              input: echo(rawInputs[i], match),
              data: m.records.map((r) => nestCompany(pickFields(toEnrichedContact(r, m.revealed), fields), company)),
              matchStatus: m.status,
            };
            if (m.company) entry.company = m.company;
            return entry;
          }),
        },
      };
      return c.json(response);
    },
  );

  endpoint(
    app,
    guards,
    {
      method: 'post',
      path: '/enrich/company',
      tag: 'Enrich',
      summary: 'Enrich up to 25 companies (costs credits)',
      auth: 'accessToken',
      entitlement: 'company',
      request: { schema: enrichCompanyRequest, example: { matchCompanyInput: [{ companyWebsite: 'https://www.northwind.io/about' }] } },
      response: enrichCompanyResponse,
      parse: enrichParser(enrichCompanyRequest, 'matchCompanyInput'),
    },
    async (c, { request, rawInputs }) => {
      const matches = await matchCompanies(db, request.matchCompanyInput);
      const charged = matches.filter((m) => m.revealed).flatMap((m) => m.records.map((r) => r.id));
      const spent = await db.transaction((tx) => charge(tx, c.get('account'), 'company', charged, config.credits));
      creditsHeader(c, spent.remaining);
      const fields = selectFields(COMPANY_FIELDS, request.outputFields);
      const response: EnrichCompanyResponse = {
        success: true,
        data: {
          outputFields: [request.outputFields ?? fields],
          result: matches.map((m, i) => ({
            input: echo(rawInputs[i], m),
            // MULTI_MATCH candidates are free, so they carry only what tells them apart.
            data: m.records.map((r) => pickFields(toEnrichedCompany(r), m.revealed ? fields : fields.filter((f) => CANDIDATE_COMPANY_FIELDS.has(f)))),
            matchStatus: m.status,
          })),
        },
      };
      return c.json(response);
    },
  );

  endpoint(
    app,
    guards,
    {
      method: 'post',
      path: '/enrich/intent',
      tag: 'Enrich',
      summary: 'Intent signals of up to 25 companies (free)',
      auth: 'accessToken',
      entitlement: 'intent',
      request: { schema: enrichIntentRequest, example: { matchCompanyInput: [{ companyId: 1001 }] } },
      response: intentEnrichResult,
      parse: enrichParser(enrichIntentRequest, 'matchCompanyInput', oneCompanyAsList),
    },
    async (c, { request }) => {
      const matches = await matchCompanies(db, request.matchCompanyInput);
      const companyIds = [...new Set(matches.flatMap((m) => m.records.map((r) => r.id)))];
      // Published: one list of signals, each naming its company (not a result per input).
      const data = await signalsOf(db, companyIds, request.topics);
      const response: IntentEnrichResult = { maxResults: data.length, totalResults: data.length, currentPage: 1, data };
      return c.json(response);
    },
  );
}
