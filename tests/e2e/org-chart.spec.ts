import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { test, expect, serveFixture } from './fixtures.ts';
import { AUTO_ENRICH, configureExtension, demoCredentials } from './configure.ts';
import { openTab, SCREENSHOTS, sendMessage, shootBoth, tabIdOf, waitForSignIn } from './pages/extension.ts';
import { SidePanelPage } from './pages/side-panel.ts';

/**
 * Issue #16 end to end: the built extension and the reference server. A demo company's card shows
 * its corporate family (each company a link to its own card) and an org chart of its people, three
 * levels deep and more, collapsible, each person revealable for a credit.
 */

const ACCOUNT_URL = 'https://acme.lightning.force.com/lightning/r/Account/0015e00000NwTrAAAV/view';
const accountPage = `<!doctype html><html><head><title>Northwind Traders | Account | Salesforce</title></head><body>
<div class="slds-page-header"><h1><span>Account</span><span class="slds-page-header__title">Northwind Traders</span></h1></div>
</body></html>`;

async function openNorthwind(context: BrowserContext, extensionId: string, serviceWorker: Worker): Promise<SidePanelPage> {
  await serveFixture(context, /acme\.lightning\.force\.com/, accountPage);
  await openTab(context, ACCOUNT_URL);
  const tabId = await tabIdOf(serviceWorker, ACCOUNT_URL);
  const panel = await SidePanelPage.open(context, extensionId, tabId);
  await sendMessage(panel.page, 'lookup', { tabId, query: { kind: 'domain', value: 'northwind.io' } });
  await expect(panel.cardTitle()).toHaveText('Northwind Traders');
  return panel;
}

async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).include('[data-testid="org-section"]').include('[data-testid="family-section"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious, `axe (${colorScheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test.beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
});

test.describe('company structure on the card', () => {
  test.beforeEach(async ({ context, extensionId, server }) => {
    await configureExtension(context, extensionId, { baseUrl: server.url, ...AUTO_ENRICH }, demoCredentials());
    await waitForSignIn(context, extensionId);
  });

  test('Northwind: its parent, its subsidiary (a link to that card) and an org chart three levels deep', async ({ context, extensionId, serviceWorker, server }) => {
    const panel = await openNorthwind(context, extensionId, serviceWorker);
    const { page } = panel;
    const family = page.getByTestId('family-section');
    await expect(family.getByTestId('family-parents')).toContainText('Quanta Cloudworks');
    await expect(family.getByTestId('family-subsidiaries')).toContainText('Brightloom');

    const org = page.getByTestId('org-section');
    const tree = org.getByTestId('org-tree');
    const visibleTier = (tier: number) => tree.locator(`[data-testid="org-node"][data-tier="${tier}"]:visible`);
    await expect(visibleTier(1)).toHaveCount(1);
    await expect(visibleTier(1)).toContainText('Chief Executive Officer');
    await expect(visibleTier(1).locator('.org-level').first()).toHaveText('L1');
    // The top's reports show; deeper levels open on demand.
    await expect(visibleTier(2).first()).toBeVisible();
    await expect(visibleTier(3)).toHaveCount(0);
    const cro = visibleTier(2).filter({ hasText: 'Dana Lin' });
    await expect(cro).toContainText('Chief Revenue Officer · C-Level · Sales');
    const finance = visibleTier(2).filter({ hasText: 'VP of Finance' });
    await finance.getByRole('button', { name: /^Show the \d+ people under/ }).click();
    await expect(visibleTier(3).first()).toBeVisible();
    await expect(visibleTier(3).first()).toContainText('Director of Finance');
    await visibleTier(3).first().getByRole('button', { name: /^Show the 1 person under/ }).click();
    await expect(visibleTier(4)).toContainText('Finance Manager');
    await expect(org).toContainText(/\d+ people in 4 levels/);

    // Previewed free; a reveal spends what the contact cards spend, once.
    const enrichCalls = () => server.requestLog.filter((e) => e.path === '/enrich/contact').length;
    const before = enrichCalls();
    await cro.getByRole('button', { name: /Reveal email and phone of Dana Lin/ }).click();
    await expect(cro.getByRole('link', { name: 'dana@northwind.io' })).toBeVisible();
    expect(enrichCalls()).toBe(before + 1);

    await expectNoSeriousAxeViolations(page);
    await shootBoth(page, 'sidepanel-company-structure');
    await org.screenshot({ path: path.join(SCREENSHOTS, 'sidepanel-org-chart-light.png') });

    // The subsidiary's name opens its card, which names Northwind (and Quanta) as its parents.
    await family.getByRole('button', { name: 'Brightloom' }).click();
    await expect(panel.cardTitle()).toHaveText('Brightloom');
    await expect(page.getByTestId('family-parents')).toContainText('Northwind Traders');
    await expect(page.getByTestId('family-parents')).toContainText('Quanta Cloudworks');
    await expect(page.getByTestId('org-tree')).toBeVisible();
  });
});

test.describe('an account without org charts', () => {
  test.use({ serverConfig: { entitlements: 'demo@example.com=contact,company,intent,news,scoop,corporatehierarchy' } });
  test.beforeEach(async ({ context, extensionId, server }) => {
    await configureExtension(context, extensionId, { baseUrl: server.url, ...AUTO_ENRICH }, demoCredentials());
    await waitForSignIn(context, extensionId);
  });

  test('the org chart section says so in a sentence; the family and the rest of the card stay', async ({ context, extensionId, serviceWorker }) => {
    const panel = await openNorthwind(context, extensionId, serviceWorker);
    await expect(panel.page.getByTestId('org-section')).toContainText('Your account does not include org charts.');
    await expect(panel.page.getByTestId('family-parents')).toContainText('Quanta Cloudworks');
    await expect(panel.page.getByTestId('intent-topic').first()).toBeVisible();
    await expect(panel.page.locator('[role="alert"]')).toHaveCount(0);
  });
});
