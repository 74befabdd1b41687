import { SidecarError, toSidecarError } from '../errors.ts';
import type { JobRecord, JobStore } from './job-store.ts';

/**
 * Runs jobs in chunks and saves the cursor after each, so the MV3 worker may stop between any two
 * awaits: an alarm wakes a new worker, whose runner reads the job from storage and goes on from
 * the last saved chunk. A chunk is the unit of work: one stopped midway is done again from its
 * start, so every item is processed once as long as a chunk's work is all-or-nothing.
 */

export interface JobHandler {
  readonly kind: string;
  readonly chunkSize: number;
  /** Does one chunk's work; throwing fails the job. */
  process(items: unknown[], job: JobRecord): Promise<void>;
}

/** The slice of browser.alarms the runner needs (passed in: the core never touches `browser`). */
export interface JobAlarms {
  create(name: string, info: { periodInMinutes: number; delayInMinutes?: number }): Promise<unknown>;
  clear(name: string): Promise<unknown>;
}

export interface JobRunnerOptions {
  store: JobStore;
  handlers: readonly JobHandler[];
  alarms: JobAlarms;
  now?: () => number;
  newId?: () => string;
}

/** Chrome's shortest alarm period for packed extensions: 30 seconds. */
const RESUME_PERIOD_MINUTES = 0.5;
export const JOB_ALARM = 'sidecar-jobs';

export class JobRunner {
  private readonly options: JobRunnerOptions;
  private readonly now: () => number;
  /** Jobs this worker is running now: an alarm during a run does not start a second one. */
  private readonly running = new Map<string, Promise<JobRecord>>();

  constructor(options: JobRunnerOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
  }

  /** Saves a new job, keeps the resume alarm set while it is unfinished, and starts it. */
  async start(kind: string, items: unknown[]): Promise<JobRecord> {
    this.handler(kind);
    const at = this.now();
    const job: JobRecord = { id: this.options.newId?.() ?? crypto.randomUUID(), kind, items, cursor: 0, state: 'running', error: null, createdAt: at, updatedAt: at };
    await this.options.store.save(job);
    await this.options.alarms.create(JOB_ALARM, { periodInMinutes: RESUME_PERIOD_MINUTES, delayInMinutes: RESUME_PERIOD_MINUTES });
    void this.run(job);
    return job;
  }

  /** The alarm's listener (and the worker's start-up): go on with every unfinished job. */
  async onAlarm(name: string): Promise<void> {
    if (name !== JOB_ALARM) return;
    await this.resume();
  }

  async resume(): Promise<JobRecord[]> {
    const unfinished = await this.options.store.unfinished();
    if (unfinished.length === 0) {
      await this.options.alarms.clear(JOB_ALARM);
      return [];
    }
    return Promise.all(unfinished.map((job) => this.run(job)));
  }

  /** Runs the job to its end from its saved cursor; one run per job per worker. */
  run(job: JobRecord): Promise<JobRecord> {
    const current = this.running.get(job.id);
    if (current) return current;
    const run = this.chunks(job).finally(() => this.running.delete(job.id));
    this.running.set(job.id, run);
    return run;
  }

  private async chunks(start: JobRecord): Promise<JobRecord> {
    let job = start;
    const handler = this.handler(job.kind);
    while (job.cursor < job.items.length) {
      const chunk = job.items.slice(job.cursor, job.cursor + handler.chunkSize);
      try {
        await handler.process(chunk, job);
      } catch (error) {
        const e = toSidecarError(error);
        job = { ...job, state: 'failed', error: { id: e.id, message: e.message }, updatedAt: this.now() };
        await this.options.store.save(job);
        return job;
      }
      job = { ...job, cursor: job.cursor + chunk.length, updatedAt: this.now() };
      await this.options.store.save(job);
    }
    job = { ...job, state: 'done', updatedAt: this.now() };
    await this.options.store.save(job);
    if ((await this.options.store.unfinished()).length === 0) await this.options.alarms.clear(JOB_ALARM);
    return job;
  }

  private handler(kind: string): JobHandler {
    const handler = this.options.handlers.find((h) => h.kind === kind);
    if (!handler) throw new SidecarError('internal', `No job handler for "${kind}".`);
    return handler;
  }
}
