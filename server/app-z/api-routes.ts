/**
 * App-Z's JSON API (api-contract.md §5): competitors, people, notes, accounts. A caller
 * authenticates with an access token (Authorization: Bearer) or an API key in a query parameter
 * (`api_key`), a header (`X-Api-Key`) or the JSON body (`apiKey`).
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppZConfig } from '../config.ts';
import { credentialId, safeEqual } from '../auth/tokens.ts';
import { SlidingWindowLimiter } from '../lib/rate-limit.ts';
import { describeIssues, errorBody, errorResponse } from '../lib/errors.ts';
import { apiErrorEnvelope } from '../../utils/schemas/errors.ts';
import { accountsPage, competitorsOf, DEAL_STAGES, isKnownCompanyDomain, personByEmail } from './data.ts';
import type { AppZEnv } from './env.ts';
import { APPZ_SCOPES, type AppZOAuthStore, type AppZScope } from './oauth-store.ts';

const HOW_TO_AUTHENTICATE = 'Send an API key (api_key query parameter, X-Api-Key header or apiKey in the JSON body) or Authorization: Bearer <access token>.';

async function bodyApiKey(c: Context): Promise<string | null> {
  if (!(c.req.header('content-type') ?? '').includes('json')) return null;
  try {
    const body: unknown = await c.req.json();
    if (body && typeof body === 'object' && 'apiKey' in body && typeof body.apiKey === 'string') return body.apiKey;
  } catch {
    return null;
  }
  return null;
}

function authenticate(config: AppZConfig, store: AppZOAuthStore, now: () => number): MiddlewareHandler<AppZEnv> {
  const validKey = (key: string) => config.apiKeys.some((k) => safeEqual(k, key));
  const limiter = new SlidingWindowLimiter(config.ratePerSecond, config.ratePerSecond * 60);
  // One window per API key, or per OAuth client (all of its tokens), like an account's limit.
  const admit = (c: Context, key: string): Response | null => {
    const decision = limiter.take(key, now());
    c.header('X-RateLimit-Limit', String(decision.limit));
    c.header('X-RateLimit-Remaining', String(decision.remaining));
    c.header('X-RateLimit-Reset', String(decision.resetSeconds));
    if (decision.allowed) return null;
    return errorResponse(c, 'rate_limited', `App-Z allows ${config.ratePerSecond} requests per second per credential; retry after ${decision.retryAfterSeconds} s.`, {
      'Retry-After': String(decision.retryAfterSeconds),
    });
  };
  return async (c, next) => {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (bearer) {
      c.set('credential', 'bearer');
      const grant = store.verifyAccessToken(bearer);
      if (grant === 'expired' || grant === 'unknown') {
        c.header('WWW-Authenticate', `Bearer error="invalid_token", error_description="The access token is ${grant}"`);
        return errorResponse(c, 'unauthorized', grant === 'expired' ? 'The access token has expired; refresh it.' : 'Unknown access token.');
      }
      c.set('scopes', grant.scopes);
      return admit(c, `client:${grant.clientId}`) ?? next();
    }
    const header = c.req.header('x-api-key');
    const query = c.req.query('api_key');
    const body = header || query ? null : await bodyApiKey(c);
    const key = header ?? query ?? body;
    if (!key) return errorResponse(c, 'unauthorized', HOW_TO_AUTHENTICATE);
    c.set('credential', header ? 'header' : query ? 'query' : 'body');
    if (!validKey(key)) return errorResponse(c, 'unauthorized', 'Unknown API key.');
    c.set('scopes', APPZ_SCOPES);
    return admit(c, credentialId(key)) ?? next();
  };
}

function requireScope(scope: AppZScope): MiddlewareHandler<AppZEnv> {
  return async (c, next) => {
    if (!c.get('scopes').includes(scope)) return errorResponse(c, 'forbidden', `You do not have access to this endpoint: the token lacks the ${scope} scope.`);
    return next();
  };
}

const errors = { content: { 'application/json': { schema: apiErrorEnvelope } } };
const errorResponses = {
  400: { description: 'invalid_input', ...errors },
  401: { description: 'unauthorized: no, unknown or expired credential', ...errors },
  403: { description: 'forbidden: the token lacks the scope', ...errors },
};

const competitorsRoute = createRoute({
  method: 'get',
  path: '/api/v1/companies/{domain}/competitors',
  summary: 'A few competitors of the company, with the win rate against each',
  tags: ['App-Z'],
  middleware: [requireScope('companies:read')] as const,
  request: { params: z.object({ domain: z.string().min(1).max(253) }), query: z.object({ api_key: z.string().optional() }) },
  responses: {
    200: {
      description: 'Competitors',
      content: {
        'application/json': {
          schema: z.object({
            domain: z.string(),
            company: z.string(),
            competitors: z.array(z.object({ name: z.string(), domain: z.string().nullable(), winRate: z.number(), deals: z.number().int() })),
          }),
        },
      },
    },
    ...errorResponses,
    404: { description: 'App-Z has no company with this domain', ...errors },
  },
});

const peopleRoute = createRoute({
  method: 'get',
  path: '/api/v1/people',
  summary: "The person's mobile phone and deal stage, by email",
  tags: ['App-Z'],
  middleware: [requireScope('people:read')] as const,
  request: { query: z.object({ email: z.string().email(), api_key: z.string().optional() }) },
  responses: {
    200: {
      description: 'The person',
      content: {
        'application/json': {
          schema: z.object({
            email: z.string(),
            firstName: z.string(),
            lastName: z.string(),
            jobTitle: z.string().nullable(),
            mobilePhone: z.string().nullable(),
            dealStage: z.enum(DEAL_STAGES),
            company: z.object({ name: z.string(), domain: z.string().nullable() }),
          }),
        },
      },
    },
    ...errorResponses,
    404: { description: 'App-Z has no person with this email', ...errors },
  },
});

const noteInput = z.strictObject({
  about: z.string().min(1).max(320).describe('An email (a person) or a domain (a company)'),
  text: z.string().min(1).max(5000),
  apiKey: z.string().optional(),
});
const note = z.object({ id: z.string(), about: z.string(), aboutType: z.enum(['person', 'company']), text: z.string(), createdAt: z.string() });

const notesRoute = createRoute({
  method: 'post',
  path: '/api/v1/notes',
  summary: 'Create a note about a person (by email) or a company (by domain)',
  tags: ['App-Z'],
  middleware: [requireScope('notes:write')] as const,
  request: { body: { content: { 'application/json': { schema: noteInput } }, required: true }, query: z.object({ api_key: z.string().optional() }) },
  responses: { 201: { description: 'The note, with its id', content: { 'application/json': { schema: note } } }, ...errorResponses, 404: { description: 'Unknown person or company', ...errors } },
});

const accountsRoute = createRoute({
  method: 'get',
  path: '/api/v1/accounts',
  summary: 'The accounts, a page at a time',
  tags: ['App-Z'],
  middleware: [requireScope('accounts:read')] as const,
  request: { query: z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1), api_key: z.string().optional() }) },
  responses: {
    200: {
      description: 'One page of accounts',
      content: {
        'application/json': {
          schema: z.object({
            data: z.array(
              z.object({ id: z.string(), name: z.string(), domain: z.string().nullable(), industry: z.string().nullable(), employees: z.number().int().nullable(), owner: z.string(), arrUsd: z.number().int() }),
            ),
            page: z.number().int(),
            perPage: z.number().int(),
            total: z.number().int(),
            totalPages: z.number().int(),
          }),
        },
      },
    },
    ...errorResponses,
  },
});

export function appZApiRoutes(app: OpenAPIHono<AppZEnv>, config: AppZConfig, store: AppZOAuthStore, now: () => number): void {
  app.use('/api/v1/*', authenticate(config, store, now));

  app.openapi(competitorsRoute, (c) => {
    const { domain } = c.req.valid('param');
    const found = competitorsOf(domain);
    if (!found) return c.json(errorBody('not_found', `App-Z has no company with the domain ${domain}.`), 404);
    return c.json({ domain: domain.toLowerCase(), ...found }, 200);
  });

  app.openapi(peopleRoute, (c) => {
    const { email } = c.req.valid('query');
    const person = personByEmail(email);
    if (!person) return c.json(errorBody('not_found', `App-Z has no person with the email ${email}.`), 404);
    return c.json(person, 200);
  });

  let nextNote = 1;
  app.openapi(notesRoute, (c) => {
    const { about, text } = c.req.valid('json');
    const aboutType = about.includes('@') ? 'person' : 'company';
    const known = aboutType === 'person' ? personByEmail(about) !== null : isKnownCompanyDomain(about);
    if (!known) return c.json(errorBody('not_found', `App-Z knows no ${aboutType} "${about}"; a note must be about a known person (email) or company (domain).`), 404);
    return c.json({ id: `note_${nextNote++}`, about: about.toLowerCase(), aboutType, text, createdAt: new Date(now()).toISOString() } as const, 201);
  });

  app.openapi(accountsRoute, (c) => c.json(accountsPage(c.req.valid('query').page), 200));
}

/** Validation failures in the contract's `errors` envelope. */
export function validationHook(result: { success: boolean; error?: unknown }, c: Context): Response | undefined {
  if (result.success) return undefined;
  const error = result.error;
  const details = error instanceof z.ZodError ? describeIssues(error) : 'The request is not valid.';
  return errorResponse(c, 'invalid_input', details);
}
