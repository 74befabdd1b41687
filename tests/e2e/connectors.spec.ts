import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Worker } from '@playwright/test';
import { accountsAction, appZConnector } from '../../utils/connectors/test-fixtures.ts';
import type { ConnectorInput } from '../../utils/connectors/connector.ts';
import { AUTO_ENRICH, configureExtension, demoCredentials } from './configure.ts';
import { test, expect, serveFixture } from './fixtures.ts';
import { openTab, SCREENSHOTS, sendMessage, shootBoth, tabIdOf, waitForSignIn } from './pages/extension.ts';
import { configureLists } from './list-view.ts';
import { SidePanelPage } from './pages/side-panel.ts';

/**
 * Issue #14 end to end: the built extension, the reference server and its App-Z (api-contract §5).
 * Connectors are defined through the worker's messages, as Options sends them; the card shows
 * what App-Z knows, App-Z's request log proves where the key travelled, a Connect action posts a
 * note only once the rep confirms, and the waterfall an admin builds in Options fills a mobile
 * phone the provider lacks.
 */

const APPZ_KEY = 'appz-demo-key';
const PAGE_URL = 'https://acme.lightning.force.com/lightning/r/Account/0015e00000NwTrAAAV/view';
const page = `<!doctype html><html><head><title>Northwind Traders | Account | Salesforce</title></head><body>
<div class="slds-page-header"><h1><span>Account</span><span class="slds-page-header__title">Northwind Traders</span></h1></div>
</body></html>`;

interface AppZRequest {
  method: string;
  path: string;
  status: number;
  credential: 'query' | 'header' | 'body' | 'bearer' | null;
}

async function appZRequests(serverUrl: string): Promise<AppZRequest[]> {
  const response = await fetch(`${serverUrl}/app-z/_admin/requests`);
  return ((await response.json()) as { requests: AppZRequest[] }).requests;
}

async function panelFor(context: BrowserContext, extensionId: string, serviceWorker: Worker): Promise<{ panel: SidePanelPage; tabId: number }> {
  await serveFixture(context, /acme\.lightning\.force\.com/, page);
  await openTab(context, PAGE_URL);
  const tabId = await tabIdOf(serviceWorker, PAGE_URL);
  return { panel: await SidePanelPage.open(context, extensionId, tabId), tabId };
}

async function define(panel: SidePanelPage, connector: ConnectorInput): Promise<void> {
  const saved = await sendMessage(panel.page, 'saveConnector', { connector });
  expect(saved.error).toBeUndefined();
  const connected = await sendMessage(panel.page, 'connectConnector', { connectorId: connector.id, apiKey: APPZ_KEY });
  expect(connected.output).toMatchObject({ status: 'connected', secretStored: true });
  // Nothing the page can read carries the key.
  expect(JSON.stringify(connected.output)).not.toContain(APPZ_KEY);
}

test.beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
});

