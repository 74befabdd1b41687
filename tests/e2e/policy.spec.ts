import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { exportConnector, parseConnector } from '../../utils/connectors/connector.ts';
import { appZConnector } from '../../utils/connectors/test-fixtures.ts';
import { launchWithPolicy } from './chromium-policy.ts';
import { test, expect, serveFixture, serviceWorkerOf } from './fixtures.ts';
import { openTab, SCREENSHOTS, sendMessage, shootBoth, tabIdOf } from './pages/extension.ts';
import { SidePanelPage } from './pages/side-panel.ts';

/**
 * Sidecar deployed to Chromium by the organisation's policy, nothing typed by the rep: the
 * provider's settings and client, App-Z as a connector with the organisation's key, and a
 * waterfall. Options shows all of it as set by the organisation, read-only; the deployed
 * connector still works on a card.
 */

const PAGE_URL = 'https://acme.lightning.force.com/lightning/r/Account/0015e00000NwTrAAAV/view';
const ACCOUNT_PAGE = `<!doctype html><html><head><title>Northwind Traders | Account | Salesforce</title></head><body>
<div class="slds-page-header"><h1><span>Account</span><span class="slds-page-header__title">Northwind Traders</span></h1></div>
</body></html>`;

let work: string;
let context: BrowserContext | undefined;

test.beforeEach(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  work = await mkdtemp(path.join(tmpdir(), 'sidecar-policy-'));
});

test.afterEach(async () => {
  await context?.close();
  context = undefined;
  await rm(work, { recursive: true, force: true });
});

test('a connector and provider settings deployed by policy show read-only in Options, and the connector works on a card', async ({ server }) => {
  const appZKey = server.config.appZ.apiKeys[0] ?? '';
  context = await launchWithPolicy(work, {
    provider: { baseUrl: server.url, authMethod: 'oauth', clientId: server.config.oauthClients[0]?.id, clientSecret: server.config.oauthClients[0]?.secret },
    // As an admin deploys it: the definition from App-Z's exported connector file.
    connectors: [(JSON.parse(exportConnector(parseConnector(appZConnector({ baseUrl: `${server.url}/app-z` })))) as { connector: unknown }).connector],
    connectorKeys: { 'app-z': appZKey },
    waterfall: { mobilePhone: [{ kind: 'provider' }, { kind: 'connector', connectorId: 'app-z', actionId: 'person', outputPath: 'mobilePhone' }] },
  });
  const extensionId = new URL((await serviceWorkerOf(context)).url()).host;

  const options = await context.newPage();
  await options.setViewportSize({ width: 900, height: 1000 });
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  // The provider: the organisation's base URL, fixed.
  const provider = options.locator('section', { has: options.getByRole('heading', { name: 'Provider and sign-in' }) });
  const baseUrl = provider.getByLabel('Base URL', { exact: true });
  await expect(baseUrl).toHaveValue(server.url);
  await expect(baseUrl).toHaveAttribute('readonly', '');
  await expect(provider).toContainText('Set by your organisation.');

  const section = options.locator('section', { has: options.getByRole('heading', { name: 'Connectors' }) });
  const row = section.getByTestId('connector-row').filter({ hasText: 'App-Z' });
  await expect(row).toContainText('Set by your organisation');
  // The organisation's key signs it in: no rep is asked for one.
  await expect(row).toContainText('Connected');
  await expect(row).toContainText('Key set by your organisation');
  await expect(row.getByRole('button', { name: 'Disconnect' })).toHaveCount(0);
  await expect(row.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await expect(row.getByRole('button', { name: 'Delete' })).toHaveCount(0);
  await expect(row.getByRole('button', { name: 'Export' })).toBeVisible();
  // The waterfall the policy set: shown in order, with nothing to change.
  const waterfall = section.getByTestId('waterfall-editor');
  await expect(waterfall).toContainText('Set by your organisation');
  await expect(waterfall.getByTestId('waterfall-mobilePhone')).toContainText('App-Z');
  await expect(waterfall.getByRole('button')).toHaveCount(0);
  await shootBoth(options, 'connector-deployed-by-policy');

  // Neither can a message get round the page: the worker refuses to change or delete it.
  const deleted = await sendMessage(options, 'deleteConnector', { connectorId: 'app-z' });
  expect(deleted.error?.id).toBe('read_only');
  const overwritten = await sendMessage(options, 'saveConnector', { connector: appZConnector({ baseUrl: 'https://elsewhere.example.com/app-z' }) });
  expect(overwritten.error?.id).toBe('read_only');
  expect((await sendMessage(options, 'saveWaterfall', { waterfall: {} })).error?.id).toBe('read_only');
  await options.reload();
  await expect(section.getByTestId('connector-row').filter({ hasText: 'App-Z' })).toContainText('Set by your organisation');

  // The deployed connector runs with the deployed key: its section on Northwind's card.
  await serveFixture(context, /acme\.lightning\.force\.com/, ACCOUNT_PAGE);
  await openTab(context, PAGE_URL);
  const tabId = await tabIdOf(await serviceWorkerOf(context), PAGE_URL);
  const panel = await SidePanelPage.open(context, extensionId, tabId);
  await sendMessage(panel.page, 'lookup', { tabId, query: { kind: 'domain', value: 'northwind.io' } });
  await expect(panel.page.getByTestId('connector-section').filter({ hasText: 'Competitors' }).locator('dd').first()).not.toBeEmpty();
  const { requests } = (await (await fetch(`${server.url}/app-z/_admin/requests`)).json()) as { requests: { path: string; status: number; credential: string | null }[] };
  expect(requests.some((r) => r.path.startsWith('/app-z/api/v1/companies/') && r.status === 200 && r.credential === 'query')).toBe(true);
});
