// @vitest-environment node
/**
 * Enrichment jobs survive a crash and are shared by processes: real server processes
 * (`node server/main.ts`) on one PostgreSQL, killed with SIGKILL mid-job.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GtmClient, startChild, stopChild, type ChildServer } from './testing/audience-client.ts';
import { startPgCluster, type PgCluster } from './testing/pg-cluster.ts';

const ROWS = 5000;
// A formula per row makes the job last seconds, long enough to kill it half-way.
const SLOW_FORMULA = { type: 'Column', attributes: { columnType: 'FORMULA', name: 'Domain', prompt: '{Email}.split("@")[1]' } };

describe('audience jobs across crashes and processes (PostgreSQL)', () => {
  let cluster: PgCluster;
  const dirs: string[] = [];
  const children: ChildServer[] = [];

  beforeAll(async () => {
    cluster = await startPgCluster();
  }, 120000);
  afterAll(async () => {
    for (const c of children) await stopChild(c, 'SIGKILL');
    await cluster.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  async function setup(): Promise<{ env: Record<string, string>; db: pg.Client; emails: string[] }> {
    const url = await cluster.createDatabase();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sidecar-audiences-'));
    dirs.push(dir);
    const env = { DATABASE_URL: url, DATA_DIR: dir, PORT: '0', SEED_COMPANIES: '600', SEED_CONTACTS: String(ROWS + 500), CREDITS: '100000' };
    const first = await startChild(env);
    children.push(first);
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const emails = (await db.query<{ email: string }>('SELECT DISTINCT lower(email) AS email FROM contacts WHERE email IS NOT NULL ORDER BY 1 LIMIT $1', [ROWS])).rows.map((r) => r.email);
    await stopChild(first);
    return { env, db, emails };
  }

  async function assertOnce(db: pg.Client, audienceId: string, matchColumn: string, jobId: string): Promise<string[]> {
    const cells = await db.query<{ state: string; matched: number; email_matches: boolean; enriched_by: string }>(
      `SELECT r.cells->$2->>'s' AS state, (r.cells->$2->>'v')::int AS matched, r.enriched_by,
              EXISTS (SELECT 1 FROM contacts c WHERE c.id = (r.cells->$2->>'v')::int AND lower(c.email) = lower(r.cells->(SELECT id FROM gtm_columns WHERE audience_id = $1 AND name = 'Email')->>'v')) AS email_matches
       FROM gtm_rows r WHERE r.audience_id = $1`,
      [audienceId, matchColumn],
    );
    expect(cells.rows).toHaveLength(ROWS);
    expect(cells.rows.every((r) => r.state === 'RESULT' && r.email_matches)).toBe(true);
    const [job] = (await db.query<{ status: string; total: number; processed: number }>('SELECT status, total, processed FROM gtm_jobs WHERE id = $1', [jobId])).rows;
    // processed counts rows written in committed chunks: exactly once each.
    expect(job).toEqual({ status: 'SUCCEEDED', total: ROWS, processed: ROWS });
    const [ledger] = (await db.query<{ credits_used: number; charges: number }>(
      "SELECT a.credits_used, (SELECT count(*)::int FROM record_charges WHERE account = 'demo-client') AS charges FROM accounts a WHERE a.account = 'demo-client'",
    )).rows;
    expect(ledger).toEqual({ credits_used: ROWS, charges: ROWS });
    return [...new Set(cells.rows.map((r) => r.enriched_by))];
  }

  it('completes a 5,000-row job after the server is killed with SIGKILL mid-job, each row matched and charged once', async () => {
    const { env, db, emails } = await setup();
    try {
      const a = await startChild(env);
      children.push(a);
      const client = new GtmClient(a.url);
      await client.login();
      const audience = await client.emailAudience('Crash', [SLOW_FORMULA]);
      await client.upsertEmails(audience.id, audience.email, emails);
      const jobId = await client.enrich(audience.id);
      let progress = 0;
      while (progress < 10) {
        const s = await client.job(audience.id, jobId);
        expect(s.status).toMatch(/SCHEDULED|RUNNING/);
        progress = s.percentProgress;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await stopChild(a, 'SIGKILL');
      const [mid] = (await db.query<{ processed: number }>('SELECT processed FROM gtm_jobs WHERE id = $1', [jobId])).rows;
      expect(mid?.processed).toBeGreaterThan(0);
      expect(mid?.processed).toBeLessThan(ROWS);

      const b = await startChild(env);
      children.push(b);
      const status = await client.at(b.url).waitForJob(audience.id, jobId);
      expect(status).toEqual({ status: 'SUCCEEDED', percentProgress: 100 });
      expect((await assertOnce(db, audience.id, audience.match, jobId)).length).toBe(2);
      await stopChild(b);
    } finally {
      await db.end();
    }
  }, 300000);

  it('shares one 5,000-row job between two server processes, each row processed once', async () => {
    const { env, db, emails } = await setup();
    try {
      const [a, b] = await Promise.all([startChild(env), startChild(env)]);
      children.push(a, b);
      const client = new GtmClient(a.url);
      await client.login();
      const audience = await client.emailAudience('Shared', [SLOW_FORMULA]);
      await client.upsertEmails(audience.id, audience.email, emails);
      const jobId = await client.enrich(audience.id);
      const ended = await client.at(b.url).waitForJob(audience.id, jobId);
      const odd = await db.query("SELECT c.key, c.value->>'s' AS s, c.value->'e' AS e, count(*)::int AS n FROM gtm_rows r, jsonb_each(r.cells) c WHERE r.audience_id = $1 AND c.value->>'s' <> 'RESULT' GROUP BY 1, 2, 3", [audience.id]);
      expect(ended, JSON.stringify(odd.rows)).toEqual({ status: 'SUCCEEDED', percentProgress: 100 });
      expect((await assertOnce(db, audience.id, audience.match, jobId)).length).toBe(2);
      await Promise.all([stopChild(a), stopChild(b)]);
    } finally {
      await db.end();
    }
  }, 300000);
});
