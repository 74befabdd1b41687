/**
 * The Audiences API (api-contract.md §4) as one OpenAPIHono sub-app: the token endpoint at
 * /gtm/oauth/v1/token, the API under /gtm/studio/v1 with its own OpenAPI document at
 * /gtm/studio/v1/openapi.json, JSON:API media types and ZoomInfo's error model throughout.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import type { ServerConfig } from '../config.ts';
import type { Db } from '../db/index.ts';
import { describeIssues } from '../lib/errors.ts';
import { seedDemoAudience } from '../services/audiences/demo.ts';
import { AudienceWorker } from '../services/audiences/jobs.ts';
import { audienceRoutes } from './audiences.ts';
import { issueToken, requireToken, type GtmEnv } from './auth.ts';
import { GtmFailure, gtmErrorResponse, JSON_API } from './errors.ts';
import { folderRoutes } from './folders.ts';
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

export function audiencesApi(db: Db, config: ServerConfig): Audiences {
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

  app.post('/oauth/v1/token', (c) => issueToken(c, db, config.gtmClients, config.tokenTtlSeconds));

  const api = new OpenAPIHono<GtmEnv>({ defaultHook: (result) => {
    if (!result.success) throw new GtmFailure('invalid_input', describeIssues(result.error));
  } });
  api.openAPIRegistry.registerComponent('securitySchemes', 'gtmBearer', { type: 'http', scheme: 'bearer', description: 'POST /gtm/oauth/v1/token (client credentials)' });
  api.doc31('/openapi.json', { openapi: '3.1.0', info: { title: 'Sidecar reference server: Audiences API (GTM Studio V1)', version: '1.0' }, servers: [{ url: '/gtm/studio/v1' }] });
  api.use('*', async (c, next) => {
    if (c.req.path.endsWith('/openapi.json')) return next();
    if (!acceptable(c.req.header('accept'))) throw new GtmFailure('not_acceptable', `This API answers ${JSON_API}; send Accept: ${JSON_API}.`, { header: 'Accept' });
    const type = c.req.header('content-type');
    if (type !== undefined && type.split(';')[0]?.trim().toLowerCase() !== JSON_API) {
      throw new GtmFailure('unsupported_media_type', `Send the body as ${JSON_API} (got ${type.slice(0, 100)}).`, { header: 'Content-Type' });
    }
    await next();
  });
  api.use('*', async (c, next) => (c.req.path.endsWith('/openapi.json') ? next() : requireToken(db)(c, next)));
  folderRoutes(api, db);
  audienceRoutes(api, db, config, worker);
  rowRoutes(api, db, config, worker);
  app.route('/studio/v1', api);
  return {
    app,
    async start() {
      await seedDemoAudience(db);
      worker.start();
    },
    stop: () => worker.stop(),
  };
}
