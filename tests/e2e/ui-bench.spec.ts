import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { test, expect, serveFixture, EXTENSION_DIR } from './fixtures.ts';
import { AUTO_ENRICH, configureExtension, demoCredentials } from './configure.ts';
import { openTab, sendMessage, tabIdOf, waitForSignIn } from './pages/extension.ts';
import { SidePanelPage } from './pages/side-panel.ts';
import { configureLists, holdEmails } from './list-view.ts';
import { machine, median, writeBenchmarkSection } from '../bench/bench-report.ts';
import type { TabState } from '../../utils/schemas/lookup.ts';
import type { Audience } from '../../utils/audiences/schemas.ts';
import { columnsByRole } from '../../utils/audiences/list-columns.ts';
import type { ListJob } from '../../utils/messaging.ts';

/**
 * The side panel's first render and the pages' bundle sizes, written to BENCHMARKS.md (section
 * `ui`). "Ready" is the app's own `sidecar:ready` mark: the first commit that shows this tab's
 * results, in ms since the panel's navigation started. Target: ≤ 150 ms (issue 5).
 */

const OPENS = 10;
const PROFILE_URL = 'https://www.linkedin.com/in/dana-lin-northwind/';

interface Timing {
  ready: number;
  fcp: number;
}

async function openAndTime(context: Parameters<typeof SidePanelPage.open>[0], extensionId: string, tabId: number): Promise<Timing> {
  const panel = await SidePanelPage.open(context, extensionId, tabId);
  const ready = await panel.readyTime();
  const fcp = await panel.page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1);
  await panel.page.close();
  return { ready, fcp };
}

/** Every file a page loads at start (scripts, module preloads, stylesheets), raw and gzipped. */
async function pageWeight(html: string): Promise<{ raw: number; gzip: number; files: string[] }> {
  const text = await readFile(path.join(EXTENSION_DIR, html), 'utf8');
  const files = [...new Set([...text.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? ''))].filter(Boolean);
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = await readFile(path.join(EXTENSION_DIR, file));
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
  }
  return { raw, gzip, files };
}

const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;

test('side panel first render and bundle sizes → BENCHMARKS.md', async ({ context, extensionId, serviceWorker, server }) => {
  test.setTimeout(180_000);
  await configureExtension(context, extensionId, { baseUrl: server.url, ...AUTO_ENRICH }, demoCredentials());
  await waitForSignIn(context, extensionId);
  await serveFixture(context, /www\.linkedin\.com/, '<!doctype html><title>Dana Lin | LinkedIn</title><h1>Dana Lin</h1>');
  await openTab(context, PROFILE_URL);
  const tabId = await tabIdOf(serviceWorker, PROFILE_URL);

  // A tab with a handful of results, the common case.
  const warmup = await SidePanelPage.open(context, extensionId, tabId);
  for (const value of ['dana@northwind.io', 'priya.raman@northwind.io', 'tom.okafor@northwind.io']) {
    await sendMessage(warmup.page, 'lookup', { tabId, query: { kind: 'email', value } });
  }
  await sendMessage(warmup.page, 'lookup', { tabId, query: { kind: 'domain', value: 'northwind.io' } });
  await sendMessage(warmup.page, 'selectEntity', { tabId, key: null });
  await expect(warmup.page.locator('.entity-list')).toContainText('Tom Okafor', { timeout: 30_000 });
  await warmup.page.close();

  // A tab with 3,000 detections (a long CRM list view), written where the worker keeps it.
  const bigTab = 987_000;
  const seed = await context.newPage();
  await seed.goto(`chrome-extension://${extensionId}/options.html`);
  const entities: TabState['entities'] = Array.from({ length: 3000 }, (_, i) => ({
    key: `email:person${i}@example.com`,
    detection: { kind: 'email' as const, value: `person${i}@example.com`, source: 'text', confidence: 1 },
    state: { status: 'NO_RESULT' as const, tried: `email person${i}@example.com`, at: Date.now() },
  }));
  await seed.evaluate(
    async ({ entities, tabId }) => {
      const { storage } = (globalThis as unknown as { chrome: { storage: { session: { set(v: object): Promise<void> } } } }).chrome;
      await storage.session.set({ [`tab:${tabId}`]: { tabId, url: 'https://example.com/', updatedAt: Date.now(), entities } });
    },
    { entities, tabId: bigTab },
  );
  // The floor under the 3,000-row case: reading that tab's state out of storage.session.
  const reads = await seed.evaluate(async (key) => {
    const { storage } = (globalThis as unknown as { chrome: { storage: { session: { get(k: string): Promise<unknown> } } } }).chrome;
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await storage.session.get(key);
      times.push(performance.now() - t);
    }
    return times;
  }, `tab:${bigTab}`);
  const bigBytes = JSON.stringify(entities).length;
  await seed.close();

  const small: Timing[] = [];
  const big: Timing[] = [];
  for (let i = 0; i < OPENS; i++) {
    small.push(await openAndTime(context, extensionId, tabId));
    big.push(await openAndTime(context, extensionId, bigTab));
  }
  const first = small[0] as Timing;
  const later = small.slice(1);
  const bigLater = big.slice(1);
  const row = (label: string, t: Timing[]) =>
    `| ${label} | ${median(t.map((x) => x.fcp)).toFixed(0)} ms | ${median(t.map((x) => x.ready)).toFixed(0)} ms | ${Math.max(...t.map((x) => x.ready)).toFixed(0)} ms |`;

  const pages = ['sidepanel.html', 'popup.html', 'options.html'];
  const weights = await Promise.all(pages.map((p) => pageWeight(p)));
  const chunks = await readdir(path.join(EXTENSION_DIR, 'chunks'));
  const searchChunk = chunks.find((c) => c.startsWith('search-panel'));
  const searchBytes = searchChunk ? await readFile(path.join(EXTENSION_DIR, 'chunks', searchChunk)) : null;

  writeBenchmarkSection(
    'ui',
    `## Side panel, popup, options (\`npm run bench:ui\`)

Time from opening the side panel (navigation start) to its first paint (FCP) and to the first
render showing the tab's results (the app's \`sidecar:ready\` mark), in headless Chromium with the
built extension, the panel 400 px wide. The first open of a fresh profile compiles the scripts
(no code cache yet); later opens are what a rep sees all day. ${OPENS} opens per tab.

| panel opened on | FCP (median) | ready (median) | ready (max) |
|---|---:|---:|---:|
| first open, fresh profile (1 run) | ${first.fcp.toFixed(0)} ms | ${first.ready.toFixed(0)} ms | ${first.ready.toFixed(0)} ms |
${row('a tab with a handful of results, later opens', later)}
${row('a tab with 3,000 detections (virtual list)', bigLater)}

Target: ready ≤ 150 ms after opening. The 3,000-detection tab's state is ${kB(bigBytes)} of JSON;
reading it from \`storage.session\` alone takes ${median(reads).toFixed(0)} ms (median of 5), the floor
under that row.

Bundle: what each page loads at start (scripts, module preloads and styles; shared chunks counted
in every page that loads them).

| page | files | raw | gzip |
|---|---:|---:|---:|
${pages.map((p, i) => `| ${p} | ${weights[i]?.files.length ?? 0} | ${kB(weights[i]?.raw ?? 0)} | ${kB(weights[i]?.gzip ?? 0)} |`).join('\n')}
${searchBytes ? `| search tab (loaded when first opened) | 1 | ${kB(searchBytes.length)} | ${kB(gzipSync(searchBytes).length)} |` : ''}

Machine: ${machine()}.`,
  );
  expect(median(later.map((x) => x.ready))).toBeGreaterThan(0);
});

