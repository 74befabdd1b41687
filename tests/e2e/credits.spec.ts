import type { Page } from '@playwright/test';
import { test, expect, serveFixture } from './fixtures.ts';
import { configureExtension, demoCredentials } from './configure.ts';
import { LIST_URL, listView, openProbe, seededEmails, waitForFinal } from './list-view.ts';
import { openTab, sendMessage, shootBoth, tabIdOf, waitForSignIn } from './pages/extension.ts';
import { SidePanelPage } from './pages/side-panel.ts';
import type { TabState } from '../../utils/schemas/lookup.ts';

/**
 * Issue 17 against the reference server's credit ledger (its `accounts.credits_used`): nothing is
 * spent without a click by default; automatic enrichment stops at its caps and says why.
 * Screenshots of each step at 400 px, light and dark, go to tests/artifacts/screenshots/.
 */

type Server = { db: { query<T>(sql: string): Promise<T[]> } };

async function creditsUsed(server: Server): Promise<number> {
  const [row] = await server.db.query<{ used: number }>('SELECT coalesce(sum(credits_used), 0)::int AS used FROM accounts');
  return row?.used ?? 0;
}

const costs = (state: TabState) => state.entities.map((e) => (e.state.status === 'RESULT' ? (e.state.result.held ?? e.state.result.cost?.kind) : e.state.status));
const count = (values: (string | undefined)[], v: string) => values.filter((x) => x === v).length;

async function openList(context: Parameters<typeof openTab>[0], emails: string[]): Promise<Page> {
  await serveFixture(context, /acme\.lightning\.force\.com/, listView(emails));
  return openTab(context, LIST_URL);
}

test('preview by default: a 60-row list view spends nothing; a reveal spends 1, the same reveal again 0', async ({ context, extensionId, serviceWorker, server }) => {
  await configureExtension(context, extensionId, { baseUrl: server.url }, demoCredentials());
  await waitForSignIn(context, extensionId);
  const emails = await seededEmails(server.url, 60);
  await openList(context, emails);
  const probe = await openProbe(context, extensionId);
  const state = await waitForFinal(probe, LIST_URL, 60);
  expect(count(costs(state), 'preview')).toBe(60);
  expect(await creditsUsed(server)).toBe(0);

  const tabId = await tabIdOf(serviceWorker, LIST_URL);
  const panel = await SidePanelPage.open(context, extensionId, tabId);
  await expect(panel.page.getByTestId('spent-today')).toHaveText('Credits spent today: 0 · preview: only clicks spend');
  await expect(panel.page.locator('.entity-button').first()).toContainText('Preview');
  const first = emails[0] ?? '';
  // The list is virtual and sorted by name: open the card as its row does (selectEntity).
  expect((await sendMessage(panel.page, 'selectEntity', { tabId, key: `email:${first}` })).ok).toBe(true);
  await expect(panel.page.getByTestId('cost-line')).toHaveText(/Preview: free search/);
  await expect(panel.page.getByText(/Costs 1 credit \(free if your account enriched this person in the last 12 months\)/)).toBeVisible();
  await shootBoth(panel.page, 'credits-preview-card');

  await panel.page.getByRole('button', { name: 'Reveal email and phones — 1 credit' }).click();
  await expect(panel.page.getByText(/This costs 1 credit/)).toBeVisible();
  await shootBoth(panel.page, 'credits-reveal-prompt');
  expect(await creditsUsed(server)).toBe(0);
  await panel.page.getByRole('button', { name: 'Spend 1 credit' }).click();
  await expect(panel.page.getByRole('link', { name: first })).toBeVisible();
  await expect(panel.page.getByTestId('cost-line')).toHaveText('1 credit, today');
  await expect(panel.page.getByTestId('spent-today')).toHaveText('Credits spent today: 1 · preview: only clicks spend');
  expect(await creditsUsed(server)).toBe(1);

  // The same person revealed again (another card, another tab): the account already holds it.
  const entity = (await waitForFinal(probe, LIST_URL, 60)).entities.find((e) => e.detection.value === first);
  const personId = entity?.state.status === 'RESULT' && entity.state.result.type === 'contact' ? entity.state.result.contact?.id : undefined;
  expect(personId).toBeDefined();
  expect((await sendMessage(panel.page, 'revealContact', { personId })).ok).toBe(true);
  expect(await creditsUsed(server)).toBe(1);
  await expect(panel.page.getByTestId('spent-today')).toHaveText('Credits spent today: 1 · preview: only clicks spend');
});

test('automatic enrichment stops at the page cap of 10; "Enrich 50 more" spends the rest on a click', async ({ context, extensionId, serviceWorker, server }) => {
  await configureExtension(context, extensionId, { baseUrl: server.url, autoEnrich: true, pageCreditCap: 10 }, demoCredentials());
  await waitForSignIn(context, extensionId);
  const emails = await seededEmails(server.url, 60);
  await openList(context, emails);
  const probe = await openProbe(context, extensionId);
  const capped = costs(await waitForFinal(probe, LIST_URL, 60));
  expect(count(capped, 'spent')).toBe(10);
  expect(count(capped, 'page_cap')).toBe(50);
  expect(await creditsUsed(server)).toBe(10);

  const panel = await SidePanelPage.open(context, extensionId, await tabIdOf(serviceWorker, LIST_URL));
  await expect(panel.page.getByTestId('spent-today')).toHaveText('Credits spent today: 10 of 50');
  const offer = panel.page.getByRole('button', { name: 'Enrich 50 more — up to 50 credits' });
  await expect(offer).toBeVisible();
  await shootBoth(panel.page, 'credits-enrich-more-offer', false);
  await offer.click();
  await expect.poll(() => creditsUsed(server), { timeout: 30_000 }).toBe(60);
  await expect(panel.page.getByTestId('enrich-offer')).toHaveCount(0);
  expect(count(costs(await waitForFinal(probe, LIST_URL, 60)), 'spent')).toBe(60);
});

test('past the daily cap nothing more is spent, and the panel says why', async ({ context, extensionId, serviceWorker, server }) => {
  await configureExtension(context, extensionId, { baseUrl: server.url, autoEnrich: true, dailyCreditCap: 5 }, demoCredentials());
  await waitForSignIn(context, extensionId);
  const emails = await seededEmails(server.url, 20);
  const page = await openList(context, emails);
  const probe = await openProbe(context, extensionId);
  expect(count(costs(await waitForFinal(probe, LIST_URL, 20)), 'daily_cap')).toBe(15);
  expect(await creditsUsed(server)).toBe(5);

  // Coming back to the page spends nothing more either.
  await page.reload();
  await waitForFinal(probe, LIST_URL, 20);
  expect(await creditsUsed(server)).toBe(5);

  const panel = await SidePanelPage.open(context, extensionId, await tabIdOf(serviceWorker, LIST_URL));
  await expect(panel.page.getByText('Daily credit cap reached.')).toBeVisible();
  await expect(panel.page.getByText(/5 of 5 credits spent today\. Nothing more is spent automatically until tomorrow/)).toBeVisible();
  await expect(panel.page.getByTestId('spent-today')).toHaveText('Credits spent today: 5 of 5');
  await shootBoth(panel.page, 'credits-daily-cap-reached', false);
  expect(await creditsUsed(server)).toBe(5);
});
