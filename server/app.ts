/**
 * The reference server: `createApp` wires routes and middleware; `startServer` opens the
 * database, migrates, seeds, loads keys and listens. See server/README.md.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { loadConfig, type ServerConfig } from './config.ts';
import { openDb, type Db } from './db/index.ts';
import { migrate } from './db/migrations.ts';
import { seed, type SeedResult } from './seed/index.ts';
import { KeyRing } from './auth/jwks.ts';
import { loadPkiClients, readDemoClient, type DemoClientFiles } from './auth/keys.ts';
import { TokenService, credentialId } from './auth/tokens.ts';
import { UserDirectory, loadUsersFile } from './auth/users.ts';
import { perIpLimit } from './lib/client-ip.ts';
import { ApiFailure, errorResponse } from './lib/errors.ts';
import { planExposure, type Exposure } from './lib/exposure.ts';
import { FaultInjector } from './lib/faults.ts';
import { IntervalLimiter } from './lib/rate-limit.ts';
import { RequestLog, type RequestLogEntry, type RequestStats } from './lib/request-log.ts';
import { securityHeaders } from './lib/security-headers.ts';
import { bearer, type AppEnv, type Deps } from './routes/common.ts';
import { adminGuard, adminRoutes } from './routes/admin.ts';
import { authRoutes } from './routes/auth.ts';
import { bulkRoutes } from './routes/bulk.ts';
import { demoRoutes } from './routes/demo.ts';
import { docsRoutes } from './routes/docs.ts';
import { enrichRoutes } from './routes/enrich.ts';
import { registerComponents, type Api } from './routes/endpoint.ts';
import { enterpriseRoutes } from './routes/enterprise.ts';
import { orgRoutes } from './routes/org.ts';
import { buildGuards } from './routes/guards.ts';
import { jwksRoutes } from './routes/jwks.ts';
import { searchApiRoutes } from './routes/search-api.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { CountCache } from './services/count-cache.ts';
import { createAppZ } from './app-z/app.ts';
import { accountRateLimiter } from './services/rate-limits.ts';
import { audiencesApi } from './audiences/index.ts';
import { BulkWorker } from './services/bulk/worker.ts';
import { WebhookWorker } from './services/webhooks/delivery.ts';

export type { ServerConfig } from './config.ts';
export { ExposureRefused, type Exposure } from './lib/exposure.ts';
export type { RequestLogEntry, RequestStats } from './lib/request-log.ts';
export { readDemoClient, type DemoClientFiles } from './auth/keys.ts';

/** Largest accepted request body. */
export const MAX_BODY_BYTES = 1024 * 1024;

export function createApp(deps: Deps): Api {
  const { config, log, exposure } = deps;
  const app = new OpenAPIHono<AppEnv>();

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
    if (exposure.testTools) log.add(entry);
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

  app.use('*', securityHeaders());

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

  // Only where others can connect: on loopback every caller shares one address, as today.
  if (!exposure.loopback) {
    const authPerIp = perIpLimit({ perSecond: config.authIpPerSecond, perMinute: config.authIpPerMinute, trustedProxies: config.trustProxy, what: 'authentication requests' });
    app.use('/authenticate', authPerIp);
    app.use('/oauth/token', authPerIp);
  }

  app.get('/', (c) => c.redirect(exposure.testTools ? '/demo/' : '/docs'));
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/healthz', async (c) => {
    await deps.db.query('SELECT 1');
    return c.json({ ok: true, database: deps.db.kind });
  });
  const guards = buildGuards(deps);
  registerComponents(app);
  authRoutes(app, guards, deps);
  enrichRoutes(app, guards, deps);
  enterpriseRoutes(app, guards, deps);
  orgRoutes(app, guards, deps);
  bulkRoutes(app, guards, deps);
  webhookRoutes(app, guards, deps);
  searchApiRoutes(app, guards, deps);
  adminRoutes(app, deps);
  jwksRoutes(app, guards, deps);
  docsRoutes(app);
  if (exposure.testTools) demoRoutes(app, deps);
  // App-Z's request log is a test tool like /_admin: the same guard (404 where test tools are off).
  app.use('/app-z/_admin/*', adminGuard(deps));
  app.route('/app-z', createAppZ(config.appZ));
  return app;
}

export interface RunningServer {
  /** `http://127.0.0.1:PORT` (the HOST it listens on). */
  url: string;
  port: number;
  config: ServerConfig;
  /** What it offers where it listens (lib/exposure.ts). */
  exposure: Exposure;
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

/**
 * Starts the server from the environment (api-contract.md §3); `overrides` win. `port: 0` picks a
 * free port. Throws ExposureRefused, before touching anything, when HOST is reachable from other
 * machines and default credentials are configured (server/README.md, "Running it for a team").
 */
export async function startServer(overrides: Partial<ServerConfig> = {}): Promise<RunningServer> {
  const config: ServerConfig = { ...loadConfig(process.env), ...overrides };
  const exposure = planExposure(config);
  const users = new UserDirectory({ user: config.demoUser, password: config.demoPassword }, config.usersFile ? loadUsersFile(config.usersFile) : []);
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
  const tokens = new TokenService(await KeyRing.open(dataDir, { rotate: config.keyRotate }), config.tokenTtlSeconds);
  const pkiClients = loadPkiClients(config.pkiClientsFile, dataDir, config.demoUser);
  const log = new RequestLog(config.requestLogSize);
  const closing = new AbortController();
  const deps: Deps = {
    config,
    db,
    tokens,
    users,
    pkiClients,
    limiter: accountRateLimiter(db, config.ratePerSecond, config.ratePerMinute),
    authLimiter: new IntervalLimiter(config.authIntervalMs),
    faults: new FaultInjector(exposure.testTools ? config.faults : undefined, config.faultSeed),
    log,
    counts: new CountCache(db),
    closing: closing.signal,
    exposure,
  };
  const app = createApp(deps);
  const audiences = audiencesApi(db, config, deps.limiter);
  app.route('/gtm', audiences.app);
  await audiences.start();
  const bulk = new BulkWorker(db, config);
  bulk.start();
  const webhooks = new WebhookWorker(db, config.webhookRetryMs);
  webhooks.start();
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.once('listening', () => resolve((server.address() as AddressInfo).port));
  }).catch(async (error: unknown) => {
    await bulk.stop();
    await webhooks.stop();
    await db.close();
    throw error;
  });
  const host = config.host.includes(':') ? `[${config.host}]` : config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    config: { ...config, port },
    exposure,
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
        await bulk.stop();
        await webhooks.stop();
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
