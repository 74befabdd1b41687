/** The `errors` envelope of api-contract.md ("Conventions"), and a thrown form of it. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { API_ERROR_STATUS, type ApiErrorEnvelope, type ApiErrorId } from '../../utils/schemas/errors.ts';

export class ApiFailure extends Error {
  readonly id: ApiErrorId;
  readonly headers: Record<string, string>;
  constructor(id: ApiErrorId, details: string, headers: Record<string, string> = {}) {
    super(details);
    this.id = id;
    this.headers = headers;
  }
}

export function errorBody(id: ApiErrorId, details: string): ApiErrorEnvelope {
  return { errors: [{ id, code: API_ERROR_STATUS[id], details }] };
}

export function errorResponse(c: Context, id: ApiErrorId, details: string, headers: Record<string, string> = {}): Response {
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  return c.json(errorBody(id, details), API_ERROR_STATUS[id] as ContentfulStatusCode);
}

/** "field.path: message" for the first few issues, so a client knows what to fix. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'body';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}
