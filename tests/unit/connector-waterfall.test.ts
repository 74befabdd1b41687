/**
 * The waterfall through the whole worker: the provider answers a contact without a mobile phone,
 * App-Z (its real routes, in process) has one; the tab's state, and so the side panel's card and
 * the page's badge, carry the number and its source.
 */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { coreStorage } from '../../entrypoints/background/core-storage.ts';
import { createAppZ } from '../../server/app-z/app.ts';
import { createCore } from '../../utils/background/core.ts';
import { appZConnector } from '../../utils/connectors/test-fixtures.ts';
import { LookupCache } from '../../utils/lookup/cache.ts';
import type { Detection } from '../../utils/schemas/detection.ts';
import type { LookupStatus, TabState } from '../../utils/schemas/lookup.ts';
import { DEFAULT_SETTINGS } from '../../utils/schemas/settings.ts';
import { idbStore } from '../../utils/stores/kv-store.ts';
import { SecretStore } from '../../utils/stores/secrets.ts';
import { settingsItem, tabStateItem } from '../../utils/stores/storage.ts';
import { demoContact, scriptedProvider } from './scripted-provider.ts';

const BASE = 'https://appz.test/app-z';
const PRIYA = 'priya.raman@northwind.io';
const page = { isExtensionPage: false, url: 'https://crm.example.com/list', tabId: 9 };
const options = { isExtensionPage: true, url: 'chrome-extension://x/options.html', tabId: undefined };

async function settled(tabId: number): Promise<TabState> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const state = await tabStateItem(tabId).getValue();
    if (state && state.entities.length > 0 && state.entities.every((e) => e.state.status !== 'LOADING' && e.state.status !== 'BLANK')) return state;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the tab never settled');
}

describe('waterfall behind the provider', () => {
  it("fills the mobile phone the provider lacks from App-Z, and the card's and badge's state say so", async () => {
    await idbStore('secrets').clear();
    await idbStore('cache').clear();
    const provider = scriptedProvider({ contacts: [demoContact(5, PRIYA, { mobilePhone: null })], companies: [] });
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, baseUrl: 'http://provider.test', authMethod: 'password', username: 'demo@example.com', autoEnrich: true, dailyCreditCap: 100, pageCreditCap: 100 });
    const secrets = new SecretStore();
    await secrets.update({ password: 'demo-password' });
    const appZ = new Hono().route('/app-z', createAppZ({ clients: [], apiKeys: ['key-1'], tokenTtlSeconds: 60, ratePerSecond: 50 }));
    const pushed: Record<string, string>[] = [];
    const core = createCore({
      storage: coreStorage,
      browser: {
        openSidePanel: () => Promise.resolve(),
        scanTab: () => Promise.resolve(),
        tabUrl: () => Promise.resolve(page.url),
        scheduleResume: () => undefined,
        notify: () => Promise.resolve(),
        pushBadgeStates: async (_tabId: number, _states: Record<string, LookupStatus>, sources: Record<string, string>) => void pushed.push(sources),
      },
      secrets,
      cache: new LookupCache(),
      registry: { fetch: provider.fetch, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 5))) },
      batchWindowMs: 5,
      connectors: { fetch: async (input, init) => appZ.fetch(new Request(input, init)) },
    });

    await core.handlers.saveConnector({ connector: appZConnector({ baseUrl: BASE }) }, options);
    await core.handlers.connectConnector({ connectorId: 'app-z', apiKey: 'key-1' }, options);
    await core.handlers.saveWaterfall({ waterfall: { mobilePhone: [{ kind: 'provider' }, { kind: 'connector', connectorId: 'app-z', actionId: 'person', outputPath: 'mobilePhone' }] } }, options);

    const detection: Detection = { kind: 'email', value: PRIYA, source: 'text', confidence: 0.99 };
    await core.handlers.reportDetections({ url: page.url, detections: [detection], replace: true }, page);
    const [entity] = (await settled(9)).entities;
    expect(entity?.state).toMatchObject({ status: 'RESULT', result: { contact: { email: PRIYA, mobilePhone: expect.stringMatching(/\d{3}/) }, filledBy: { mobilePhone: 'App-Z' } } });
    await expect.poll(() => pushed.at(-1)).toEqual({ [entity?.key ?? '']: 'mobile phone from App-Z' });
  });
});
