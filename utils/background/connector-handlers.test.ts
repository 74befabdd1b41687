/**
 * The connector handlers as Options and the side panel drive them, against App-Z's real routes in
 * process (a clock the OAuth tests move), on the fake browser's storage and IndexedDB.
 */
import { Hono } from 'hono';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { coreStorage } from '../../entrypoints/background/core-storage.ts';
import { createAppZ } from '../../server/app-z/app.ts';
import type { AppZLogEntry } from '../../server/app-z/request-log.ts';
import type { ConnectorAction, ConnectorInput } from '../connectors/connector.ts';
import { ConnectorSecrets } from '../connectors/connector-secrets.ts';
import { ConnectorError } from '../connectors/errors.ts';
import { appZConnector, competitorsAction, noteAction } from '../connectors/test-fixtures.ts';
import { SidecarError } from '../errors.ts';
import { backgroundMessages, dispatch } from '../messaging.ts';
import type { SenderContext } from '../messaging.ts';
import type { TabEntity } from '../schemas/lookup.ts';
import { idbStore } from '../stores/kv-store.ts';
import { tabStateItem } from '../stores/storage.ts';
import { createCore, type CoreBrowser } from './core.ts';

const BASE = 'https://appz.test/app-z';
const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/connector';
const API_KEY = 'key-secret-123';
const options: SenderContext = { isExtensionPage: true, url: 'chrome-extension://x/options.html', tabId: undefined };

let offset = 0;
const now = () => Date.now() + offset;
let appFetch: typeof fetch;
let sent: { url: string; at: number }[];

beforeEach(async () => {
  offset = 0;
  sent = [];
  await idbStore('secrets').clear();
  await idbStore('cache').clear();
  const app = new Hono().route(
    '/app-z',
    createAppZ({ clients: [{ id: 'sidecar', secret: null, redirectUris: ['https://*.chromiumapp.org/*'] }], apiKeys: [API_KEY], tokenTtlSeconds: 5, ratePerSecond: 50 }, { now }),
  );
  appFetch = async (input, init) => {
    const request = new Request(input, init);
    sent.push({ url: request.url, at: Date.now() });
    return app.fetch(request);
  };
});

async function appLog(): Promise<AppZLogEntry[]> {
  return ((await (await appFetch(`${BASE}/_admin/requests`)).json()) as { requests: AppZLogEntry[] }).requests.filter((r) => !r.path.includes('_admin'));
}

/** What the auth window does: load the consent page, press a button, report where it went. */
async function consent(url: string, decision: 'approve' | 'deny'): Promise<string> {
  const page = await (await appFetch(url)).text();
  const id = /name="consent" value="([^"]+)"/.exec(page)?.[1] ?? '';
  const answer = await appFetch(new URL('/app-z/oauth/authorize', url).href, { method: 'POST', body: new URLSearchParams({ consent: id, decision }), redirect: 'manual' });
  return answer.headers.get('location') ?? '';
}

function core(browser: Partial<CoreBrowser> = {}) {
  return createCore({
    storage: coreStorage,
    browser: {
      openSidePanel: () => Promise.resolve(),
      scanTab: () => Promise.resolve(),
      tabUrl: () => Promise.resolve('https://crm.example.com/'),
      scheduleResume: () => undefined,
      notify: () => Promise.resolve(),
      redirectUrl: () => REDIRECT,
      ...browser,
    },
    connectors: { fetch: appFetch, now },
  });
}

const appZ = (overrides: Partial<ConnectorInput> = {}) => appZConnector({ baseUrl: BASE, ...overrides });
const headerKey = { type: 'apiKey' as const, displayName: 'App-Z key', keyName: 'X-Api-Key', placement: 'header' as const };
const oauthAuth = { type: 'oauth2' as const, authorizationUrl: `${BASE}/oauth/authorize`, tokenUrl: `${BASE}/oauth/token`, refreshUrl: `${BASE}/oauth/refresh`, scopes: '', clientId: 'sidecar' };

