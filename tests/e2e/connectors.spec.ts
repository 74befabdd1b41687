import { mkdir } from 'node:fs/promises';
import type { BrowserContext, Worker } from '@playwright/test';
import { appZConnector } from '../../utils/connectors/test-fixtures.ts';
import type { ConnectorInput } from '../../utils/connectors/connector.ts';
import { AUTO_ENRICH, configureExtension, demoCredentials } from './configure.ts';
import { test, expect, serveFixture } from './fixtures.ts';
import { openTab, SCREENSHOTS, sendMessage, shootBoth, tabIdOf, waitForSignIn } from './pages/extension.ts';
import { SidePanelPage } from './pages/side-panel.ts';

/**
 * Issue #14 end to end: the built extension, the reference server and its App-Z (api-contract §5).
 * Connectors are defined through the worker's messages, as Options sends them; the card shows
 * what App-Z knows, App-Z's request log proves where the key travelled, a Connect action posts a
 * note only once the rep confirms, and the waterfall fills a mobile phone the provider lacks.
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

  test('a waterfall fills the mobile phone the enterprise API lacks, and the card names App-Z', async ({ context, extensionId, serviceWorker, server }) => {
    const { panel, tabId } = await panelFor(context, extensionId, serviceWorker);
    await define(panel, appZConnector({ baseUrl: `${server.url}/app-z` }));
    const saved = await sendMessage(panel.page, 'saveWaterfall', {
      waterfall: { mobilePhone: [{ kind: 'provider' }, { kind: 'connector', connectorId: 'app-z', actionId: 'person', outputPath: 'mobilePhone' }] },
    });
    expect(saved.ok).toBe(true);

    await sendMessage(panel.page, 'lookup', { tabId, query: { kind: 'email', value: 'priya.raman@northwind.io' } });
    await expect(panel.cardTitle()).toHaveText('Priya Raman');
    const mobile = panel.page.locator('.field').filter({ has: panel.page.locator('dt', { hasText: /^Mobile$/ }) });
    await expect(mobile).toContainText(/\d{3}/);
    await expect(mobile).toContainText('from App-Z');
    const people = (await appZRequests(server.url)).filter((r) => r.path === '/app-z/api/v1/people');
    expect(people.map((r) => r.status)).toEqual([200]);
  });
});
