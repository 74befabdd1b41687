import { test, expect, serveFixture, stopServiceWorker } from './fixtures.ts';
import { AUTO_ENRICH, configureExtension, demoCredentials } from './configure.ts';
import { LIST_URL, listView, openProbe, seededEmails, tabStates, waitForFinal } from './list-view.ts';

/**
 * The background worker end to end: the built extension in Chromium, the reference server, and a
 * Salesforce list view at its real URL listing seeded contacts' emails.
 */

const enrichCalls = (log: readonly { path: string; inputs: number }[]) => log.filter((e) => e.path === '/enrich/contact');

test('a page with 60 emails costs at most 3 enrich calls, and a reload costs none', async ({ context, extensionId, server }) => {
  await configureExtension(context, extensionId, { baseUrl: server.url, ...AUTO_ENRICH }, demoCredentials());
  const emails = await seededEmails(server.url, 60);
  expect(emails).toHaveLength(60);
  await serveFixture(context, /acme\.lightning\.force\.com/, listView(emails));
  server.clearRequestLog();

  const page = await context.newPage();
  await page.goto(LIST_URL);
  const probe = await openProbe(context, extensionId);
  const state = await waitForFinal(probe, LIST_URL, 60);
  const found = state.entities.filter((e) => e.detection.kind === 'email');
  expect(found.map((e) => e.detection.value).sort()).toEqual([...emails].sort());
  expect(found.filter((e) => e.state.status !== 'RESULT').map((e) => [e.detection.value, e.state])).toEqual([]);
  expect(enrichCalls(server.requestLog).length).toBeLessThanOrEqual(3);
  expect(enrichCalls(server.requestLog).reduce((n, e) => n + e.inputs, 0)).toBe(60);

  server.clearRequestLog();
  await page.reload();
  await waitForFinal(probe, LIST_URL, 60);
  expect(enrichCalls(server.requestLog)).toHaveLength(0);
});

test.describe('a worker stopped mid-batch', () => {
  test('still ends every lookup in a final state', async ({ context, extensionId, server }) => {
    // One request a second: the three batches take two seconds, so the stop lands mid-way.
    await configureExtension(context, extensionId, { baseUrl: server.url, ratePerSecond: 1, ...AUTO_ENRICH }, demoCredentials());
    const emails = await seededEmails(server.url, 60);
    await serveFixture(context, /acme\.lightning\.force\.com/, listView(emails));
    const page = await context.newPage();
    await page.goto(LIST_URL);
    const probe = await openProbe(context, extensionId);
    await expect.poll(async () => (await tabStates(probe)).find((s) => s.url === LIST_URL)?.entities.some((e) => e.state.status === 'LOADING')).toBe(true);
    await stopServiceWorker(context, extensionId);
    // Anything that wakes the worker (here the side panel asking for status) resumes the lookups.
    await probe.evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
        protocol: 'sidecar/1',
        name: 'getStatus',
        input: {},
      }),
    );
    const state = await waitForFinal(probe, LIST_URL, 60);
    expect(state.entities.filter((e) => e.state.status === 'RESULT')).toHaveLength(60);
  });
});

test.describe('with the server injecting 429s and 500s', () => {
  test.use({ serverConfig: { faults: { rate429: 0.2, error500: 0.1, timeout: 0, malformed: 0 } } });

  test('every lookup ends RESULT, NO_RESULT or a retryable ERROR, and the server never sees more than its limit', async ({
    context,
    extensionId,
    server,
  }) => {
    await configureExtension(context, extensionId, { baseUrl: server.url, ...AUTO_ENRICH }, demoCredentials());
    const emails = await seededEmails(server.url, 100);
    await serveFixture(context, /acme\.lightning\.force\.com/, listView(emails));
    server.clearRequestLog();
    const page = await context.newPage();
    await page.goto(LIST_URL);
    const probe = await openProbe(context, extensionId);
    const state = await waitForFinal(probe, LIST_URL, emails.length, 90_000);
    for (const e of state.entities) {
      expect(e.state.status === 'RESULT' || e.state.status === 'NO_RESULT' || (e.state.status === 'ERROR' && e.state.retryable)).toBe(true);
    }
    expect(server.stats().maxPerSecond).toBeGreaterThan(0);
    expect(server.stats().maxPerSecond).toBeLessThanOrEqual(25);
    expect(server.stats().maxPerMinute).toBeLessThanOrEqual(1500);
  });
});

test.describe('with access tokens that live 4 seconds', () => {
  test.use({ serverConfig: { tokenTtlSeconds: 4 } });

  test('a token expiring mid-session is refreshed without the user noticing', async ({ context, extensionId, server }) => {
    await configureExtension(context, extensionId, { baseUrl: server.url, ...AUTO_ENRICH }, demoCredentials());
    const emails = await seededEmails(server.url, 40);
    await serveFixture(context, /acme\.lightning\.force\.com/, listView(emails.slice(0, 20)));
    const page = await context.newPage();
    await page.goto(LIST_URL);
    const probe = await openProbe(context, extensionId);
    await waitForFinal(probe, LIST_URL, 20);

    await page.waitForTimeout(5000);
    await context.unroute(/acme\.lightning\.force\.com/);
    await serveFixture(context, /acme\.lightning\.force\.com/, listView(emails.slice(20)));
    const second = `${LIST_URL}&page=2`;
    await page.goto(second);
    const state = await waitForFinal(probe, second, 20);
    expect(state.entities.every((e) => e.state.status === 'RESULT')).toBe(true);
    expect(server.requestLog.filter((e) => e.path === '/authenticate').length).toBeGreaterThanOrEqual(2);
  });
});

test('a web page has no way to message the extension', async ({ context, extensionId }) => {
  await serveFixture(context, /acme\.lightning\.force\.com/, listView(['dana@northwind.io']));
  const page = await context.newPage();
  await page.goto(LIST_URL);
  const reachable = await page.evaluate(async (id) => {
    const runtime = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: (id: string, m: unknown) => Promise<unknown> } } }).chrome?.runtime;
    if (!runtime?.sendMessage) return 'no runtime';
    return runtime.sendMessage(id, { protocol: 'sidecar/1', name: 'getStatus', input: {} }).then(
      () => 'answered',
      () => 'refused',
    );
  }, extensionId);
  expect(reachable).not.toBe('answered');
});