/** A GTM Studio token for the demo client, straight from the reference server. */
async function gtmToken(base: string): Promise<string> {
  const r = await fetch(`${base}/gtm/oauth/v1/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret',
  });
  return ((await r.json()) as { access_token: string }).access_token;
}

async function gtm(base: string, token: string, path: string, body: unknown): Promise<Response> {
  for (;;) {
    const r = await fetch(`${base}/gtm/studio/v1/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/vnd.api+json', accept: 'application/vnd.api+json' },
      body: JSON.stringify(body),
    });
    // The baseline runs into the per-account rate limit as any client would: wait as told.
    if (r.status !== 429) return r;
    await new Promise((resolve) => setTimeout(resolve, Number(r.headers.get('retry-after') ?? '1') * 1000));
  }
}

test('lists: first render of a 10,000-row list, and a 1,000-row capture against one-row upserts → BENCHMARKS.md', async ({ context, extensionId, serviceWorker, server }) => {
  test.setTimeout(600_000);
  await configureLists(context, extensionId, server.url);
  await serveFixture(context, /www\.linkedin\.com/, '<!doctype html><title>Feed | LinkedIn</title><h1>Feed</h1>');
  await openTab(context, PROFILE_URL);
  const tabId = await tabIdOf(serviceWorker, PROFILE_URL);
  const setup = await SidePanelPage.open(context, extensionId, tabId);
  const token = await gtmToken(server.url);
  const create = async (name: string) => (await sendMessage(setup.page, 'createList', { name })).output as Audience;
  const count = async (listId: string) => ((await sendMessage(setup.page, 'getList', { listId })).output as Audience).attributes.recordCount;

  // A 10,000-row list, written in bulk upserts of 500.
  const big = await create('Ten thousand');
  const roles = columnsByRole(big.attributes.columns);
  for (let i = 0; i < 10_000; i += 500) {
    const data = Array.from({ length: 500 }, (_, j) => ({
      type: 'Row',
      attributes: { values: [{ columnId: roles.email, value: `row${i + j}@bench.example` }, { columnId: roles.name, value: `Row ${i + j}` }] },
    }));
    expect((await gtm(server.url, token, `audiences/${big.id}/rows/actions/bulk/upsert`, { data })).status).toBe(200);
  }
  expect(await count(big.id)).toBe(10_000);

  const renders: number[] = [];
  const arrivals: number[] = [];
  for (let i = 0; i < OPENS; i++) {
    const panel = await SidePanelPage.open(context, extensionId, tabId);
    await panel.page.getByRole('tab', { name: 'Lists' }).click();
    await panel.page.locator('.lists-open', { hasText: 'Ten thousand' }).click();
    await expect(panel.page.getByTestId('list-table').getByRole('row').nth(1)).toBeVisible();
    const [render, arrival] = await panel.page.evaluate(() => {
      const at = (name: string) => performance.getEntriesByName(name).at(-1)?.startTime ?? Number.NaN;
      return [at('sidecar:list-ready') - at('sidecar:list-open'), at('sidecar:list-rows') - at('sidecar:list-open')];
    });
    renders.push(render ?? Number.NaN);
    arrivals.push(arrival ?? Number.NaN);
    await panel.page.close();
  }

  // The floor under that: the same first page of rows asked through the worker alone, no rendering.
  const floor = await setup.page.evaluate(async (listId) => {
    const { runtime } = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome;
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      await runtime.sendMessage({ protocol: 'sidecar/1', name: 'listRows', input: { listId, query: { page: 1, size: 100 } } });
      times.push(performance.now() - t);
    }
    return times;
  }, big.id);

  // 1,000 detections on a tab, captured into a new list by the worker (bulk upserts, duplicates checked).
  const captureTab = 987_001;
  await holdEmails(setup.page, captureTab, 'https://example.com/speakers', Array.from({ length: 1000 }, (_, i) => `capture${i}@bench.example`));
  const captured = await create('Captured');
  const started = performance.now();
  const job = (await sendMessage(setup.page, 'captureToList', { listId: captured.id, tabId: captureTab })).output as ListJob;
  await expect.poll(async () => ((await sendMessage(setup.page, 'captureStatus', { jobId: job.jobId })).output as ListJob).state, { timeout: 120_000, intervals: [50] }).toBe('done');
  const captureMs = performance.now() - started;
  expect(await count(captured.id)).toBe(1000);

  // Baseline: the same 1,000 rows, one upsert call each (the single-row path a naive client takes).
  const baseline = await create('One by one');
  const baseRoles = columnsByRole(baseline.attributes.columns);
  const baseStart = performance.now();
  for (let i = 0; i < 1000; i++) {
    const r = await gtm(server.url, token, `audiences/${baseline.id}/rows/actions/upsert`, { data: [{ type: 'Row', attributes: { values: [{ columnId: baseRoles.email, value: `capture${i}@bench.example` }] } }] });
    expect(r.status).toBe(200);
  }
  const baselineMs = performance.now() - baseStart;
  expect(await count(baseline.id)).toBe(1000);

  const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)] ?? Number.NaN;
  writeBenchmarkSection(
    'ui-lists',
    `## Lists in the side panel (\`npm run bench:ui\`)

Same run, headless Chromium, the built extension and the reference server in-process (PGlite), the
panel 400 px wide.

| measure | result | target |
|---|---:|---|
| first render of a 10,000-row list: click → the first page of 100 rows committed (virtual table), ${OPENS} opens | median ${median(renders).toFixed(0)} ms, p90 ${p(renders, 0.9).toFixed(0)} ms | ≤ 150 ms ${median(renders) <= 150 ? '✓' : '✗'} |
| of which: click → the first page of rows arrived in the panel | median ${median(arrivals).toFixed(0)} ms | — |
| of which: rows arrived → committed on screen (the panel's rendering) | median ${median(renders.map((r, i) => r - (arrivals[i] ?? Number.NaN))).toFixed(0)} ms | — |
| floor: the same page of 100 rows asked through the worker alone (no rendering), 10 asks | median ${median(floor).toFixed(0)} ms | — |
| capture of 1,000 detections into a list, until every row is in it (bulk upserts of ≤ 500, each checked for duplicates first) | ${(captureMs / 1000).toFixed(2)} s | — |
| baseline: the same 1,000 rows one upsert call each (the server's per-account rate limit applies, as to any client) | ${(baselineMs / 1000).toFixed(2)} s | — |
| capture ÷ baseline | ${(baselineMs / captureMs).toFixed(1)}× faster | ≥ 10× ${baselineMs / captureMs >= 10 ? '✓' : '✗'} |

The render figure includes the provider's rows search (a page of 100 out of 10,000, on this host's
PGlite), asked first and alone (the list's own answer and its filter-metadata follow once the rows
are on screen). The floor row is that search asked again and again from one page, warm; the panel's
first ask also pays for a new page parsing its first rows (its zod schemas are cold there).
Machine: ${machine()}.`,
  );
  expect(renders.every((r) => Number.isFinite(r) && r > 0)).toBe(true);
});
