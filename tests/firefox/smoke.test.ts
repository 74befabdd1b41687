import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer } from '../../server/app.ts';
import { findFirefox } from '../../scripts/system-deps.ts';
import { firefoxWithPolicies } from './policy-install.ts';
import { appZConnector } from '../../utils/connectors/test-fixtures.ts';

/**
 * Sidecar in Firefox, set up the way an organisation would: the built add-on (npm run
 * build:firefox) installed over WebDriver BiDi, its provider settings and organisation credentials deployed
 * by enterprise policy (policies.json, 3rdparty.Extensions.<add-on id>), nothing typed into
 * Options (BiDi may not open moz-extension:// pages). A reference-server page the content script
 * runs on must get badges, and the worker's lookups must turn them to RESULT.
 */

const ADDON_ID = 'sidecar@sidecar.dev';
const EXTENSION_DIR = path.resolve('.output/firefox-mv3');
/** The badge colour of RESULT (entrypoints/content/badges.ts). */
const RESULT_COLOUR = 'rgb(22, 163, 74)';

let work: string;
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;

beforeAll(async () => {
  const firefox = findFirefox();
  if (!firefox) throw new Error('No Firefox: npm test installs firefox-esr first (scripts/test-setup.ts), or set FIREFOX_PATH.');
  work = await mkdtemp(path.join(tmpdir(), 'sidecar-firefox-'));
  server = await startServer({ port: 0, databaseUrl: 'memory://', dataDir: path.join(work, 'server'), seedCompanies: 50, seedContacts: 300 });
  const executablePath = firefoxWithPolicies(firefox, path.join(work, 'firefox'), {
    '3rdparty': {
      Extensions: {
        [ADDON_ID]: {
          // The organisation's OAuth 2 client (client credentials) and search API key.
          provider: {
            baseUrl: server.url,
            authMethod: 'oauth',
            clientId: server.config.oauthClients[0]?.id,
            clientSecret: server.config.oauthClients[0]?.secret,
            searchApiKey: server.config.apiKeys[0],
          },
          // App-Z as the organisation defines it, its key, and a waterfall behind the provider for mobile phones.
          connectors: [appZConnector({ baseUrl: `${server.url}/app-z` })],
          connectorKeys: { 'app-z': server.config.appZ.apiKeys[0] },
          waterfall: { mobilePhone: [{ kind: 'provider' }, { kind: 'connector', connectorId: 'app-z', actionId: 'person', outputPath: 'mobilePhone' }] },
        },
      },
    },
  });
  browser = await puppeteer.launch({ browser: 'firefox', executablePath, headless: true, userDataDir: path.join(work, 'profile') });
  expect(await browser.installExtension(EXTENSION_DIR)).toBe(ADDON_ID);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** Each email badge's colour, as the page shows it. */
function emailBadgeColours(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const buttons = Array.from(document.querySelector('sidecar-badges')?.shadowRoot?.querySelectorAll<HTMLElement>('button[data-kind="email"]') ?? []);
    return buttons.map((button) => getComputedStyle(button).backgroundColor);
  });
}

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
}

it('badges appear on a page and reach RESULT against the provider the policy names', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/demo/emails?n=5`);
  const colours = await poll(
    () => emailBadgeColours(page),
    (c) => c.length === 5 && c.every((colour) => colour === RESULT_COLOUR),
    90_000,
  );
  expect(colours).toEqual(Array(5).fill(RESULT_COLOUR));
  // The lookups went to the server the policy named, signed in with the organisation's client.
  const paths = server.requestLog.filter((entry) => entry.status === 200).map((entry) => entry.path);
  expect(paths).toContain('/oauth/token');
  expect(paths.some((p) => p === '/search/contact' || p === '/enrich/contact')).toBe(true);
}, 120_000);

it("a connector deployed by policy fills a mobile phone the provider lacks, and the page's badge says so", async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/demo/emails?n=5`);
  // Priya Raman (the second demo person) has no mobile phone at the provider; App-Z knows one.
  // The policy leaves auto-enrich off (a rep's choice): her badge's click reveals her, as a rep would.
  // puppeteer's >>> reaches into the badges' shadow root.
  const element = await page.waitForSelector('sidecar-badges >>> button[data-kind="email"][title*="priya.raman@northwind.io"]', { timeout: 60_000 });
  if (!element) throw new Error("Priya's badge never appeared");
  await element.click();
  const filledBy = await poll(
    () =>
      page.evaluate(() => {
        const buttons = Array.from(document.querySelector('sidecar-badges')?.shadowRoot?.querySelectorAll<HTMLElement>('button[data-kind="email"]') ?? []);
        return buttons.map((button) => ({ title: button.title, filledBy: button.dataset.filledBy ?? null }));
      }),
    (badges) => badges.some((b) => b.filledBy !== null),
    90_000,
  );
  const priya = filledBy.find((b) => b.title.includes('priya.raman@northwind.io'));
  expect(priya?.filledBy).toBe('mobile phone from App-Z');
  expect(priya?.title).toContain('mobile phone from App-Z');
  // The key travelled as the policy's definition says: in the query.
  const { requests } = (await (await fetch(`${server.url}/app-z/_admin/requests`)).json()) as { requests: { path: string; status: number; credential: string | null }[] };
  expect(requests.some((r) => r.path === '/app-z/api/v1/people' && r.status === 200 && r.credential === 'query')).toBe(true);
}, 120_000);

