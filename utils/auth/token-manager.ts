import { decodeJwt } from 'jose';
import { realSleep } from '../http/limiter.ts';

/**
 * Holds the access token: hands out a valid one, refreshes it ahead of `exp`, lets concurrent
 * callers share one refresh, and keeps `/authenticate` to at most one call per second (issue 2).
 * The token itself is persisted by `store` (storage.session in the worker) so a restarted worker
 * does not authenticate again.
 */

export interface AccessToken {
  token: string;
  /** ms since epoch; Infinity for a static credential. */
  expiresAt: number;
  /** When it was obtained (ms); lets a short-lived token refresh a proportionate time ahead. */
  obtainedAt?: number;
}

export interface TokenStore {
  load(): Promise<AccessToken | null>;
  save(token: AccessToken | null): Promise<void>;
}

/** Obtains a fresh access token from the provider (one per credential kind: credentials.ts). */
export type TokenSource = () => Promise<AccessToken>;

export interface TokenManagerOptions {
  source: TokenSource;
  store: TokenStore;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Refresh this long before `exp`. */
  refreshAheadMs?: number;
  minRefreshIntervalMs?: number;
}

/** `exp` of a JWT access token, or the fallback when the token is opaque or has none. */
export function expiryOf(token: string, fallback: number): number {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? exp * 1000 : fallback;
  } catch {
    return fallback;
  }
}

export class TokenManager {
  private current: AccessToken | null = null;
  private loaded: Promise<void> | null = null;
  private refreshing: Promise<AccessToken> | null = null;
  private lastRefreshAt = Number.NEGATIVE_INFINITY;
  private closed = false;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly ahead: number;
  private readonly minInterval: number;
  private readonly options: TokenManagerOptions;

  constructor(options: TokenManagerOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.ahead = options.refreshAheadMs ?? 60_000;
    this.minInterval = options.minRefreshIntervalMs ?? 1000;
  }

  /** A token valid for at least `refreshAheadMs` more, refreshing if needed. */
  async getToken(): Promise<string> {
    this.loaded ??= this.options.store.load().then(
      (saved) => {
        this.current ??= saved;
      },
      () => undefined,
    );
    await this.loaded;
    if (this.current && this.refreshAt(this.current) > this.now()) return this.current.token;
    return (await this.refresh()).token;
  }

  /** `refreshAheadMs` before exp, but never more than a quarter of the token's life. */
  private refreshAt(token: AccessToken): number {
    const life = token.obtainedAt === undefined ? Number.POSITIVE_INFINITY : token.expiresAt - token.obtainedAt;
    return token.expiresAt - Math.min(this.ahead, life / 4);
  }

  /**
   * The provider refused `token` (401). Forget it so the next getToken() refreshes — unless a
   * newer token already replaced it, which another caller's refresh did.
   */
  async invalidate(token: string): Promise<void> {
    if (this.current?.token !== token) return;
    this.current = null;
    await this.options.store.save(null);
  }

  /** Drop the token for good (credentials changed): a sign-in still under way saves nothing. */
  async reset(): Promise<void> {
    this.closed = true;
    this.current = null;
    this.refreshing = null;
    await this.options.store.save(null);
  }

  private refresh(): Promise<AccessToken> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<AccessToken> {
    const wait = this.lastRefreshAt + this.minInterval - this.now();
    if (wait > 0) await this.sleep(wait);
    this.lastRefreshAt = this.now();
    const fresh = { obtainedAt: this.now(), ...(await this.options.source()) };
    if (this.closed) return fresh;
    this.current = fresh;
    await this.options.store.save(fresh);
    return fresh;
  }
}
