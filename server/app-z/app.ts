/**
 * App-Z, the demo external system that data connectors are built and tested against
 * (api-contract.md §5), as one sub-app mounted at /app-z. Its state (consents, codes, tokens,
 * notes, request log) lives with the sub-app, in memory.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { errorResponse } from '../lib/errors.ts';
import type { AppZConfig } from '../config.ts';
import { appZApiRoutes, validationHook } from './api-routes.ts';
import type { AppZEnv } from './env.ts';
import { AppZOAuthStore } from './oauth-store.ts';
import { appZOAuthRoutes } from './oauth-routes.ts';
import { AppZRequestLog } from './request-log.ts';

export interface AppZOptions {
  /** The clock (tests move it to expire tokens without waiting). */
  now?: () => number;
}

export function createAppZ(config: AppZConfig, options: AppZOptions = {}): OpenAPIHono<AppZEnv> {
  const now = options.now ?? Date.now;
  const store = new AppZOAuthStore(config.tokenTtlSeconds, now);
  const log = new AppZRequestLog();
  const app = new OpenAPIHono<AppZEnv>({ defaultHook: validationHook });

  // The validators throw for a body of another type (415) or malformed JSON (400): answer in the
  // shape each endpoint speaks; anything else goes on to the server's handler.
  app.onError((error, c) => {
    if (!(error instanceof HTTPException) || (error.status !== 415 && error.status !== 400)) throw error;
    if (c.req.path.startsWith('/app-z/oauth/')) return c.json({ error: 'invalid_request', error_description: 'Send a form-encoded body (application/x-www-form-urlencoded).' }, 400);
    if (error.status === 415) return errorResponse(c, 'invalid_input', 'Send the body as JSON (Content-Type: application/json).');
    return errorResponse(c, 'invalid_input', 'The request body is not valid JSON.');
  });

  app.use('*', async (c, next) => {
    await next();
    if (c.req.path.startsWith('/app-z/_admin/')) return;
    log.add({ method: c.req.method, path: c.req.path, status: c.res.status, credential: c.get('credential') ?? null, at: new Date(now()).toISOString() });
  });

  // Test support, unauthenticated like the server's /_admin: the reference server is a local tool.
  app.get('/_admin/requests', (c) => c.json({ requests: log.entries }));
  app.delete('/_admin/requests', (c) => {
    log.clear();
    return c.body(null, 204);
  });

  appZOAuthRoutes(app, config, store);
  appZApiRoutes(app, config, store, now);
  app.doc('/openapi.json', { openapi: '3.0.0', info: { title: 'App-Z (demo external system for data connectors)', version: '1.0.0' }, servers: [{ url: '/app-z' }] });
  return app;
}
