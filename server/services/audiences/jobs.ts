/**
 * Enrichment jobs, kept in the database. Creating a job marks its rows (pending_job) and their
 * enriched cells LOADING. Workers in any number of server processes take chunks of pending rows:
 * a short transaction leases a chunk (FOR UPDATE SKIP LOCKED, lease_until as the heartbeat-renewed
 * lease), the chunk is matched and computed outside any transaction, and one transaction writes
 * it — cells, credits, progress — only for rows still leased by this worker. A dead worker's lease
 * runs out and another worker redoes the chunk; a row is written, and its record charged, once.
 */
import { PollingWorker } from '../../lib/polling-worker.ts';
import type { ServerConfig } from '../../config.ts';
import type { Db, Queryable } from '../../db/index.ts';
import { GtmFailure } from '../../audiences/errors.ts';
import type { CellValueT, RunStatus } from '../../audiences/schemas.ts';
import { charge } from '../credits.ts';
import { toEnrichedCompany, toEnrichedContact, type CompanyRecord, type ContactRecord } from '../records.ts';
import { NO_MODEL, runAiCell } from './ai.ts';
import { FormulaSandbox } from './formula.ts';
import { dropJobCells, indexCells } from './cells.ts';
import { matchRows } from './matching.ts';
import { ENRICHED_TYPES, type Cells, type ColumnRow, type StoredCell } from './model.ts';
import { getAudience, getColumns, newId } from './store.ts';

export const CHUNK_ROWS = 500;
export const LEASE_SECONDS = 15;

const ACTIVE = "('SCHEDULED', 'RUNNING')";

export interface JobStatus {
  status: RunStatus;
  percentProgress: number;
}

export async function jobStatus(db: Queryable, audienceId: string, jobId: string): Promise<JobStatus> {
  const [job] = await db.query<{ status: RunStatus; total: number; processed: number }>(
    'SELECT status, total, processed FROM gtm_jobs WHERE id = $1 AND audience_id = $2',
    [jobId, audienceId],
  );
  if (!job) throw new GtmFailure('not_found', `Audience ${audienceId} has no job ${jobId}.`, { parameter: 'jobId' });
  const done = job.status !== 'SCHEDULED' && job.status !== 'RUNNING';
  return { status: job.status, percentProgress: done ? 100 : job.total === 0 ? 0 : Math.min(99, Math.floor((job.processed * 100) / job.total)) };
}

/**
 * Starts an enrichment job: null when nothing needs enrichment (204). A second enrichment of an
 * audience while one is active is refused (409): its rows are already LOADING.
 */
