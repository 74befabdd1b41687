import { describe, expect, it } from 'vitest';
import { createCore } from '../../utils/background/core.ts';
import { coreStorage } from '../../entrypoints/background/core-storage.ts';
import { LookupCache } from '../../utils/lookup/cache.ts';
import { SecretStore } from '../../utils/stores/secrets.ts';
import { idbStore } from '../../utils/stores/kv-store.ts';
import { settingsItem, tabStateItem, rejectionsItem, creditsItem, creditSpendItem } from '../../utils/stores/storage.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../utils/schemas/settings.ts';
import type { Detection } from '../../utils/schemas/detection.ts';
import type { TabState } from '../../utils/schemas/lookup.ts';
import { scriptedProvider, demoContact } from './scripted-provider.ts';

const email = (value: string): Detection => ({ kind: 'email', value, source: 'text', confidence: 0.99 });

async function setup(
  settings: Partial<Settings> = {},
  contacts = Array.from({ length: 80 }, (_, i) => demoContact(i + 1, `person${i}@northwind.io`)),
  olderIntentOnly = false,
) {
  const provider = scriptedProvider({
    olderIntentOnly,
    contacts,
    companies: [{ id: 1001, name: 'Northwind Traders', website: 'https://www.northwind.io' }],
  });
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, baseUrl: 'http://provider.test', authMethod: 'password', username: 'demo@example.com', ...settings });
  const secrets = new SecretStore();
  await secrets.update({ password: 'demo-password' });
  const cache = new LookupCache();
  await cache.clear();
  const core = createCore({
    storage: coreStorage,
    browser: { openSidePanel: () => Promise.resolve(), scanTab: () => Promise.resolve(), tabUrl: () => Promise.resolve('https://example.com/'), scheduleResume: () => undefined, notify: () => Promise.resolve() },
    secrets,
    cache,
    // Backoff in milliseconds rather than seconds; the limiter still waits real time.
    registry: { fetch: provider.fetch, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 5))) },
    batchWindowMs: 5,
  });
  return { core, provider };
}

/** Automatic enrichment with caps that never stop it: what these tests assert is the lookup pipeline. */
const AUTO: Partial<Settings> = { autoEnrich: true, dailyCreditCap: 10_000, pageCreditCap: 10_000 };

const page = { isExtensionPage: false, url: 'https://crm.example.com/list', tabId: 7 };

/**
 * The limiter waits real time (25 starts a second): sixty previews take over two seconds, longer on
 * a loaded machine, so the wait is bounded by a deadline well past that rather than a loop count.
 */
async function settled(tabId: number, count: number): Promise<TabState> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const state = await tabStateItem(tabId).getValue();
    if (state && state.entities.length >= count && state.entities.every((e) => e.state.status !== 'LOADING' && e.state.status !== 'BLANK')) return state;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`tab ${tabId} never settled: ${JSON.stringify(await tabStateItem(tabId).getValue())}`);
}

