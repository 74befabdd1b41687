import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { test, expect, serveFixture, stopServiceWorker } from './fixtures.ts';
import { configureExtension, demoCredentials } from './configure.ts';
import { openTab, sendMessage, shootBoth, tabIdOf } from './pages/extension.ts';
import { SidePanelPage } from './pages/side-panel.ts';
import { configureLists, holdEmails, LIST_URL, listView, seededEmails } from './list-view.ts';
import type { ListJob, ListsOverview } from '../../utils/messaging.ts';
import type { Audience } from '../../utils/audiences/schemas.ts';
import { columnsByRole } from '../../utils/audiences/list-columns.ts';
import type { RowPage } from '../../utils/audiences/schemas.ts';

/**
 * Lists end to end: the built extension, the reference server's Audiences API, and the 60-row
 * Salesforce list view. Capture → 60 rows → enrich → every match cell answered → CSV export;
 * capturing again adds nothing; a read-only client is offered no changes.
 */

const LIST_NAME = 'Salesforce recent contacts';

async function overview(panel: Page): Promise<ListsOverview> {
  const reply = await sendMessage(panel, 'listsOverview', {});
  if (!reply.ok) throw new Error(reply.error?.message);
  return reply.output as ListsOverview;
}

async function addAllToList(panel: SidePanelPage, newList: string | null) {
  const page = panel.page;
  await panel.tab('This page').click();
  await page.getByRole('button', { name: 'Add all to list' }).click();
  if (newList) {
    await page.getByRole('combobox', { name: 'List' }).selectOption({ label: 'New list…' });
    await page.getByRole('textbox', { name: 'New list name' }).fill(newList);
  } else {
    await page.getByRole('combobox', { name: 'List' }).selectOption({ label: LIST_NAME });
  }
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Added to ${LIST_NAME}` })).toBeVisible({ timeout: 30_000 });
}

test('capture the 60-row list view into a new list, enrich it, export it; a second capture adds nothing', async ({ context, extensionId, serviceWorker, server }) => {
  test.setTimeout(120_000);
  await configureLists(context, extensionId, server.url);
  const emails = await seededEmails(server.url, 60);
  await serveFixture(context, /acme\.lightning\.force\.com/, listView(emails));
  await openTab(context, LIST_URL);
  const tabId = await tabIdOf(serviceWorker, LIST_URL);
  const panel = await SidePanelPage.open(context, extensionId, tabId);
  await expect(panel.page.locator('.list-summary')).toContainText('60 found', { timeout: 30_000 });

  await addAllToList(panel, LIST_NAME);
  const list = (await overview(panel.page)).lists.find((l) => l.attributes.name === LIST_NAME);
  expect(list?.attributes.recordCount).toBe(60);

  // The Lists tab: the Demo folder and the new list.
  await panel.page.getByRole('tab', { name: 'Lists' }).click();
  await expect(panel.page.locator('.lists-open', { hasText: LIST_NAME })).toContainText('60 rows');
  await shootBoth(panel.page, 'sidepanel-lists', false);

  await panel.page.locator('.lists-open', { hasText: LIST_NAME }).click();
  await expect(panel.page.getByText('60 rows')).toBeVisible();
  await expect(panel.page.getByTestId('list-table').getByRole('row')).not.toHaveCount(1);
  await panel.page.getByRole('button', { name: 'Enrich list' }).click();
  const prompt = panel.page.getByRole('dialog', { name: 'Enrich list' });
  await expect(prompt).toContainText('Enrich 60 of 60 rows not matched yet: at most 60 credits');
  await shootBoth(panel.page, 'sidepanel-list-cost-prompt', false);
  await prompt.getByRole('button', { name: 'Start enrichment' }).click();
  await expect(panel.page.getByRole('progressbar', { name: 'Enrichment progress' })).toBeVisible();
  await shootBoth(panel.page, 'sidepanel-list-mid-enrichment', false);
  await expect(panel.page.getByText(/Enrichment (succeeded|partially succeeded)/)).toBeVisible({ timeout: 60_000 });
  await expect(panel.page.locator('.list-match-summary')).toContainText(/^\d+ matched/);
  await expect(panel.page.locator('.list-match-summary')).not.toContainText(/not enriched|enriching|failed/);
  await shootBoth(panel.page, 'sidepanel-list-enriched', false);

  const rows = (await sendMessage(panel.page, 'listRows', { listId: list?.id, query: { size: 100 } })).output as RowPage;
  const match = list?.attributes.columns.find((c) => c.attributes.columnType === 'ZOOMINFO_MATCH')?.id;
  const cells = rows.data.map((r) => r.attributes.values.find((v) => v.columnId === match));
  expect(cells).toHaveLength(60);
  expect(cells.filter((c) => c?.state !== 'RESULT' && c?.state !== 'NO_RESULT')).toEqual([]);
  const matchedIds = cells.filter((c) => c?.state === 'RESULT').map((c) => String(c?.value));
  expect(matchedIds.length).toBeGreaterThan(50);

  const download = panel.page.waitForEvent('download');
  await panel.page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await readFile((await (await download).path()) ?? '', 'utf8');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines).toHaveLength(61);
  expect(lines[0]).toMatch(/^Full Name,Email,Company,/);
  for (const id of matchedIds) expect(csv).toContain(`,${id}`);
  for (const email of emails) expect(csv).toContain(email);

  // The server's ledger: one credit per matched record (the page's previews were free).
  const ledger = async () => (await server.db.query<{ used: number }>('SELECT coalesce(sum(credits_used), 0)::int AS used FROM accounts'))[0]?.used;
  expect(await ledger()).toBe(matchedIds.length);

  // Enriching again spends nothing: every row is answered, and the provider starts no job.
  await panel.page.getByRole('button', { name: 'Enrich list' }).click();
  await expect(panel.page.getByRole('dialog', { name: 'Enrich list' })).toContainText('Every row is already enriched');
  await panel.page.getByRole('button', { name: 'Cancel' }).click();
  expect((await sendMessage(panel.page, 'enrichList', { listId: list?.id })).output).toEqual({ jobId: null });
  expect(await ledger()).toBe(matchedIds.length);

  await panel.page.getByRole('button', { name: '← Lists' }).click();
  await addAllToList(panel, null);
  expect((await overview(panel.page)).lists.find((l) => l.id === list?.id)?.attributes.recordCount).toBe(60);
});

test('a read-only GTM Studio client: the Lists tab reads, and offers no changes', async ({ context, extensionId, serviceWorker, server }) => {
  const credentials = demoCredentials();
  await configureExtension(context, extensionId, { baseUrl: server.url, gtmClientId: 'demo-reader' }, { ...credentials, secrets: { ...credentials.secrets, gtmClientSecret: 'demo-reader-secret' } });
  await serveFixture(context, /acme\.lightning\.force\.com/, listView([]));
  await openTab(context, LIST_URL);
  const panel = await SidePanelPage.open(context, extensionId, await tabIdOf(serviceWorker, LIST_URL));
  await panel.page.getByRole('tab', { name: 'Lists' }).click();
  await expect(panel.page.getByText('Read-only access.')).toBeVisible();
  await expect(panel.page.getByRole('button', { name: 'Create list' })).toHaveCount(0);
  await expect(panel.page.getByRole('button', { name: /^Delete/ })).toHaveCount(0);
  await panel.page.locator('.lists-open', { hasText: 'Demo contacts' }).click();
  await expect(panel.page.getByTestId('list-table').getByRole('row').nth(1)).toBeVisible();
  await expect(panel.page.getByRole('button', { name: 'Enrich list' })).toHaveCount(0);
  await expect(panel.page.getByRole('checkbox')).toHaveCount(0);
  await expect(panel.page.getByRole('button', { name: 'Export CSV' })).toBeEnabled();
  await shootBoth(panel.page, 'sidepanel-list-read-only', false);
});

test('filter, sort and pick the columns of a list; a formula column fills in for no credits', async ({ context, extensionId, serviceWorker, server }) => {
  test.setTimeout(90_000);
  await configureLists(context, extensionId, server.url);
  await serveFixture(context, /acme\.lightning\.force\.com/, listView([]));
  await openTab(context, LIST_URL);
  const panel = await SidePanelPage.open(context, extensionId, await tabIdOf(serviceWorker, LIST_URL));
  const page = panel.page;
  await page.getByRole('tab', { name: 'Lists' }).click();
  await page.locator('.lists-open', { hasText: 'Demo contacts' }).click();
  await expect(page.getByText('28 rows')).toBeVisible();
  const table = page.getByTestId('list-table');
  const firstRow = table.getByRole('row').nth(1);

  // Only the operators filter-metadata allows on the column; the rows come filtered from the provider.
  await page.locator('summary', { hasText: 'Filter and sort' }).click();
  await page.getByRole('combobox', { name: 'Column' }).selectOption({ label: 'Company' });
  await page.getByRole('combobox', { name: 'Condition' }).selectOption({ label: 'contains' });
  await page.getByRole('textbox', { name: 'Value' }).fill('Acme');
  await page.getByRole('button', { name: 'Add filter' }).click();
  await expect(page.getByRole('list', { name: 'Filters' })).toContainText('Company contains “Acme”');
  await expect(page.getByText('3 of 28 rows')).toBeVisible();
  await page.getByRole('combobox', { name: 'Sort by' }).selectOption({ label: 'Full Name' });
  await page.getByRole('combobox', { name: 'Direction' }).selectOption({ label: 'Z → A, high → low' });
  await expect(firstRow.locator('[data-column="Full Name"]')).toHaveText('Susan Park');
  await expect(table.getByRole('row')).toHaveCount(4);

  await page.locator('summary', { hasText: /^Columns \(/ }).click();
  await page.getByRole('group', { name: 'Columns shown' }).getByRole('checkbox', { name: 'Email' }).uncheck();
  await expect(table.getByRole('columnheader', { name: 'Email' })).toHaveCount(0);

  await page.locator('summary', { hasText: 'Add column' }).click();
  const form = page.getByRole('form', { name: 'Add a column' });
  await form.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Formula' });
  await form.getByRole('textbox', { name: 'Name' }).fill('Domain');
  await form.getByRole('textbox', { name: 'Formula' }).fill('{Email}.split("@")[1]');
  await form.getByRole('button', { name: 'Add column' }).click();
  await expect(form.getByRole('status')).toContainText('Added “Domain”. Its cells fill in when the list is enriched.');
  await expect(table.getByRole('columnheader', { name: 'Domain' })).toBeVisible();

  await page.getByRole('button', { name: 'Enrich list' }).click();
  const prompt = page.getByRole('dialog', { name: 'Enrich list' });
  await expect(prompt).toHaveText(/Fill in the formula and AI columns of 28 matched rows: no credits\./);
  await prompt.getByRole('button', { name: 'Start enrichment' }).click();
  await expect(page.getByText('Enrichment succeeded')).toBeVisible({ timeout: 60_000 });
  await expect(firstRow.locator('[data-column="Domain"]')).toHaveText('acmerobotics.com');
  await shootBoth(page, 'sidepanel-list-filtered', false);

  // The view is this browser's: it is there when the panel opens again.
  await page.reload();
  await page.getByRole('tab', { name: 'Lists' }).click();
  await page.locator('.lists-open', { hasText: 'Demo contacts' }).click();
  await expect(page.getByText('3 of 28 rows')).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Email' })).toHaveCount(0);
});

test.describe('an AI column whose model fails once for one person', () => {
  /** An OpenAI-compatible endpoint that answers 503 the first time it is asked about Susan Park. */
  let askedAboutSusan = 0;
  const model = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (body.includes('Susan Park') && askedAboutSusan++ === 0) {
        res.writeHead(503).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: 'Senior' } }] }));
    });
  });
  test.use({
    // eslint-disable-next-line no-empty-pattern -- Playwright's fixture signature needs the first argument.
    serverConfig: async ({}, use) => {
      await new Promise<void>((resolve) => model.listen(0, '127.0.0.1', resolve));
      await use({ ai: { baseUrl: `http://127.0.0.1:${(model.address() as AddressInfo).port}`, model: 'test', apiKey: undefined } });
      await new Promise<void>((resolve) => model.close(() => resolve()));
    },
  });

  test('a retryable error cell says what failed, and its retry fills it in', async ({ context, extensionId, serviceWorker, server }) => {
    test.setTimeout(90_000);
    await configureLists(context, extensionId, server.url);
    await serveFixture(context, /acme\.lightning\.force\.com/, listView([]));
    await openTab(context, LIST_URL);
    const panel = await SidePanelPage.open(context, extensionId, await tabIdOf(serviceWorker, LIST_URL));
    const page = panel.page;
    await page.getByRole('tab', { name: 'Lists' }).click();
    await page.locator('.lists-open', { hasText: 'Demo contacts' }).click();
    await expect(page.getByText('28 rows')).toBeVisible();

    await page.locator('summary', { hasText: 'Add column' }).click();
    const form = page.getByRole('form', { name: 'Add a column' });
    await form.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'AI' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Seniority');
    await form.getByRole('textbox', { name: 'Prompt' }).fill('How senior is this person?');
    await form.getByRole('combobox', { name: 'Tool' }).selectOption({ label: 'Data analysis' });
    await form.getByRole('button', { name: 'Add column' }).click();
    await expect(form.getByRole('status')).toContainText('Added “Seniority”');
    await page.locator('summary', { hasText: 'Add column' }).click();

    await page.getByRole('button', { name: 'Enrich list' }).click();
    await page.getByRole('dialog', { name: 'Enrich list' }).getByRole('button', { name: 'Start enrichment' }).click();
    await expect(page.getByText('Enrichment partially succeeded')).toBeVisible({ timeout: 60_000 });
    const susan = page.getByTestId('list-table').getByRole('row').filter({ hasText: 'Susan Park' });
    const cell = susan.locator('[data-column="Seniority"]');
    await expect(cell).toContainText('The AI model did not answer');
    await expect(cell.locator('.cell-ERROR')).toHaveAttribute('title', /HTTP 503/);
    await expect(page.getByTestId('list-table').locator('[data-column="Seniority"]', { hasText: 'Senior' })).not.toHaveCount(0);
    await cell.scrollIntoViewIfNeeded();
    await shootBoth(page, 'sidepanel-list-cell-states', false);

    await cell.getByRole('button', { name: 'Retry' }).click();
    await expect(cell).toHaveText('Senior', { timeout: 30_000 });
    await expect(page.getByText('Enrichment succeeded')).toBeVisible();
  });
});