export async function startEnrichment(db: Db, account: string, creditLimit: number, audienceId: string, scope: 'AUDIENCE' | 'ROW', rowIds: string[] | undefined): Promise<string | null> {
  return db.transaction(async (tx) => {
    const [locked] = await tx.query<{ id: string }>('SELECT id FROM gtm_audiences WHERE id = $1 FOR UPDATE', [audienceId]);
    if (!locked) throw new GtmFailure('not_found', `No audience ${audienceId}.`, { parameter: 'audienceId' });
    const running = await tx.query<{ id: string }>(`SELECT id FROM gtm_jobs WHERE audience_id = $1 AND kind = 'ENRICH' AND status IN ${ACTIVE}`, [audienceId]);
    if (running[0]) throw new GtmFailure('conflict', `Enrichment job ${running[0].id} is still running on this audience; poll it and enrich again once it ends.`);
    const columns = (await getColumns(tx, audienceId)).filter((c) => ENRICHED_TYPES.includes(c.column_type));
    if (columns.length === 0) return null;
    const ids = columns.map((c) => c.id);
    const match = columns.find((c) => c.column_type === 'ZOOMINFO_MATCH');
    const params: (string | string[])[] = [audienceId, ids];
    let rowFilter: string;
    if (scope === 'ROW') {
      const wanted = [...new Set(rowIds ?? [])];
      if (wanted.length === 0) throw new GtmFailure('invalid_input', 'scope ROW needs rows: the ids of the rows to enrich.', { pointer: '/data/attributes/rows' });
      const bad = wanted.find((id) => !/^\d{1,18}$/.test(id));
      const found = bad ? [] : await tx.query<{ id: string }>('SELECT id::text AS id FROM gtm_rows WHERE audience_id = $1 AND id = ANY($2::bigint[])', [audienceId, wanted]);
      const have = new Set(found.map((r) => r.id));
      const missing = wanted.find((id) => !have.has(id));
      if (missing !== undefined) throw new GtmFailure('not_found', `Row ${missing} is not a row of audience ${audienceId}.`, { pointer: '/data/attributes/rows' });
      params.push(wanted);
      rowFilter = `cardinality($2::text[]) > 0 AND id = ANY($3::bigint[])`;
    } else {
      // The rows some enriched cell of which has no final answer yet (BLANK, or an ERROR worth retrying).
      rowFilter = `EXISTS (SELECT 1 FROM unnest($2::text[]) AS c(id)
        WHERE NOT (cells ? c.id) OR cells->c.id->>'s' IN ('BLANK', 'LOADING') OR (cells->c.id->>'s' = 'ERROR' AND (cells->c.id->'e'->>'retryable')::boolean))`;
    }
    const [need] = await tx.query<{ n: number; unmatched: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE ${match ? `NOT (cells->$${params.length + 1}::text->>'s' = 'RESULT')` : 'false'} OR ${match ? `NOT (cells ? $${params.length + 1}::text)` : 'false'})::int AS unmatched
       FROM gtm_rows WHERE audience_id = $1 AND ${rowFilter}`,
      match ? [...params, match.id] : params,
    );
    if (!need || need.n === 0) return null;
    if (match && need.unmatched > 0) {
      const [acct] = await tx.query<{ credits_used: number }>('SELECT credits_used FROM accounts WHERE account = $1', [account]);
      const remaining = Math.max(0, creditLimit - (acct?.credits_used ?? 0));
      if (remaining < need.unmatched) {
        throw new GtmFailure('credits_exhausted', `Matching ${need.unmatched} row(s) may cost up to ${need.unmatched} credit(s) and ${remaining} remain; records enriched in the last 12 months are free. Nothing was started.`);
      }
    }
    const jobId = newId();
    await tx.query(`INSERT INTO gtm_jobs (id, audience_id, kind, account, status, total) VALUES ($1, $2, 'ENRICH', $3, 'SCHEDULED', $4)`, [jobId, audienceId, account, need.n]);
    const loading = JSON.stringify(Object.fromEntries(ids.map((id) => [id, { s: 'LOADING' }])));
    await tx.query(
      `UPDATE gtm_rows SET pending_job = $${params.length + 1}, lease_owner = NULL, lease_until = NULL, cells = cells || $${params.length + 2}::jsonb WHERE audience_id = $1 AND ${rowFilter}`,
      [...params, jobId, loading],
    );
    await dropJobCells(tx, jobId, ids);
    return jobId;
  });
}

interface ClaimedRow {
  id: string;
  cells: Cells;
}

interface ChunkOutcome {
  id: string;
  patch: Cells;
  charge: number | null;
  missed: boolean;
  errored: boolean;
}

/** One worker per server process; `wake()` after creating a job skips the poll interval. */
export class AudienceWorker extends PollingWorker {
  private readonly db: Db;
  private readonly config: ServerConfig;

  constructor(db: Db, config: ServerConfig) {
    super('audience worker', 500);
    this.db = db;
    this.config = config;
  }

  /** Works chunks until no active job has a row left to lease. */
  protected async drain(): Promise<void> {
    for (;;) {
      if (this.stopping.signal.aborted) return;
      const jobs = await this.db.query<{ id: string; audience_id: string; account: string }>(
        `SELECT id, audience_id, account FROM gtm_jobs WHERE status IN ${ACTIVE} ORDER BY created_at LIMIT 10`,
      );
      if (jobs.length === 0) return;
      let worked = false;
      for (const job of jobs) {
        if (this.stopping.signal.aborted) return;
        const did = await this.runChunk(job);
        worked ||= did;
      }
      if (!worked) return;
    }
  }

  private async runChunk(job: { id: string; audience_id: string; account: string }): Promise<boolean> {
    const claimed = await this.db.query<ClaimedRow>(
      `UPDATE gtm_rows SET lease_owner = $2, lease_until = now() + interval '${LEASE_SECONDS} seconds'
       WHERE id IN (SELECT id FROM gtm_rows WHERE pending_job = $1 AND (lease_until IS NULL OR lease_until < now())
                    ORDER BY id LIMIT ${CHUNK_ROWS} FOR UPDATE SKIP LOCKED)
       RETURNING id::text AS id, cells`,
      [job.id, this.id],
    );
    if (claimed.length === 0) {
      await this.finish(job.id);
      return false;
    }
    await this.db.query(`UPDATE gtm_jobs SET status = 'RUNNING', heartbeat_at = now() WHERE id = $1 AND status = 'SCHEDULED'`, [job.id]);
    claimed.sort((a, b) => Number(a.id) - Number(b.id));
    // The heartbeat: while the chunk is computed (AI calls can be slow), its lease is renewed.
    const heartbeat = setInterval(() => {
      void this.db
        .query(`UPDATE gtm_rows SET lease_until = now() + interval '${LEASE_SECONDS} seconds' WHERE pending_job = $1 AND lease_owner = $2`, [job.id, this.id])
        .then(() => this.db.query('UPDATE gtm_jobs SET heartbeat_at = now() WHERE id = $1', [job.id]))
        .catch(() => undefined);
    }, (LEASE_SECONDS * 1000) / 3);
    try {
      const outcomes = await this.compute(job.audience_id, claimed);
      if (outcomes === null) return true;
      await this.write(job, outcomes);
      return true;
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async compute(audienceId: string, rows: ClaimedRow[]): Promise<ChunkOutcome[] | null> {
    let audience;
    try {
      audience = await getAudience(this.db, audienceId);
    } catch {
      return null;
    }
    const columns = await getColumns(this.db, audienceId);
    const match = columns.find((c) => c.column_type === 'ZOOMINFO_MATCH');
    const computed = columns.filter((c) => c.column_type === 'FORMULA' || c.column_type === 'AI');
    const matches = match ? await matchRows(this.db, audience.type, rows, columns) : [];
    const sandbox = computed.some((c) => c.column_type === 'FORMULA') ? await FormulaSandbox.create() : undefined;
    try {
      const outcomes: ChunkOutcome[] = [];
      const aiQueue: (() => Promise<void>)[] = [];
      for (const [i, row] of rows.entries()) {
        const patch: Cells = {};
        const cells: Cells = { ...row.cells };
        const m = matches[i];
        if (match && m) {
          patch[match.id] = m.cell;
          cells[match.id] = m.cell;
        }
        const record = m?.record ?? null;
        for (const column of computed) {
          if (column.column_type === 'FORMULA' && sandbox && column.expression !== null) {
            const outcome = sandbox.evaluate(column.expression, valuesByName(columns, cells));
            const cell: StoredCell = 'error' in outcome ? { s: 'ERROR', e: outcome.error } : outcome.value === null ? { s: 'NO_RESULT' } : { v: outcome.value, s: 'RESULT' };
            patch[column.id] = cell;
            cells[column.id] = cell;
          } else if (column.column_type === 'AI') {
            const ai = this.config.ai;
            if (!ai) {
              patch[column.id] = NO_MODEL;
              continue;
            }
            const context = aiContext(column, columns, cells, audience.type, record);
            aiQueue.push(async () => {
              patch[column.id] = await runAiCell(ai, column, context, this.stopping.signal);
            });
          }
        }
        outcomes.push({ id: row.id, patch, charge: m?.charge ?? null, missed: false, errored: false });
      }
      await runLimited(aiQueue, 8);
      for (const o of outcomes) {
        const states = Object.values(o.patch).map((c) => c.s);
        // A row failed when none of its cells could be computed; a row with some answers and some misses or errors counts as missed.
        o.errored = states.length > 0 && states.every((st) => st === 'ERROR');
        o.missed = !o.errored && states.some((st) => st !== 'RESULT');
      }
      return outcomes;
    } finally {
      sandbox?.dispose();
    }
  }

  /**
   * One transaction: the chunk's credits, cells of the rows this worker still leases, the job's
   * progress. A record charged for a row another worker took over is that row's record: it is
   * free to the other worker, so the ledger holds it once.
   */
  private async write(job: { id: string; account: string }, outcomes: ChunkOutcome[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      const kind = await tx.query<{ type: 'CONTACT' | 'COMPANY' }>('SELECT a.type FROM gtm_jobs j JOIN gtm_audiences a ON a.id = j.audience_id WHERE j.id = $1', [job.id]);
      const recordKind = kind[0]?.type === 'COMPANY' ? 'company' : 'contact';
      // The enrich endpoints' rule and ledger (a record is charged once in 12 months, whichever
      // row or worker reaches it); rows beyond the credits left are not matched.
      const { refused } = await charge(tx, job.account, recordKind, outcomes.flatMap((o) => (o.charge === null ? [] : [o.charge])), this.config.credits, 'partial');
      const unpaid = new Set(refused);
      for (const o of outcomes) {
        if (o.charge === null || !unpaid.has(o.charge)) continue;
        // Credits ran out mid-job: the row is not matched (nor charged), and can be retried.
        const matchId = Object.keys(o.patch).find((k) => o.patch[k]?.v === o.charge);
        if (matchId) o.patch[matchId] = { s: 'ERROR', e: { summary: 'Credits exhausted', description: 'The account ran out of credits before this row was matched; add credits and enrich again.', retryable: true } };
        o.charge = null;
        o.errored = Object.values(o.patch).every((c) => c.s === 'ERROR');
        o.missed = !o.errored;
      }
      const written = await tx.query<{ id: string }>(
        `UPDATE gtm_rows r SET cells = r.cells || u.patch::jsonb, pending_job = NULL, lease_owner = NULL, lease_until = NULL, enriched_by = $2, updated_at = now()
         FROM unnest($3::bigint[], $4::text[]) AS u(id, patch)
         WHERE r.id = u.id AND r.pending_job = $1 AND r.lease_owner = $2
         RETURNING r.id::text AS id`,
        [job.id, this.id, outcomes.map((o) => o.id), outcomes.map((o) => JSON.stringify(o.patch))],
      );
      await indexCells(tx, written.map((r) => r.id), [...new Set(outcomes.flatMap((o) => Object.keys(o.patch)))]);
      const done = new Set(written.map((r) => r.id));
      const kept = outcomes.filter((o) => done.has(o.id));
      await tx.query(
        'UPDATE gtm_jobs SET processed = processed + $2, missed = missed + $3, errored = errored + $4, heartbeat_at = now() WHERE id = $1',
        [job.id, kept.length, kept.filter((o) => o.missed).length, kept.filter((o) => o.errored).length],
      );
    });
  }

  private async finish(jobId: string): Promise<void> {
    await this.db.query(
      `UPDATE gtm_jobs SET finished_at = now(), status = CASE
         WHEN total > 0 AND errored = total THEN 'FAILED'
         WHEN missed + errored > 0 THEN 'PARTIALLY_SUCCEEDED'
         ELSE 'SUCCEEDED' END
       WHERE id = $1 AND status IN ${ACTIVE} AND NOT EXISTS (SELECT 1 FROM gtm_rows WHERE pending_job = $1)`,
      [jobId],
    );
  }
}

function valuesByName(columns: ColumnRow[], cells: Cells): Record<string, CellValueT> {
  const out: Record<string, CellValueT> = {};
  for (const c of columns) out[c.name] = cells[c.id]?.v ?? null;
  return out;
}

function aiContext(column: ColumnRow, columns: ColumnRow[], cells: Cells, type: 'CONTACT' | 'COMPANY', record: ContactRecord | CompanyRecord | null): Record<string, CellValueT | object> {
  const deps = column.data_dependencies ?? [];
  const out: Record<string, CellValueT | object> = {};
  const chosen = deps.length > 0 ? deps : columns.filter((c) => c.column_type === 'CUSTOM').map((c) => ({ id: c.id, type: 'COLUMN' as const }));
  for (const dep of chosen) {
    if (dep.type === 'COLUMN') {
      const c = columns.find((col) => col.id === dep.id);
      if (c) out[c.name] = cells[c.id]?.v ?? null;
    } else if (record) {
      if (dep.id === 'ZOOMINFO_CONTACT' && type === 'CONTACT') out.zoominfoContact = toEnrichedContact(record as ContactRecord);
      if (dep.id === 'ZOOMINFO_COMPANY') out.zoominfoCompany = type === 'COMPANY' ? toEnrichedCompany(record as CompanyRecord) : (record as ContactRecord).company_name;
    }
  }
  return out;
}

async function runLimited(tasks: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, tasks.length) }, async () => {
    while (next < tasks.length) await (tasks[next++] as () => Promise<void>)();
  });
  await Promise.all(lanes);
}