describe('background core: lookups', () => {
  it('enriches 60 emails in 3 calls, and a revisit costs none', async () => {
    const { core, provider } = await setup(AUTO);
    const detections = Array.from({ length: 60 }, (_, i) => email(`person${i}@northwind.io`));
    await core.handlers.reportDetections({ url: page.url, detections, replace: true }, page);
    const state = await settled(7, 60);
    expect(state.entities.every((e) => e.state.status === 'RESULT')).toBe(true);
    expect(provider.calls('/enrich/contact').map((c) => (c.body as { matchPersonInput: unknown[] }).matchPersonInput.length)).toEqual([25, 25, 10]);

    await core.handlers.reportDetections({ url: page.url, detections, replace: true }, { ...page, tabId: 8 });
    await settled(8, 60);
    expect(provider.calls('/enrich/contact')).toHaveLength(3);
    expect((await creditsItem.getValue())?.remaining).toBe(9000);
  });

  it('shares one request between tabs showing the same email, and both get the result', async () => {
    const { core, provider } = await setup(AUTO);
    await Promise.all([
      core.handlers.reportDetections({ url: page.url, detections: [email('person1@northwind.io')], replace: true }, page),
      core.handlers.reportDetections({ url: page.url, detections: [email('Person1@northwind.io')], replace: true }, { ...page, tabId: 9 }),
    ]);
    const [a, b] = await Promise.all([settled(7, 1), settled(9, 1)]);
    expect(a.entities[0]?.state.status).toBe('RESULT');
    expect(b.entities[0]?.state.status).toBe('RESULT');
    expect(provider.calls('/enrich/contact')).toHaveLength(1);
  });

  it('ends every lookup in a final state: nothing found says what was tried; failures say whether to retry', async () => {
    const { core, provider } = await setup(AUTO);
    provider.failNext(...Array.from({ length: 5 }, () => ({ status: 503 })));
    await core.handlers.reportDetections({ url: page.url, detections: [email('person2@northwind.io')], replace: true }, page);
    const failed = await settled(7, 1);
    expect(failed.entities[0]?.state).toMatchObject({ status: 'ERROR', retryable: true, errorId: 'server_error' });

    await core.handlers.retryLookup({ tabId: 7, key: 'email:person2@northwind.io' }, page);
    expect((await settled(7, 1)).entities[0]?.state.status).toBe('RESULT');

    await core.handlers.reportDetections({ url: page.url, detections: [email('nobody@nowhere.io')], replace: false }, page);
    const state = await settled(7, 2);
    expect(state.entities.find((e) => e.key === 'email:nobody@nowhere.io')?.state).toMatchObject({ status: 'NO_RESULT', tried: 'email nobody@nowhere.io' });
  });

  it('finishes lookups a stopped worker left LOADING', async () => {
    const { core, provider } = await setup(AUTO);
    await tabStateItem(5).setValue({
      tabId: 5,
      url: page.url,
      updatedAt: 0,
      entities: [{ key: 'email:person3@northwind.io', detection: email('person3@northwind.io'), state: { status: 'LOADING', since: 0 } }],
    });
    expect(await core.resume()).toBe(1);
    expect((await settled(5, 1)).entities[0]?.state.status).toBe('RESULT');
    expect(provider.calls('/enrich/contact')).toHaveLength(1);
  });

  it('lets the user pick among several matches, and remembers "not this person"', async () => {
    const twins = [demoContact(1, 'a@x.io', { firstName: 'Sam', lastName: 'Lee' }), demoContact(2, 'b@x.io', { firstName: 'Sam', lastName: 'Lee' })];
    const { core } = await setup(AUTO, twins);
    const person: Detection = { kind: 'person', value: 'Sam Lee', source: 'linkedin', confidence: 0.9, person: { fullName: 'Sam Lee' } };
    await core.handlers.reportDetections({ url: page.url, detections: [person], replace: true }, page);
    const state = await settled(7, 1);
    const entity = state.entities[0];
    expect(entity?.state.status === 'RESULT' && entity.state.result.type === 'contact' && entity.state.result.candidates.length).toBe(2);

    const key = entity?.key ?? '';
    await core.handlers.chooseCandidate({ tabId: 7, key, personId: 2 }, page);
    const chosen = (await settled(7, 1)).entities[0]?.state;
    expect(chosen?.status === 'RESULT' && chosen.result.type === 'contact' && chosen.result.contact?.id).toBe(2);

    await core.handlers.rejectMatch({ tabId: 7, key }, page);
    expect((await rejectionsItem.getValue())[key]).toEqual([2]);
    expect((await settled(7, 1)).entities[0]?.state.status).toBe('NO_RESULT');
  });

  it('keeps a contact revealed on its card on the tab: reopening the card shows what was paid for', async () => {
    const { core, provider } = await setup();
    await core.handlers.reportDetections({ url: page.url, detections: [email('person4@northwind.io')], replace: true }, page);
    const preview = (await settled(7, 1)).entities[0];
    const previewState = preview?.state;
    if (!preview || previewState?.status !== 'RESULT' || previewState.result.type !== 'contact' || !previewState.result.contact) throw new Error('no preview');
    expect(previewState.result.revealed).toBe(false);
    expect(provider.calls('/enrich/contact')).toHaveLength(0);

    const personId = previewState.result.contact.id;
    const ui = { isExtensionPage: true, url: 'chrome-extension://x/sidepanel.html', tabId: undefined };
    const contact = await core.handlers.revealContact({ personId, tabId: 7, key: preview.key }, ui);
    expect(contact.email).toBe('person4@northwind.io');
    const kept = (await tabStateItem(7).getValue())?.entities[0]?.state;
    expect(kept?.status === 'RESULT' && kept.result.type === 'contact' && kept.result.revealed).toBe(true);
    expect(kept?.status === 'RESULT' && kept.result.type === 'contact' && kept.result.contact?.email).toBe('person4@northwind.io');
    expect(provider.calls('/enrich/contact')).toHaveLength(1);

    // Another person's id with this entity's key changes nothing on the tab.
    await core.handlers.revealContact({ personId: personId + 1, tabId: 7, key: preview.key }, ui);
    const still = (await tabStateItem(7).getValue())?.entities[0]?.state;
    expect(still?.status === 'RESULT' && still.result.type === 'contact' && still.result.contact?.id).toBe(personId);
  });

  it('sends only the SHA-256 of the address when hashed lookups are on', async () => {
    const { core, provider } = await setup({ ...AUTO, hashedEmails: true });
    await core.handlers.reportDetections({ url: page.url, detections: [email('dana@northwind.io')], replace: true }, page);
    await settled(7, 1);
    const sent = JSON.stringify(provider.calls('/enrich/contact')[0]?.body);
    expect(sent).not.toContain('dana@northwind.io');
    expect(sent).toContain('"hashedEmail":"');
  });

  it('clears a tab when it navigates to another page', async () => {
    const { core } = await setup(AUTO);
    await core.handlers.reportDetections({ url: page.url, detections: [email('person4@northwind.io')], replace: true }, page);
    await settled(7, 1);
    await core.navigated(7, 'https://crm.example.com/other');
    expect((await tabStateItem(7).getValue())?.entities).toEqual([]);
  });
});

