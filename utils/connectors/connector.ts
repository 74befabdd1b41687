/**
 * A data connector is data, not code: this zod schema is the one definition of it, used by the
 * Options form, the worker and the JSON export/import format (ConnectorExport). A definition never
 * holds a secret — client secrets, API keys and tokens live in the secret store — so an exported
 * file is safe to share. Fields follow ZoomInfo's Data Connectors guide (shared/seeds/003).
 */
import { z } from 'zod';
import { ConnectorError } from './errors.ts';
import { logoProblem } from './logo.ts';
import { actionProblems } from './template.ts';

export const ACTION_CATEGORIES = ['Retrieve', 'Enrich', 'Connect'] as const;
export const HTTP_METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const;
/** Entity fields a parameter can be filled from on a contact or company card. */
export const ENTITY_FIELDS = ['email', 'domain', 'firstName', 'lastName', 'fullName', 'jobTitle', 'companyName', 'linkedinUrl', 'phone', 'providerId', 'companyProviderId'] as const;
export type EntityField = (typeof ENTITY_FIELDS)[number];
export const API_KEY_PLACEMENTS = ['query', 'header', 'body'] as const;

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/** https, or http for a server on this machine; no credentials, query or fragment in it. */
export const httpUrl = z.string().max(2000).superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be an absolute URL (https://…)' });
    return;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) ctx.addIssue({ code: 'custom', message: 'must use https (http only for localhost)' });
  if (url.username || url.password) ctx.addIssue({ code: 'custom', message: 'must not contain a user name or password' });
  if (url.hash || value.includes('#')) ctx.addIssue({ code: 'custom', message: 'must not contain a #fragment' });
});

export const baseUrl = httpUrl.refine((value) => !value.includes('?'), 'a base URL must not contain a query');

const identifier = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes, up to 63');

export const parameterSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'letters, digits and underscores, not starting with a digit'),
  description: z.string().max(250).default(''),
  sample: z.string().max(2000).default(''),
  /** Filled from this entity field when the action runs on a card (Enrich, Connect). */
  entityField: z.enum(ENTITY_FIELDS).nullable().default(null),
});
export type ActionParameter = z.infer<typeof parameterSchema>;

export const outputSchema = z.strictObject({
  /** `a.b`, `items[0].name`, `items[].name` (every item): outputs.ts. */
  path: z.string().min(1).max(300),
  label: z.string().min(1).max(80),
});
export type ActionOutput = z.infer<typeof outputSchema>;

export const headerTemplateSchema = z.strictObject({
  name: z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/, 'must be an HTTP header name'),
  value: z.string().max(2000),
});

export const actionSchema = z.strictObject({
  id: identifier,
  name: z.string().trim().min(1).max(80),
  description: z.string().max(250).default(''),
  category: z.enum(ACTION_CATEGORIES),
  method: z.enum(HTTP_METHODS),
  /** Path (and query) under the base URL, with `{parameter}` placeholders. */
  endpoint: z.string().min(1).max(2000),
  parameters: z.array(parameterSchema).max(30).default([]),
  /** JSON text; placeholders only inside string values. */
  body: z.string().max(20_000).nullable().default(null),
  headers: z.array(headerTemplateSchema).max(20).default([]),
  outputs: z.array(outputSchema).max(100).default([]),
});
export type ConnectorAction = z.infer<typeof actionSchema>;

export const oauth2AuthSchema = z.strictObject({
  type: z.literal('oauth2'),
  authorizationUrl: httpUrl,
  tokenUrl: httpUrl,
  refreshUrl: httpUrl.nullable().default(null),
  scopes: z
    .string()
    .max(500)
    .regex(/^[\x21\x23-\x5B\x5D-\x7E]*( [\x21\x23-\x5B\x5D-\x7E]+)*$/, 'space-separated scope names')
    .default(''),
  clientId: z.string().min(1).max(500),
  /** Whether a client secret is kept in the secret store; the secret itself never appears here. */
  hasClientSecret: z.boolean().default(false),
});

