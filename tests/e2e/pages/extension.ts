import type { BrowserContext, Page, Worker } from '@playwright/test';
import path from 'node:path';

/** Helpers the UI page objects share: privileged messages, tab ids, screenshots. */

export const SCREENSHOTS = path.resolve('tests/artifacts/screenshots');

/** Sends one protocol message from an extension page, as the UI does; returns the raw reply. */
export async function sendMessage(page: Page, name: string, input: unknown): Promise<{ ok: boolean; output?: unknown; error?: { id: string; message: string } }> {
  return page.evaluate(
    async ({ name, input }) => {
      const { runtime } = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome;
      return (await runtime.sendMessage({ protocol: 'sidecar/1', name, input })) as { ok: boolean; output?: unknown; error?: { id: string; message: string } };
    },
    { name, input },
  );
}

/** The id of the tab showing `url` (the worker has host permission for the sites we serve). */
export async function tabIdOf(serviceWorker: Worker, url: string): Promise<number> {
  const id = await serviceWorker.evaluate(async (u) => {
    const { tabs } = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }).chrome;
    const all = await tabs.query({});
    return all.find((t) => t.url === u)?.id ?? null;
  }, url);
  if (id === null) throw new Error(`no tab shows ${url}`);
  return id;
}

/**
 * Waits until the worker has signed in once (the options page shows credits, which getStatus asks
 * the provider for). Until the lead's token manager waits out /authenticate's one-a-second limit,
 * a lookup racing that first sign-in can fail with "Sign-in is rate limited".
 */
export async function waitForSignIn(context: BrowserContext, extensionId: string): Promise<void> {
  // A sign-in started before the credentials changed (configureExtension's own page asks for the
  // status) counts against the server's one-a-second limit: let it age out first.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByTestId('credits').filter({ hasText: /\d/ }).waitFor();
  await page.close();
}

export async function openTab(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

export type Scheme = 'light' | 'dark';

/**
 * The side panel scrolls inside `.content` (its header stays put), so a full-page shot first makes
 * the viewport as tall as the content, then puts it back.
 */
export async function shoot(page: Page, name: string, scheme: Scheme, fullPage = true): Promise<string> {
  const file = path.join(SCREENSHOTS, `${name}-${scheme}.png`);
  await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
  const viewport = page.viewportSize();
  if (fullPage && viewport) {
    const height = await page.evaluate(() => {
      const app = document.querySelector('.app');
      const content = document.querySelector('.content');
      return app && content ? app.scrollHeight - content.clientHeight + content.scrollHeight : document.documentElement.scrollHeight;
    });
    await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.ceil(height)) });
  }
  await page.screenshot({ path: file, fullPage, animations: 'disabled' });
  if (fullPage && viewport) await page.setViewportSize(viewport);
  return file;
}

/** Both schemes, back to light afterwards. */
export async function shootBoth(page: Page, name: string, fullPage = true): Promise<void> {
  await shoot(page, name, 'light', fullPage);
  await shoot(page, name, 'dark', fullPage);
  await page.emulateMedia({ colorScheme: 'light' });
}
