import { describe, expect, it } from 'vitest';
import { LookupCache, type CachedState } from './cache.ts';
import { idbStore } from '../stores/kv-store.ts';

const result: CachedState = {
  status: 'RESULT',
  at: 0,
  result: { type: 'company', company: { id: 1001, name: 'Northwind Traders' }, provenance: { provider: 'p', matchedOn: 'companyWebsite: northwind.io', matchStatus: 'FULL_MATCH', accuracy: null, lastUpdated: null } },
};
const nothing: CachedState = { status: 'NO_RESULT', tried: 'email nobody@x.io', at: 0 };

describe('LookupCache (IndexedDB)', () => {
  it('answers within the TTL, forgets after it, and keeps negative results for a shorter time', async () => {
    let now = 1_000_000;
    const cache = new LookupCache(idbStore('cache'), () => now);
    await cache.clear();
    await cache.setMany([['domain:northwind.io', result], ['email:nobody@x.io', nothing]], { positiveMs: 10_000, negativeMs: 1_000 });
    expect(await cache.getMany(['domain:northwind.io', 'email:nobody@x.io', 'email:other@x.io'])).toEqual([result, nothing, undefined]);
    now += 1_001;
    expect(await cache.getMany(['domain:northwind.io', 'email:nobody@x.io'])).toEqual([result, undefined]);
    now += 9_000;
    expect(await cache.getMany(['domain:northwind.io'])).toEqual([undefined]);
  });

  it('stores nothing when the TTL is zero, and clears on request', async () => {
    const cache = new LookupCache(idbStore('cache'));
    await cache.clear();
    await cache.setMany([['domain:northwind.io', result]], { positiveMs: 0, negativeMs: 0 });
    expect(await cache.getMany(['domain:northwind.io'])).toEqual([undefined]);
    await cache.setMany([['domain:northwind.io', result]], { positiveMs: 60_000, negativeMs: 0 });
    expect(await cache.clear()).toBe(1);
    expect(await cache.getMany(['domain:northwind.io'])).toEqual([undefined]);
  });
});