export const apiKeyAuthSchema = z.strictObject({
  type: z.literal('apiKey'),
  displayName: z.string().trim().min(1).max(80),
  /** The query parameter, header or body field the key travels under. */
  keyName: z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/, 'letters, digits and - _ . only'),
  placement: z.enum(API_KEY_PLACEMENTS),
});

export const connectorAuthSchema = z.discriminatedUnion('type', [oauth2AuthSchema, apiKeyAuthSchema]);
export type ConnectorAuth = z.infer<typeof connectorAuthSchema>;

export const connectorSchema = z
  .strictObject({
    id: identifier,
    name: z.string().trim().min(1).max(80),
    description: z.string().max(250, 'at most 250 characters'),
    baseUrl,
    logo: z
      .string()
      .max(1_500_000)
      .superRefine((value, ctx) => {
        const problem = logoProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .nullable()
      .default(null),
    category: z.string().trim().min(1).max(60),
    auth: connectorAuthSchema,
    /** Requests per second this connector may send (the worker's limiter). */
    rateLimitPerSecond: z.number().positive().max(100).default(5),
    actions: z.array(actionSchema).max(50).default([]),
  })
  .superRefine((connector, ctx) => {
    const ids = new Set<string>();
    connector.actions.forEach((action, index) => {
      if (ids.has(action.id)) ctx.addIssue({ code: 'custom', path: ['actions', index, 'id'], message: `two actions have the id "${action.id}"` });
      ids.add(action.id);
      for (const problem of actionProblems(connector.baseUrl, action)) ctx.addIssue({ code: 'custom', path: ['actions', index], message: problem });
    });
  });
export type ConnectorDefinition = z.infer<typeof connectorSchema>;
export type ConnectorInput = z.input<typeof connectorSchema>;

export const CONNECTOR_FORMAT = 'sidecar-connector';
export const CONNECTOR_FORMAT_VERSION = 1;

/** The shared file: a format tag and version, so a future shape can be migrated and another file refused. */
export const connectorExportSchema = z.strictObject({
  format: z.literal(CONNECTOR_FORMAT),
  version: z.literal(CONNECTOR_FORMAT_VERSION),
  exportedAt: z.string().datetime().optional(),
  connector: connectorSchema,
});

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : 'connector'}: ${issue.message}`)
    .join('; ');
}

/** A definition from the form or storage, parsed; ConnectorError `invalid_definition` says what to fix. */
export function parseConnector(input: unknown): ConnectorDefinition {
  const parsed = connectorSchema.safeParse(input);
  if (!parsed.success) throw new ConnectorError('invalid_definition', `This connector cannot be saved: ${describe(parsed.error)}.`);
  return parsed.data;
}

export function exportConnector(connector: ConnectorDefinition, now: Date = new Date()): string {
  const file = { format: CONNECTOR_FORMAT, version: CONNECTOR_FORMAT_VERSION, exportedAt: now.toISOString(), connector };
  return `${JSON.stringify(connectorExportSchema.parse(file), null, 2)}\n`;
}

/** An exported file's text → its connector; anything else is refused with a sentence saying why. */
export function importConnector(text: string): ConnectorDefinition {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConnectorError('invalid_import', 'This file is not JSON; choose a connector file exported from Sidecar.');
  }
  const tag = z.object({ format: z.literal(CONNECTOR_FORMAT), version: z.number() }).safeParse(json);
  if (!tag.success) throw new ConnectorError('invalid_import', `This file is not a Sidecar connector (expected "format": "${CONNECTOR_FORMAT}").`);
  if (tag.data.version !== CONNECTOR_FORMAT_VERSION) {
    throw new ConnectorError('invalid_import', `This connector file is version ${tag.data.version}; this Sidecar reads version ${CONNECTOR_FORMAT_VERSION}. Update Sidecar or export it again.`);
  }
  const parsed = connectorExportSchema.safeParse(json);
  if (!parsed.success) throw new ConnectorError('invalid_import', `This connector file is not valid: ${describe(parsed.error)}.`);
  return parsed.data.connector;
}
