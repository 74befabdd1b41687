import { z } from 'zod';
import { idbStore, type KvStore } from '../stores/kv-store.ts';

/**
 * Long-running background work, one record per job (style.md, "Long work is a job"): its items, a
 * cursor past the last chunk done, and its state. Kept in the extension origin's IndexedDB, so a
 * job outlives the worker that started it.
 */

export const jobRecord = z.object({
  id: z.string(),
  /** Which handler does the work (utils/jobs/job-runner.ts). */
  kind: z.string(),
  items: z.array(z.unknown()),
  /** Items before this index are done. */
  cursor: z.number().int().nonnegative(),
  state: z.enum(['running', 'done', 'failed']),
  error: z.object({ id: z.string(), message: z.string() }).nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type JobRecord = z.infer<typeof jobRecord>;

export class JobStore {
  private readonly kv: KvStore<unknown>;

  constructor(kv: KvStore<unknown> = idbStore('jobs')) {
    this.kv = kv;
  }

  async get(id: string): Promise<JobRecord | null> {
    const parsed = jobRecord.safeParse(await this.kv.get(id));
    return parsed.success ? parsed.data : null;
  }

  async save(job: JobRecord): Promise<void> {
    await this.kv.set(job.id, job);
  }

  /** Jobs not yet done or failed: what a restarted worker resumes. */
  async unfinished(): Promise<JobRecord[]> {
    return (await this.kv.values()).flatMap((raw) => {
      const parsed = jobRecord.safeParse(raw);
      return parsed.success && parsed.data.state === 'running' ? [parsed.data] : [];
    });
  }
}
