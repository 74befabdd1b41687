// @vitest-environment node
/**
 * Credits running out in the middle of an enrichment job (api-contract.md §4: one ledger with
 * /enrich/*, a row never charged twice). Two lists of one client are enriched at once: each job
 * passes the start check alone (its rows fit in what remains) but together they need more than the
 * account has, so the worker's charges run dry part-way through. Real parts throughout: PGlite with
 * the seeded contacts, the services the API calls, the job worker of a server process.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type ServerConfig } from './config.ts';
import { openDb, type Db } from './db/index.ts';
import { migrate } from './db/migrations.ts';
import { seed } from './seed/index.ts';
import { usage } from './services/credits.ts';
import { AudienceWorker, jobStatus, startEnrichment, type JobStatus } from './services/audiences/jobs.ts';
import type { StoredCell } from './services/audiences/model.ts';
import { getRows, upsertRows } from './services/audiences/rows.ts';
import { createAudience, getColumns, upsertMatchCriteria } from './services/audiences/store.ts';

const CLIENT = 'demo-client';
const CREDITS = 1000;
// Two lists whose rows together outnumber the credits; each fits alone.
const FIRST = 700;
const SECOND = 500;

describe('an enrichment job that runs out of credits', () => {
  let db: Db;
  let emails: string[];
  const workers: AudienceWorker[] = [];
  const config = (credits: number): ServerConfig => ({ ...loadConfig({}), credits, ai: undefined });

  beforeAll(async () => {
    db = await openDb('memory://', '.');
    await migrate(db);
    await seed(db, { companies: 100, contacts: 1500, seed: 42, structure: false });
    emails = (await db.query<{ email: string }>(
      `SELECT lower(email) AS email FROM contacts WHERE email IS NOT NULL GROUP BY lower(email) HAVING count(*) = 1 ORDER BY 1 LIMIT $1`,
      [FIRST + SECOND],
    )).map((r) => r.email);
    expect(emails).toHaveLength(FIRST + SECOND);
  }, 120000);
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.stop();
  });
  afterAll(async () => {
    await db.close();
  });

  async function list(name: string, rows: string[]): Promise<{ id: string; match: string; email: string }> {
    const id = await createAudience(db, CLIENT, { name, type: 'CONTACT', columns: [{ attributes: { name: 'Email', dataType: 'EMAIL' } }] }, true);
    const match = await upsertMatchCriteria(db, CLIENT, id, undefined);
    const email = (await getColumns(db, id)).find((c) => c.name === 'Email')?.id ?? '';
    for (let i = 0; i < rows.length; i += 500) {
      await upsertRows(db, id, rows.slice(i, i + 500).map((value) => ({ type: 'Row' as const, attributes: { values: [{ columnId: email, value }] } })), 100000);
    }
    return { id, match, email };
  }

  async function settle(audienceId: string, jobId: string): Promise<JobStatus> {
    for (let i = 0; i < 600; i++) {
      const status = await jobStatus(db, audienceId, jobId);
      if (status.status !== 'SCHEDULED' && status.status !== 'RUNNING') return status;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`job ${jobId} did not end`);
  }

  async function cellsOf(audience: { id: string; match: string; email: string }): Promise<{ email: string; match: StoredCell | undefined }[]> {
    const ids = (await db.query<{ id: string }>('SELECT id::text AS id FROM gtm_rows WHERE audience_id = $1 ORDER BY id', [audience.id])).map((r) => r.id);
    return (await getRows(db, audience.id, ids)).map((r) => ({ email: String(r.cells[audience.email]?.v), match: r.cells[audience.match] }));
  }

  async function ledger(): Promise<{ used: number; charges: number }> {
    const [row] = await db.query<{ used: number; charges: number }>(
      'SELECT (SELECT credits_used FROM accounts WHERE account = $1) AS used, (SELECT count(*)::int FROM record_charges WHERE account = $1) AS charges',
      [CLIENT],
    );
    return { used: row?.used ?? 0, charges: row?.charges ?? 0 };
  }

  it('keeps the rows it matched, marks the rest retryable, ends each job in a clear state and spends exactly what the account had', async () => {
    const lists = [await list('First', emails.slice(0, FIRST)), await list('Second', emails.slice(FIRST))];
    // Both jobs start before any row is charged: each alone fits in the credits.
    const jobs: string[] = [];
    for (const l of lists) {
      const job = await startEnrichment(db, CLIENT, CREDITS, l.id, 'AUDIENCE', undefined);
      if (job === null) throw new Error('nothing to enrich');
      jobs.push(job);
    }
    const worker = new AudienceWorker(db, config(CREDITS));
    workers.push(worker);
    worker.start();
    const statuses: JobStatus[] = [];
    for (const [k, l] of lists.entries()) statuses.push(await settle(l.id, jobs[k] ?? ''));

    const matchedRecords: number[] = [];
    let refused = 0;
    for (const [k, l] of lists.entries()) {
      const rows = await cellsOf(l);
      for (const row of rows) {
        if (row.match?.s === 'RESULT') {
          // A matched row keeps its record: the contact with this row's e-mail.
          const [contact] = await db.query<{ email: string }>('SELECT lower(email) AS email FROM contacts WHERE id = $1', [Number(row.match.v)]);
          expect(contact?.email).toBe(row.email);
          matchedRecords.push(Number(row.match.v));
        } else {
          expect(row.match).toEqual({
            s: 'ERROR',
            e: { summary: 'Credits exhausted', description: 'The account ran out of credits before this row was matched; add credits and enrich again.', retryable: true },
          });
          refused++;
        }
      }
      // Nothing left LOADING; a job with refused rows says it did not do them all.
      const refusedHere = rows.filter((r) => r.match?.s === 'ERROR').length;
      expect(statuses[k]).toEqual({ status: refusedHere === 0 ? 'SUCCEEDED' : refusedHere === rows.length ? 'FAILED' : 'PARTIALLY_SUCCEEDED', percentProgress: 100 });
    }
    expect(matchedRecords).toHaveLength(CREDITS);
    expect(new Set(matchedRecords).size).toBe(CREDITS);
    expect(refused).toBe(FIRST + SECOND - CREDITS);
    expect(statuses.some((s) => s.status === 'PARTIALLY_SUCCEEDED')).toBe(true);
    // The ledger: every matched record charged once, nothing past the limit, nothing below zero.
    expect(await ledger()).toEqual({ used: CREDITS, charges: CREDITS });
    expect(await usage(db, CLIENT, CREDITS)).toEqual({ limit: CREDITS, used: CREDITS, remaining: 0 });
    const [charged] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM record_charges WHERE account = $1 AND record_id = ANY($2::int[])', [CLIENT, matchedRecords]);
    expect(charged?.n).toBe(CREDITS);

    // With no credit left a new enrichment is refused before it starts, and changes nothing.
    const short = lists.find((_, k) => statuses[k]?.status !== 'SUCCEEDED');
    await expect(startEnrichment(db, CLIENT, CREDITS, short?.id ?? '', 'AUDIENCE', undefined)).rejects.toMatchObject({ id: 'credits_exhausted' });

    // Credits added: enriching again redoes only the refused rows, and charges only them.
    await worker.stop();
    const topped = new AudienceWorker(db, config(CREDITS * 2));
    workers.push(topped);
    topped.start();
    for (const l of lists) {
      const before = (await cellsOf(l)).filter((r) => r.match?.s === 'ERROR').length;
      const job = await startEnrichment(db, CLIENT, CREDITS * 2, l.id, 'AUDIENCE', undefined);
      if (before === 0) {
        expect(job).toBeNull();
        continue;
      }
      if (job === null) throw new Error('the refused rows were not enriched again');
      const [row] = await db.query<{ total: number }>('SELECT total FROM gtm_jobs WHERE id = $1', [job]);
      expect(row?.total).toBe(before);
      expect(await settle(l.id, job)).toEqual({ status: 'SUCCEEDED', percentProgress: 100 });
      expect((await cellsOf(l)).every((r) => r.match?.s === 'RESULT')).toBe(true);
    }
    expect(await ledger()).toEqual({ used: FIRST + SECOND, charges: FIRST + SECOND });
  }, 180000);
});
