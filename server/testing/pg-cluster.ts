/**
 * A throwaway PostgreSQL for tests and the benchmark. With TEST_DATABASE_URL set, databases are
 * created in that server; otherwise a private cluster is initialised in a temp dir (initdb as the
 * `postgres` user when running as root), started with pg_ctl on a free port, and removed after.
 * Fails loudly when PostgreSQL is not installed: never skips silently.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface PgCluster {
  /** Connection URL of the maintenance database (`postgres`). */
  adminUrl: string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name?: string): Promise<string>;
  stop(): Promise<void>;
}

/** PostgreSQL's server binaries (initdb, pg_ctl); throws with the install hint when absent. */
export function findPgBinDir(): string {
  const fromEnv = process.env.PG_BIN_DIR;
  if (fromEnv && existsSync(path.join(fromEnv, 'initdb'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], 'bin');
  }
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(path.join(dir, 'initdb'))) return dir;
  } catch {
    // no pg_config
  }
  throw new Error(
    'PostgreSQL is not installed (no initdb found in /usr/lib/postgresql/*/bin, PG_BIN_DIR or pg_config). ' +
      'Install it (Debian: apt-get install -y postgresql) or set TEST_DATABASE_URL=postgres://… to use an existing server.',
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

let counter = 0;
function uniqueName(): string {
  return `sidecar_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
}

export async function startPgCluster(): Promise<PgCluster> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    const created: string[] = [];
    return {
      adminUrl: external,
      async createDatabase(name = uniqueName()) {
        await adminQuery(external, `CREATE DATABASE ${name}`);
        created.push(name);
        return withDatabase(external, name);
      },
      async stop() {
        for (const name of created) await adminQuery(external, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      },
    };
  }

  const bin = findPgBinDir();
  const isRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sidecar-pg-'));
  const dataDir = path.join(dir, 'data');
  let uid = 0;
  let gid = 0;
  if (isRoot) {
    // initdb refuses to run as root: the cluster belongs to the postgres user.
    uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (cmd: string, args: string[]) => {
    const file = path.join(bin, cmd);
    if (isRoot) return execFileSync('runuser', ['-u', 'postgres', '--', file, ...args], { encoding: 'utf8', stdio: 'pipe' });
    return execFileSync(file, args, { encoding: 'utf8', stdio: 'pipe' });
  };
  run('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses='127.0.0.1'",
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
    '-c shared_buffers=256MB',
    '-c maintenance_work_mem=256MB',
  ].join(' ');
  run('pg_ctl', ['-D', dataDir, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    adminUrl,
    async createDatabase(name = uniqueName()) {
      await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
      return withDatabase(adminUrl, name);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
