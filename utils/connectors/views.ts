/**
 * What the connector messages carry between extension pages and the worker (utils/messaging.ts):
 * the shapes Options, the side panel and the worker agree on. Secrets never appear in them: a
 * view says whether a secret is stored, never its value.
 */
import { z } from 'zod';
import { ACTION_CATEGORIES, connectorSchema, ENTITY_FIELDS, identifier } from './connector.ts';
import type { JsonValue } from './template.ts';

const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

export const connectorId = identifier;
export const actionId = identifier;

export const connectionStatusSchema = z.enum(['not_connected', 'connected', 'reconnect_needed']);

/** One connector as Options lists it. */
export const connectorView = z.object({
  definition: connectorSchema,
  /** `managed`: deployed by the organisation's browser policy, read-only. */
  source: z.enum(['managed', 'user']),
  readOnly: z.boolean(),
  status: connectionStatusSchema,
  /** An API key or client secret is stored for it (never its value). */
  secretStored: z.boolean(),
  /** Its API key is the organisation's (policy `connectorKeys`): the rep neither gives nor removes one. */
  keyManaged: z.boolean(),
});
export type ConnectorView = z.infer<typeof connectorView>;

/** Fields a waterfall fills, each from an ordered list of sources. */
export const WATERFALL_FIELDS = ['mobilePhone', 'directPhone', 'email', 'companyPhone'] as const;
export type WaterfallField = (typeof WATERFALL_FIELDS)[number];

/** A source of a waterfall: the provider, or one output of a connector's Enrich action. */
export const waterfallStep = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('provider') }),
  z.object({ kind: z.literal('connector'), connectorId, actionId, outputPath: z.string().min(1).max(300) }),
]);
export type WaterfallStep = z.infer<typeof waterfallStep>;

/** Sources a field may have. */
export const MAX_WATERFALL_STEPS = 10;
export const waterfallConfig = z.partialRecord(z.enum(WATERFALL_FIELDS), z.array(waterfallStep).max(MAX_WATERFALL_STEPS));
export type WaterfallConfig = z.infer<typeof waterfallConfig>;

export const connectorsOverview = z.object({
  connectors: z.array(connectorView),
  /** Policy entries that were skipped, one sentence each, for the admin. */
  problems: z.array(z.string()),
  /** The browser's OAuth redirect URL (identity.getRedirectURL()), to register with a provider. */
  redirectUrl: z.string(),
  waterfall: waterfallConfig,
  /** The waterfall is set by the organisation's policy. */
  waterfallManaged: z.boolean(),
});
export type ConnectorsOverview = z.infer<typeof connectorsOverview>;

export const extractedOutput = z.object({ label: z.string(), path: z.string(), value: jsonValue });
export const outputField = z.object({ path: z.string(), suggestedLabel: z.string(), sample: jsonValue });

/** "Test API": what came back, and the fields it offers as outputs. */
export const actionTestResult = z.object({
  status: z.number().int(),
  durationMs: z.number(),
  bytes: z.number().int(),
  json: jsonValue.nullable(),
  outputs: z.array(extractedOutput),
  fields: z.array(outputField),
});
export type ActionTestResult = z.infer<typeof actionTestResult>;

const sectionError = z.object({ id: z.string(), message: z.string() });

/** An Enrich action's section on a card, or a Connect action's button. */
export const connectorSection = z.object({
  connectorId,
  connectorName: z.string(),
  /** data: URL, already checked (logo.ts); rendered as an <img>, never inline. */
  logo: z.string().nullable(),
  actionId,
  actionName: z.string(),
  category: z.enum(ACTION_CATEGORIES),
  /** Enrich: the outputs (null until run or after an error). */
  outputs: z.array(extractedOutput).nullable(),
  error: sectionError.nullable(),
  /** When the outputs were fetched (cached like lookups). */
  at: z.number().nullable(),
});
export type ConnectorSection = z.infer<typeof connectorSection>;

/** Exactly what a Connect action will send, the credential left out, for the rep to confirm. */
export const connectPreview = z.object({
  method: z.string(),
  url: z.string(),
  headers: z.array(z.object({ name: z.string(), value: z.string() })),
  body: z.string().nullable(),
});
export type ConnectPreview = z.infer<typeof connectPreview>;

/** A Retrieve action's answer as a table: one row per item of its list outputs. */
export const retrieveTable = z.object({
  status: z.number().int(),
  durationMs: z.number(),
  columns: z.array(z.object({ label: z.string(), path: z.string(), entityField: z.enum(ENTITY_FIELDS).optional() })),
  rows: z.array(z.array(jsonValue)),
});
export type RetrieveTable = z.infer<typeof retrieveTable>;

export const entityRef = z.object({ tabId: z.number().int().nonnegative(), key: z.string().min(3).max(2100) });
