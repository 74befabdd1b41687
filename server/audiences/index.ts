/**
 * The Audiences API (api-contract.md §4) as one OpenAPIHono sub-app: the token endpoint at
 * /gtm/oauth/v1/token, the API under /gtm/studio/v1 with its own OpenAPI document at
 * /gtm/studio/v1/openapi.json, JSON:API media types and ZoomInfo's error model throughout.
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import type { ServerConfig } from '../config.ts';
import type { Db } from '../db/index.ts';
import { describeIssues } from '../lib/errors.ts';
import { seedDemoAudience } from '../services/audiences/demo.ts';
import { AudienceWorker } from '../services/audiences/jobs.ts';
import type { AccountRateLimiter } from '../services/rate-limits.ts';
import { audienceRoutes } from './audiences.ts';
import { issueToken, requireToken, type GtmEnv } from './auth.ts';
import { GtmFailure, gtmErrorResponse, JSON_API } from './errors.ts';
import { folderRoutes } from './folders.ts';
import { TAG } from './openapi.ts';
import { TokenResponse } from './schemas.ts';
import { rowRoutes } from './rows.ts';

/** Accept must admit JSON:API; a body must be JSON:API (415 otherwise). */
function acceptable(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept.split(',').some((part) => {
    const type = part.split(';')[0]?.trim().toLowerCase() ?? '';
    return type === JSON_API || type === '*/*' || type === 'application/*';
  });
}

export interface Audiences {
  app: OpenAPIHono<GtmEnv>;
  /** Seeds the demo audience and starts this process's job worker. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** `limiter`: the server's per-account limiter (services/rate-limits.ts); GTM clients count as accounts `gtm:<client id>`. */
export function audiencesApi(db: Db, config: ServerConfig, limiter: AccountRateLimiter): Audiences {
  const worker = new AudienceWorker(db, config);
  const app = new OpenAPIHono<GtmEnv>({
    defaultHook: (result) => {
      if (!result.success) throw new GtmFailure('invalid_input', describeIssues(result.error));
    },
  });
  app.onError((error, c) => {
    if (error instanceof GtmFailure) return gtmErrorResponse(c, error.id, error.message, error.source);
    if (error instanceof HTTPException) {
      if (error.status === 415) return gtmErrorResponse(c, 'unsupported_media_type', `Send the body as ${JSON_API}.`, { header: 'Content-Type' });
      if (error.status === 400) return gtmErrorResponse(c, 'invalid_input', 'The request body is not valid JSON.');
    }
    console.error(`internal error on ${c.req.method} ${c.req.path}: ${error instanceof Error ? error.message : 'unknown'}`);
    return gtmErrorResponse(c, 'internal', 'The server failed to answer this request; try again, and report it if it persists.');
  });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/oauth/v1/token',
      tags: [TAG],
      summary: 'OAuth 2 client credentials (form-encoded grant_type, client_id, client_secret, optional scope); answered as RFC 6749 asks',
      responses: {
        200: { content: { 'application/json': { schema: TokenResponse } }, description: 'An opaque access token and its scopes' },
        400: { description: 'unsupported_grant_type or invalid_scope' },
        401: { description: 'invalid_client' },
        415: { description: 'The body is not application/x-www-form-urlencoded' },
      },
    }),
    // The form is read by issueToken: its errors follow OAuth 2 (error, error_description), not JSON:API.
    (c) => issueToken(c, db, config.gtmClients, config.tokenTtlSeconds) as never,
  );

  const api = new OpenAPIHono<GtmEnv>({ defaultHook: (result) => {
    if (!result.success) throw new GtmFailure('invalid_input', describeIssues(result.error));
  } });
  api.use('*', async (c, next) => {
    if (c.req.path.endsWith('/openapi.json')) return next();
    if (!acceptable(c.req.header('accept'))) throw new GtmFailure('not_acceptable', `This API answers ${JSON_API}; send Accept: ${JSON_API}.`, { header: 'Accept' });
    const type = c.req.header('content-type');
    if (type !== undefined && type.split(';')[0]?.trim().toLowerCase() !== JSON_API) {
      throw new GtmFailure('unsupported_media_type', `Send the body as ${JSON_API} (got ${type.slice(0, 100)}).`, { header: 'Content-Type' });
    }
    await next();
  });
  const checkToken = requireToken(db, limiter);
  api.use('*', async (c, next) => (c.req.path.endsWith('/openapi.json') ? next() : checkToken(c, next)));
  folderRoutes(api, db);
  audienceRoutes(api, db, config, worker);
  rowRoutes(api, db, config, worker);
  app.route('/studio/v1', api);
  app.openAPIRegistry.registerComponent('securitySchemes', 'gtmBearer', { type: 'http', scheme: 'bearer', description: 'POST /gtm/oauth/v1/token (client credentials)' });
  app.doc31('/studio/v1/openapi.json', { openapi: '3.1.0', info: { title: 'Sidecar reference server: Audiences API (GTM Studio V1)', version: '1.0' }, servers: [{ url: '/gtm' }] });
  return {
    app,
    async start() {
      await seedDemoAudience(db);
      worker.start();
    },
    stop: () => worker.stop(),
  };
}
