/** Starting servers for tests: on PGlite or on a throwaway PostgreSQL, each in its own temp DATA_DIR. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer, type ServerConfig } from '../app.ts';
import { startPgCluster, type PgCluster } from './pg-cluster.ts';

export type Backend = 'pglite' | 'postgres';

/** Small and quick: the defaults of a test server. */
export const TEST_DEFAULTS: Partial<ServerConfig> = {
  port: 0,
  host: '127.0.0.1',
  seedCompanies: 200,
  seedContacts: 2000,
  seed: 42,
  apiKeys: ['demo-key'],
  demoUser: 'demo@example.com',
  demoPassword: 'demo-password',
  pkiClientsFile: undefined,
  oauthClients: [{ id: 'demo-client', secret: 'demo-secret' }],
  ratePerSecond: 25,
  ratePerMinute: 1500,
  authIntervalMs: 0,
  credits: 10000,
  entitlements: undefined,
  tokenTtlSeconds: 3600,
  faults: undefined,
  faultTimeoutMs: 30000,
  faultSeed: 1,
  logRequests: false,
};

export interface ServerFactory {
  backend: Backend;
  start(overrides?: Partial<ServerConfig>): Promise<RunningServer>;
  /** Closes every server it started, removes their data dirs, stops PostgreSQL. */
  stopAll(): Promise<void>;
}

export function serverFactory(backend: Backend): ServerFactory {
  const started: { server: RunningServer; dir: string }[] = [];
  let cluster: Promise<PgCluster> | undefined;
  return {
    backend,
    async start(overrides = {}) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'sidecar-server-'));
      let databaseUrl: string | undefined = 'memory://';
      if (backend === 'postgres') {
        cluster ??= startPgCluster();
        databaseUrl = await (await cluster).createDatabase();
      }
      const server = await startServer({ ...TEST_DEFAULTS, dataDir: dir, databaseUrl, ...overrides });
      started.push({ server, dir });
      return server;
    },
    async stopAll() {
      for (const { server, dir } of started.splice(0)) {
        await server.close();
        rmSync(dir, { recursive: true, force: true });
      }
      if (cluster) await (await cluster).stop();
    },
  };
}
