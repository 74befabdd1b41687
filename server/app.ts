/**
 * The reference server: `createApp` wires routes and middleware; `startServer` opens the
 * database, migrates, seeds, loads keys and listens. See server/README.md.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { loadConfig, type ServerConfig } from './config.ts';
import { openDb, type Db } from './db/index.ts';
import { migrate } from './db/migrations.ts';
import { seed, type SeedResult } from './seed/index.ts';
import { ensureServerKey, loadPkiClients, readDemoClient, type DemoClientFiles } from './auth/keys.ts';
import { TokenService, credentialId, safeEqual } from './auth/tokens.ts';
import { ApiFailure, errorResponse } from './lib/errors.ts';
import { FaultInjector } from './lib/faults.ts';
import { IntervalLimiter, SlidingWindowLimiter } from './lib/rate-limit.ts';
import { RequestLog, type RequestLogEntry, type RequestStats } from './lib/request-log.ts';
import { bearer, type AppEnv, type Deps } from './routes/common.ts';
import { adminRoutes } from './routes/admin.ts';
import { authRoutes } from './routes/auth.ts';
import { demoRoutes } from './routes/demo.ts';
import { docsRoutes } from './routes/docs.ts';
import { enterpriseRoutes } from './routes/enterprise.ts';
import { searchApiRoutes } from './routes/search-api.ts';
import { CountCache } from './services/count-cache.ts';
import { audiencesApi } from './audiences/index.ts';

export type { ServerConfig } from './config.ts';
export type { RequestLogEntry, RequestStats } from './lib/request-log.ts';
export { readDemoClient, type DemoClientFiles } from './auth/keys.ts';

/** Largest accepted request body. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Paths of the enterprise API that need an access token (and are rate limited). */
const ENTERPRISE_PATHS = ['/search/*', '/enrich/*', '/lookup/*', '/usage'];

export function createApp(deps: Deps): Hono<AppEnv> {
  const { config, tokens, limiter, faults, log } = deps;
  const app = new Hono<AppEnv>();

  // Request log, first so it sees every request and every final status.
  app.use('*', async (c, next) => {
    const atMs = Date.now();
    const started = performance.now();
    const secret = bearer(c);
    await next();
    let errorId: string | null = null;
    if (c.res.status >= 400 && (c.res.headers.get('content-type') ?? '').includes('json')) {
      try {
        const body = (await c.res.clone().json()) as { errors?: { id?: string }[] };
        errorId = body.errors?.[0]?.id ?? null;
      } catch {
        errorId = null;
      }
    }
    const entry: RequestLogEntry = {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      inputs: c.get('inputs') ?? 0,
      at: new Date(atMs).toISOString(),
      atMs,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      tokenId: secret ? credentialId(secret) : null,
      errorId,
      fault: c.get('fault') ?? null,
    };
    log.add(entry);
    if (config.logRequests) {
      // Method, path, status and timing only: never headers or bodies, which carry secrets.
      console.log(`${entry.at} ${entry.method} ${entry.path} ${entry.status} ${entry.durationMs}ms${entry.fault ? ` fault=${entry.fault}` : ''}`);
    }
  });

  app.onError((error, c) => {
    if (error instanceof ApiFailure) return errorResponse(c, error.id, error.message, error.headers);
    // The message only: driver errors carry the query parameters, which may hold user data.
    console.error(`internal error on ${c.req.method} ${c.req.path}: ${error instanceof Error ? error.message : 'unknown'}`);
    return errorResponse(c, 'internal', 'The server failed to answer this request; try again, and report it if it persists.');
  });
  app.notFound((c) => errorResponse(c, 'not_found', `No endpoint ${c.req.method} ${c.req.path}; see /docs.`));

  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      // Close the connection: the rest of the body is never read, so the socket cannot be reused.
      onError: (c) => errorResponse(c, 'payload_too_large', `The request body exceeds ${MAX_BODY_BYTES} bytes.`, { Connection: 'close' }),
    }),
  );

  // Count enrich inputs for the log before anything can refuse the call.
  app.use('/enrich/*', async (c, next) => {
    if (c.req.method === 'POST') {
      try {
        const body = JSON.parse(await c.req.text()) as Record<string, unknown>;
        const list = body.matchPersonInput ?? body.matchCompanyInput;
        if (Array.isArray(list)) c.set('inputs', list.length);
      } catch {
        // malformed JSON: the handler answers 400
      }
    }
    await next();
  });

  // Search API: API keys only. An enterprise access token is a valid credential, but not for here.
  app.use('/api/v1/*', async (c, next) => {
    const secret = bearer(c);
    if (!secret) return errorResponse(c, 'unauthorized', 'Send Authorization: Bearer <API key>.');
    let ok = false;
    for (const key of config.apiKeys) if (safeEqual(key, secret)) ok = true;
    if (!ok) {
      const claims = await tokens.verify(secret);
      if (!('error' in claims)) return errorResponse(c, 'forbidden', 'You do not have access to this endpoint. The search API takes an API key, not an access token.');
      return errorResponse(c, 'unauthorized', 'Unknown API key.');
    }
    await next();
  });

  const enterpriseAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
    const secret = bearer(c);
    if (!secret) return errorResponse(c, 'unauthorized', 'Send Authorization: Bearer <access token> from /authenticate or /oauth/token.');
    const claims = await tokens.verify(secret);
    if ('error' in claims) {
      const isApiKey = config.apiKeys.some((key) => safeEqual(key, secret));
      if (isApiKey) return errorResponse(c, 'forbidden', 'You do not have access to this endpoint. The enterprise API takes an access token, not an API key.');
      return errorResponse(c, 'unauthorized', claims.error);
    }
    c.set('account', claims.account);
    c.set('accountKind', claims.kind);
    c.set('tokenId', claims.jti);
    const decision = limiter.take(claims.jti);
    c.header('X-RateLimit-Limit', String(decision.limit));
    c.header('X-RateLimit-Remaining', String(decision.remaining));
    c.header('X-RateLimit-Reset', String(decision.resetSeconds));
    if (!decision.allowed) {
      return errorResponse(c, 'rate_limited', `Rate limit: ${limiter.perSecond} requests per second and ${limiter.perMinute} per minute per token; retry after ${decision.retryAfterSeconds} s.`, {
        'Retry-After': String(decision.retryAfterSeconds),
      });
    }
    await next();
  };

  const injectFaults: MiddlewareHandler<AppEnv> = async (c, next) => {
    const fault = faults.next();
    if (fault === null) return next();
    c.set('fault', fault);
    if (fault === '429') return errorResponse(c, 'rate_limited', 'Injected fault (FAULTS): rate limited; retry after 1 s.', { 'Retry-After': '1' });
    if (fault === '500') return errorResponse(c, 'internal', 'Injected fault (FAULTS): internal error.');
    if (fault === 'malformed') return c.body('{"success": true, "data": {"result": [', 200, { 'Content-Type': 'application/json' });
    await hang(config.faultTimeoutMs, deps.closing);
    return errorResponse(c, 'internal', `Injected fault (FAULTS): no answer for ${config.faultTimeoutMs} ms.`);
  };

  for (const p of ENTERPRISE_PATHS) {
    app.use(p, enterpriseAuth);
    app.use(p, injectFaults);
  }
  app.use('/api/v1/*', injectFaults);

  app.get('/', (c) => c.redirect('/demo/'));
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/healthz', async (c) => {
    await deps.db.query('SELECT 1');
    return c.json({ ok: true, database: deps.db.kind });
  });
  authRoutes(app, deps);
  enterpriseRoutes(app, deps);
  searchApiRoutes(app, deps);
  adminRoutes(app, deps);
  docsRoutes(app);
  demoRoutes(app, deps);
  return app;
}

