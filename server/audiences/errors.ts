/**
 * ZoomInfo's error model for the Audiences API (api-contract.md §4):
 * `{ errors: [ { id, code, status, title, detail, source? } ] }` as application/vnd.api+json.
 * `id` is stable per kind of failure (what a client branches on), `detail` says what to fix.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export const JSON_API = 'application/vnd.api+json';

const KINDS = {
  invalid_input: { status: 400, code: 'VALIDATION_ERROR', title: 'Invalid request' },
  unauthorized: { status: 401, code: 'UNAUTHORIZED', title: 'Authentication required' },
  credits_exhausted: { status: 402, code: 'INSUFFICIENT_CREDITS', title: 'Not enough credits' },
  forbidden: { status: 403, code: 'FORBIDDEN', title: 'Missing scope' },
  not_found: { status: 404, code: 'NOT_FOUND', title: 'Not found' },
  not_acceptable: { status: 406, code: 'NOT_ACCEPTABLE', title: 'Not acceptable' },
  conflict: { status: 409, code: 'CONFLICT', title: 'Conflict' },
  unsupported_media_type: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', title: 'Unsupported media type' },
  internal: { status: 500, code: 'INTERNAL_ERROR', title: 'Internal error' },
} as const;

export type GtmErrorId = keyof typeof KINDS;

export interface GtmErrorSource {
  pointer?: string;
  parameter?: string;
  header?: string;
}

export class GtmFailure extends Error {
  readonly id: GtmErrorId;
  readonly source: GtmErrorSource | undefined;
  constructor(id: GtmErrorId, detail: string, source?: GtmErrorSource) {
    super(detail);
    this.id = id;
    this.source = source;
  }
}

export function gtmErrorBody(id: GtmErrorId, detail: string, source?: GtmErrorSource) {
  const kind = KINDS[id];
  return { errors: [{ id, code: kind.code, status: String(kind.status), title: kind.title, detail, ...(source ? { source } : {}) }] };
}

export function gtmErrorResponse(c: Context, id: GtmErrorId, detail: string, source?: GtmErrorSource): Response {
  return jsonApi(c, gtmErrorBody(id, detail, source), KINDS[id].status as ContentfulStatusCode);
}

/** A JSON:API response: the body as JSON with the JSON:API media type (c.json keeps a Content-Type it is given). */
export function jsonApi<T extends object, S extends ContentfulStatusCode>(c: Context, body: T, status: S) {
  return c.json(body, status, { 'Content-Type': JSON_API });
}