test.describe('data connectors against App-Z', () => {
  test.beforeEach(async ({ context, extensionId, server }) => {
    await configureExtension(context, extensionId, { baseUrl: server.url, ...AUTO_ENRICH }, demoCredentials());
    await waitForSignIn(context, extensionId);
  });

  for (const placement of ['query', 'header'] as const) {
    test(`an Enrich action's section on a company card, the API key in the ${placement}`, async ({ context, extensionId, serviceWorker, server }) => {
      const { panel, tabId } = await panelFor(context, extensionId, serviceWorker);
      const keyName = { query: 'api_key', header: 'X-Api-Key' }[placement];
      const connector = appZConnector({ baseUrl: `${server.url}/app-z`, auth: { type: 'apiKey', displayName: 'App-Z key', keyName, placement } });
      await define(panel, connector);

      await sendMessage(panel.page, 'lookup', { tabId, query: { kind: 'domain', value: 'northwind.io' } });
      await expect(panel.cardTitle()).toHaveText('Northwind Traders');
      const section = panel.page.getByTestId('connector-section').filter({ hasText: 'Competitors' });
      await expect(section).toContainText('App-Z');
      await expect(section.locator('dd').first()).not.toBeEmpty();

      const competitors = (await appZRequests(server.url)).filter((r) => r.path === '/app-z/api/v1/companies/northwind.io/competitors');
      expect(competitors.map((r) => [r.status, r.credential])).toEqual([[200, placement]]);
      if (placement === 'query') await shootBoth(panel.page, 'connector-section-on-company-card');
    });
  }

  test('the API key in the body: a Connect action shows what it will send and posts the note only after the rep confirms', async ({ context, extensionId, serviceWorker, server }) => {
    const { panel, tabId } = await panelFor(context, extensionId, serviceWorker);
    await define(panel, appZConnector({ baseUrl: `${server.url}/app-z`, auth: { type: 'apiKey', displayName: 'App-Z key', keyName: 'apiKey', placement: 'body' } }));
    await sendMessage(panel.page, 'lookup', { tabId, query: { kind: 'domain', value: 'northwind.io' } });
    await expect(panel.cardTitle()).toHaveText('Northwind Traders');
    // A GET has no body: the Enrich action is not sent with the key anywhere else, and its section says why.
    await expect(panel.page.getByTestId('connector-section').filter({ hasText: 'Competitors' })).toContainText('which has no body');

    await panel.page.getByRole('button', { name: 'Send note' }).click();
    const preview = panel.page.getByTestId('connect-preview');
    await expect(preview).toContainText(`POST ${server.url}/app-z/api/v1/notes`);
    await expect(preview).toContainText('"about": "northwind.io"');
    await expect(preview).not.toContainText(APPZ_KEY);
    const notes = async () => (await appZRequests(server.url)).filter((r) => r.method === 'POST' && r.path === '/app-z/api/v1/notes');
    expect(await notes()).toEqual([]);

    await panel.page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(panel.page.getByRole('status')).toContainText('Sent to App-Z (HTTP 201).');
    expect((await notes()).map((r) => [r.status, r.credential])).toEqual([[201, 'body']]);
    expect((await appZRequests(server.url)).filter((r) => r.path.includes('/competitors'))).toEqual([]);
  });

  test('a waterfall built in Options fills the mobile phone the enterprise API lacks, and the card names App-Z', async ({ context, extensionId, serviceWorker, server }) => {
    const { panel, tabId } = await panelFor(context, extensionId, serviceWorker);
    await define(panel, appZConnector({ baseUrl: `${server.url}/app-z` }));

    const options = await context.newPage();
    await options.setViewportSize({ width: 900, height: 1000 });
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    const editor = options.getByTestId('waterfall-editor');
    const mobile = editor.getByRole('group', { name: 'Mobile phone' });
    await expect(mobile).toContainText('Provider only');
    await mobile.getByLabel('Source to add to Mobile phone').selectOption({ label: 'Your provider' });
    await mobile.getByRole('button', { name: 'Add to Mobile phone' }).click();
    await mobile.getByLabel('Source to add to Mobile phone').selectOption({ label: 'App-Z · Person · Mobile phone' });
    await mobile.getByRole('button', { name: 'Add to Mobile phone' }).click();
    await expect(mobile.locator('.waterfall-step-label')).toHaveText(['Your provider', 'App-Z · Person · Mobile phone']);
    // The Connectors section, not the whole page: the connector list and the editor under it.
    const section = options.locator('section', { has: options.getByRole('heading', { name: 'Connectors' }) });
    for (const scheme of ['light', 'dark'] as const) {
      await options.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await section.screenshot({ path: path.join(SCREENSHOTS, `waterfall-editor-${scheme}.png`), animations: 'disabled' });
    }
    await options.emulateMedia({ colorScheme: 'light' });
    await editor.getByRole('button', { name: 'Save waterfall' }).click();
    await expect(editor.getByRole('status')).toHaveText('Waterfall saved.');
    const stored = (await sendMessage(panel.page, 'connectorsOverview', {})).output as { waterfall: unknown };
    expect(stored.waterfall).toEqual({ mobilePhone: [{ kind: 'provider' }, { kind: 'connector', connectorId: 'app-z', actionId: 'person', outputPath: 'mobilePhone' }] });

    await sendMessage(panel.page, 'lookup', { tabId, query: { kind: 'email', value: 'priya.raman@northwind.io' } });
    await expect(panel.cardTitle()).toHaveText('Priya Raman');
    const mobileField = panel.page.locator('.field').filter({ has: panel.page.locator('dt', { hasText: /^Mobile$/ }) });
    await expect(mobileField).toContainText(/\d{3}/);
    await expect(mobileField).toContainText('from App-Z');
    const people = (await appZRequests(server.url)).filter((r) => r.path === '/app-z/api/v1/people');
    expect(people.map((r) => r.status)).toEqual([200]);
  });
});

