// @vitest-environment happy-dom
import { act } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '../../entrypoints/sidepanel/App.tsx';
import { selectionItem, tabStateItem } from '../../utils/stores/storage.ts';
import type { ConnectionStatus } from '../../utils/messaging.ts';
import type { TabEntity, TabState } from '../../utils/schemas/lookup.ts';
import { buildRows, EntityList } from './entity-list.tsx';
import { byText, click, fakeBackground, render, waitFor, type Rendered } from '../../tests/unit/testing.tsx';

const status = (over: Partial<ConnectionStatus> = {}): ConnectionStatus => ({
  configured: true,
  provider: 'the enterprise API',
  baseUrl: 'http://localhost:8787',
  authMethod: 'password',
  creditsRemaining: 9876,
  creditsUpdatedAt: 0,
  lastError: null,
  capabilities: [],
  ...over,
});

const email = (value: string, state: TabEntity['state'] = { status: 'LOADING', since: 0 }): TabEntity => ({
  key: `email:${value}`,
  detection: { kind: 'email', value, source: 'text', confidence: 1 },
  state,
});

const stateOf = (tabId: number, entities: TabEntity[]): TabState => ({ tabId, url: 'https://example.com/', updatedAt: 0, entities });

// happy-dom lays nothing out: give elements (the list's scroller) a panel's size.
const sized = { clientHeight: 640, clientWidth: 400 };
beforeAll(() => {
  for (const [name, value] of Object.entries(sized)) Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => value });
});
afterAll(() => {
  for (const name of Object.keys(sized)) Reflect.deleteProperty(HTMLElement.prototype, name);
});

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
  localStorage.clear();
});

async function activeTab(): Promise<number> {
  const win = await fakeBrowser.windows.create({ focused: true });
  const tab = await fakeBrowser.tabs.create({ url: 'https://www.linkedin.com/in/dana', active: true, windowId: win?.id });
  if (tab.id === undefined) throw new Error('the fake browser gave no tab id');
  return tab.id;
}

describe('side panel App, driven through storage', () => {
  it('shows onboarding when no provider is set up, with credits visible', async () => {
    await activeTab();
    view = await render(<App />, fakeBackground({ getStatus: () => status({ configured: false, creditsRemaining: null }) }));
    await waitFor(() => expect(view?.container.textContent).toContain('Connect a data provider'));
    expect(view.container.querySelector('[data-testid="credits"]')).not.toBeNull();
  });

  it('lists the tab’s detections grouped, follows storage changes, and opens the selected card', async () => {
    const tabId = await activeTab();
    await tabStateItem(tabId).setValue(
      stateOf(tabId, [email('dana@northwind.io'), { key: 'domain:northwind.io', detection: { kind: 'domain', value: 'northwind.io', source: 'link', confidence: 1 }, state: { status: 'BLANK' } }]),
    );
    const background = fakeBackground({ getStatus: () => status(), selectEntity: () => ({ ok: true }), retryLookup: () => ({ ok: true }) });
    view = await render(<App />, background);
    await waitFor(() => expect(view?.container.textContent).toContain('2 found · 1 looking up'));
    expect([...view.container.querySelectorAll('.list-header h2')].map((h) => h.textContent)).toEqual(['People 1', 'Companies 1']);
    expect(view.container.textContent).toContain('9,876');

    // The worker settles the lookup: the panel follows without being asked.
    await act(async () => {
      await tabStateItem(tabId).setValue(
        stateOf(tabId, [
          email('dana@northwind.io', { status: 'ERROR', errorId: 'network', message: 'The provider could not be reached.', retryable: true, at: 0 }),
        ]),
      );
    });
    await waitFor(() => expect(view?.container.textContent).toContain('1 found · 1 failed'));
    background.calls.length = 0;
    await click(byText(view.container, 'button', 'Retry 1 failed'));
    expect(background.calls).toEqual([{ name: 'retryLookup', input: { tabId, key: 'email:dana@northwind.io' } }]);

    await click(byText(view.container, '.entity-button', 'dana@northwind.io'));
    expect(background.calls.find((c) => c.name === 'selectEntity')?.input).toEqual({ tabId, key: 'email:dana@northwind.io' });
    // The background writes the selection; the card follows.
    await act(async () => {
      await selectionItem(tabId).setValue({ key: 'email:dana@northwind.io', at: 1 });
    });
    await waitFor(() => expect(view?.container.textContent).toContain('The provider could not be reached.'));
    expect(byText(view.container, 'button', 'Retry')).toBeDefined();
  });
});

describe('EntityList', () => {
  it('renders only the rows in view of a very long list', async () => {
    const entities = Array.from({ length: 3000 }, (_, i) => email(`p${i}@example.com`, { status: 'NO_RESULT', tried: 'x', at: 0 }));
    view = await render(<EntityList entities={entities} onSelect={() => undefined} />);
    const rows = view.container.querySelectorAll('.entity-button').length;
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(60);
    expect(view.container.textContent).toContain('3000 found');
  });
});

describe('buildRows', () => {
  it('shows a record found twice on the page once, people before companies', () => {
    const provenance = { provider: 'p', matchedOn: 'm', matchStatus: 'FULL_MATCH' as const, accuracy: null, lastUpdated: null };
    const dana = { id: 50001, firstName: 'Dana', lastName: 'Lin' };
    const found = (key: string, kind: 'email' | 'person', value: string): TabEntity => ({
      key,
      detection: { kind, value, source: 'x', confidence: 1 },
      state: { status: 'RESULT', at: 0, result: { type: 'contact', contact: dana, candidates: [], company: null, revealed: true, provenance } },
    });
    const rows = buildRows(
      [
        { key: 'domain:northwind.io', detection: { kind: 'domain', value: 'northwind.io', source: 'x', confidence: 1 }, state: { status: 'BLANK' } },
        found('person:https://www.linkedin.com/in/dana', 'person', 'Dana Lin'),
        found('email:dana@northwind.io', 'email', 'dana@northwind.io'),
      ],
      '',
    );
    expect(rows.map((r) => (r.type === 'header' ? `# ${r.title} ${r.count}` : `${r.id} +${r.also}`))).toEqual([
      '# People 1',
      'person:https://www.linkedin.com/in/dana +1',
      '# Companies 1',
      'domain:northwind.io +0',
    ]);
    expect(buildRows(rows.length > 0 ? [found('email:dana@northwind.io', 'email', 'dana@northwind.io')] : [], 'zzz')).toEqual([]);
  });
});
