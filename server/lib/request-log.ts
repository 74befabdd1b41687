/**
 * The request log tests read: in process (`RunningServer.requestLog`) and over HTTP
 * (`GET /_admin/requests`, `DELETE /_admin/requests`, `GET /_admin/stats`).
 */

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  /** Number of enrich inputs (matchPersonInput / matchCompanyInput), 0 for other requests. */
  inputs: number;
  /** ISO 8601 instant the request arrived. */
  at: string;
  /** Arrival time, ms since the epoch (same instant as `at`). */
  atMs: number;
  durationMs: number;
  /** Non-reversible id of the bearer credential (`tok_` + 12 hex of its SHA-256), or null. */
  tokenId: string | null;
  /** The error id of an error response, or null. */
  errorId: string | null;
  /** The injected fault, if FAULTS chose one for this request. */
  fault: string | null;
}

export interface TokenStats {
  tokenId: string;
  requests: number;
  /** Most requests received from this token in any sliding 1 s window (all statuses). */
  maxPerSecond: number;
  /** Most requests received from this token in any sliding 60 s window (all statuses). */
  maxPerMinute: number;
  rateLimited: number;
}

export interface RequestStats {
  total: number;
  byPath: Record<string, number>;
  byStatus: Record<string, number>;
  enrichCalls: number;
  enrichInputs: number;
  tokens: TokenStats[];
  /** Max over all tokens of maxPerSecond. */
  maxPerSecond: number;
  maxPerMinute: number;
}

function maxInWindow(times: number[], windowMs: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] ?? 0) - (times[start] ?? 0) >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

export class RequestLog {
  readonly entries: RequestLogEntry[] = [];
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.#max) this.entries.splice(0, this.entries.length - this.#max);
  }

  clear(): void {
    this.entries.length = 0;
  }

  stats(filter?: (e: RequestLogEntry) => boolean): RequestStats {
    const entries = filter ? this.entries.filter(filter) : this.entries;
    const byPath: Record<string, number> = {};
    const byStatus: Record<string, number> = {};
    const perToken = new Map<string, { times: number[]; rateLimited: number }>();
    let enrichCalls = 0;
    let enrichInputs = 0;
    for (const e of entries) {
      byPath[e.path] = (byPath[e.path] ?? 0) + 1;
      byStatus[String(e.status)] = (byStatus[String(e.status)] ?? 0) + 1;
      if (e.method === 'POST' && e.path.startsWith('/enrich/')) {
        enrichCalls++;
        enrichInputs += e.inputs;
      }
      if (e.tokenId) {
        let t = perToken.get(e.tokenId);
        if (!t) {
          t = { times: [], rateLimited: 0 };
          perToken.set(e.tokenId, t);
        }
        t.times.push(e.atMs);
        if (e.errorId === 'rate_limited' && e.fault === null) t.rateLimited++;
      }
    }
    const tokens: TokenStats[] = [...perToken].map(([tokenId, t]) => {
      const times = [...t.times].sort((a, b) => a - b);
      return {
        tokenId,
        requests: times.length,
        maxPerSecond: maxInWindow(times, 1000),
        maxPerMinute: maxInWindow(times, 60_000),
        rateLimited: t.rateLimited,
      };
    });
    return {
      total: entries.length,
      byPath,
      byStatus,
      enrichCalls,
      enrichInputs,
      tokens,
      maxPerSecond: Math.max(0, ...tokens.map((t) => t.maxPerSecond)),
      maxPerMinute: Math.max(0, ...tokens.map((t) => t.maxPerMinute)),
    };
  }
}
