import { test as base, chromium, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * WXT's Playwright fixture shape (context + extensionId from the service worker), headless Debian
 * Chromium, the built .output/chrome-mv3. Pages at real URLs (linkedin.com, *.lightning.force.com…)
 * are served from fixtures through `context.route()`: the machine has no network.
 */

export const EXTENSION_DIR = path.resolve('.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchWithExtension(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
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

/** Opens one of the extension's pages (sidepanel.html, popup.html, options.html) in a tab. */
export async function openExtensionPage(context: BrowserContext, extensionId: string, page: string): Promise<Page> {
  const tab = await context.newPage();
  await tab.goto(`chrome-extension://${extensionId}/${page}`);
  return tab;
}

interface Fixtures {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
}

export const test = base.extend<Fixtures>({
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
