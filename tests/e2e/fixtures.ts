import { test as base, chromium, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../../server/app.ts';
import type { ServerConfig } from '../../server/config.ts';
import { findChromium } from '../../scripts/system-deps.ts';

/**
 * WXT's Playwright fixture shape (context + extensionId from the service worker), headless Debian
 * Chromium, the built .output/chrome-mv3. Pages at real URLs (linkedin.com, *.lightning.force.com…)
 * are served from fixtures through `context.route()`: the machine has no network.
 */

export const EXTENSION_DIR = path.resolve('.output/chrome-mv3');
// `npm test` installs or asks for a Chromium first (scripts/test-setup.ts).
export const CHROMIUM = findChromium() ?? '/usr/bin/chromium';

/** `launch`: another way to start the browser (chromium-policy.ts), given the same arguments. */
export async function launchWithExtension(userDataDir: string, launch: { executablePath: string; env?: Record<string, string> } = { executablePath: CHROMIUM }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    ...launch,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function serviceWorkerOf(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

/** Serves `html` at every URL matching `pattern`, as if the real site answered. */
export async function serveFixture(context: BrowserContext, pattern: string | RegExp, html: string): Promise<void> {
  await context.route(pattern, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
}

/**
 * Stops the extension's service worker the way Chrome does after 30 s idle (CDP, from an extension
 * page: ServiceWorker.stopAllWorkers acts on that page's origin).
 */
export async function stopServiceWorker(context: BrowserContext, extensionId: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  await page.close();
}

/** Opens one of the extension's pages (sidepanel.html, popup.html, options.html) in a tab. */
export async function openExtensionPage(context: BrowserContext, extensionId: string, page: string): Promise<Page> {
  const tab = await context.newPage();
  await tab.goto(`chrome-extension://${extensionId}/${page}`);
  return tab;
}

type RunningServer = Awaited<ReturnType<typeof startServer>>;

interface Fixtures {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  /** Overrides for the reference server of this test (test.use({ serverConfig: … })). */
  serverConfig: Partial<ServerConfig>;
  /** The reference server, in-process on a free port, with an in-memory database. */
  server: RunningServer;
}

export const test = base.extend<Fixtures>({
  serverConfig: [{}, { option: true }],
  server: async ({ serverConfig }, use) => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sidecar-server-'));
    const server = await startServer({ port: 0, databaseUrl: 'memory://', dataDir, seedCompanies: 200, seedContacts: 2000, ...serverConfig });
    await use(server);
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright's fixture signature needs the first argument.
  context: async ({}, use) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sidecar-e2e-'));
    const context = await launchWithExtension(dir);
    await use(context);
    await context.close();
    await rm(dir, { recursive: true, force: true });
  },
  serviceWorker: async ({ context }, use) => {
    await use(await serviceWorkerOf(context));
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
});

export { expect };
