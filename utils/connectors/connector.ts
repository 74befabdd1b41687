/**
 * A data connector is data, not code: this zod schema is the one definition of it, used by the
 * Options form, the worker and the JSON export/import format (ConnectorExport). A definition never
 * holds a secret — client secrets, API keys and tokens live in the secret store — so an exported
 * file is safe to share. Fields follow ZoomInfo's Data Connectors guide (shared/seeds/003).
 */
import { z } from 'zod';
import { API_KEY_PLACEMENTS, actionSchema, baseUrl, httpUrl, identifier } from './action.ts';
import { ConnectorError } from './errors.ts';
import { logoProblem } from './logo.ts';
import { actionProblems } from './template.ts';

export * from './action.ts';


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

/**
 * The file an admin shares or deploys. Empty fields (null) are left out: they read back the same,
 * and Chrome's policy schema has no null, so one null would get the whole `connectors` policy
 * refused when the definition is pasted into a policy file.
 */
export function exportConnector(connector: ConnectorDefinition, now: Date = new Date()): string {
  const file = { format: CONNECTOR_FORMAT, version: CONNECTOR_FORMAT_VERSION, exportedAt: now.toISOString(), connector };
  return `${JSON.stringify(connectorExportSchema.parse(file), (_key, value: unknown) => (value === null ? undefined : value), 2)}\n`;
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