describe('background core: settings and credentials', () => {
  it('never returns a secret, only which secrets are stored', async () => {
    const { core } = await setup();
    const extension = { isExtensionPage: true, url: 'chrome-extension://x/options.html', tabId: undefined };
    const summary = await core.handlers.saveCredentials(
      { authMethod: 'pki', username: 'demo@example.com', clientId: 'demo-client', tokenUrl: '', secrets: { privateKeyPem: 'PEM' } },
      extension,
    );
    expect(summary.stored.sort()).toEqual(['password', 'privateKeyPem']);
    expect(JSON.stringify(summary)).not.toContain('PEM');
    expect(JSON.stringify(await settingsItem.getValue())).not.toContain('demo-password');
    expect(JSON.stringify(await idbStore('secrets').get('credentials'))).toContain('PEM');
  });

  it('looks again at what failed for want of credentials once they are saved', async () => {
    const { core } = await setup({ ...AUTO, authMethod: 'none' });
    await core.handlers.reportDetections({ url: page.url, detections: [email('person5@northwind.io')], replace: true }, page);
    expect((await settled(7, 1)).entities[0]?.state).toMatchObject({ status: 'ERROR', errorId: 'not_configured' });
    const extension = { isExtensionPage: true, url: 'chrome-extension://x/options.html', tabId: undefined };
    await core.handlers.saveCredentials({ authMethod: 'password', username: 'demo@example.com', clientId: '', tokenUrl: '', secrets: { password: 'demo-password' } }, extension);
    expect((await settled(7, 1)).entities[0]?.state.status).toBe('RESULT');
  });

  it('changes only the settings a save names', async () => {
    const { core } = await setup();
    const extension = { isExtensionPage: true, url: 'chrome-extension://x/options.html', tabId: undefined };
    const saved = await core.handlers.saveSettings({ badges: false }, extension);
    expect(saved).toMatchObject({ badges: false, baseUrl: 'http://provider.test', authMethod: 'password', username: 'demo@example.com' });
    expect(await settingsItem.getValue()).toMatchObject({ badges: false, baseUrl: 'http://provider.test' });
  });

  it('tests the connection and reports usage', async () => {
    const { core } = await setup();
    const result = await core.handlers.testConnection({}, page);
    expect(result.who).toBe('demo@example.com');
    expect(result.usage[0]?.usageRemaining).toBe(9000);
  });
});

