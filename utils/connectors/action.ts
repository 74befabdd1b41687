/**
 * An action of a connector (the Data Connectors guide's Retrieve, Enrich and Connect): its request,
 * parameters and outputs. Apart from the connector definition so that templating can depend on it
 * without depending on the whole definition (which validates its actions through templating).
 */
import { z } from 'zod';

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

export const identifier = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes, up to 63');

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
  /** What the value is of a person or company: a Retrieve table's rows are added to a list by these. */
  entityField: z.enum(ENTITY_FIELDS).optional(),
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
