/**
 * Rate limits per account (api-contract.md Amendments: the bundle, not the token), kept in the
 * database so every server process on it shares them: an UNLOGGED table of accepted requests
 * (migration 5; losing it in a crash only forgets the last minute), one transaction per request,
 * serialised per account by an advisory lock. The window arithmetic is lib/rate-limit.ts's.
 * Embedded PGlite serves one process only, so there the counters stay in memory: same limits,
 * without a transaction per request on the single connection.
 */
import type { Db } from '../db/index.ts';
import { SlidingWindowLimiter, decide, type RateDecision } from '../lib/rate-limit.ts';

export interface AccountRateLimiter {
  readonly perSecond: number;
  readonly perMinute: number;
  /** Counts the request if allowed; a refused request does not count. */
  take(account: string): RateDecision | Promise<RateDecision>;
}

export function accountRateLimiter(db: Db, perSecond: number, perMinute: number): AccountRateLimiter {
  return db.kind === 'postgres' ? new SharedRateLimiter(db, perSecond, perMinute) : new SlidingWindowLimiter(perSecond, perMinute);
}

export class SharedRateLimiter implements AccountRateLimiter {
  readonly perSecond: number;
  readonly perMinute: number;
  readonly #db: Db;
  #sweeps = 0;

  constructor(db: Db, perSecond: number, perMinute: number) {
    this.#db = db;
    this.perSecond = perSecond;
    this.perMinute = perMinute;
  }

  /** Counts the request if allowed; a refused request does not count. */
  take(account: string): Promise<RateDecision> {
    return this.#db.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock(hashtext('rate-limit:' || $1))", [account]);
      // The clock is read under the lock, so accepted requests of one account are in time order.
      const now = Date.now();
      const rows = await tx.query<{ at_ms: string | number }>('SELECT at_ms FROM rate_limit_hits WHERE account = $1 AND at_ms > $2 ORDER BY at_ms', [account, now - 60_000]);
      const hits = rows.map((r) => Number(r.at_ms));
      const decision = decide(hits, now, this.perSecond, this.perMinute);
      if (decision.allowed) await tx.query('INSERT INTO rate_limit_hits (account, at_ms) VALUES ($1, $2)', [account, now]);
      if (++this.#sweeps % 500 === 0) await tx.query('DELETE FROM rate_limit_hits WHERE at_ms <= $1', [now - 60_000]);
      return decision;
    });
  }
}