/** Through the real message boundary, as an extension page would send it. */
async function viaMessage(handlers: ReturnType<typeof core>['handlers'], name: string, input: unknown) {
  const reply = await dispatch(backgroundMessages, handlers, { protocol: 'sidecar/1', name, input }, { id: 'x', url: 'chrome-extension://x/options.html' }, { id: 'x', origin: 'chrome-extension://x/' });
  return reply;
}

async function pageWith(tabId: number, entity: Pick<TabEntity, 'detection'> & Partial<TabEntity>) {
  await tabStateItem(tabId).setValue({ tabId, url: 'https://crm.example.com/', updatedAt: Date.now(), entities: [{ key: 'k1', state: { status: 'BLANK' }, ...entity }] });
}

describe('storage and policy', () => {
  it('keeps the API key out of storage.local and out of every answer', async () => {
    const { handlers } = core();
    await handlers.saveConnector({ connector: appZ() }, options);
    const view = await handlers.connectConnector({ connectorId: 'app-z', apiKey: API_KEY }, options);
    expect(view).toMatchObject({ status: 'connected', secretStored: true, source: 'user', readOnly: false });
    const overview = await handlers.connectorsOverview({}, options);
    expect(overview.connectors.map((c) => c.definition.id)).toEqual(['app-z']);
    expect(overview.redirectUrl).toBe(REDIRECT);
    const local = JSON.stringify(await fakeBrowser.storage.local.get());
    expect(local).toContain('app-z');
    expect(local).not.toContain(API_KEY);
    expect(JSON.stringify(await fakeBrowser.storage.session.get())).not.toContain(API_KEY);
    expect(JSON.stringify([view, overview])).not.toContain(API_KEY);
  });

  it('keeps a stored client secret when a definition is saved again without one', async () => {
    const { handlers } = core();
    const first = await handlers.saveConnector({ connector: appZ({ auth: oauthAuth }), clientSecret: 's3cret' }, options);
    expect(first.secretStored).toBe(true);
    const again = await handlers.saveConnector({ connector: appZ({ auth: oauthAuth, name: 'App-Z two' }) }, options);
    expect(again).toMatchObject({ secretStored: true, definition: { name: 'App-Z two', auth: { hasClientSecret: true } } });
    expect(JSON.stringify(await fakeBrowser.storage.local.get())).not.toContain('s3cret');
  });

  it('lists policy connectors read-only and refuses to save over or delete them, id and sentence intact across the message boundary', async () => {
    const { handlers } = core({ managedStorage: async () => ({ connectors: [appZ({ id: 'org-z', name: 'Org App-Z' }), { id: 'broken' }], waterfall: { mobilePhone: [{ kind: 'provider' }] } }) });
    const overview = await handlers.connectorsOverview({}, options);
    expect(overview.connectors).toEqual([expect.objectContaining({ source: 'managed', readOnly: true, definition: expect.objectContaining({ id: 'org-z' }) })]);
    expect(overview.problems).toHaveLength(1);
    expect(overview).toMatchObject({ waterfallManaged: true, waterfall: { mobilePhone: [{ kind: 'provider' }] } });

    const save = await viaMessage(handlers, 'saveConnector', { connector: appZ({ id: 'org-z' }) });
    expect(save).toEqual({ ok: false, error: { id: 'read_only', message: expect.stringContaining('set by your organisation'), retryable: false } });
    const del = await viaMessage(handlers, 'deleteConnector', { connectorId: 'org-z' });
    expect(del).toMatchObject({ ok: false, error: { id: 'read_only' } });
    await expect(handlers.saveWaterfall({ waterfall: {} }, options)).rejects.toMatchObject({ id: 'read_only' });
    expect((await handlers.connectorsOverview({}, options)).connectors).toHaveLength(1);
  });

  it('says what to fix in a definition that cannot be saved, and stores nothing', async () => {
    const { handlers } = core();
    const reply = await viaMessage(handlers, 'saveConnector', { connector: appZ({ baseUrl: 'http://evil.example.com' }) });
    expect(reply).toMatchObject({ ok: false, error: { id: 'invalid_definition', message: expect.stringContaining('baseUrl: must use https') } });
    expect((await handlers.connectorsOverview({}, options)).connectors).toEqual([]);
  });

  it('a ConnectorError is a SidecarError', async () => {
    const { handlers } = core();
    await handlers.saveConnector({ connector: appZ() }, options);
    const failure = await Promise.resolve(handlers.connectConnector({ connectorId: 'app-z' }, options)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConnectorError);
    expect(failure).toBeInstanceOf(SidecarError);
    expect(failure).toMatchObject({ id: 'missing_value', message: 'Enter the App-Z key to connect App-Z.' });
    await expect(Promise.resolve(handlers.connectConnector({ connectorId: 'nope' }, options))).rejects.toMatchObject({ id: 'not_found' });
  });
});

