/**
 * Bulk jobs: what a job will cost, submitting one (the guide's limits checked first, nothing
 * created when one is exceeded), its status and its pages of results. The work itself is done by
 * BulkWorker (worker.ts), outside the request.
 */
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { companyInput, personInput } from '../../../utils/schemas/enterprise-api.ts';
import type { Db, Queryable } from '../../db/index.ts';
import { ApiFailure } from '../../lib/errors.ts';
import { matchCompanies, matchPeople } from '../enrich.ts';
import { companySearchWhere, contactWhere } from '../enterprise-search.ts';
import type { Where } from '../where.ts';
import {
  BULK_LIMITS,
  type BulkCostT,
  type BulkEntity,
  type BulkJobResultsT,
  type BulkJobStatusT,
  type BulkJobType,
  type BulkResultItem,
  type BulkStatus,
  type bulkCompanyQuery,
  type bulkContactQuery,
} from './schemas.ts';

const ACTIVE = "('QUEUED', 'IN_PROGRESS')";

export type BulkSpec =
  | { entity: 'contact'; jobType: 'enrich'; inputs: z.output<typeof personInput>[]; rawInputs: unknown[]; outputFields: string[] | null }
  | { entity: 'company'; jobType: 'enrich'; inputs: z.output<typeof companyInput>[]; rawInputs: unknown[]; outputFields: string[] | null }
  | { entity: 'contact'; jobType: 'preview' | 'redeem'; query: z.output<typeof bulkContactQuery>; outputFields: string[] | null }
  | { entity: 'company'; jobType: 'preview' | 'redeem'; query: z.output<typeof bulkCompanyQuery>; outputFields: string[] | null };

/** The ids a search job covers, as a subquery (at most one past the limit, to tell it was exceeded). */
function searchIds(spec: Extract<BulkSpec, { query: unknown }>): { where: Where; sql: string } {
  if (spec.entity === 'contact') {
    const where = contactWhere(spec.query);
    return { where, sql: `SELECT ct.id FROM contacts ct JOIN companies co ON co.id = ct.company_id ${where.sql} ORDER BY ct.id LIMIT ${BULK_LIMITS.searchResults + 1}` };
  }
  const where = companySearchWhere(spec.query);
  return { where, sql: `SELECT co.id FROM companies co ${where.sql} ORDER BY co.id LIMIT ${BULK_LIMITS.searchResults + 1}` };
}

function checkEnrichSize(count: number): void {
  if (count > BULK_LIMITS.enrichInputs) {
    throw new ApiFailure('invalid_input', `A bulk enrich job takes at most ${BULK_LIMITS.enrichInputs.toLocaleString('en-US')} inputs; this one has ${count.toLocaleString('en-US')}. Split it into several jobs. Nothing was created.`);
  }
}

function checkSearchSize(count: number): void {
  if (count > BULK_LIMITS.searchResults) {
    throw new ApiFailure('invalid_input', `A bulk search job returns at most ${BULK_LIMITS.searchResults.toLocaleString('en-US')} records and this query matches more. Narrow the query. Nothing was created.`);
  }
}

async function remainingCredits(db: Queryable, account: string, limit: number): Promise<number> {
  const [row] = await db.query<{ credits_used: number }>('SELECT credits_used FROM accounts WHERE account = $1', [account]);
  return Math.max(0, limit - (row?.credits_used ?? 0));
}

