/**
 * Totals of search results (`meta.total`, `totalResults`), remembered per query for a short while.
 *
 * Counting every match is most of a filtered search's cost (the page itself stops after
 * `per_page` rows), and the same filter set is counted again and again: a user paging through
 * results, a UI re-running a search, several users with the common filters. Records change only
 * when the seed runs, before the server listens, so a remembered total is exact; the time limit
 * bounds how stale it can be if something writes to a shared PostgreSQL behind the server's back.
 * Identical counts asked at the same moment share one query.
 */
import type { Db, SqlParam } from '../db/index.ts';

export interface CountCacheOptions {
  /** How long a total is reused. */
  ttlMs?: number;
  /** Totals kept; the least recently used goes first. */
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  total: Promise<number>;
  expires: number;
}

export class CountCache {
  readonly #entries = new Map<string, Entry>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #db: Db;

  constructor(db: Db, options: CountCacheOptions = {}) {
    this.#db = db;
    this.#ttlMs = options.ttlMs ?? 60_000;
    this.#maxEntries = options.maxEntries ?? 2_000;
    this.#now = options.now ?? Date.now;
  }

  /** `SELECT count(*)::int AS n …` with these parameters: from memory when it was asked recently. */
  count(sql: string, params: SqlParam[]): Promise<number> {
    const key = JSON.stringify([sql, params]);
    const now = this.#now();
    const cached = this.#entries.get(key);
    this.#entries.delete(key);
    if (cached && cached.expires > now) {
      this.#entries.set(key, cached);
      return cached.total;
    }
    const total = this.#db.query<{ n: number }>(sql, params).then((rows) => rows[0]?.n ?? 0);
    const entry: Entry = { total, expires: now + this.#ttlMs };
    this.#entries.set(key, entry);
    // A failed count is not remembered: the next search asks the database again.
    total.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return total;
  }
}
