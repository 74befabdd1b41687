// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { TabEntity, TabState } from '../../utils/schemas/lookup.ts';
import { DEFAULT_SETTINGS } from '../../utils/schemas/settings.ts';
import { creditSpendItem } from '../../utils/stores/storage.ts';
import { localDay } from '../../utils/lookup/credit-budget.ts';
import { costText } from './cost-line.tsx';
import { EnrichOffer } from './enrich-offer.tsx';
import { SpentToday } from '../credit-spend.tsx';
import { BehaviourSection } from '../options/preferences.tsx';
import { byLabel, byText, click, fakeBackground, render, type, waitFor, type Rendered } from '../../tests/unit/testing.tsx';

let view: Rendered | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

const DAY = 86_400_000;
const provenance = { provider: 'Reference', matchedOn: 'email', matchStatus: 'FULL_MATCH' as const, accuracy: null, lastUpdated: null };

function heldEntity(i: number, held: 'page_cap' | 'daily_cap' | undefined): TabEntity {
  return {
    key: `email:p${i}@northwind.io`,
    detection: { kind: 'email', value: `p${i}@northwind.io`, source: 'text', confidence: 1 },
    state: {
      status: 'RESULT',
      at: 0,
      result: {
        type: 'contact',
        contact: { id: i + 1, firstName: 'P', lastName: String(i), email: null, phone: null, mobilePhone: null },
        candidates: [],
        company: null,
        revealed: held === undefined,
        provenance,
        cost: held ? { kind: 'preview' } : { kind: 'spent', at: 0 },
        ...(held ? { held } : {}),
      },
    },
  };
}

const tab = (entities: TabEntity[]): TabState => ({ tabId: 3, url: 'https://acme.lightning.force.com/x', updatedAt: 0, entities });
const auto = { ...DEFAULT_SETTINGS, autoEnrich: true };

describe('what each card cost', () => {
  const now = new Date(2026, 11, 4, 15, 0).getTime();
  it('says a credit and when, or free and since when', () => {
    expect(costText({ kind: 'spent', at: now - 3_600_000 }, now)).toBe('1 credit, today');
    expect(costText({ kind: 'free', enrichedAt: now - 92 * DAY }, now)).toBe('free: enriched 3 months ago');
    expect(costText({ kind: 'free', enrichedAt: now - 5 * DAY }, now)).toBe('free: enriched 5 days ago');
    expect(costText({ kind: 'preview' }, now)).toMatch(/no credit spent/);
  });
});

describe('the offer past a cap', () => {
  it('past the page cap: "Enrich 50 more — up to 50 credits", and accepting asks the worker', async () => {
    const background = fakeBackground({ enrichHeld: () => ({ enriching: 50 }) });
    const entities = [...Array.from({ length: 10 }, (_, i) => heldEntity(i, undefined)), ...Array.from({ length: 50 }, (_, i) => heldEntity(10 + i, 'page_cap'))];
    view = await render(<EnrichOffer tabId={3} state={tab(entities)} settings={auto} />, background);
    expect(view.container.textContent).toContain('This page’s cap of 10 credits is reached.');
    await click(byText(view.container, 'button', 'Enrich 50 more — up to 50 credits'));
    expect(background.calls).toEqual([{ name: 'enrichHeld', input: { tabId: 3 } }]);
  });

  it('past the daily cap: says why nothing more is spent', async () => {
    await creditSpendItem.setValue({ day: localDay(Date.now()), spent: 50, pages: {} });
    view = await render(<EnrichOffer tabId={3} state={tab([heldEntity(1, 'daily_cap'), heldEntity(2, 'daily_cap')])} settings={auto} />, fakeBackground({}));
    await waitFor(() => expect(view?.container.textContent).toContain('50 of 50 credits spent today'));
    expect(view.container.textContent).toContain('Daily credit cap reached.');
    expect(view.container.textContent).toContain('Nothing more is spent automatically until tomorrow');
  });

  it('nothing held back: no offer', async () => {
    view = await render(<EnrichOffer tabId={3} state={tab([heldEntity(1, undefined)])} settings={auto} />, fakeBackground({}));
    expect(view.container.textContent).toBe('');
  });
});

describe('credits spent today', () => {
  it('shows today’s spend against the cap, and yesterday’s as nothing', async () => {
    await creditSpendItem.setValue({ day: localDay(Date.now()), spent: 7, pages: {} });
    view = await render(<SpentToday settings={auto} compact />, fakeBackground({}));
    await waitFor(() => expect(view?.container.textContent).toBe('7 / 50 today'));
    await view.unmount();
    await creditSpendItem.setValue({ day: localDay(Date.now() - DAY), spent: 7, pages: {} });
    view = await render(<SpentToday settings={DEFAULT_SETTINGS} compact />, fakeBackground({}));
    await waitFor(() => expect(view?.container.textContent).toBe('0 today'));
  });
});

describe('Options: the caps on automatic enrichment', () => {
  it('shows the caps only once automatic enrichment is on, and saves them as whole numbers', async () => {
    const background = fakeBackground({ saveSettings: (patch) => ({ ...auto, ...(patch as object) }), getSettings: () => auto });
    view = await render(<BehaviourSection settings={DEFAULT_SETTINGS} />, background);
    expect(byLabel(view.container, 'Credits a day, at most')).toBeUndefined();
    await view.unmount();

    view = await render(<BehaviourSection settings={auto} />, background);
    await type(byLabel(view.container, 'Credits a day, at most'), '20');
    await type(byLabel(view.container, 'Credits a page, before asking'), '5');
    await click(byText(view.container, 'button', 'Save caps'));
    await waitFor(() => expect(background.calls.map((c) => c.input)).toContainEqual({ dailyCreditCap: 20, pageCreditCap: 5 }));
  });
});
