import type { BrowserContext, Page } from '@playwright/test';
import type { TabState } from '../../utils/schemas/lookup.ts';
import type { Settings } from '../../utils/schemas/settings.ts';
import { configureExtension, demoCredentials } from './configure.ts';

/** A Salesforce list view at its real URL listing seeded contacts' emails, and how to read the tab's lookups. */

export const LIST_URL = 'https://acme.lightning.force.com/lightning/o/Contact/list?filterName=Recent';
const FINAL = new Set(['RESULT', 'NO_RESULT', 'ERROR']);

export async function seededEmails(serverUrl: string, n: number): Promise<string[]> {
  // The search API shares the server's FAULTS: ask until an answer comes through.
  for (let attempt = 0; attempt < 20; attempt++) {
    const response = await fetch(`${serverUrl}/api/v1/contacts`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-key', 'content-type': 'application/json' },
      body: JSON.stringify({ per_page: Math.min(n, 100) }),
      signal: AbortSignal.timeout(5000),
    }).catch(() => null);
    const body = response?.ok ? ((await response.json().catch(() => null)) as { data?: { email: string | null }[] } | null) : null;
    if (body?.data) return body.data.flatMap((c) => (c.email ? [c.email] : [])).slice(0, n);
  }
  throw new Error('the search API never answered');
}

export function listView(emails: string[]): string {
  const rows = emails
    // Email cells only: record links would make each row a person lookup too (the Salesforce
    // adapter reads people from them), and this page is about emails.
    .map((e, i) => `<tr><th scope="row">Row ${i + 1}</th><td><a href="mailto:${e}">${e}</a></td></tr>`)
    .join('\n');
  return `<!doctype html><html><head><title>Recently Viewed | Contacts | Salesforce</title></head>
<body><div class="slds-page-header"><h1>Contacts</h1></div>
<table role="grid" aria-label="Recently Viewed"><thead><tr><th>Name</th><th>Email</th></tr></thead><tbody>${rows}</tbody></table></body></html>`;
}

/** Every tab's state, read the way the side panel reads it (an extension page, storage.session). */
export async function tabStates(probe: Page): Promise<TabState[]> {
  return probe.evaluate(async () => {
    const { storage } = (globalThis as unknown as { chrome: { storage: { session: { get(k: null): Promise<Record<string, unknown>> } } } }).chrome;
    const all = await storage.session.get(null);
    return Object.entries(all)
      .filter(([k]) => k.startsWith('tab:'))
      .map(([, v]) => v as TabState);
  });
}

export async function waitForFinal(probe: Page, url: string, count: number, timeoutMs = 60_000): Promise<TabState> {
  const deadline = Date.now() + timeoutMs;
  let last: TabState | undefined;
  while (Date.now() < deadline) {
    last = (await tabStates(probe)).find((s) => s.url === url);
    if (last && last.entities.length >= count && last.entities.every((e) => FINAL.has(e.state.status))) return last;
    await probe.waitForTimeout(200);
  }
  throw new Error(`lookups did not all end: ${JSON.stringify(last?.entities.map((e) => e.state.status))}`);
}

export async function openProbe(context: BrowserContext, extensionId: string): Promise<Page> {
  const probe = await context.newPage();
  await probe.goto(`chrome-extension://${extensionId}/options.html`);
  return probe;
}


/** The demo enterprise account plus the reference server's GTM Studio client that may manage lists. */
export async function configureLists(context: BrowserContext, extensionId: string, baseUrl: string, settings: Partial<Settings> = {}): Promise<void> {
  const credentials = demoCredentials();
  await configureExtension(context, extensionId, { baseUrl, gtmClientId: 'demo-client', ...settings }, { ...credentials, secrets: { ...credentials.secrets, gtmClientSecret: 'demo-secret' } });
}

/** A tab holding `emails`, not yet looked up, written where the worker keeps tab state (from an extension page). */
export async function holdEmails(page: Page, tabId: number, url: string, emails: string[]): Promise<void> {
  const entities: TabState['entities'] = emails.map((value) => ({
    key: `email:${value}`,
    detection: { kind: 'email' as const, value, source: 'text', confidence: 1 },
    state: { status: 'BLANK' as const },
  }));
  await page.evaluate(
    async ({ entities, tabId, url }) => {
      const { storage } = (globalThis as unknown as { chrome: { storage: { session: { set(v: object): Promise<void> } } } }).chrome;
      await storage.session.set({ [`tab:${tabId}`]: { tabId, url, updatedAt: Date.now(), entities } });
    },
    { entities, tabId, url },
  );
}
