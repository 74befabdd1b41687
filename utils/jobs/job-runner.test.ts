import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { JOB_ALARM, JobRunner, type JobHandler } from './job-runner.ts';
import { JobStore } from './job-store.ts';
import { idbStore } from '../stores/kv-store.ts';

/**
 * A worker as far as jobs go: a runner built from storage, listening for the alarm. `stopInChunk`
 * makes that chunk's work never finish, as when Chrome stops the worker during a provider call.
 */
function startWorker(processed: number[], stopInChunk?: number) {
  let chunks = 0;
  const handler: JobHandler = {
    kind: 'count',
    chunkSize: 10,
    async process(items) {
      chunks++;
      if (chunks === stopInChunk) return new Promise<never>(() => undefined);
      await Promise.resolve();
      processed.push(...(items as number[]));
    },
  };
  const runner = new JobRunner({ store: new JobStore(), handlers: [handler], alarms: fakeBrowser.alarms });
  const listener = (alarm: { name: string }) => void runner.onAlarm(alarm.name);
  fakeBrowser.alarms.onAlarm.addListener(listener);
  return { runner, stop: () => fakeBrowser.alarms.onAlarm.removeListener(listener) };
}

/** What Chrome does when the clock passes an alarm's time: fire it (and, when periodic, set the next). */
async function fireDueAlarms(): Promise<void> {
  for (const alarm of await fakeBrowser.alarms.getAll()) {
    if (alarm.scheduledTime > Date.now()) continue;
    if (alarm.periodInMinutes) await fakeBrowser.alarms.create(alarm.name, { when: Date.now() + alarm.periodInMinutes * 60_000, periodInMinutes: alarm.periodInMinutes });
    await fakeBrowser.alarms.onAlarm.trigger(alarm);
  }
}

const items = Array.from({ length: 45 }, (_, i) => i);

describe('job runner', () => {
  beforeEach(async () => {
    await idbStore('jobs').clear();
    // The clock only: IndexedDB (fake-indexeddb) keeps its real scheduling.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-04T12:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('finishes a job whose worker stopped mid-job, when the alarm wakes a new one: every item once', async () => {
    const processed: number[] = [];
    const first = startWorker(processed, 3);
    const { id } = await first.runner.start('count', items);
    const store = new JobStore();
    await vi.waitFor(async () => expect((await store.get(id))?.cursor).toBe(20));
    // Chrome stops the worker during the third chunk: its runner and listener are gone.
    first.stop();
    expect(processed).toEqual(items.slice(0, 20));
    expect(await fakeBrowser.alarms.get(JOB_ALARM)).toBeDefined();

    const processedAfterRestart: number[] = [];
    startWorker(processedAfterRestart);
    await fireDueAlarms();
    expect(processedAfterRestart).toEqual([]);
    vi.setSystemTime(Date.now() + 30_000);
    await fireDueAlarms();

    await vi.waitFor(async () => expect((await store.get(id))?.state).toBe('done'));
    expect([...processed, ...processedAfterRestart]).toEqual(items);
    // Nothing left to resume: the alarm is gone, and firing it again does nothing.
    expect(await fakeBrowser.alarms.get(JOB_ALARM)).toBeUndefined();
    await startWorker(processedAfterRestart).runner.onAlarm(JOB_ALARM);
    expect(processedAfterRestart).toHaveLength(25);
  });

  it('an alarm during a run does not start the job a second time', async () => {
    const processed: number[] = [];
    const { runner } = startWorker(processed);
    const job = await runner.start('count', items);
    await Promise.all([runner.onAlarm(JOB_ALARM), runner.onAlarm(JOB_ALARM)]);
    await vi.waitFor(async () => expect((await new JobStore().get(job.id))?.state).toBe('done'));
    expect(processed).toEqual(items);
  });

  it('a chunk that fails fails the job, with the reason, and it is not resumed', async () => {
    const runner = new JobRunner({
      store: new JobStore(),
      handlers: [{ kind: 'broken', chunkSize: 5, process: () => Promise.reject(new Error('provider down')) }],
      alarms: fakeBrowser.alarms,
    });
    const job = await runner.start('broken', items);
    const store = new JobStore();
    await vi.waitFor(async () => expect((await store.get(job.id))?.state).toBe('failed'));
    expect((await store.get(job.id))?.error?.message).toContain('provider down');
    expect(await runner.resume()).toEqual([]);
  });
});
