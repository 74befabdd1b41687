import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CreditBudget, FREE_FOR_MS, localDay, pageKey, type BudgetStores } from './credit-budget.ts';
import { creditSpendItem, enrichedRecordsItem } from '../stores/storage.ts';

/** The worker's wiring: the counts live in extension storage, not in the budget object. */
const stores: BudgetStores = {
  spend: { load: () => creditSpendItem.getValue(), save: (v) => creditSpendItem.setValue(v) },
  records: { load: () => enrichedRecordsItem.getValue(), save: (v) => enrichedRecordsItem.setValue(v) },
};
const caps = { dailyCreditCap: 3, pageCreditCap: 2 };
const list = pageKey(7, 'https://acme.lightning.force.com/lightning/o/Contact/list');
const other = pageKey(7, 'https://acme.lightning.force.com/lightning/r/Contact/003/view');

async function spendOn(budget: CreditBudget, page: string, id: number) {
  const r = await budget.reserve(page, caps);
  if (!r.ok) return r.reason;
  return (await budget.settle(r, { kind: 'contact', id })).kind;
}

describe('credit budget', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers();
    // 22:00 local time: two hours before the user's midnight.
    vi.setSystemTime(new Date(2026, 11, 4, 22, 0, 0));
  });
  afterEach(() => vi.useRealTimers());

  it('stops a page at its cap and the day at the daily cap, and a new worker remembers both', async () => {
    const first = new CreditBudget(stores);
    expect(await spendOn(first, list, 1)).toBe('spent');
    expect(await spendOn(first, list, 2)).toBe('spent');
    expect(await spendOn(first, list, 3)).toBe('page_cap');

    // The worker stopped: a fresh instance reads the same counts from storage.
    const restarted = new CreditBudget(stores);
    expect((await restarted.today()).spent).toBe(2);
    expect(await spendOn(restarted, list, 3)).toBe('page_cap');
    expect(await spendOn(restarted, other, 3)).toBe('spent');
    expect(await spendOn(restarted, other, 4)).toBe('daily_cap');
  });

  it('starts counting again at the user-local midnight', async () => {
    const budget = new CreditBudget(stores);
    for (const id of [1, 2]) await spendOn(budget, list, id);
    await spendOn(budget, other, 3);
    expect(await spendOn(budget, other, 4)).toBe('daily_cap');

    vi.setSystemTime(new Date(2026, 11, 4, 23, 59, 59));
    expect(await spendOn(new CreditBudget(stores), other, 4)).toBe('daily_cap');

    vi.setSystemTime(new Date(2026, 11, 5, 0, 0, 1));
    const tomorrow = new CreditBudget(stores);
    expect((await tomorrow.today()).spent).toBe(0);
    expect(await spendOn(tomorrow, list, 4)).toBe('spent');
    expect(await tomorrow.today()).toMatchObject({ day: localDay(Date.now()), spent: 1 });
  });

  it('a record enriched in the last 12 months costs nothing and does not count', async () => {
    const budget = new CreditBudget(stores);
    expect(await spendOn(budget, list, 1)).toBe('spent');
    expect(await spendOn(budget, list, 1)).toBe('free');
    expect(await budget.charge('contact', 1)).toMatchObject({ kind: 'free' });
    expect((await budget.today()).spent).toBe(1);
    expect(await budget.costOf('contact', 1)).toMatchObject({ kind: 'free' });

    vi.setSystemTime(Date.now() + FREE_FOR_MS + 1000);
    expect(await budget.costOf('contact', 1)).toBeNull();
    expect(await budget.charge('contact', 1)).toMatchObject({ kind: 'spent' });
  });

  it('no match gives the reserved credit back', async () => {
    const budget = new CreditBudget(stores);
    const r = await budget.reserve(list, caps);
    expect(r.ok).toBe(true);
    if (r.ok) expect(await budget.settle(r, null)).toEqual({ kind: 'preview' });
    expect(await budget.today()).toMatchObject({ spent: 0 });
  });

  it('clicks are never refused, yet count towards the day', async () => {
    const budget = new CreditBudget(stores);
    for (const id of [1, 2, 3, 4]) expect(await budget.charge('contact', id)).toMatchObject({ kind: 'spent' });
    expect((await budget.today()).spent).toBe(4);
    expect(await spendOn(budget, list, 5)).toBe('daily_cap');
  });

  it('sixty lookups reserving at once never pass the page cap', async () => {
    const budget = new CreditBudget(stores);
    const results = await Promise.all(Array.from({ length: 60 }, () => budget.reserve(list, { dailyCreditCap: 50, pageCreditCap: 10 })));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect((await budget.today()).pages[list]).toBe(10);
  });
});