describe('execution', () => {
  it('Test API answers status, size, json, outputs and fields with the saved key applied', async () => {
    const { handlers } = core();
    await handlers.saveConnector({ connector: appZ({ auth: headerKey }) }, options);
    await handlers.connectConnector({ connectorId: 'app-z', apiKey: API_KEY }, options);
    const result = await handlers.testConnectorAction({ connector: appZ({ auth: headerKey }), actionId: 'competitors', values: { domain: 'northwind.io' } }, options);
    expect(result).toMatchObject({ status: 200, outputs: [{ label: 'Competitors', value: expect.arrayContaining([expect.any(String)]) }, expect.anything()] });
    expect(result.bytes).toBeGreaterThan(0);
    expect(result.fields.map((f) => f.path)).toContain('competitors[].winRate');
    expect((await appLog()).at(-1)).toMatchObject({ credential: 'header', status: 200 });
  });

  it('sends at most the connector rate per second', async () => {
    const { handlers } = core();
    await handlers.saveConnector({ connector: appZ({ rateLimitPerSecond: 2 }) }, options);
    await handlers.connectConnector({ connectorId: 'app-z', apiKey: API_KEY }, options);
    const runs = Array.from({ length: 5 }, () => handlers.testConnectorAction({ connector: appZ({ rateLimitPerSecond: 2 }), actionId: 'competitors', values: { domain: 'northwind.io' } }, options));
    expect((await Promise.all(runs)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const times = sent.map((s) => s.at);
    for (let i = 2; i < times.length; i++) expect((times[i] ?? 0) - (times[i - 2] ?? 0)).toBeGreaterThanOrEqual(990);
  }, 30_000);
});

describe('OAuth', () => {
  it('connects through the consent page and refreshes 5 s tokens without the rep noticing', async () => {
    const { handlers } = core({ launchWebAuthFlow: (url) => consent(url, 'approve') });
    await handlers.saveConnector({ connector: appZ({ auth: oauthAuth }) }, options);
    expect(await handlers.connectConnector({ connectorId: 'app-z' }, options)).toMatchObject({ status: 'connected' });
    await pageWith(7, { detection: { kind: 'domain', value: 'northwind.io', source: 'text', confidence: 1 } });
    const first = await handlers.connectorSections({ tabId: 7, key: 'k1', refresh: false }, options);
    expect(first.find((s) => s.actionId === 'competitors')).toMatchObject({ error: null, outputs: [expect.objectContaining({ label: 'Competitors' }), expect.anything()] });
    offset += 6_000;
    // A restarted worker: the connection comes back from the secret store.
    const later = await core().handlers.connectorSections({ tabId: 7, key: 'k1', refresh: true }, options);
    expect(later.find((s) => s.actionId === 'competitors')).toMatchObject({ error: null });
    const log = await appLog();
    expect(log.filter((r) => !r.path.endsWith('/oauth/authorize')).map((r) => `${r.method} ${r.path.replace('/app-z', '')} ${r.status}`)).toEqual([
      'POST /oauth/token 200',
      'GET /api/v1/companies/northwind.io/competitors 200',
      'POST /oauth/refresh 200',
      'GET /api/v1/companies/northwind.io/competitors 200',
    ]);
    expect(log.filter((r) => r.path.endsWith('/oauth/refresh'))).toHaveLength(1);
    expect(log.filter((r) => r.status === 401)).toHaveLength(0);
    const stored = JSON.stringify([await fakeBrowser.storage.local.get(), await fakeBrowser.storage.session.get()]);
    expect(stored).not.toMatch(/access_token|accessToken|refreshToken/);
    const connection = (await new ConnectorSecrets().get('app-z')).connection;
    if (connection?.status !== 'connected') throw new Error('not connected');
    const answers = JSON.stringify([await handlers.connectorsOverview({}, options), first, later]);
    for (const secret of [connection.tokens.accessToken, connection.tokens.refreshToken ?? 'none']) expect(answers).not.toContain(secret);
  });

  it('a refused refresh marks the connector "reconnect needed" and says so on the card', async () => {
    const { handlers } = core({ launchWebAuthFlow: (url) => consent(url, 'approve') });
    await handlers.saveConnector({ connector: appZ({ auth: oauthAuth }) }, options);
    await handlers.connectConnector({ connectorId: 'app-z' }, options);
    const secrets = new ConnectorSecrets();
    const stored = (await secrets.get('app-z')).connection;
    if (stored?.status !== 'connected') throw new Error('not connected');
    await secrets.update('app-z', { connection: { status: 'connected', tokens: { ...stored.tokens, refreshToken: 'spent-or-revoked' } } });
    offset += 6_000;
    await pageWith(8, { detection: { kind: 'domain', value: 'northwind.io', source: 'text', confidence: 1 } });
    const sections = await core().handlers.connectorSections({ tabId: 8, key: 'k1', refresh: true }, options);
    expect(sections.find((s) => s.actionId === 'competitors')).toMatchObject({ outputs: null, error: { id: 'reconnect_needed', message: expect.stringContaining('Connect') } });
    expect((await handlers.connectorsOverview({}, options)).connectors[0]).toMatchObject({ status: 'reconnect_needed' });
  });

  it('a denied consent leaves it unconnected with a plain sentence', async () => {
    const { handlers } = core({ launchWebAuthFlow: (url) => consent(url, 'deny') });
    await handlers.saveConnector({ connector: appZ({ auth: oauthAuth }) }, options);
    const reply = await viaMessage(handlers, 'connectConnector', { connectorId: 'app-z' });
    expect(reply).toMatchObject({ ok: false, error: { id: 'access_denied', message: expect.stringContaining('declined') } });
    expect((await handlers.connectorsOverview({}, options)).connectors[0]).toMatchObject({ status: 'not_connected' });
    expect((await appLog()).filter((r) => r.path.endsWith('/oauth/token'))).toEqual([]);
  });

  it('a closed sign-in window or a state mismatch exchanges nothing', async () => {
    const closed = core({ launchWebAuthFlow: () => Promise.reject(new Error('The user did not approve access.')) });
    await closed.handlers.saveConnector({ connector: appZ({ auth: oauthAuth }) }, options);
    await expect(closed.handlers.connectConnector({ connectorId: 'app-z' }, options)).rejects.toMatchObject({ id: 'access_denied' });
    const forged = core({ launchWebAuthFlow: async (url) => (await consent(url, 'approve')).replace(/state=[^&]+/, 'state=forged') });
    await expect(forged.handlers.connectConnector({ connectorId: 'app-z' }, options)).rejects.toMatchObject({ id: 'state_mismatch' });
    expect((await forged.handlers.connectorsOverview({}, options)).connectors[0]).toMatchObject({ status: 'not_connected' });
    expect((await appLog()).filter((r) => r.path.endsWith('/oauth/token'))).toEqual([]);
  });
});

describe('cards', () => {
  beforeEach(async () => {
    const { handlers } = core();
    await handlers.saveConnector({ connector: appZ({ auth: headerKey }) }, options);
    await handlers.connectConnector({ connectorId: 'app-z', apiKey: API_KEY }, options);
  });

  it('runs the Enrich actions the entity fills, lists Connect actions, and caches until refresh', async () => {
    const { handlers } = core();
    await pageWith(3, { detection: { kind: 'domain', value: 'northwind.io', source: 'text', confidence: 1 } });
    const sections = await handlers.connectorSections({ tabId: 3, key: 'k1', refresh: false }, options);
    expect(sections.map((s) => [s.actionId, s.category, s.outputs === null])).toEqual([
      ['competitors', 'Enrich', false],
      ['note', 'Connect', true],
    ]);
    const requests = (await appLog()).length;
    await handlers.connectorSections({ tabId: 3, key: 'k1', refresh: false }, options);
    expect((await appLog()).length).toBe(requests);
    await handlers.connectorSections({ tabId: 3, key: 'k1', refresh: true }, options);
    expect((await appLog()).length).toBe(requests + 1);
  });

  it('an Enrich failure shows on its section, not as a failed card', async () => {
    const { handlers } = core();
    await pageWith(4, { detection: { kind: 'domain', value: 'unknown-to-appz.example', source: 'text', confidence: 1 } });
    const sections = await handlers.connectorSections({ tabId: 4, key: 'k1', refresh: false }, options);
    expect(sections[0]).toMatchObject({ actionId: 'competitors', outputs: null, error: { id: 'http_error', message: expect.stringContaining('404') } });
  });

  it('previews a Connect action exactly, without the key, then sends it with the key', async () => {
    const { handlers } = core();
    await pageWith(5, { detection: { kind: 'domain', value: 'northwind.io', source: 'text', confidence: 1 } });
    const preview = await handlers.previewConnectAction({ tabId: 5, key: 'k1', connectorId: 'app-z', actionId: 'note' }, options);
    expect(preview).toMatchObject({ method: 'POST', url: `${BASE}/api/v1/notes`, body: JSON.stringify({ about: 'northwind.io', text: 'Hello' }) });
    expect(preview.headers).toContainEqual({ name: 'X-Source', value: 'sidecar' });
    expect(JSON.stringify(preview)).not.toContain(API_KEY);
    expect(await appLog()).toEqual([]);
    const sentNote = await handlers.runConnectAction({ tabId: 5, key: 'k1', connectorId: 'app-z', actionId: 'note' }, options);
    expect(sentNote.status).toBe(201);
    expect((await appLog()).at(-1)).toMatchObject({ method: 'POST', path: '/app-z/api/v1/notes', credential: 'header' });
  });

  it('a Retrieve action answers a table: list outputs as columns, one row per item, scalars repeated', async () => {
    const accounts: ConnectorAction = {
      id: 'accounts', name: 'Accounts', description: '', category: 'Retrieve', method: 'GET', endpoint: '/api/v1/accounts?page={page}',
      parameters: [{ name: 'page', description: '', sample: '1', entityField: null }], body: null, headers: [],
      outputs: [{ path: 'data[].name', label: 'Name' }, { path: 'data[].domain', label: 'Domain' }, { path: 'page', label: 'Page' }],
    };
    const { handlers } = core();
    await handlers.saveConnector({ connector: appZ({ auth: headerKey, actions: [competitorsAction, noteAction, accounts] }) }, options);
    const table = await handlers.runRetrieveAction({ connectorId: 'app-z', actionId: 'accounts', values: { page: '2' } }, options);
    expect(table.columns.map((c) => c.label)).toEqual(['Name', 'Domain', 'Page']);
    expect(table.rows).toHaveLength(5);
    for (const row of table.rows) {
      expect(row[0]).toEqual(expect.any(String));
      expect(row[2]).toBe(2);
    }
  });
});