describe('background core: company insights', () => {
  const extension = { isExtensionPage: true, url: 'chrome-extension://x/sidepanel.html', tabId: undefined };

  it('an account without intent (403) still gets news and scoops, and no error sticks', async () => {
    const { core, provider } = await setup();
    provider.forbid('/enrich/intent');
    const insights = await core.handlers.companyInsights({ companyId: 1001 }, extension);
    expect(insights.intent).toEqual({ status: 'forbidden' });
    expect(insights.news).toMatchObject({ status: 'ok', items: [{ headline: 'Northwind opens a Lisbon office' }] });
    expect(insights.scoops).toMatchObject({ status: 'ok', items: [{ description: 'Hiring 12 sales engineers' }] });
    expect((await core.handlers.getStatus({}, extension)).lastError).toBeNull();
  });

  it('a server error in one section stays in that section, retryable', async () => {
    const { core, provider } = await setup();
    provider.failPath('/search/scoop', { status: 503 }, 5);
    const insights = await core.handlers.companyInsights({ companyId: 1001 }, extension);
    expect(insights.intent).toMatchObject({ status: 'ok', items: [{ topic: 'Data Warehousing', signalScore: 91 }] });
    expect(insights.news).toMatchObject({ status: 'ok', items: [{ headline: 'Northwind opens a Lisbon office' }] });
    expect(insights.scoops).toMatchObject({ status: 'error', retryable: true });
    expect((await core.handlers.getStatus({}, extension)).lastError).toBeNull();
  });

  it('asks for intent the published way, and the older batch way of a server that knows only that, once', async () => {
    const { core, provider } = await setup({}, undefined, true);
    const first = await core.handlers.companyInsights({ companyId: 1001 }, extension);
    expect(first.intent).toMatchObject({ status: 'ok', items: [{ companyId: 1001, topic: 'Data Warehousing' }] });
    await core.handlers.companyInsights({ companyId: 1002 }, extension);
    expect(provider.calls('/enrich/intent').map((c) => Object.keys(c.body as object))).toEqual([['companyId'], ['matchCompanyInput'], ['matchCompanyInput']]);
  });

  it('reads the published org chart (departments from the lookup) and corporate hierarchy; a 403 on the org chart stays in its section', async () => {
    const { core, provider } = await setup();
    const insights = await core.handlers.companyInsights({ companyId: 1001 }, extension);
    expect(provider.calls('/enrich/orgchart').map((c) => c.body)).toEqual([{ companyId: '1001', department: 'C-Suite,Sales' }]);
    expect(insights.orgChart).toMatchObject({ status: 'ok', items: [{ id: 1, tier: 1, jobTitle: 'Chief Executive Officer' }, { id: 2, tier: 2 }, { id: 3, tier: 3, managerId: null }] });
    expect(insights.corporateFamily).toEqual({
      status: 'ok',
      items: [{ parents: [{ id: 1010, name: 'Quanta Cloudworks', city: 'San Francisco', state: 'California' }], subsidiaries: [{ id: 1002, name: 'Brightloom', city: 'Seattle', state: 'Washington' }] }],
    });
    provider.forbid('/enrich/orgchart');
    const limited = await core.handlers.companyInsights({ companyId: 1001 }, extension);
    expect(limited.orgChart).toEqual({ status: 'forbidden' });
    expect(limited.corporateFamily).toMatchObject({ status: 'ok' });
    expect(limited.news).toMatchObject({ status: 'ok' });
    // The departments were asked for once.
    expect(provider.calls('/lookup/department')).toHaveLength(1);
    expect((await core.handlers.getStatus({}, extension)).lastError).toBeNull();
  });

  it('credentials that no longer work fail the whole card and are remembered for the popup', async () => {
    const { core, provider } = await setup();
    await core.handlers.companyInsights({ companyId: 1001 }, extension);
    provider.expireAllTokens();
    // Five sections (intent, news, scoops, org chart, corporate family), each a 401 and one retry after a new token.
    provider.failNext(...Array.from({ length: 10 }, () => ({ status: 401, body: JSON.stringify({ errors: [{ id: 'unauthorized', code: 401, details: 'bad password' }] }) })));
    await expect(core.handlers.companyInsights({ companyId: 1001 }, extension)).rejects.toMatchObject({ id: 'unauthorized' });
    expect((await core.handlers.getStatus({}, extension)).lastError).toMatchObject({ id: 'unauthorized' });
  });
});