test.describe('an OAuth 2.0 connector against App-Z', () => {
  // App-Z's access tokens live 5 s: the second run must refresh without the rep noticing.
  test.use({ serverConfig: { appZ: { clients: [{ id: 'appz-demo', secret: null, redirectUris: ['https://*.chromiumapp.org/*'] }], apiKeys: [APPZ_KEY], tokenTtlSeconds: 5, ratePerSecond: 10 } } });

  test.beforeEach(async ({ context, extensionId, server }) => {
    await configureExtension(context, extensionId, { baseUrl: server.url, ...AUTO_ENRICH }, demoCredentials());
    await waitForSignIn(context, extensionId);
  });

  function oauthConnector(serverUrl: string): ConnectorInput {
    const base = appZConnector();
    return appZConnector({
      actions: [...(base.actions ?? []), accountsAction],
      baseUrl: `${serverUrl}/app-z`,
      auth: { type: 'oauth2', authorizationUrl: `${serverUrl}/app-z/oauth/authorize`, tokenUrl: `${serverUrl}/app-z/oauth/token`, refreshUrl: `${serverUrl}/app-z/oauth/refresh`, scopes: 'companies:read people:read notes:write accounts:read', clientId: 'appz-demo' },
    });
  }

  /** Connect from an extension page; answers the consent page that opens in the auth window. */
  async function connectWithConsent(context: BrowserContext, panel: SidePanelPage, decision: 'Approve' | 'Deny') {
    const consent = context.waitForEvent('page', { predicate: (p) => p.url().includes('/app-z/oauth/authorize') });
    const connecting = sendMessage(panel.page, 'connectConnector', { connectorId: 'app-z' });
    const window = await consent;
    await window.getByRole('button', { name: decision }).click();
    return connecting;
  }

  test('Connect runs the consent in the auth window; an action runs, and again after its 5 s token expired', async ({ context, extensionId, serviceWorker, server }) => {
    const { panel, tabId } = await panelFor(context, extensionId, serviceWorker);
    expect((await sendMessage(panel.page, 'saveConnector', { connector: oauthConnector(server.url) })).ok).toBe(true);
    const connected = await connectWithConsent(context, panel, 'Approve');
    expect(connected.output).toMatchObject({ status: 'connected' });

    const run = async () => {
      const reply = await sendMessage(panel.page, 'runRetrieveAction', { connectorId: 'app-z', actionId: 'accounts', values: { page: '1' } });
      expect(reply.error).toBeUndefined();
      return reply.output as { status: number; columns: { label: string }[]; rows: unknown[][] } | undefined;
    };
    const first = await run();
    expect(first?.columns.map((c) => c.label)).toEqual(['Account', 'Domain', 'Owner']);
    expect(first?.rows.length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 6000));
    expect((await run())?.rows).toEqual(first?.rows);

    const log = await appZRequests(server.url);
    expect(log.filter((r) => r.path === '/app-z/oauth/refresh' && r.status === 200)).toHaveLength(1);
    expect(log.filter((r) => r.path === '/app-z/api/v1/accounts').map((r) => [r.status, r.credential])).toEqual([
      [200, 'bearer'],
      [200, 'bearer'],
    ]);
    await sendMessage(panel.page, 'lookup', { tabId, query: { kind: 'domain', value: 'northwind.io' } });
    await expect(panel.page.getByTestId('connector-section').filter({ hasText: 'Competitors' }).locator('dd').first()).not.toBeEmpty();
  });

  test('a denied consent leaves the connector unconnected, with a plain sentence', async ({ context, extensionId, serviceWorker, server }) => {
    const { panel } = await panelFor(context, extensionId, serviceWorker);
    expect((await sendMessage(panel.page, 'saveConnector', { connector: oauthConnector(server.url) })).ok).toBe(true);
    const denied = await connectWithConsent(context, panel, 'Deny');
    expect(denied.ok).toBe(false);
    expect(denied.error?.message).toMatch(/denied|refused|declined/i);
    const overview = (await sendMessage(panel.page, 'connectorsOverview', {})).output as { connectors: { status: string }[] };
    expect(overview.connectors.map((c) => c.status)).toEqual(['not_connected']);
  });
});

