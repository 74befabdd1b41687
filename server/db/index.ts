/**
 * One small interface over the two engines: embedded PGlite (default) and a PostgreSQL server
 * (DATABASE_URL=postgres://…). Both run the same schema and the same SQL; nothing above this file
 * knows which one it talks to.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export type SqlParam = string | number | boolean | null | readonly (string | number | boolean | null)[];

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs several statements (migrations); no parameters. */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction on one connection; rolls back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

async function openPglite(dataDir: string | undefined): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  let dir: string | undefined;
  if (dataDir !== undefined) {
    dir = path.resolve(dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
  }
  const pg = await PGlite.create(dir, { extensions: { pg_trgm } });
  const query = async <T>(sql: string, params?: readonly SqlParam[]): Promise<T[]> =>
    (await pg.query<T>(sql, params as unknown[] | undefined)).rows;
  return {
    kind: 'pglite',
    query,
    async exec(sql) {
      await pg.exec(sql);
    },
    transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      return pg.transaction(async (tx) =>
        fn({ query: async <R>(sql: string, params?: readonly SqlParam[]) => (await tx.query<R>(sql, params as unknown[] | undefined)).rows }),
      );
    },
    async close() {
      await pg.close();
    },
  };
}

async function openPostgres(url: string): Promise<Db> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 16 });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const query = async <T>(sql: string, params?: readonly SqlParam[]): Promise<T[]> =>
    (await pool.query(sql, params as unknown[] | undefined)).rows as T[];
  return {
    kind: 'postgres',
    query,
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async <R>(sql: string, params?: readonly SqlParam[]) =>
            (await client.query(sql, params as unknown[] | undefined)).rows as R[],
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/**
 * `databaseUrl` unset: PGlite persisted in `${dataDir}/pglite`; `memory://`: PGlite in memory;
 * `postgres://` / `postgresql://`: a PostgreSQL server.
 */
export async function openDb(databaseUrl: string | undefined, dataDir: string): Promise<Db> {
  if (databaseUrl === undefined) return openPglite(dataDir);
  if (databaseUrl === 'memory://') return openPglite(undefined);
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return openPostgres(databaseUrl);
  throw new Error('DATABASE_URL must start with postgres:// or postgresql:// (or be memory:// for in-memory PGlite)');
}
