/**
 * One declaration per endpoint: path, method, who may call it, request and response schemas and
 * docs. `endpoint()` registers it in the OpenAPI document (GET /openapi.json is generated from
 * these declarations) and in the router, behind the guards its `auth` names.
 *
 * The request schema documents the body; the handler parses it with `parse` (by default the
 * declared schema, strictly, with the contract's error messages) rather than the library's
 * validator, whose media-type checks and error shape the contract does not have.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { apiErrorEnvelope } from '../../utils/schemas/errors.ts';
import type { Feature } from '../auth/entitlements.ts';
import { parseWith, readJson, type AppEnv } from './common.ts';

export type Api = OpenAPIHono<AppEnv>;

/**
 * Who may call: `apiKey` (the search API), `accessToken` (the enterprise API: authenticated, rate
 * limited per account), `public` (sign-in, docs). Every guarded endpoint also takes injected faults.
 */
export type Auth = 'apiKey' | 'accessToken' | 'public';

/** What runs before a handler (routes/guards.ts): its auth's checks, its entitlement, then faults. */
export interface Guards {
  auth: Record<Auth, MiddlewareHandler<AppEnv>[]>;
  entitled(feature: Feature): MiddlewareHandler<AppEnv>;
  faults: MiddlewareHandler<AppEnv>;
}

export interface EndpointSpec<Req extends z.ZodType, Body> {
  method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI form: `/lookup/{field}`. */
  path: string;
  tag: string;
  summary: string;
  auth: Auth;
  /** The feature an account must be entitled to (ENTITLEMENTS); a 403 otherwise. */
  entitlement?: Feature;
  /** Extra security schemes shown in the document (the client JWT of /authenticate). */
  alsoAccepts?: 'clientJwt';
  request?: { schema: Req; form?: boolean; optional?: boolean; example?: unknown };
  response: z.ZodType;
  /** How the handler gets its body; defaults to the declared schema applied to the JSON body (`{}` when empty). */
  parse?: (c: Context<AppEnv>) => Promise<Body>;
  /** Path parameters, documented. */
  params?: z.ZodObject;
}

/** Statuses every endpoint may answer with the `errors` envelope. */
const ERROR_STATUSES = { 400: 'invalid_input', 401: 'unauthorized', 402: 'credits_exhausted', 403: 'forbidden', 404: 'not_found', 413: 'payload_too_large', 429: 'rate_limited', 500: 'internal' } as const;

const errorResponses = Object.fromEntries(
  Object.entries(ERROR_STATUSES).map(([status, id]) => [status, { description: id, content: { 'application/json': { schema: { $ref: '#/components/schemas/Errors' } } } }]),
);

const SECURITY: Record<Auth, Record<string, string[]>[]> = {
  apiKey: [{ apiKey: [] }],
  accessToken: [{ accessToken: [] }],
  public: [{}],
};

export function endpoint<Req extends z.ZodType = z.ZodType, Body = z.output<Req>>(
  app: Api,
  guards: Guards,
  spec: EndpointSpec<Req, Body>,
  handler: (c: Context<AppEnv>, body: Body) => Response | Promise<Response>,
): void {
  const route = createRoute({
    method: spec.method,
    path: spec.path,
    tags: [spec.tag],
    summary: spec.summary,
    operationId: `${spec.method}${spec.path.replace(/[^a-zA-Z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ? ch.toUpperCase() : ''))}`,
    security: spec.alsoAccepts ? [...SECURITY[spec.auth], { [spec.alsoAccepts]: [] }] : SECURITY[spec.auth],
    request: {
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.request
        ? {
            body: {
              required: !spec.request.optional,
              content: {
                [spec.request.form ? 'application/x-www-form-urlencoded' : 'application/json']: {
                  schema: spec.request.schema,
                  ...(spec.request.example === undefined ? {} : { example: spec.request.example }),
                },
              },
            },
          }
        : {}),
    },
    responses: { 200: { description: 'OK', content: { 'application/json': { schema: spec.response } } }, ...errorResponses },
  });
  app.openAPIRegistry.registerPath(route);
  const schema = spec.request?.schema;
  const parse = spec.parse ?? (async (c: Context<AppEnv>) => (schema ? parseWith(schema, (await readJson(c)) ?? {}) : undefined) as Body);
  const honoPath = spec.path.replace(/\{([^}]+)\}/g, ':$1');
  const before = [...guards.auth[spec.auth], ...(spec.entitlement ? [guards.entitled(spec.entitlement)] : []), ...(spec.auth === 'public' ? [] : [guards.faults])];
  app.on([spec.method.toUpperCase()], [honoPath], ...before, async (c: Context<AppEnv>) => handler(c, await parse(c)));
}

/** Registers the document's shared parts: the error envelope and the security schemes. */
export function registerComponents(app: Api): void {
  // A JSON Schema is an OpenAPI 3.1 schema object; the library's type for it is narrower.
  const errors = z.toJSONSchema(apiErrorEnvelope, { target: 'draft-2020-12', io: 'output' }) as unknown as Record<string, never>;
  delete errors.$schema;
  app.openAPIRegistry.registerComponent('schemas', 'Errors', errors);
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', { type: 'http', scheme: 'bearer', description: 'An API key from API_KEYS (default demo-key). Search API only.' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'accessToken', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access token from /authenticate or /oauth/token.' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'clientJwt', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A PKI client JWT (RS256, aud enterprise_api, exp ≤ iat + 300).' });
}