describe('background core: search without a search API key', () => {
  const extension = { isExtensionPage: true, url: 'chrome-extension://x/sidepanel.html', tabId: undefined };

  it('offers the enterprise searches, and lookups fall back from the published path to the older one', async () => {
    const { core, provider } = await setup();
    const status = await core.handlers.getStatus({}, extension);
    expect(status.capabilities).toEqual(expect.arrayContaining(['prospectContacts', 'prospectCompanies', 'intentSearch', 'lookups']));
    expect(status.capabilities).not.toContain('searchContacts');
    expect(await core.handlers.lookupValues({ field: 'managementlevel' }, extension)).toEqual(['C-Level', 'VP']);
    expect(provider.requests.map((r) => r.path).filter((p) => p.startsWith('/lookup/m'))).toEqual(['/lookup/managementLevel', '/lookup/managementlevel']);
    expect(await core.handlers.lookupValues({ field: 'intent/topics' }, extension)).toEqual(['Data Warehousing', 'Cloud Security']);
  });

  it('a search-API search without its key is not a set-up fault: nothing sticks in the popup', async () => {
    const { core } = await setup();
    await expect(core.handlers.searchContacts({ page: 1, per_page: 1 }, extension)).rejects.toMatchObject({ id: 'unsupported' });
    expect((await core.handlers.getStatus({}, extension)).lastError).toBeNull();
  });

  it('reads the published intent search answer into companies with their signals', async () => {
    const { core } = await setup();
    const page = await core.handlers.intentSearch({ topics: ['Data Warehousing', 'Cloud Security'], rpp: 25, page: 1 }, extension);
    expect(page.data).toHaveLength(1);
    expect(page.data[0]).toMatchObject({ id: 1001, name: 'Northwind Traders', signals: [{ topic: 'Data Warehousing', signalScore: 90, companyId: 1001 }, { topic: 'Cloud Security' }] });
  });
});