test.describe('defining a connector in Options', () => {
  test.beforeEach(async ({ context, extensionId, server }) => {
    await configureExtension(context, extensionId, { baseUrl: server.url, ...AUTO_ENRICH }, demoCredentials());
    await waitForSignIn(context, extensionId);
  });

  test('an API-key connector: define, connect, Test API, pick outputs, and its section on a company card', async ({ context, extensionId, serviceWorker, server }) => {
    const options = await context.newPage();
    await options.setViewportSize({ width: 900, height: 1000 });
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    const section = options.locator('section', { has: options.getByRole('heading', { name: 'Connectors' }) });
    await section.getByRole('button', { name: 'New connector' }).click();
    await section.getByLabel('Connector name').fill('App-Z');
    await section.getByLabel('Description').fill('Competitive data for sales prospecting');
    await section.getByLabel('Base URL').fill(`${server.url}/app-z`);
    await section.getByLabel('Display name').fill('App-Z key');
    await section.getByLabel('Key name').fill('api_key');
    await section.getByLabel('Placement').selectOption('query');
    await shootBoth(options, 'connector-form');
    await section.getByRole('button', { name: 'Save connector' }).click();
    await expect(section).toContainText('App-Z saved.');

    const row = section.getByTestId('connector-row').filter({ hasText: 'App-Z' });
    await expect(row).toContainText('Not connected');
    await row.getByRole('button', { name: 'Connect' }).click();
    await row.getByLabel('App-Z key').fill(APPZ_KEY);
    await row.getByRole('button', { name: 'Connect' }).click();
    await expect(row).toContainText('Connected');

    await row.getByRole('button', { name: 'Edit' }).click();
    await section.getByRole('button', { name: 'Add an action' }).click();
    const action = section.locator('fieldset.action-builder');
    await action.getByLabel('Action name').fill('Competitors');
    await action.getByLabel('Endpoint').fill('/api/v1/companies/{domain}/competitors');
    await action.getByLabel('Sample value of domain').fill('northwind.io');
    await action.getByLabel('domain is filled from').selectOption('domain');
    await action.getByRole('button', { name: 'Test API' }).click();
    await expect(action.getByTestId('test-result')).toContainText('HTTP 200');
    await action.getByLabel('Use competitors[].name as an output').check();
    await action.getByLabel('Label of competitors[].name').fill('Competitors');
    await shootBoth(options, 'connector-action-builder-test-result');
    await section.getByRole('button', { name: 'Save connector' }).click();
    await expect(section).toContainText('App-Z saved.');

    const { panel, tabId } = await panelFor(context, extensionId, serviceWorker);
    await sendMessage(panel.page, 'lookup', { tabId, query: { kind: 'domain', value: 'northwind.io' } });
    await expect(panel.cardTitle()).toHaveText('Northwind Traders');
    await expect(panel.page.getByTestId('connector-section').filter({ hasText: 'App-Z' })).toContainText('Competitors');
    const competitors = (await appZRequests(server.url)).filter((r) => r.path === '/app-z/api/v1/companies/northwind.io/competitors');
    // One from Test API, one for the card; both with the key in the query.
    expect(competitors.map((r) => [r.status, r.credential])).toEqual([
      [200, 'query'],
      [200, 'query'],
    ]);
  });
});