test('folders and lists: create, rename, move between folders, delete with a confirmation', async ({ context, extensionId, serviceWorker, server }) => {
  await configureLists(context, extensionId, server.url);
  await serveFixture(context, /acme\.lightning\.force\.com/, listView([]));
  await openTab(context, LIST_URL);
  const page = (await SidePanelPage.open(context, extensionId, await tabIdOf(serviceWorker, LIST_URL))).page;
  await page.getByRole('tab', { name: 'Lists' }).click();
  const folder = (name: string) => page.locator('.lists-folder').filter({ has: page.locator('.lists-folder-name', { hasText: name }) });

  await page.getByRole('textbox', { name: 'New folder name' }).fill('Conferences');
  await page.getByRole('button', { name: 'Create folder' }).click();
  await expect(folder('Conferences')).toContainText('No lists in this folder.');
  await page.getByRole('textbox', { name: 'New list name' }).fill('Speakers');
  await page.getByRole('combobox', { name: 'In folder' }).selectOption({ label: 'Demo' });
  await page.getByRole('button', { name: 'Create list' }).click();
  await expect(page.getByRole('button', { name: '← Lists' })).toBeVisible();
  await page.getByRole('button', { name: '← Lists' }).click();
  await expect(folder('Demo')).toContainText('Speakers');

  await page.getByRole('button', { name: 'Move Speakers' }).click();
  const move = page.getByRole('dialog', { name: 'Move list' });
  await move.getByRole('combobox', { name: 'Folder' }).selectOption({ label: 'Conferences' });
  await move.getByRole('button', { name: 'Move' }).click();
  await expect(folder('Conferences')).toContainText('Speakers');
  await expect(folder('Demo')).not.toContainText('Speakers');

  await page.getByRole('button', { name: 'Rename Speakers' }).click();
  await page.getByRole('textbox', { name: 'New name' }).fill('Speakers 2027');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(folder('Conferences')).toContainText('Speakers 2027');

  await page.getByRole('button', { name: 'Delete Speakers 2027' }).click();
  await expect(page.getByRole('dialog', { name: 'Confirm delete' })).toContainText('Delete Speakers 2027 and every row in it? This cannot be undone.');
  await page.getByRole('dialog', { name: 'Confirm delete' }).getByRole('button', { name: 'Delete' }).click();
  await expect(folder('Conferences')).toContainText('No lists in this folder.');
});