describe('background core: credits (issue 17)', () => {
  const sixty = Array.from({ length: 60 }, (_, i) => email(`person${i}@northwind.io`));
  const costs = (state: TabState) => state.entities.map((e) => (e.state.status === 'RESULT' ? (e.state.result.held ?? e.state.result.cost?.kind) : e.state.status));
  const count = (values: (string | undefined)[], v: string) => values.filter((x) => x === v).length;

  it('by default previews with free searches only: no enrich call, every card says it was free', async () => {
    const { core, provider } = await setup();
    await core.handlers.reportDetections({ url: page.url, detections: sixty, replace: true }, page);
    const state = await settled(7, 60);
    expect(count(costs(state), 'preview')).toBe(60);
    expect(provider.calls('/enrich/contact')).toHaveLength(0);
    expect((await creditSpendItem.getValue())?.spent ?? 0).toBe(0);
  });

  it('automatic enrichment stops at the page cap, and the offer enriches the rest', async () => {
    const { core } = await setup({ autoEnrich: true, pageCreditCap: 10, dailyCreditCap: 50 });
    await core.handlers.reportDetections({ url: page.url, detections: sixty, replace: true }, page);
    const capped = costs(await settled(7, 60));
    expect(count(capped, 'spent')).toBe(10);
    expect(count(capped, 'page_cap')).toBe(50);

    const ui = { isExtensionPage: true, url: 'chrome-extension://x/sidepanel.html', tabId: undefined };
    expect(await core.handlers.enrichHeld({ tabId: 7 }, ui)).toEqual({ enriching: 50 });
    let all = costs(await settled(7, 60));
    for (const deadline = Date.now() + 20_000; Date.now() < deadline && count(all, 'spent') < 60; ) {
      await new Promise((r) => setTimeout(r, 10));
      all = costs((await tabStateItem(7).getValue()) ?? { tabId: 7, url: '', updatedAt: 0, entities: [] });
    }
    expect(count(all, 'spent')).toBe(60);
    expect((await creditSpendItem.getValue())?.spent).toBe(60);
  });

  it('past the daily cap nothing more is enriched automatically; the cards say why', async () => {
    const { core, provider } = await setup({ autoEnrich: true, pageCreditCap: 10, dailyCreditCap: 12 });
    await core.handlers.reportDetections({ url: page.url, detections: sixty.slice(0, 10), replace: true }, page);
    await settled(7, 10);
    await core.handlers.reportDetections({ url: 'https://crm.example.com/other', detections: sixty.slice(10, 20), replace: true }, { ...page, tabId: 8 });
    const second = costs(await settled(8, 10));
    expect(count(second, 'spent')).toBe(2);
    expect(count(second, 'daily_cap')).toBe(8);
    const enriched = provider.calls('/enrich/contact').reduce((n, c) => n + (c.body as { matchPersonInput: unknown[] }).matchPersonInput.length, 0);
    expect(enriched).toBe(12);
  });

  it('a reveal costs a credit once: the same person again is free, and says since when', async () => {
    const { core } = await setup();
    await core.handlers.reportDetections({ url: page.url, detections: [email('person4@northwind.io')], replace: true }, page);
    const preview = (await settled(7, 1)).entities[0];
    const state = preview?.state;
    if (!preview || state?.status !== 'RESULT' || state.result.type !== 'contact' || !state.result.contact) throw new Error('no preview');
    const ui = { isExtensionPage: true, url: 'chrome-extension://x/sidepanel.html', tabId: undefined };
    await core.handlers.revealContact({ personId: state.result.contact.id, tabId: 7, key: preview.key }, ui);
    expect(costs((await tabStateItem(7).getValue()) ?? { tabId: 7, url: '', updatedAt: 0, entities: [] })).toEqual(['spent']);
    await core.handlers.revealContact({ personId: state.result.contact.id, tabId: 7, key: preview.key }, ui);
    expect(costs((await tabStateItem(7).getValue()) ?? { tabId: 7, url: '', updatedAt: 0, entities: [] })).toEqual(['free']);
    expect((await creditSpendItem.getValue())?.spent).toBe(1);
  });

  it('a badge click is a click: it reveals the preview behind it', async () => {
    const { core, provider } = await setup();
    await core.handlers.reportDetections({ url: page.url, detections: [email('person6@northwind.io')], replace: true }, page);
    const key = (await settled(7, 1)).entities[0]?.key ?? '';
    await core.handlers.openSidePanel({ key }, page);
    const after = costs(await settled(7, 1));
    expect(after).toEqual(['spent']);
    expect(provider.calls('/enrich/contact')).toHaveLength(1);
  });
});
