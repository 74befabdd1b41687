/**
 * The bulk worker: one per server process, beside the Audiences worker and built the same way. A
 * short statement leases a page of pending items (FOR UPDATE SKIP LOCKED, lease_until), the page is
 * matched through the enrich matching (services/enrich.ts) outside any transaction, its records
 * charged through the one credits ledger (services/credits.ts), and its results written only for
 * items this worker still leases. A dead worker's lease runs out and another redoes the page; the
 * records it charged are under management by then, so nothing is charged twice.
 */
import { PollingWorker } from '../../lib/polling-worker.ts';
import type { ServerConfig } from '../../config.ts';
import type { Db } from '../../db/index.ts';
import { companyInput, personInput } from '../../../utils/schemas/enterprise-api.ts';
import { ApiFailure } from '../../lib/errors.ts';
import { contactFields, nestCompany, selectFields } from '../../routes/enrich.ts';
import { charge } from '../credits.ts';
import { matchCompanies, matchPeople, PERSON_INPUT_HELP, COMPANY_INPUT_HELP, type Match } from '../enrich.ts';
import { COMPANY_FIELDS, pickFields, toCompanySummary, toContactSummary, toEnrichedCompany, toEnrichedContact, type CompanyRecord, type ContactRecord } from '../records.ts';
import { BULK_LIMITS, type BulkEntity, type BulkJobType, type BulkResultItem } from './schemas.ts';

export const LEASE_SECONDS = 15;
const SWEEP_MS = 60_000;

const ACTIVE = "('QUEUED', 'IN_PROGRESS')";

interface ActiveJob {
  id: string;
  account: string;
  entity: BulkEntity;
  job_type: BulkJobType;
  output_fields: string[] | null;
}

interface Item {
  position: number;
  input: Record<string, unknown>;
}

export class BulkWorker extends PollingWorker {
  private readonly db: Db;
  private readonly config: ServerConfig;
  private sweptAt = 0;

  constructor(db: Db, config: ServerConfig) {
    super('bulk worker', 250);
    this.db = db;
    this.config = config;
  }

  /** Works pages until no active job has an item left to lease. */
  protected async drain(): Promise<void> {
    if (Date.now() - this.sweptAt > SWEEP_MS) {
      // Expired jobs answer 404 ("expired" for an hour, then unknown); their items (up to 200,000 a search) need not stay.
      this.sweptAt = Date.now();
      await this.db.query("DELETE FROM bulk_jobs WHERE expires_at < now() - interval '1 hour'");
    }
    for (;;) {
      if (this.stopping.signal.aborted) return;
      const jobs = await this.db.query<ActiveJob>(
        `SELECT id, account, entity, job_type, output_fields FROM bulk_jobs WHERE status IN ${ACTIVE} AND expires_at > now() ORDER BY created_at LIMIT 10`,
      );
      if (jobs.length === 0) return;
      let worked = false;
      for (const job of jobs) {
        if (this.stopping.signal.aborted) return;
        worked = (await this.runPage(job)) || worked;
      }
      if (!worked) return;
    }
  }