function hang(ms: number, closing: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (closing.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    closing.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export interface RunningServer {
  /** `http://127.0.0.1:PORT` (the HOST it listens on). */
  url: string;
  port: number;
  config: ServerConfig;
  db: Db;
  seed: SeedResult;
  /** Every request so far (the live array; oldest dropped past REQUEST_LOG_SIZE). */
  readonly requestLog: RequestLogEntry[];
  clearRequestLog(): void;
  stats(): RequestStats;
  /** The demo PKI client's files, when PKI_CLIENTS_FILE is unset. */
  demoClient(): DemoClientFiles;
  close(): Promise<void>;
}

/** Starts the server from the environment (api-contract.md §3); `overrides` win. `port: 0` picks a free port. */
export async function startServer(overrides: Partial<ServerConfig> = {}): Promise<RunningServer> {
  const config: ServerConfig = { ...loadConfig(process.env), ...overrides };
  const dataDir = path.resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const db = await openDb(config.databaseUrl, dataDir);
  let seeded: SeedResult;
  try {
    await migrate(db);
    seeded = await seed(db, { companies: config.seedCompanies, contacts: config.seedContacts, seed: config.seed });
  } catch (error) {
    await db.close();
    throw error;
  }
  const keys = ensureServerKey(dataDir);
  const tokens = await TokenService.create(keys.privateKeyPem, keys.publicKeyPem, config.tokenTtlSeconds);
  const pkiClients = loadPkiClients(config.pkiClientsFile, dataDir, config.demoUser);
  const log = new RequestLog(config.requestLogSize);
  const closing = new AbortController();
  const deps: Deps = {
    config,
    db,
    tokens,
    pkiClients,
    limiter: new SlidingWindowLimiter(config.ratePerSecond, config.ratePerMinute),
    authLimiter: new IntervalLimiter(config.authIntervalMs),
    faults: new FaultInjector(config.faults, config.faultSeed),
    log,
    counts: new CountCache(db),
    closing: closing.signal,
  };
  const app = createApp(deps);
  const audiences = audiencesApi(db, config);
  app.route('/gtm', audiences.app);
  await audiences.start();
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.once('listening', () => resolve((server.address() as AddressInfo).port));
  }).catch(async (error: unknown) => {
    await db.close();
    throw error;
  });
  const host = config.host.includes(':') ? `[${config.host}]` : config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    config: { ...config, port },
    db,
    seed: seeded,
    get requestLog() {
      return log.entries;
    },
    clearRequestLog: () => log.clear(),
    stats: () => log.stats(),
    demoClient: () => readDemoClient(dataDir),
    close() {
      closed ??= (async () => {
        closing.abort();
        await audiences.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          if ('closeAllConnections' in server) server.closeAllConnections();
        });
        await db.close();
      })();
      return closed;
    },
  };
}
