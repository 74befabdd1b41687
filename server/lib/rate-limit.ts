/**
 * Sliding-window limits (api-contract.md "Limits"): at most `perSecond` accepted requests in any
 * 1 s and `perMinute` in any 60 s.
 */

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the reported window frees a slot (≥ 1 when remaining is 0). */
  resetSeconds: number;
  retryAfterSeconds: number;
}

/**
 * The decision for a request at `now`, given the accepted requests of the last minute (ascending).
 * Shared by the in-memory limiter below and the database one (services/rate-limits.ts).
 */
export function decide(recent: readonly number[], now: number, perSecond: number, perMinute: number): RateDecision {
  let inSecond = 0;
  for (let i = recent.length - 1; i >= 0 && (recent[i] ?? 0) > now - 1000; i--) inSecond++;
  const allowed = inSecond < perSecond && recent.length < perMinute;
  const hits = allowed ? [...recent, now] : recent;
  if (allowed) inSecond++;
  const secondRemaining = Math.max(0, perSecond - inSecond);
  const minuteRemaining = Math.max(0, perMinute - hits.length);
  // When the window of `n` hits is full, the oldest of the last `n` decides when a slot frees.
  const freeAt = (windowMs: number, n: number) => {
    const oldest = hits[hits.length - n];
    return oldest === undefined ? 0 : Math.max(0, oldest + windowMs - now);
  };
  const secondWait = secondRemaining === 0 ? freeAt(1000, perSecond) : 0;
  const minuteWait = minuteRemaining === 0 ? freeAt(60_000, perMinute) : 0;
  // Report the tighter window: the one with fewer requests left (the minute one once it binds).
  const minuteBinds = minuteRemaining < secondRemaining || minuteWait > secondWait;
  const limit = minuteBinds ? perMinute : perSecond;
  const remaining = minuteBinds ? minuteRemaining : secondRemaining;
  const oldestInWindow = minuteBinds ? hits[0] : hits.find((t) => t > now - 1000);
  const windowMs = minuteBinds ? 60_000 : 1000;
  const resetMs = oldestInWindow === undefined ? windowMs : oldestInWindow + windowMs - now;
  const waitMs = Math.max(secondWait, minuteWait);
  return {
    allowed,
    limit,
    remaining,
    resetSeconds: Math.max(1, Math.ceil(resetMs / 1000)),
    retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
  };
}

/** The same limits in process memory, per key. */
export class SlidingWindowLimiter {
  readonly perSecond: number;
  readonly perMinute: number;
  readonly #hits = new Map<string, number[]>();
  #sweeps = 0;

  constructor(perSecond: number, perMinute: number) {
    this.perSecond = perSecond;
    this.perMinute = perMinute;
  }

  /** Counts the request if allowed; a refused request does not count. */
  take(key: string, now = Date.now()): RateDecision {
    let hits = this.#hits.get(key);
    if (!hits) {
      hits = [];
      this.#hits.set(key, hits);
    }
    // Drop what left the minute window (hits are in ascending order).
    let drop = 0;
    while (drop < hits.length && (hits[drop] ?? 0) <= now - 60_000) drop++;
    if (drop > 0) hits.splice(0, drop);
    const decision = decide(hits, now, this.perSecond, this.perMinute);
    if (decision.allowed) hits.push(now);
    if (++this.#sweeps % 10_000 === 0) this.#sweep(now);
    return decision;
  }

  #sweep(now: number): void {
    for (const [key, hits] of this.#hits) {
      const last = hits[hits.length - 1];
      if (last === undefined || last <= now - 60_000) this.#hits.delete(key);
    }
  }
}

/** At most one request per interval per key (`/authenticate`: 1 per second per username). */
export class IntervalLimiter {
  readonly #intervalMs: number;
  readonly #last = new Map<string, number>();

  constructor(intervalMs: number) {
    this.#intervalMs = intervalMs;
  }

  /** `0` when allowed (and counted), else seconds to wait. */
  take(key: string, now = Date.now()): number {
    const last = this.#last.get(key);
    if (last !== undefined && now - last < this.#intervalMs) return Math.max(1, Math.ceil((last + this.#intervalMs - now) / 1000));
    this.#last.set(key, now);
    if (this.#last.size > 100_000) this.#last.clear();
    return 0;
  }
}
