import { describe, expect, it } from 'vitest';
import { RateLimiter, type LimiterState, type LimiterStore } from './limiter.ts';
import { virtualClock } from '../../tests/unit/virtual-clock.ts';

function memoryStore(): LimiterStore & { state: LimiterState | null } {
  return {
    state: null,
    load() {
      return Promise.resolve(this.state);
    },
    save(state) {
      this.state = state;
      return Promise.resolve();
    },
  };
}

/** Largest number of starts inside any window of `width` ms. */
function maxInWindow(starts: number[], width: number): number {
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < starts.length; hi++) {
    while ((starts[hi] ?? 0) - (starts[lo] ?? 0) >= width) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

async function run(limiter: RateLimiter, clock: ReturnType<typeof virtualClock>, n: number): Promise<number[]> {
  const starts: number[] = [];
  for (let i = 0; i < n; i++) {
    const release = await limiter.acquire();
    starts.push(clock.now());
    release();
  }
  return starts;
}

describe('RateLimiter', () => {
  it('admits a burst of 25, then holds the 26th for the rest of the second', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ perSecond: 25, perMinute: 1500, store: memoryStore(), ...clock });
    const t0 = clock.now();
    const starts = await run(limiter, clock, 26);
    expect(starts.slice(0, 25).every((t) => t === t0)).toBe(true);
    expect((starts[25] ?? 0) - t0).toBeGreaterThanOrEqual(1000);
  });

  it('keeps both windows at once: never more than 25 in a second nor 1,500 in a minute', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ perSecond: 25, perMinute: 1500, store: memoryStore(), ...clock });
    const starts = await run(limiter, clock, 3200);
    expect(maxInWindow(starts, 1000)).toBe(25);
    expect(maxInWindow(starts, 60_000)).toBeLessThanOrEqual(1500);
  });

  it('holds the minute window when the per-second limit alone would allow more', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ perSecond: 100, perMinute: 1500, store: memoryStore(), ...clock });
    const starts = await run(limiter, clock, 3100);
    expect(maxInWindow(starts, 1000)).toBe(100);
    expect(maxInWindow(starts, 60_000)).toBe(1500);
  });

  it('serves concurrent callers without exceeding the limit', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ perSecond: 5, perMinute: 100, store: memoryStore(), ...clock });
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, () =>
        limiter.acquire().then((release) => {
          starts.push(clock.now());
          release();
        }),
      ),
    );
    expect(starts).toHaveLength(20);
    expect(maxInWindow(starts, 1000)).toBe(5);
  });

  it('counts a slot from the answer, so a slow server never sees the next second early', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ perSecond: 2, perMinute: 100, store: memoryStore(), marginMs: 0, ...clock });
    const releases = [await limiter.acquire(), await limiter.acquire()];
    clock.advance(400); // both answers take 400 ms: the server may have stamped them that late
    releases.forEach((release) => release());
    const t = clock.now();
    await limiter.acquire();
    expect(clock.now() - t).toBe(1000);
  });

  it('honours Retry-After from a 429', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ perSecond: 25, perMinute: 1500, store: memoryStore(), ...clock });
    (await limiter.acquire())();
    const t = clock.now();
    limiter.noteRetryAfter(7);
    await limiter.acquire();
    expect(clock.now() - t).toBeGreaterThanOrEqual(7000);
  });

  it('waits for X-RateLimit-Reset when the server says none remain', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ perSecond: 25, perMinute: 1500, store: memoryStore(), ...clock });
    limiter.noteHeaders(3, 10);
    expect(await limiter.delay()).toBe(0);
    limiter.noteHeaders(0, 2);
    expect(await limiter.delay()).toBe(2000);
  });

  it('restores its state after a worker restart: no fresh burst', async () => {
    const clock = virtualClock();
    const store = memoryStore();
    const before = new RateLimiter({ perSecond: 25, perMinute: 1500, store, ...clock });
    await run(before, clock, 25);
    const t = clock.now();
    const after = new RateLimiter({ perSecond: 25, perMinute: 1500, store, ...clock });
    await after.acquire();
    expect(clock.now() - t).toBeGreaterThanOrEqual(1000);
  });

  it('never lets more requests run at once than the per-second limit, however long they take', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ perSecond: 3, perMinute: 100, store: memoryStore(), ...clock });
    const running = [await limiter.acquire(), await limiter.acquire(), await limiter.acquire()];
    clock.advance(5000);
    let fourth = false;
    const next = limiter.acquire().then((release) => {
      fourth = true;
      return release;
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(fourth).toBe(false);
    running[0]?.();
    (await next)();
    expect(fourth).toBe(true);
  });

  it('asks for an alarm when it must wait long enough for the worker to be stopped', async () => {
    const clock = virtualClock();
    const alarms: number[] = [];
    const limiter = new RateLimiter({
      perSecond: 25,
      perMinute: 1500,
      store: memoryStore(),
      onLongWait: (until) => alarms.push(until),
      ...clock,
    });
    limiter.noteRetryAfter(45);
    await limiter.acquire();
    expect(alarms).toHaveLength(1);
  });
  it('admits requests asked for together with one slow storage write, and starts none before a write counts it', async () => {
    // A storage write takes a while in a real worker (storage.session); requests waiting on it one
    // after another left 25-50 ms apart (the Lists panel's three first requests, issue 13).
    const writes: { state: LimiterState; land: () => void }[] = [];
    const store: LimiterStore = {
      load: () => Promise.resolve(null),
      save: (state) => new Promise<void>((land) => writes.push({ state, land })),
    };
    const limiter = new RateLimiter({ perSecond: 25, perMinute: 1500, store });
    const started: number[] = [];
    const turns = [0, 1, 2].map((i) => limiter.acquire().then((release) => (started.push(i), release)));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(writes).toHaveLength(1);
    expect(started).toEqual([]);
    writes[0]?.land();
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The first write counted only the first request; the two admitted meanwhile share the next one.
    expect(started).toEqual([0]);
    expect(writes).toHaveLength(2);
    expect(writes[1]?.state.starts).toHaveLength(3);
    writes[1]?.land();
    await Promise.all(turns);
    expect(started).toEqual([0, 1, 2]);
  });

  it('gives a slot back when its write fails, so the next request is not held for it', async () => {
    let fail = true;
    const store: LimiterStore = {
      load: () => Promise.resolve(null),
      save: () => (fail ? ((fail = false), Promise.reject(new Error('quota'))) : Promise.resolve()),
    };
    const limiter = new RateLimiter({ perSecond: 1, perMinute: 60, store });
    await expect(limiter.acquire()).rejects.toThrow('quota');
    expect(await limiter.delay()).toBeLessThanOrEqual(1030);
  });
});
