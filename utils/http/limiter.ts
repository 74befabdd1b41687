/**
 * Client-side rate limiter for one provider: at most `perSecond` request starts in any sliding
 * 1 s window AND at most `perMinute` in any sliding 60 s window. A single token bucket is not
 * enough: 25 refilled at 25/s admits 1,525 requests in some 60 s window (issue 2). The server can
 * only tighten it (X-RateLimit-Remaining 0 until X-RateLimit-Reset; 429 Retry-After).
 *
 * A request holds its slot from admission until its answer arrives, and the slot counts from
 * then: the server stamps a request somewhere between our send and its response (queueing, token
 * checks), so timing windows from the answer guarantees the server's window has moved on too.
 *
 * The state (recent slot times, blocked-until) is saved after every admission and answer, and a
 * request starts only once a save that counts it has landed, so a worker that Chrome stops and
 * restarts picks up where it was and never bursts over the limit.
 */

export interface LimiterState {
  /** Slot times (ms) of requests in the last minute: when answered, or admitted if still running. */
  starts: number[];
  /** No request before this instant (ms); set by the server's headers. */
  blockedUntil: number;
}

export interface LimiterStore {
  load(): Promise<LimiterState | null>;
  save(state: LimiterState): Promise<void>;
}

export interface LimiterOptions {
  perSecond: number;
  perMinute: number;
  store: LimiterStore;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Added to both windows: requests leave here spaced by a full window, but network jitter can
   * bring two of them closer on the server's clock.
   */
  marginMs?: number;
  /** Told when a wait is long enough that the worker may be stopped meanwhile (alarms). */
  onLongWait?: (until: number) => void;
}

const SECOND = 1000;
const MINUTE = 60_000;
const LONG_WAIT_MS = 20_000;

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class RateLimiter {
  /** Finished requests' slot times (their answers), sorted. */
  private done: number[] = [];
  /** Admission times of requests still waiting for their answer: each occupies a slot now. */
  private readonly open: number[] = [];
  private blockedUntil = 0;
  private readonly ready: Promise<void>;
  /** Admissions are serialised so callers are served first come, first served. */
  private queue: Promise<unknown> = Promise.resolve();
  private released: (() => void) | null = null;
  /** The latest state write, and the one waiting to start after it (shared by whoever asks meanwhile). */
  private lastWrite: Promise<void> = Promise.resolve();
  private nextWrite: Promise<void> | null = null;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly margin: number;
  private readonly options: LimiterOptions;

  constructor(options: LimiterOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.margin = options.marginMs ?? 30;
    this.ready = options.store.load().then(
      (saved) => {
        // Requests that were running when the worker stopped count from their admission.
        if (saved) {
          this.done = [...saved.starts].sort((x, y) => x - y);
          this.blockedUntil = saved.blockedUntil;
        }
      },
      () => undefined,
    );
  }

  /**
   * Resolves when a request may start, and counts it. Call the returned function when its answer
   * (or failure) arrives: until then the request occupies a slot, and afterwards its slot counts
   * from that moment.
   */
  acquire(): Promise<() => void> {
    const turn = this.queue.then(() => this.admit());
    this.queue = turn.catch(() => undefined);
    // The next caller is admitted while this one's slot is being written; this one starts only
    // once the write that counts it has landed, so a restarted worker still knows of it.
    return turn.then(async ({ release, saved }) => {
      try {
        await saved;
      } catch (error) {
        release();
        throw error;
      }
      return release;
    });
  }

  /** How long the next request would have to wait, in ms (0 = now; Infinity = until an answer). */
  async delay(): Promise<number> {
    await this.ready;
    return this.waitFor(this.now());
  }

  /** X-RateLimit-Remaining / X-RateLimit-Reset (seconds) from any response. */
  noteHeaders(remaining: number | null, resetSeconds: number | null): void {
    if (remaining === 0 && resetSeconds !== null && resetSeconds >= 0) this.blockFor(resetSeconds * SECOND);
  }

  /** 429 with Retry-After (seconds). */
  noteRetryAfter(seconds: number): void {
    this.blockFor(Math.max(0, seconds) * SECOND);
  }

  private blockFor(ms: number): void {
    const until = this.now() + Math.min(ms, 10 * MINUTE);
    if (until <= this.blockedUntil) return;
    this.blockedUntil = until;
    this.persist();
  }

  private async admit(): Promise<{ release: () => void; saved: Promise<void> }> {
    await this.ready;
    for (;;) {
      const now = this.now();
      const wait = this.waitFor(now);
      if (wait <= 0) break;
      if (wait === Number.POSITIVE_INFINITY) {
        // Every slot is held by a running request: wait for an answer.
        await new Promise<void>((resolve) => (this.released = resolve));
        continue;
      }
      if (wait >= LONG_WAIT_MS) this.options.onLongWait?.(now + wait);
      await this.sleep(wait);
    }
    const admitted = this.now();
    this.open.push(admitted);
    this.prune(admitted);
    const saved = this.save();
    let finished = false;
    const release = () => {
      if (finished) return;
      finished = true;
      const at = this.open.indexOf(admitted);
      if (at !== -1) this.open.splice(at, 1);
      const answered = Math.max(admitted, this.now());
      this.done.splice(countUpTo(this.done, answered), 0, answered);
      this.persist();
      const wake = this.released;
      this.released = null;
      wake?.();
    };
    return { release, saved };
  }

  private waitFor(now: number): number {
    let until = this.blockedUntil;
    for (const [limit, window] of [
      [this.options.perSecond, SECOND],
      [this.options.perMinute, MINUTE],
    ] as const) {
      const free = limit - this.open.length;
      if (free <= 0) return Number.POSITIVE_INFINITY;
      const recent = countSince(this.done, now - window - this.margin);
      if (recent >= free) until = Math.max(until, (this.done[this.done.length - free] ?? now) + window + this.margin);
    }
    return Math.max(0, until - now);
  }

  private prune(now: number): void {
    const keep = countSince(this.done, now - MINUTE - this.margin);
    if (keep < this.done.length) this.done = this.done.slice(this.done.length - keep);
  }

  private snapshot(): LimiterState {
    return { starts: [...this.done, ...this.open].sort((x, y) => x - y), blockedUntil: this.blockedUntil };
  }

  private persist(): void {
    void this.save().catch(() => undefined);
  }

  /**
   * Writes are kept in order and coalesced: a write asked for while another runs waits for it,
   * then saves the state as it is by then, for every caller that asked meanwhile. Requests
   * admitted together are written once, instead of leaving one storage write apart.
   */
  private save(): Promise<void> {
    if (this.nextWrite) return this.nextWrite;
    const write = this.lastWrite
      .catch(() => undefined)
      .then(() => {
        this.nextWrite = null;
        return this.options.store.save(this.snapshot());
      });
    this.nextWrite = write;
    this.lastWrite = write;
    return write;
  }
}

/** Number of sorted timestamps at or before `t`. */
function countUpTo(sorted: number[], t: number): number {
  return sorted.length - countSince(sorted, t);
}

/** Number of sorted timestamps strictly after `after`. */
function countSince(sorted: number[], after: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) > after) hi = mid;
    else lo = mid + 1;
  }
  return sorted.length - lo;
}
