import type { LookupState } from '../schemas/lookup.ts';
import { idbStore, type KvStore } from '../stores/kv-store.ts';

/**
 * Final lookup states (RESULT, NO_RESULT) by normalised identifier, with a TTL; negative results
 * keep for a shorter time. Revisiting a page answers from here without a request.
 */

export type CachedState = Extract<LookupState, { status: 'RESULT' | 'NO_RESULT' }>;

interface Entry {
  state: CachedState;
  expiresAt: number;
}

export interface CacheTtls {
  positiveMs: number;
  negativeMs: number;
}

export class LookupCache {
  private readonly kv: KvStore<Entry>;
  private readonly now: () => number;

  constructor(kv: KvStore<Entry> = idbStore<Entry>('cache'), now: () => number = Date.now) {
    this.kv = kv;
    this.now = now;
  }

  /** Cached states for `keys`, in order; undefined where missing or expired. */
  async getMany(keys: string[]): Promise<(CachedState | undefined)[]> {
    if (keys.length === 0) return [];
    const now = this.now();
    const entries = await this.kv.getMany(keys);
    return entries.map((e) => (e && e.expiresAt > now ? e.state : undefined));
  }

  async setMany(entries: [string, CachedState][], ttls: CacheTtls): Promise<void> {
    const now = this.now();
    const live = entries
      .map(([key, state]): [string, Entry] => [key, { state, expiresAt: now + (state.status === 'RESULT' ? ttls.positiveMs : ttls.negativeMs) }])
      .filter(([, e]) => e.expiresAt > now);
    if (live.length > 0) await this.kv.setMany(live);
  }

  async delete(key: string): Promise<void> {
    await this.kv.delete(key);
  }

  clear(): Promise<number> {
    return this.kv.clear();
  }
}
