import { z } from 'zod';
import { detection } from './detection.ts';
import { enrichedCompany, enrichedContact, matchStatus } from './enterprise-api.ts';

/**
 * A lookup's life (design.md, "Data flow of one lookup"): BLANK → LOADING → RESULT | NO_RESULT |
 * ERROR. NO_RESULT means the provider has nothing (do not retry); ERROR says whether a retry helps.
 */

export const provenance = z.object({
  provider: z.string(),
  /** The input the provider matched on, e.g. `emailAddress: dana@northwind.io`. */
  matchedOn: z.string(),
  matchStatus,
  accuracy: z.number().nullable(),
  lastUpdated: z.string().nullable(),
});
export type Provenance = z.infer<typeof provenance>;

/** What a card cost (issue 17): a free preview, a credit spent, or free as a record enriched within 12 months. */
export const cost = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('preview') }),
  z.object({ kind: z.literal('spent'), at: z.number() }),
  z.object({ kind: z.literal('free'), enrichedAt: z.number() }),
]);
export type Cost = z.infer<typeof cost>;
/** Why automatic enrichment left this card a preview: a cap the user set. */
export const heldReason = z.enum(['page_cap', 'daily_cap']);
export type HeldReason = z.infer<typeof heldReason>;
const charged = { cost: cost.optional(), held: heldReason.optional() };
/**
 * Fields a connector filled where the provider had nothing (the waterfall, issue 14): field
 * (mobilePhone, directPhone, email, companyPhone) → the label of the source that gave it ("App-Z").
 */
export const filledBy = z.record(z.string(), z.string());
const filled = { filledBy: filledBy.optional() };

export const lookupResult = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('contact'),
    contact: enrichedContact.nullable(),
    /** MULTI_MATCH: every candidate, for the user to pick the right one. */
    candidates: z.array(enrichedContact),
    company: enrichedCompany.nullable(),
    /** false for a preview from the free search, email and phones not revealed. */
    revealed: z.boolean(),
    provenance,
    ...charged,
    ...filled,
  }),
  z.object({ type: z.literal('company'), company: enrichedCompany, provenance, ...charged, ...filled }),
]);
export type LookupResult = z.infer<typeof lookupResult>;

export const lookupState = z.discriminatedUnion('status', [
  z.object({ status: z.literal('BLANK') }),
  z.object({ status: z.literal('LOADING'), since: z.number() }),
  z.object({ status: z.literal('RESULT'), result: lookupResult, at: z.number() }),
  z.object({ status: z.literal('NO_RESULT'), tried: z.string(), at: z.number() }),
  z.object({
    status: z.literal('ERROR'),
    errorId: z.string(),
    message: z.string(),
    retryable: z.boolean(),
    at: z.number(),
  }),
]);
export type LookupState = z.infer<typeof lookupState>;
export const lookupStatus = z.enum(['BLANK', 'LOADING', 'RESULT', 'NO_RESULT', 'ERROR']);
export type LookupStatus = z.infer<typeof lookupStatus>;

/** One detected thing on a tab with its lookup state; `key` is the normalised cache key. */
export const tabEntity = z.object({ key: z.string(), detection, state: lookupState });
export type TabEntity = z.infer<typeof tabEntity>;

export const tabState = z.object({
  tabId: z.number().int(),
  url: z.string(),
  updatedAt: z.number(),
  entities: z.array(tabEntity),
});
export type TabState = z.infer<typeof tabState>;
