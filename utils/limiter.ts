/**
 * Client-side rate limiter for one provider: at most `perSecond` request starts in any sliding
 * 1 s window AND at most `perMinute` in any sliding 60 s window. A single token bucket is not
 * enough: 25 refilled at 25/s admits 1,525 requests in some 60 s window (issue 2). The server can
 * only tighten it (X-RateLimit-Remaining 0 until X-RateLimit-Reset; 429 Retry-After).
 *
 * The state (recent start times, blocked-until) is saved after every admission, so a worker that
 * Chrome stops and restarts picks up where it was and never bursts over the limit.
 */

export interface LimiterState {
  /** Start times (ms) of admitted requests in the last minute, oldest first. */
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
  private state: LimiterState = { starts: [], blockedUntil: 0 };
  private readonly ready: Promise<void>;
  /** Admissions are serialised so callers are served first come, first served. */
  private queue: Promise<void> = Promise.resolve();
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
        if (saved) this.state = { starts: [...saved.starts], blockedUntil: saved.blockedUntil };
      },
      () => undefined,
    );
  }

  /** Resolves when a request may start, and counts it as started. */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.admit());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** How long the next request would have to wait, in ms (0 = now). */
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
    if (until <= this.state.blockedUntil) return;
    this.state.blockedUntil = until;
    void this.options.store.save(this.snapshot()).catch(() => undefined);
  }

  private async admit(): Promise<void> {
    await this.ready;
    for (;;) {
      const now = this.now();
      const wait = this.waitFor(now);
      if (wait <= 0) break;
      if (wait >= LONG_WAIT_MS) this.options.onLongWait?.(now + wait);
      await this.sleep(wait);
    }
    const now = this.now();
    this.state.starts.push(now);
    this.prune(now);
    await this.options.store.save(this.snapshot());
  }

  private waitFor(now: number): number {
    const { perSecond, perMinute } = this.options;
    const starts = this.state.starts;
    let until = this.state.blockedUntil;
    const inSecond = countSince(starts, now - SECOND - this.margin);
    if (inSecond >= perSecond) until = Math.max(until, (starts[starts.length - perSecond] ?? now) + SECOND + this.margin);
    const inMinute = countSince(starts, now - MINUTE - this.margin);
    if (inMinute >= perMinute) until = Math.max(until, (starts[starts.length - perMinute] ?? now) + MINUTE + this.margin);
    return Math.max(0, until - now);
  }

  private prune(now: number): void {
    const cutoff = now - MINUTE - this.margin;
    const firstKept = this.state.starts.findIndex((t) => t > cutoff);
    this.state.starts = firstKept === -1 ? [] : this.state.starts.slice(firstKept);
  }

  private snapshot(): LimiterState {
    return { starts: [...this.state.starts], blockedUntil: this.state.blockedUntil };
  }
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
