import { z } from 'zod';
import { companySummary, contactSummary, type IntentCompany, type IntentSearchResult, type IntentSignal } from './enterprise-api.ts';

/**
 * Readers for the enterprise API answers whose published shape differs from the one the reference
 * server first answered (api-contract.md, Amendments). The client must work against both — a real
 * account and any reference server — so each reader accepts either form and returns one shape.
 */

const maybe = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

/** An intent signal as either form has it: `companyId` (reference) or `company { id }` (published). */
const anySignal = z.object({
  id: maybe(z.union([z.string(), z.number()])),
  companyId: maybe(z.number()),
  company: maybe(z.object({ id: z.number(), name: maybe(z.string()), website: maybe(z.string()) })),
  topic: z.string(),
  topicId: maybe(z.union([z.number(), z.string()])),
  category: maybe(z.string()),
  signalScore: z.number().min(0).max(100),
  signalDate: maybe(z.string()),
  audienceStrength: maybe(z.string()),
  spike: maybe(z.boolean()),
  /** The published name of a spike. */
  newSignal: maybe(z.boolean()),
  recommendedContacts: maybe(z.array(contactSummary)),
});
type AnySignal = z.infer<typeof anySignal>;

function toSignal(s: AnySignal, companyId: number): IntentSignal {
  return {
    companyId: s.companyId ?? s.company?.id ?? companyId,
    topic: s.topic,
    topicId: s.topicId ?? s.id ?? null,
    signalScore: s.signalScore,
    signalDate: s.signalDate ?? null,
    audienceStrength: s.audienceStrength ?? null,
    spike: s.spike ?? s.newSignal ?? null,
    recommendedContacts: s.recommendedContacts ?? [],
  };
}

/**
 * `/enrich/intent`: `{ data: { result: [ { data: [signal] } ] } }` (reference) or `{ data: [signal] }`
 * (published). Signals of one company; `companyId` fills in where a signal does not name it.
 */
export function intentEnrichReader(companyId: number) {
  return z
    .union([
      z.object({ data: z.object({ result: z.array(z.object({ data: z.array(anySignal) })) }) }).transform((b) => b.data.result.flatMap((r) => r.data)),
      z.object({ data: z.array(anySignal) }).transform((b) => b.data),
    ])
    .transform((signals) => signals.map((s) => toSignal(s, companyId)));
}

const envelope = { maxResults: z.number().int(), totalResults: z.number().int(), currentPage: z.number().int() };

/**
 * `/search/intent`: companies each with their signals (reference), or one row per signal naming its
 * company (published) — grouped here by company, in the order the companies first appear.
 */
export const intentSearchReader = z.union([
  z.object({ ...envelope, data: z.array(companySummary.extend({ signals: z.array(anySignal) })) }).transform(
    (b): IntentSearchResult => ({ ...b, data: b.data.map((c) => ({ ...c, signals: c.signals.map((s) => toSignal(s, c.id)) })) }),
  ),
  z.object({ ...envelope, data: z.array(anySignal.extend({ company: z.object({ id: z.number(), name: maybe(z.string()), website: maybe(z.string()) }) })) }).transform(
    (b): IntentSearchResult => {
      const companies = new Map<number, IntentCompany>();
      for (const row of b.data) {
        const company = companies.get(row.company.id) ?? { id: row.company.id, name: row.company.name, website: row.company.website, signals: [] };
        company.signals.push(toSignal(row, row.company.id));
        companies.set(row.company.id, company);
      }
      return { maxResults: b.maxResults, totalResults: b.totalResults, currentPage: b.currentPage, data: [...companies.values()] };
    },
  ),
]);

const lookupEntry = z.union([
  z.object({ id: z.union([z.number(), z.string()]), name: z.string() }),
  z.object({ Id: maybe(z.union([z.number(), z.string()])), Name: z.string() }).transform((e) => ({ id: e.Id ?? e.Name, name: e.Name })),
  z.string().transform((name) => ({ id: name, name })),
]);

/** `/lookup/*`: `{ data: [ { id, name } ] }` (reference) or a bare list of `{ Id?, Name }` or strings (published). */
export const lookupReader = z.union([z.object({ data: z.array(lookupEntry) }).transform((b) => b.data), z.array(lookupEntry)]);
export type LookupValue = z.infer<typeof lookupReader>[number];