test('a 1,000-row capture goes on after Chrome stops the worker mid-way: exactly 1,000 rows', async ({ context, extensionId, serviceWorker, server }) => {
  test.setTimeout(180_000);
  const credentials = demoCredentials();
  // Two requests a second: each chunk of 500 (its duplicate checks, then its upsert) takes seconds, so the stop lands mid-capture.
  await configureExtension(context, extensionId, { baseUrl: server.url, gtmClientId: 'demo-client', ratePerSecond: 2 }, { ...credentials, secrets: { ...credentials.secrets, gtmClientSecret: 'demo-secret' } });
  await serveFixture(context, /acme\.lightning\.force\.com/, listView([]));
  await openTab(context, LIST_URL);
  const probe = (await SidePanelPage.open(context, extensionId, await tabIdOf(serviceWorker, LIST_URL))).page;
  const tabId = 987_002;
  await holdEmails(probe, tabId, 'https://conference.example/speakers', Array.from({ length: 1000 }, (_, i) => `speaker${i}@conference.example`));
  const list = (await sendMessage(probe, 'createList', { name: 'Speakers' })).output as Audience;
  const job = (await sendMessage(probe, 'captureToList', { listId: list.id, tabId })).output as ListJob;
  const status = async () => ((await sendMessage(probe, 'captureStatus', { jobId: job.jobId })).output as ListJob);
  await expect.poll(async () => (await status()).done, { timeout: 60_000, intervals: [100] }).toBeGreaterThanOrEqual(500);
  expect((await status()).state).toBe('running');
  await stopServiceWorker(context, extensionId);

  // The next message wakes a new worker, which goes on with the capture from its saved chunk.
  await expect.poll(async () => (await status()).state, { timeout: 90_000, intervals: [500] }).toBe('done');
  const emailColumn = columnsByRole(list.attributes.columns).email;
  const emails: unknown[] = [];
  for (let page = 1; page <= 2; page++) {
    const rows = (await sendMessage(probe, 'listRows', { listId: list.id, query: { page, size: 500 } })).output as RowPage;
    emails.push(...rows.data.map((r) => r.attributes.values.find((v) => v.columnId === emailColumn)?.value));
  }
  expect(emails).toHaveLength(1000);
  expect(new Set(emails).size).toBe(1000);
  expect(((await sendMessage(probe, 'getList', { listId: list.id })).output as Audience).attributes.recordCount).toBe(1000);
});

test('with no GTM Studio client, the Lists tab says what lists need', async ({ context, extensionId, serviceWorker, server }) => {
  await configureExtension(context, extensionId, { baseUrl: server.url, gtmClientId: '' }, demoCredentials());
  await serveFixture(context, /acme\.lightning\.force\.com/, listView([]));
  await openTab(context, LIST_URL);
  const panel = await SidePanelPage.open(context, extensionId, await tabIdOf(serviceWorker, LIST_URL));
  await panel.page.getByRole('tab', { name: 'Lists' }).click();
  await expect(panel.page.getByText('Lists need a GTM Studio connection.')).toBeVisible();
  await expect(panel.page.getByText(/client id and secret/)).toBeVisible();
});
