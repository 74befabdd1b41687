import { loadCorpus } from '../fixtures/corpus.ts';
import { test, expect, serveFixture } from './fixtures.ts';
import { OptionsPage } from './pages/options.ts';
import { AUTO_ENRICH, configureExtension, demoCredentials } from './configure.ts';
import { tabIdOf, waitForSignIn } from './pages/extension.ts';
import { SidePanelPage } from './pages/side-panel.ts';
import type { BrowserContext, Page } from '@playwright/test';

/**
 * Where detection runs (issue 4): supported sites by default, each of which can be switched off;
 * any other page only when the user asks ("Scan this page"); LinkedIn gets no in-page DOM unless
 * the user opts in.
 */

const corpus = new Map(loadCorpus().map((p) => [p.name, p]));

function fixture(name: string) {
  const page = corpus.get(name);
  if (!page) throw new Error(`no fixture ${name}`);
  return page;
}

async function openAt(context: BrowserContext, url: string, html: string): Promise<Page> {
  await serveFixture(context, url, html);
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** Flips one switch in Options and waits until it shows the new position after a reload (stored). */
async function setSwitch(context: BrowserContext, extensionId: string, label: string, on: boolean): Promise<void> {
  const options = await OptionsPage.open(context, extensionId, 800);
  const control = options.page.getByRole('switch', { name: label, exact: true });
  await expect(control).toBeVisible();
  if ((await control.isChecked()) !== on) await control.click();
  await expect(async () => {
    await options.page.reload();
    expect(await options.page.getByRole('switch', { name: label, exact: true }).isChecked()).toBe(on);
  }).toPass({ timeout: 10_000 });
  await options.page.close();
}

test.beforeEach(async ({ context, extensionId, server }) => {
  await configureExtension(context, extensionId, { baseUrl: server.url, ...AUTO_ENRICH }, demoCredentials());
  await waitForSignIn(context, extensionId);
});

const badgeHost = (page: Page) => page.evaluate(() => document.querySelector('sidecar-badges') !== null);

test('a page Sidecar does not read by itself: nothing until "Scan this page", then every email on it', async ({ context, serviceWorker, extensionId }) => {
  // A company site at an origin the extension may script (the reference server's host), where no
  // content script runs on its own.
  const site = fixture('site-acme-contact');
  const url = 'http://127.0.0.1:9/acme/contact';
  const page = await openAt(context, url, site.html);
  const tabId = await tabIdOf(serviceWorker, url);
  const panel = await SidePanelPage.open(context, extensionId, tabId);

  const scan = panel.page.getByRole('button', { name: 'Scan this page' });
  await expect(scan).toBeVisible();
  await page.waitForTimeout(1000);
  expect(await panel.page.locator('.entity-button').count()).toBe(0);

  await scan.click();
  for (const email of site.expected.email) await expect(panel.entity(email)).toBeVisible({ timeout: 10_000 });
  // Only those: the trap addresses (a <select>, a placeholder) were not reported, and at this
  // address the page has no domain of its own to stand for a company.
  await expect(panel.page.locator('.entity-button')).toHaveCount(site.expected.email.length);
});

test('a supported site switched off in Options is not read until the user scans it', async ({ context, serviceWorker, extensionId }) => {
  await setSwitch(context, extensionId, 'Pipedrive', false);
  const person = fixture('pipedrive-person');
  const page = await openAt(context, person.url, person.html);
  const tabId = await tabIdOf(serviceWorker, person.url);
  const panel = await SidePanelPage.open(context, extensionId, tabId);
  await page.waitForTimeout(1000);
  expect(await panel.page.locator('.entity-button').count()).toBe(0);
  expect(await badgeHost(page)).toBe(false);

  await panel.page.getByRole('button', { name: 'Scan this page' }).click();
  for (const name of person.expected.person) await expect(panel.entity(name)).toBeVisible({ timeout: 10_000 });
});

test('LinkedIn: no in-page badges by default; "Badges on LinkedIn too" in Options draws them', async ({ context, serviceWorker, extensionId }) => {
  const profile = fixture('linkedin-profile-dana-lin');
  const page = await openAt(context, profile.url, profile.html);
  const tabId = await tabIdOf(serviceWorker, profile.url);
  const panel = await SidePanelPage.open(context, extensionId, tabId);
  // Detection still runs: the person is in the side panel, and nothing was added to LinkedIn's page.
  await expect(panel.entity('Dana Lin')).toBeVisible({ timeout: 10_000 });
  expect(await badgeHost(page)).toBe(false);
  await page.close();

  await setSwitch(context, extensionId, 'Badges on LinkedIn too', true);
  const again = await context.newPage();
  await again.goto(profile.url);
  await expect.poll(() => badgeHost(again), { timeout: 10_000 }).toBe(true);
  const keys = await again.evaluate(() => Array.from(document.querySelector('sidecar-badges')?.shadowRoot?.querySelectorAll('button') ?? []).map((b) => b.dataset.key ?? ''));
  expect(keys).toContain('company:northwind traders');
});
