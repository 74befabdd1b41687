import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db, type SqlParam } from '../db/index.ts';
import { CountCache } from './count-cache.ts';

const COUNT = 'SELECT count(*)::int AS n FROM items WHERE colour = ANY($1::text[])';

describe('CountCache', () => {
  let db: Db;
  let queries = 0;
  let counting: Db;

  beforeAll(async () => {
    db = await openDb('memory://', '');
    await db.exec(`CREATE TABLE items (id int, colour text);
      INSERT INTO items SELECT i, (ARRAY['red','green','blue'])[1 + i % 3] FROM generate_series(1, 300) i;`);
    // The real database, with every query it answers counted.
    counting = Object.assign(Object.create(db) as Db, {
      query<T>(sql: string, params?: SqlParam[]): Promise<T[]> {
        queries++;
        return db.query<T>(sql, params);
      },
    });
  });
  afterAll(() => db.close());

  it('counts a filter set once while it is fresh, and each filter set separately', async () => {
    const cache = new CountCache(counting);
    queries = 0;
    expect(await cache.count(COUNT, [['red']])).toBe(100);
    expect(await cache.count(COUNT, [['red']])).toBe(100);
    expect(await cache.count(COUNT, [['red', 'blue']])).toBe(200);
    expect(queries).toBe(2);
  });

  it('shares one query between identical counts asked at the same moment', async () => {
    const cache = new CountCache(counting);
    queries = 0;
    const totals = await Promise.all(Array.from({ length: 5 }, () => cache.count(COUNT, [['green']])));
    expect(totals).toEqual([100, 100, 100, 100, 100]);
    expect(queries).toBe(1);
  });

  it('asks the database again once the time limit has passed, and sees what changed', async () => {
    let now = 0;
    const cache = new CountCache(counting, { ttlMs: 1000, now: () => now });
    expect(await cache.count(COUNT, [['blue']])).toBe(100);
    await db.query("INSERT INTO items VALUES (301, 'blue')");
    now = 999;
    expect(await cache.count(COUNT, [['blue']])).toBe(100);
    now = 1000;
    expect(await cache.count(COUNT, [['blue']])).toBe(101);
    await db.query('DELETE FROM items WHERE id = 301');
  });

  it('does not remember a failed count', async () => {
    const cache = new CountCache(counting);
    const broken = 'SELECT count(*)::int AS n FROM missing_table WHERE $1::text[] IS NOT NULL';
    await expect(cache.count(broken, [['red']])).rejects.toThrow();
    await db.exec('CREATE TABLE missing_table (id int); INSERT INTO missing_table VALUES (1)');
    expect(await cache.count(broken, [['red']])).toBe(1);
  });

  it('keeps at most maxEntries totals, dropping the least recently used', async () => {
    const cache = new CountCache(counting, { maxEntries: 2 });
    await cache.count(COUNT, [['red']]);
    await cache.count(COUNT, [['green']]);
    await cache.count(COUNT, [['red']]);
    await cache.count(COUNT, [['blue']]);
    queries = 0;
    await cache.count(COUNT, [['red']]);
    expect(queries).toBe(0);
    await cache.count(COUNT, [['green']]);
    expect(queries).toBe(1);
  });
});
