import { describe, expect, it } from 'vitest';
import type { AudiencesClient } from './client.ts';
import { enrichWatchHandler, LONG_ENRICHMENT_MS, type EnrichWatchItem } from './enrich-watch-job.ts';
import type { JobStatus } from './schemas.ts';
import type { JobRecord } from '../jobs/job-store.ts';

/** A provider whose job answers the given statuses in turn, and what the watcher told the user. */
function scripted(statuses: JobStatus[]) {
  const asked: string[] = [];
  const told: string[] = [];
  const client = {
    job: (listId: string, jobId: string) => {
      asked.push(`${listId}/${jobId}`);
      return Promise.resolve({ status: statuses.shift() ?? 'SUCCEEDED', percentProgress: 0 });
    },
  } as Pick<AudiencesClient, 'job'> as AudiencesClient;
  return { client, asked, told };
}

const job = {} as JobRecord;
const item = (startedAt: number): EnrichWatchItem => ({ listId: 'l1', listName: 'Speakers', jobId: 'j1', startedAt });

describe('following a list enrichment', () => {
  it('asks until the job ends, then tells the rep when it took long', async () => {
    const { client, asked, told } = scripted(['SCHEDULED', 'RUNNING', 'RUNNING', 'PARTIALLY_SUCCEEDED']);
    const handler = enrichWatchHandler({ audiences: () => Promise.resolve(client), notify: (title, message) => Promise.resolve(void told.push(`${title} — ${message}`)), now: () => LONG_ENRICHMENT_MS + 5, sleep: () => Promise.resolve() });
    await handler.process([item(0)], job);
    expect(asked).toHaveLength(4);
    expect(told).toEqual(['Speakers: enrichment ended — Sidecar: some rows could not be enriched; open the list to retry them.']);
  });

  it('a quick enrichment ends without a notification: the rep saw it in the panel', async () => {
    const { client, told } = scripted(['RUNNING', 'SUCCEEDED']);
    const handler = enrichWatchHandler({ audiences: () => Promise.resolve(client), notify: (title) => Promise.resolve(void told.push(title)), now: () => 1_000, sleep: () => Promise.resolve() });
    await handler.process([item(0)], job);
    expect(told).toEqual([]);
  });
});