async function managedCount(db: Queryable, account: string, kind: BulkEntity, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM record_charges WHERE account = $1 AND kind = $2 AND record_id = ANY($3::int[]) AND charged_at > now() - interval '12 months'`,
    [account, kind, ids],
  );
  return row?.n ?? 0;
}

/**
 * What the job would cost if it ran now: one credit per distinct record it reveals that this
 * account has not paid for in the last 12 months (the enrich rule); previews are free.
 */
export async function costOf(db: Queryable, account: string, creditLimit: number, spec: BulkSpec): Promise<BulkCostT> {
  const base = { jobType: spec.jobType, entityType: spec.entity, creditsRemaining: await remainingCredits(db, account, creditLimit) };
  if (spec.jobType === 'enrich') {
    checkEnrichSize(spec.inputs.length);
    const matches = spec.entity === 'contact' ? await matchPeople(db, spec.inputs) : await matchCompanies(db, spec.inputs);
    const ids = [...new Set(matches.filter((m) => m.revealed).flatMap((m) => m.records.map((r) => r.id)))];
    const managed = await managedCount(db, account, spec.entity, ids);
    return { ...base, totalRecords: spec.inputs.length, matchedRecords: ids.length, underManagement: managed, credits: ids.length - managed };
  }
  const { where, sql } = searchIds(spec);
  const account$ = where.param(account);
  const [row] = await db.query<{ total: number; managed: number }>(
    `SELECT count(*)::int AS total, count(rc.record_id)::int AS managed FROM (${sql}) AS m
     LEFT JOIN record_charges rc ON rc.account = ${account$} AND rc.kind = '${spec.entity}' AND rc.record_id = m.id AND rc.charged_at > now() - interval '12 months'`,
    where.params,
  );
  const total = row?.total ?? 0;
  checkSearchSize(total);
  const managed = row?.managed ?? 0;
  return { ...base, totalRecords: total, matchedRecords: total, underManagement: managed, credits: spec.jobType === 'preview' ? 0 : total - managed };
}

/**
 * Creates the job and its items in one transaction, or nothing: above the guide's limits (400),
 * more than 5 active jobs or 1 job a second (429), or fewer credits left than it would cost (402).
 */
export async function submitJob(db: Db, account: string, creditLimit: number, spec: BulkSpec): Promise<string> {
  const cost = await costOf(db, account, creditLimit, spec);
  return db.transaction(async (tx) => {
    // The account row serialises one account's submits, so the active-job count cannot be raced past.
    await tx.query(`INSERT INTO accounts (account) VALUES ($1) ON CONFLICT (account) DO UPDATE SET account = EXCLUDED.account`, [account]);
    const [jobs] = await tx.query<{ active: number; recent: number }>(
      `SELECT count(*) FILTER (WHERE status IN ${ACTIVE} AND expires_at > now())::int AS active,
              count(*) FILTER (WHERE created_at > clock_timestamp() - interval '1 second')::int AS recent
       FROM bulk_jobs WHERE account = $1`,
      [account],
    );
    if ((jobs?.active ?? 0) >= BULK_LIMITS.activeJobs) {
      throw new ApiFailure('rate_limited', `At most ${BULK_LIMITS.activeJobs} bulk jobs may be active at once; wait for one to complete (POST /bulk/job/status). Nothing was created.`, { 'Retry-After': '1' });
    }
    if ((jobs?.recent ?? 0) >= BULK_LIMITS.jobsPerSecond) {
      throw new ApiFailure('rate_limited', `At most ${BULK_LIMITS.jobsPerSecond} bulk job may be created per second. Nothing was created.`, { 'Retry-After': '1' });
    }
    const remaining = await remainingCredits(tx, account, creditLimit);
    if (cost.credits > remaining) {
      throw new ApiFailure(
        'credits_exhausted',
        `This job would cost ${cost.credits} credit(s) for records not enriched in the last 12 months, and ${remaining} remain. Nothing was created.`,
        { 'X-Usage-Record-Limit-Remaining': String(remaining) },
      );
    }
    const id = randomBytes(20).toString('hex');
    await tx.query(
      `INSERT INTO bulk_jobs (id, account, entity, job_type, status, output_fields, total, expires_at)
       VALUES ($1, $2, $3, $4, 'QUEUED', $5::jsonb, $6, now() + interval '${BULK_LIMITS.expiryHours} hours')`,
      [id, account, spec.entity, spec.jobType, spec.outputFields ? JSON.stringify(spec.outputFields) : null, cost.totalRecords],
    );
    if (spec.jobType === 'enrich') {
      await tx.query(
        `INSERT INTO bulk_items (job_id, position, input) SELECT $1, (t.ord - 1)::int, t.value FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(value, ord)`,
        [id, JSON.stringify(spec.rawInputs)],
      );
    } else {
      const { where, sql } = searchIds(spec);
      const job$ = where.param(id);
      const key = spec.entity === 'contact' ? 'personId' : 'companyId';
      await tx.query(
        `INSERT INTO bulk_items (job_id, position, input)
         SELECT ${job$}, (row_number() OVER (ORDER BY m.id) - 1)::int, jsonb_build_object('${key}', m.id) FROM (${sql}) AS m`,
        where.params,
      );
    }
    // Stamped once its items are in: the next submit's one-a-second check counts from here, not from when this transaction began.
    await tx.query('UPDATE bulk_jobs SET created_at = clock_timestamp() WHERE id = $1', [id]);
    return id;
  });
}

interface JobRow {
  id: string;
  entity: BulkEntity;
  job_type: BulkJobType;
  status: BulkStatus;
  total: number;
  processed: number;
  expires_at: string;
}

/** Another account's job, an unknown id and an expired job are all 404: a job id reveals nothing. */
async function ownJob(db: Queryable, account: string, jobId: string): Promise<JobRow> {
  const [job] = await db.query<JobRow & { expired: boolean }>(
    `SELECT id, entity, job_type, status, total, processed, to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS expires_at, expires_at <= now() AS expired
     FROM bulk_jobs WHERE id = $1 AND account = $2`,
    [jobId, account],
  );
  if (!job) throw new ApiFailure('not_found', `No bulk job ${jobId} for this account.`);
  if (job.expired) throw new ApiFailure('not_found', `Bulk job ${jobId} expired (jobs are kept ${BULK_LIMITS.expiryHours} hours).`);
  return job;
}

const pages = (total: number) => Math.ceil(total / BULK_LIMITS.pageSize);

export async function jobStatus(db: Queryable, account: string, jobId: string): Promise<BulkJobStatusT> {
  const job = await ownJob(db, account, jobId);
  // The pages still pending come from the partial index of pending items, so a status poll reads
  // only what is left to do, not every item of the job.
  const pending = await db.query<{ page: number }>(
    `SELECT DISTINCT (position / ${BULK_LIMITS.pageSize} + 1)::int AS page FROM bulk_items WHERE job_id = $1 AND result IS NULL`,
    [jobId],
  );
  const notDone = new Set(pending.map((p) => p.page));
  const successfulPages = Array.from({ length: pages(job.total) }, (_, i) => i + 1).filter((page) => !notDone.has(page));
  return {
    status: job.status,
    jobType: job.job_type,
    entityType: job.entity === 'contact' ? 'CONTACT' : 'COMPANY',
    totalRecords: job.total,
    totalPages: pages(job.total),
    successfulPagesCount: successfulPages.length,
    successfulPages,
    processedRecords: job.processed,
    expiresAt: job.expires_at,
  };
}

/** One page of results; a page still being worked on is a 400 that says which pages are ready. */
export async function jobResults(db: Queryable, account: string, jobId: string, page: number): Promise<BulkJobResultsT> {
  const job = await ownJob(db, account, jobId);
  const totalPages = pages(job.total);
  if (page > Math.max(1, totalPages)) {
    throw new ApiFailure('invalid_input', `Bulk job ${jobId} has ${totalPages} page(s) of ${BULK_LIMITS.pageSize}; page ${page} does not exist.`);
  }
  const from = (page - 1) * BULK_LIMITS.pageSize;
  const rows = await db.query<{ result: BulkResultItem | null }>(
    `SELECT result FROM bulk_items WHERE job_id = $1 AND position >= $2 AND position < $3 ORDER BY position`,
    [jobId, from, from + BULK_LIMITS.pageSize],
  );
  if (rows.some((r) => r.result === null)) {
    throw new ApiFailure(
      'invalid_input',
      `Page ${page} of bulk job ${jobId} is not ready: the job is ${job.status} (${job.processed} of ${job.total} records done). Poll POST /bulk/job/status until the page is among successfulPages.`,
    );
  }
  const result = rows.flatMap((r) => (r.result ? [r.result] : []));
  return { jobType: job.job_type, entityType: job.entity, totalRecords: job.total, totalPages, currentPage: page, currentResults: result.length, result };
}