  private async runPage(job: ActiveJob): Promise<boolean> {
    const claimed = await this.db.query<Item>(
      `UPDATE bulk_items SET lease_owner = $2, lease_until = now() + interval '${LEASE_SECONDS} seconds'
       WHERE job_id = $1 AND position IN (
         SELECT position FROM bulk_items WHERE job_id = $1 AND result IS NULL AND (lease_until IS NULL OR lease_until < now())
         ORDER BY position LIMIT ${BULK_LIMITS.pageSize} FOR UPDATE SKIP LOCKED)
       RETURNING position, input`,
      [job.id, this.id],
    );
    if (claimed.length === 0) {
      await this.finish(job.id);
      return false;
    }
    await this.db.query(`UPDATE bulk_jobs SET status = 'IN_PROGRESS' WHERE id = $1 AND status = 'QUEUED'`, [job.id]);
    claimed.sort((a, b) => a.position - b.position);
    const heartbeat = setInterval(() => {
      void this.db
        .query(`UPDATE bulk_items SET lease_until = now() + interval '${LEASE_SECONDS} seconds' WHERE job_id = $1 AND lease_owner = $2 AND result IS NULL`, [job.id, this.id])
        .catch(() => undefined);
    }, (LEASE_SECONDS * 1000) / 3);
    try {
      const results = await this.compute(job, claimed);
      const written = await this.db.query<{ position: number }>(
        `UPDATE bulk_items b SET result = u.result::jsonb, lease_owner = NULL, lease_until = NULL
         FROM unnest($3::int[], $4::text[]) AS u(position, result)
         WHERE b.job_id = $1 AND b.position = u.position AND b.lease_owner = $2 AND b.result IS NULL
         RETURNING b.position`,
        [job.id, this.id, claimed.map((i) => i.position), results.map((r) => JSON.stringify(r))],
      );
      await this.db.query('UPDATE bulk_jobs SET processed = processed + $2 WHERE id = $1', [job.id, written.length]);
      return true;
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async compute(job: ActiveJob, items: Item[]): Promise<BulkResultItem[]> {
    const charged = job.job_type !== 'preview';
    if (job.entity === 'contact') {
      const parsed = items.map((i) => personInput.safeParse(i.input));
      const matches = await matchPeople(this.db, parsed.map((p) => (p.success ? p.data : null)));
      const failure = charged ? await this.charge(job, 'contact', matches) : null;
      const { fields, company } = contactFields(job.output_fields ?? undefined);
      return matches.map((m, i) => {
        const record = m.revealed ? m.records[0] : undefined;
        const data = record ? (charged ? nestCompany(pickFields(toEnrichedContact(record, true), fields), company) : toContactSummary(record)) : null;
        return this.item(items[i], m, data, failure, PERSON_INPUT_HELP);
      });
    }
    const parsed = items.map((i) => companyInput.safeParse(i.input));
    const matches = await matchCompanies(this.db, parsed.map((p) => (p.success ? p.data : {})));
    const failure = charged ? await this.charge(job, 'company', matches) : null;
    const fields = selectFields(COMPANY_FIELDS, job.output_fields ?? undefined);
    return matches.map((m, i) => {
      const record = m.revealed ? m.records[0] : undefined;
      const data = record ? (charged ? pickFields(toEnrichedCompany(record), fields) : toCompanySummary(record)) : null;
      return this.item(items[i], m, data, failure, COMPANY_INPUT_HELP);
    });
  }

  private item(item: Item | undefined, m: Match<ContactRecord> | Match<CompanyRecord>, data: object | null, failure: ApiFailure | null, help: string): BulkResultItem {
    const input = { ...(item?.input ?? {}) };
    if (m.reason) input.reason = m.reason;
    else if (m.status === 'BAD_DATA') input.reason = help;
    if (failure && data !== null) return { input, matchStatus: m.status, data: null, error: { id: failure.id, details: failure.message } };
    return { input, matchStatus: m.status, data: data as Record<string, unknown> | null };
  }

  /** Charges the page's revealed records; when credits ran out meanwhile, the page comes back without data. */
  private async charge(job: ActiveJob, kind: BulkEntity, matches: (Match<ContactRecord> | Match<CompanyRecord>)[]): Promise<ApiFailure | null> {
    const ids = matches.filter((m) => m.revealed).flatMap((m) => m.records.map((r) => r.id));
    try {
      await charge(this.db, job.account, kind, ids, this.config.credits);
      return null;
    } catch (error) {
      if (error instanceof ApiFailure && error.id === 'credits_exhausted') return error;
      throw error;
    }
  }

  private async finish(jobId: string): Promise<void> {
    await this.db.query(
      `UPDATE bulk_jobs SET status = 'COMPLETED', finished_at = now()
       WHERE id = $1 AND status IN ${ACTIVE} AND NOT EXISTS (SELECT 1 FROM bulk_items WHERE job_id = $1 AND result IS NULL)`,
      [jobId],
    );
  }
}