test.describe('a Retrieve action from the side panel', () => {
  test.beforeEach(async ({ context, extensionId, server }) => {
    await configureLists(context, extensionId, server.url);
    await waitForSignIn(context, extensionId);
  });

  test('run with a parameter from the Search tab: a table, its CSV, and its accounts added to a list', async ({ context, extensionId, serviceWorker, server }) => {
    const { panel } = await panelFor(context, extensionId, serviceWorker);
    const base = appZConnector();
    await define(panel, appZConnector({ baseUrl: `${server.url}/app-z`, actions: [...(base.actions ?? []), accountsAction] }));
    // What App-Z holds on its second page, asked directly.
    const expected = ((await (await fetch(`${server.url}/app-z/api/v1/accounts?page=2&api_key=${APPZ_KEY}`)).json()) as { data: { name: string; domain: string }[] }).data;
    expect(expected.length).toBeGreaterThan(1);

    await panel.page.reload();
    await panel.tab('Search').click();
    await panel.page.getByRole('radio', { name: 'Your connectors' }).check();
    await panel.page.getByLabel('page', { exact: true }).fill('2');
    await panel.page.getByRole('button', { name: 'Run Accounts' }).click();
    await expect(panel.page.getByTestId('retrieve-summary')).toContainText(`${expected.length} rows · HTTP 200`);
    const table = panel.page.getByTestId('retrieve-table');
    await expect(table.locator('tbody tr')).toHaveCount(expected.length);
    await expect(table.locator('tbody tr').first().locator('td').first()).toHaveText(expected[0]?.name ?? '');
    await shootBoth(panel.page, 'retrieve-table');

    const [download] = await Promise.all([panel.page.waitForEvent('download'), panel.page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = (await readFile((await download.path()) ?? '', 'utf8')).split('\r\n').filter(Boolean);
    expect(csv[0]).toBe('Account,Domain,Owner');
    expect(csv.slice(1).map((line) => line.split(',')[1])).toEqual(expected.map((a) => a.domain));

    await panel.page.getByRole('button', { name: `Add ${expected.length} to list` }).click();
    await panel.page.getByLabel('List', { exact: true }).selectOption({ label: 'New list…' });
    await panel.page.getByLabel('New list name').fill('App-Z accounts');
    await panel.page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(panel.page.getByRole('status').filter({ hasText: 'Added to App-Z accounts' })).toBeVisible({ timeout: 30_000 });
    const overview = (await sendMessage(panel.page, 'listsOverview', {})).output as { lists: { id: string; attributes: { name: string } }[] };
    const list = overview.lists.find((l) => l.attributes.name === 'App-Z accounts');
    const rows = (await sendMessage(panel.page, 'listRows', { listId: list?.id, query: { size: 100 } })).output as { meta: { total: number } };
    expect(rows.meta.total).toBe(expected.length);
    // The key travelled as the connector says: in the query.
    expect((await appZRequests(server.url)).filter((r) => r.path === '/app-z/api/v1/accounts').map((r) => [r.status, r.credential])).toContainEqual([200, 'query']);
  });
});
