/** Shared pieces of the Audiences API route declarations. */
import { z } from '@hono/zod-openapi';
import { JSON_API } from './errors.ts';
import { ErrorResponse } from './schemas.ts';

export const TAG = 'Audiences (GTM Studio)';
export const security = [{ gtmBearer: [] }];

export const body = <T extends z.ZodType>(schema: T, required = true) => ({ content: { [JSON_API]: { schema } }, required });
export const ok = <T extends z.ZodType>(schema: T, description: string) => ({ content: { [JSON_API]: { schema } }, description });

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid request: errors[] says what to fix; nothing was changed',
  401: 'Missing, unknown or expired access token',
  402: 'Not enough credits; nothing was started',
  403: 'The token lacks the scope (api:audience:manage for changes)',
  404: 'Unknown id',
  406: 'Accept excludes application/vnd.api+json',
  409: 'Conflicts with the current state (e.g. an enrichment job is running)',
  415: 'The body is not application/vnd.api+json',
};

export function errors(...codes: number[]) {
  return Object.fromEntries([...new Set([401, 403, 406, ...codes])].map((code) => [code, ok(ErrorResponse, ERROR_TEXT[code] ?? 'Error')]));
}

export const audienceId = z.object({ audienceId: z.string().openapi({ param: { name: 'audienceId', in: 'path' } }) });

export const pageQuery = {
  'page[number]': z.coerce.number().int().min(1).default(1),
  'page[size]': z.coerce.number().int().min(1).max(100).default(25),
  sort: z.string().max(500).optional(),
  'filter[searchText]': z.string().max(200).optional(),
};

export function links(url: string, page: number, size: number, total: number) {
  const last = Math.max(1, Math.ceil(total / size));
  const at = (n: number) => {
    const u = new URL(url);
    u.searchParams.set('page[number]', String(n));
    u.searchParams.set('page[size]', String(size));
    return u.toString();
  };
  return { first: at(1), last: at(last), ...(page > 1 ? { prev: at(Math.min(page - 1, last)) } : {}), ...(page < last ? { next: at(page + 1) } : {}) };
}
