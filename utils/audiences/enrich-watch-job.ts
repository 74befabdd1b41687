import { z } from 'zod';
import type { JobHandler } from '../jobs/job-runner.ts';
import type { AudiencesClient } from './client.ts';
import type { JobStatus } from './schemas.ts';

export const ENRICH_WATCH_JOB = 'list-enrich-watch';
/** How often a running enrichment is asked for its status while the worker is awake. */
export const WATCH_POLL_MS = 2000;
/** An enrichment that took at least this long ends with a notification: the rep has moved on. */
export const LONG_ENRICHMENT_MS = 30_000;

export const enrichWatchItem = z.object({ listId: z.string(), listName: z.string(), jobId: z.string(), startedAt: z.number() });
export type EnrichWatchItem = z.infer<typeof enrichWatchItem>;

const RUNNING: readonly JobStatus[] = ['SCHEDULED', 'RUNNING'];

const ENDED: Record<Exclude<JobStatus, 'SCHEDULED' | 'RUNNING'>, string> = {
  SUCCEEDED: 'every row is enriched',
  PARTIALLY_SUCCEEDED: 'some rows could not be enriched; open the list to retry them',
  FAILED: 'enrichment failed; open the list to retry',
  CANCELLED: 'enrichment was cancelled',
};

export interface WatchDeps {
  audiences: () => Promise<AudiencesClient>;
  notify: (title: string, message: string) => Promise<void>;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Follows a list's enrichment on the provider until it ends, whether or not the panel is open
 * (the job runner's alarm wakes a stopped worker, which asks again), and says with a notification
 * when a long one ends. Asking is all it does, so doing it again after a stop changes nothing.
 */
export function enrichWatchHandler(deps: WatchDeps): JobHandler {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return {
    kind: ENRICH_WATCH_JOB,
    chunkSize: 1,
    async process(items) {
      for (const item of items.map((i) => enrichWatchItem.parse(i))) {
        const client = await deps.audiences();
        let status = (await client.job(item.listId, item.jobId)).status;
        while (RUNNING.includes(status)) {
          await sleep(WATCH_POLL_MS);
          status = (await client.job(item.listId, item.jobId)).status;
        }
        if (now() - item.startedAt >= LONG_ENRICHMENT_MS && status !== 'SCHEDULED' && status !== 'RUNNING') {
          await deps.notify(`${item.listName}: enrichment ended`, `Sidecar: ${ENDED[status]}.`);
        }
      }
    },
  };
}
