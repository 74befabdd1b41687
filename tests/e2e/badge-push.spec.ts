import type { Page, Worker } from '@playwright/test';
import { test, expect, serveFixture } from './fixtures.ts';
import { configureExtension, demoCredentials } from './configure.ts';
import { sendMessage, tabIdOf } from './pages/extension.ts';

/**
 * Badge colours reach the page when lookups change: a visible Salesforce list whose lookups have
 * settled sends the worker nothing (it used to ask every 3 s), and its badges still change colour
 * when a lookup settles again.
 */

const LIST_URL = 'https://acme.lightning.force.com/lightning/o/Contact/list?filterName=Recent';
const GREEN = 'rgb(22, 163, 74)';
const GREY = 'rgb(156, 163, 175)';

async function seededEmails(serverUrl: string, n: number): Promise<string[]> {
  // The search API shares the server's FAULTS: ask until an answer comes through.
  for (let attempt = 0; attempt < 20; attempt++) {
    const response = await fetch(`${serverUrl}/api/v1/contacts`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-key', 'content-type': 'application/json' },
      body: JSON.stringify({ per_page: n }),
      signal: AbortSignal.timeout(5000),
    }).catch(() => null);
    const body = response?.ok ? ((await response.json().catch(() => null)) as { data?: { email: string | null }[] } | null) : null;
    if (body?.data) return body.data.flatMap((c) => (c.email ? [c.email] : [])).slice(0, n);
  }
  throw new Error('the search API never answered');
}

function listView(emails: string[]): string {
  const rows = emails.map((e, i) => `<tr><th scope="row">Row ${i + 1}</th><td><a href="mailto:${e}">${e}</a></td></tr>`).join('\n');
  return `<!doctype html><html><head><title>Recently Viewed | Contacts | Salesforce</title></head>
<body><div class="slds-page-header"><h1>Contacts</h1></div>
<table role="grid" aria-label="Recently Viewed"><thead><tr><th>Name</th><th>Email</th></tr></thead><tbody>${rows}</tbody></table></body></html>`;
}

/** Each badge's key and colour, as the page shows them. */
async function badgeColours(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const host = document.querySelector('sidecar-badges');
    const buttons = Array.from(host?.shadowRoot?.querySelectorAll('button') ?? []);
    return Object.fromEntries(buttons.map((b) => [b.dataset.key ?? '', getComputedStyle(b).backgroundColor]));
  });
}

/** Counts, in the worker, every protocol message a content script sends from now on. */
async function countContentMessages(serviceWorker: Worker): Promise<void> {
  await serviceWorker.evaluate(() => {
    const scope = globalThis as unknown as { contentMessages: string[]; chrome: { runtime: { onMessage: { addListener(f: (m: unknown, s: { tab?: unknown; url?: string }) => undefined): void } } } };
    scope.contentMessages = [];
    scope.chrome.runtime.onMessage.addListener((message, sender) => {
      // Content scripts only: an extension page open in a tab has a tab too.
      if (sender.tab && !sender.url?.startsWith('chrome-extension://')) scope.contentMessages.push(String((message as { name?: unknown }).name));
      return undefined;
    });
  });
}

async function contentMessages(serviceWorker: Worker): Promise<string[] | null> {
  // null: the worker restarted and lost the counter (the check would prove nothing).
  return serviceWorker.evaluate(() => (globalThis as unknown as { contentMessages?: string[] }).contentMessages ?? null);
}

test('a visible list whose lookups settled sends nothing for 60 s, and its badges still change colour', async ({ context, extensionId, serviceWorker, server }) => {
  test.setTimeout(150_000);
  await configureExtension(context, extensionId, { baseUrl: server.url }, demoCredentials());
  const emails = await seededEmails(server.url, 8);
  expect(emails).toHaveLength(8);
  await serveFixture(context, /acme\.lightning\.force\.com/, listView(emails));

  const page = await context.newPage();
  await page.goto(LIST_URL);
  expect(await page.evaluate(() => document.visibilityState)).toBe('visible');
  const settled = () => badgeColours(page).then((c) => Object.keys(c).length === emails.length && Object.values(c).every((v) => v === GREEN));
  await expect.poll(settled, { timeout: 60_000 }).toBe(true);

  await countContentMessages(serviceWorker);
  await page.waitForTimeout(30_000);

  // A lookup settles again ("not this person"): the badge turns grey without the page asking.
  const probe = await context.newPage();
  await probe.goto(`chrome-extension://${extensionId}/options.html`);
  await page.bringToFront();
  const key = `email:${emails[0]}`;
  const reply = await sendMessage(probe, 'rejectMatch', { tabId: await tabIdOf(serviceWorker, LIST_URL), key });
  expect(reply.ok).toBe(true);
  await expect.poll(() => badgeColours(page).then((c) => c[key]), { timeout: 5_000 }).toBe(GREY);

  await page.waitForTimeout(30_000);
  expect(await page.evaluate(() => document.visibilityState)).toBe('visible');
  expect(await contentMessages(serviceWorker)).toEqual([]);
  const colours = await badgeColours(page);
  expect(Object.values(colours).filter((c) => c === GREEN)).toHaveLength(emails.length - 1);
});
