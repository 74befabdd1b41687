import { mkdir, readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, serveFixture } from './fixtures.ts';
import { AUTO_ENRICH, configureExtension, demoCredentials } from './configure.ts';
import { openTab, SCREENSHOTS, sendMessage, shootBoth, tabIdOf, waitForSignIn } from './pages/extension.ts';
import { SidePanelPage } from './pages/side-panel.ts';
import { SearchTab } from './pages/search-tab.ts';
import { OptionsPage } from './pages/options.ts';
import { PopupPage } from './pages/popup.ts';
import type { TabState } from '../../utils/schemas/lookup.ts';

/**
 * The extension pages end to end (issue 5): the built extension in Chromium, the reference server
 * in-process, fixture pages at their real URLs. Screenshots of every surface at 400 px, light and
 * dark, go to tests/artifacts/screenshots/.
 */

const PROFILE_URL = 'https://www.linkedin.com/in/dana-lin-northwind/';
const ACCOUNT_URL = 'https://acme.lightning.force.com/lightning/r/Account/0015e00000NwTrAAAV/view';

const profilePage = `<!doctype html><html><head><title>Dana Lin | LinkedIn</title></head><body>
<main><section class="pv-top-card"><h1 class="text-heading-xlarge">Dana Lin</h1>
<div class="text-body-medium">Chief Revenue Officer at Northwind Traders</div>
<ul><li><button aria-label="Current company: Northwind Traders. Click to skip to experience card">Northwind Traders</button></li></ul></section></main></body></html>`;

const accountPage = `<!doctype html><html><head><title>Northwind Traders | Account | Salesforce</title></head><body>
<div class="slds-page-header"><h1><span>Account</span><span class="slds-page-header__title">Northwind Traders</span></h1></div>
<div class="record-body">
<div class="slds-form-element"><span class="slds-form-element__label">Account Name</span><div class="slds-form-element__control"><span>Northwind Traders</span></div></div>
<div class="slds-form-element"><span class="slds-form-element__label">Website</span><div class="slds-form-element__control"><a href="https://www.northwind.io">www.northwind.io</a></div></div>
</div></body></html>`;

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function axeBothSchemes(page: Page): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousViolations(page), `axe (${colorScheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test.beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
});

test('onboarding: before any provider is set up the panel says how to connect one', async ({ context, extensionId, serviceWorker }) => {
  await serveFixture(context, /www\.linkedin\.com/, profilePage);
  await openTab(context, PROFILE_URL);
  const tabId = await tabIdOf(serviceWorker, PROFILE_URL);
  const panel = await SidePanelPage.open(context, extensionId, tabId);
  await expect(panel.page.getByRole('heading', { name: 'Connect a data provider' })).toBeVisible();
  await expect(panel.page.getByRole('button', { name: 'Open options' })).toBeVisible();
  await expect(panel.credits).toBeVisible();
  // Onboarding says it already: no "provider refused" banner on top.
  await expect(panel.page.getByText('The provider refused the last request.')).toHaveCount(0);
  await axeBothSchemes(panel.page);
  await shootBoth(panel.page, 'sidepanel-onboarding');

  const popup = await PopupPage.open(context, extensionId, tabId);
  await expect(popup.connection()).toHaveText('Not set up');
});

test.describe('configured against the reference server', () => {
  test.beforeEach(async ({ context, extensionId, server }) => {
    await configureExtension(context, extensionId, { baseUrl: server.url, ...AUTO_ENRICH }, demoCredentials());
    await waitForSignIn(context, extensionId);
  });

  test('a LinkedIn profile of a demo contact: the panel lists the person and opens their card', async ({ context, extensionId, serviceWorker }) => {
    await serveFixture(context, /www\.linkedin\.com/, profilePage);
    await openTab(context, PROFILE_URL);
    const tabId = await tabIdOf(serviceWorker, PROFILE_URL);
    const panel = await SidePanelPage.open(context, extensionId, tabId);
    // Detected on the page by the content script, looked up by the worker, rendered here.
    await expect(panel.entity('Dana Lin')).toContainText('Found');
    await expect(panel.entity('Dana Lin')).toContainText('Chief Revenue Officer · Northwind Traders');
    // Keyboard only: Enter on the row opens the card and focuses "back"…
    await panel.entity('Dana Lin').focus();
    await panel.page.keyboard.press('Enter');
    await expect(panel.cardTitle()).toHaveText('Dana Lin');
    await expect(panel.back()).toBeFocused();
    await expect(panel.page.locator('.card').first()).toContainText('Chief Revenue Officer');
    await expect(panel.page.locator('.card').first()).toContainText('Northwind Traders');
    await expect(panel.page.getByRole('link', { name: 'dana@northwind.io' })).toBeVisible();
    await expect(panel.page.locator('.provenance')).toContainText('fullName: Dana Lin');
    // …and Enter there goes back to the list with the row focused again.
    await panel.page.keyboard.press('Enter');
    await expect(panel.entity('Dana Lin')).toBeFocused();
    // The views are tabs: arrow keys move between them.
    await panel.tab('This page').focus();
    await panel.page.keyboard.press('ArrowRight');
    await expect(panel.tab('Search')).toBeFocused();
    await expect(panel.tab('Search')).toHaveAttribute('aria-selected', 'true');
  });

  test('a Salesforce account of a demo company: intent topics with the spiking one marked', async ({ context, extensionId, serviceWorker }) => {
    await serveFixture(context, /acme\.lightning\.force\.com/, accountPage);
    await openTab(context, ACCOUNT_URL);
    const tabId = await tabIdOf(serviceWorker, ACCOUNT_URL);
    const panel = await SidePanelPage.open(context, extensionId, tabId);
    const northwind = panel.entity(/northwind\.io/).first();
    await expect(northwind).toContainText('Found');
    await northwind.click();
    await expect(panel.cardTitle()).toHaveText('Northwind Traders');
    const topics = panel.page.getByTestId('intent-topic');
    await expect(topics.nth(0)).toContainText('Supply Chain Visibility');
    await expect(topics.nth(0).getByTestId('spike')).toBeVisible();
    await expect(topics.filter({ has: panel.page.getByTestId('spike') })).toHaveCount(1);
  });

  test('contact card: a demo contact with title, company, email and provenance', async ({ context, extensionId, serviceWorker }) => {
    await serveFixture(context, /www\.linkedin\.com/, profilePage);
    await openTab(context, PROFILE_URL);
    const tabId = await tabIdOf(serviceWorker, PROFILE_URL);
    const panel = await SidePanelPage.open(context, extensionId, tabId);
    expect(await panel.readyTime()).toBeGreaterThan(0);

    // The popup's quick lookup and the context menu's "Enrich this email" both end here: the
    // entity added to the tab, selected, looked up.
    const reply = await sendMessage(panel.page, 'lookup', { tabId, query: { kind: 'email', value: 'dana@northwind.io' } });
    expect(reply.ok).toBe(true);
    await expect(panel.cardTitle()).toHaveText('Dana Lin');
    await expect(panel.page.getByText('Chief Revenue Officer').first()).toBeVisible();
    await expect(panel.page.getByText('Northwind Traders').first()).toBeVisible();
    await expect(panel.page.getByRole('link', { name: 'dana@northwind.io' })).toBeVisible();
    await expect(panel.page.locator('.provenance')).toContainText('emailAddress: dana@northwind.io');
    await expect(panel.credits).toHaveText(/\d/);
    await axeBothSchemes(panel.page);
    await shootBoth(panel.page, 'sidepanel-contact');

    // "View company": the contact's company, looked up and opened on the same tab.
    await panel.page.getByRole('button', { name: 'View company' }).click();
    await expect(panel.cardTitle()).toHaveText('Northwind Traders');
    await expect(panel.page.getByTestId('intent-topic').first()).toContainText('Supply Chain Visibility');

    // More on the page: a colleague, a company, someone the provider does not know.
    for (const query of [
      { kind: 'email', value: 'priya.raman@northwind.io' },
      { kind: 'domain', value: 'acmerobotics.com' },
      { kind: 'company', value: 'Brightloom' },
      { kind: 'email', value: 'nobody@unknown-example.org' },
    ]) {
      expect((await sendMessage(panel.page, 'lookup', { tabId, query })).ok).toBe(true);
    }
    await expect(panel.page.getByText('Nothing found.')).toBeVisible();
    await expect(panel.page.getByText(/Tried email nobody@unknown-example.org/)).toBeVisible();
    await shootBoth(panel.page, 'sidepanel-no-result', false);

    // Back to the list: people and companies, each with its state.
    await panel.back().click();
    await expect(panel.entity('Dana Lin')).toContainText('Found');
    await expect(panel.entity('Acme Robotics')).toContainText('Found');
    // Dana Lin, found on the profile by name and looked up by email, is one row.
    await expect(panel.entity('Dana Lin')).toHaveCount(1);
    await expect(panel.page.locator('.list-header')).toHaveText(['People 3', 'Companies 3']);
    await axeBothSchemes(panel.page);
    await shootBoth(panel.page, 'sidepanel-list', false);
  });

  test('context menu "Enrich this email": the panel opens on that contact', async ({ context, extensionId, serviceWorker }) => {
    await serveFixture(context, /www\.linkedin\.com/, profilePage);
    await openTab(context, PROFILE_URL);
    const tabId = await tabIdOf(serviceWorker, PROFILE_URL);
    const panel = await SidePanelPage.open(context, extensionId, tabId);
    await expect(panel.entity('Dana Lin')).toBeVisible();
    // Headless Chromium draws no context menu: deliver the click to the worker's own listener, as
    // Chrome does when the user picks the item on a selected address.
    await serviceWorker.evaluate(async (tabId) => {
      const { chrome } = globalThis as unknown as {
        chrome: { tabs: { get(id: number): Promise<object> }; contextMenus: { onClicked: { dispatch(info: object, tab: object): void } } };
      };
      const tab = await chrome.tabs.get(tabId);
      chrome.contextMenus.onClicked.dispatch({ menuItemId: 'enrich-email-selection', selectionText: 'priya.raman@northwind.io', editable: false, pageUrl: 'x' }, tab);
    }, tabId);
    await expect(panel.cardTitle()).toHaveText('Priya Raman');
    await expect(panel.page.getByRole('link', { name: 'priya.raman@northwind.io' })).toBeVisible();
  });

  test('preview (the default): the card hides email until a reveal that says what it costs', async ({ context, extensionId, serviceWorker, server }) => {
    await configureExtension(context, extensionId, { baseUrl: server.url, autoEnrich: false }, demoCredentials());
    await serveFixture(context, /www\.linkedin\.com/, profilePage);
    await openTab(context, PROFILE_URL);
    const tabId = await tabIdOf(serviceWorker, PROFILE_URL);
    const panel = await SidePanelPage.open(context, extensionId, tabId);
    server.clearRequestLog();
    await sendMessage(panel.page, 'lookup', { tabId, query: { kind: 'email', value: 'dana@northwind.io' } });
    await expect(panel.cardTitle()).toHaveText('Dana Lin');
    await expect(panel.page.getByText('dana@northwind.io', { exact: true })).toHaveCount(0);
    expect(server.requestLog.filter((e) => e.path === '/enrich/contact')).toHaveLength(0);
    await expect(panel.page.getByText(/Costs 1 credit \(free if your account enriched this person in the last 12 months\)/).first()).toBeVisible();
    await panel.page.getByRole('button', { name: 'Reveal email and phones — 1 credit' }).click();
    await expect(panel.page.getByText(/Reveal the email and phones of Dana Lin\?/)).toBeVisible();
    await panel.page.getByRole('button', { name: 'Spend 1 credit' }).click();
    await expect(panel.page.getByRole('link', { name: 'dana@northwind.io' })).toBeVisible();
    expect(server.requestLog.filter((e) => e.path === '/enrich/contact')).toHaveLength(1);
  });

  test('company card: intent topics strongest first with the spiking one marked, news, scoops, people', async ({ context, extensionId, serviceWorker }) => {
    await serveFixture(context, /acme\.lightning\.force\.com/, accountPage);
    await openTab(context, ACCOUNT_URL);
    const tabId = await tabIdOf(serviceWorker, ACCOUNT_URL);
    const panel = await SidePanelPage.open(context, extensionId, tabId);
    await sendMessage(panel.page, 'lookup', { tabId, query: { kind: 'domain', value: 'northwind.io' } });
    await expect(panel.cardTitle()).toHaveText('Northwind Traders');
    const topics = panel.page.getByTestId('intent-topic');
    await expect(topics).toHaveCount(2);
    await expect(topics.nth(0)).toContainText('Supply Chain Visibility');
    await expect(topics.nth(0).getByTestId('spike')).toBeVisible();
    await expect(topics.nth(1)).toContainText('Data Warehousing');
    await expect(topics.nth(1).getByTestId('spike')).toHaveCount(0);
    await expect(panel.page.getByText('Northwind Traders raises $45M Series C', { exact: false })).toBeVisible();
    await expect(panel.page.getByText('Evaluating a new CRM for a 60-seat sales team in Q1 2027')).toBeVisible();
    await expect(panel.page.getByTestId('recommended-contact').first()).toBeVisible();
    await expect(panel.page.getByTestId('intent-contact').first()).toContainText('Dana Lin');
    await expect(panel.page.getByText(/Revealing a person’s email and phone costs 1 credit/)).toBeVisible();

    // Recommended contacts: filter by seniority, reveal one.
    await panel.page.getByLabel('Seniority').fill('C-Level');
    await panel.page.getByRole('button', { name: 'Find people' }).click();
    const dana = panel.page.getByTestId('recommended-contact').filter({ hasText: 'Dana Lin' });
    await expect(dana).toBeVisible();
    await dana.getByRole('button', { name: /Reveal email and phone of Dana Lin/ }).click();
    await expect(dana.getByRole('link', { name: 'dana@northwind.io' })).toBeVisible();
    await axeBothSchemes(panel.page);
    await shootBoth(panel.page, 'sidepanel-company');
  });

  test('search: demo contacts by job title and TLD, exported as exactly those rows of CSV', async ({ context, extensionId, serviceWorker, server }) => {
    await serveFixture(context, /www\.linkedin\.com/, profilePage);
    await openTab(context, PROFILE_URL);
    const tabId = await tabIdOf(serviceWorker, PROFILE_URL);
    const panel = await SidePanelPage.open(context, extensionId, tabId);
    await panel.tab('Search').click();
    const search = new SearchTab(panel.page);
    await search.filter('Job titles').fill('manager');
    await search.filter('Domain endings (TLDs)').fill('.co.uk, no');
    await shootBoth(panel.page, 'sidepanel-search-filters');
    await search.search();
    const expected = (await (
      await fetch(`${server.url}/api/v1/contacts`, {
        method: 'POST',
        headers: { authorization: 'Bearer demo-key', 'content-type': 'application/json' },
        body: JSON.stringify({ job_titles: ['manager'], tlds: ['co.uk', 'no'] }),
      })
    ).json()) as { data: { id: number; email: string | null; full_name: string }[]; meta: { total: number } };
    expect(expected.data.length).toBeGreaterThan(0);
    await expect(search.rows()).toHaveCount(expected.data.length);
    await expect(search.summary()).toContainText(`${expected.meta.total} contact`);
    await expect(panel.page.getByText('New Business Manager')).toBeVisible();

    // Every matching row, not only the page on screen.
    const all = (await (
      await fetch(`${server.url}/api/v1/contacts`, {
        method: 'POST',
        headers: { authorization: 'Bearer demo-key', 'content-type': 'application/json' },
        body: JSON.stringify({ job_titles: ['manager'], tlds: ['co.uk', 'no'], per_page: 100 }),
      })
    ).json()) as { data: { id: number; email: string | null }[]; meta: { total: number } };
    expect(all.meta.total).toBeLessThanOrEqual(100);
    const [download] = await Promise.all([panel.page.waitForEvent('download'), search.exportButton().click()]);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^id,first_name,last_name,job_title/);
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(all.data.map((c) => c.id));
    for (const c of all.data) if (c.email) expect(csv).toContain(c.email);
    await axeBothSchemes(panel.page);
    await shootBoth(panel.page, 'sidepanel-search');

    // The next page keeps the filters of the search that made it.
    if (expected.meta.total > expected.data.length) {
      await panel.page.getByRole('button', { name: 'Next' }).click();
      await expect(search.summary()).toContainText('page 2 of');
      await expect(search.rows()).toHaveCount(Math.min(25, expected.meta.total - expected.data.length));
    }

    await search.mode('Companies').check();
    await search.filter('Technologies').fill('Snowflake');
    await search.search();
    await expect(search.rows().first()).toBeVisible();
  });

  test('error: an unreachable provider shows a plain sentence and a retry', async ({ context, extensionId, serviceWorker }) => {
    await configureExtension(context, extensionId, { baseUrl: 'http://127.0.0.1:9', ...AUTO_ENRICH }, demoCredentials());
    await serveFixture(context, /www\.linkedin\.com/, profilePage);
    await openTab(context, PROFILE_URL);
    const tabId = await tabIdOf(serviceWorker, PROFILE_URL);
    const panel = await SidePanelPage.open(context, extensionId, tabId);
    await sendMessage(panel.page, 'lookup', { tabId, query: { kind: 'email', value: 'dana@northwind.io' } });
    await expect(panel.page.getByText('Could not look up dana@northwind.io.')).toBeVisible({ timeout: 60_000 });
    await expect(panel.page.getByRole('button', { name: 'Retry' })).toBeVisible();
    await axeBothSchemes(panel.page);
    await shootBoth(panel.page, 'sidepanel-error');
  });

  test('popup: connection, provider, credits, what this tab holds, quick lookup', async ({ context, extensionId, serviceWorker }) => {
    // The feed: nothing there for Sidecar to detect.
    const feed = 'https://www.linkedin.com/feed/';
    await serveFixture(context, /www\.linkedin\.com/, '<!doctype html><title>Feed | LinkedIn</title><main><p>Nothing to see.</p></main>');
    await openTab(context, feed);
    const tabId = await tabIdOf(serviceWorker, feed);
    const popup = await PopupPage.open(context, extensionId, tabId);
    await expect(popup.connection()).toHaveText('Connected');
    await expect(popup.page.getByTestId('provider')).toContainText('enterprise API');
    await expect(popup.found()).toHaveText('nothing found');
    await sendMessage(popup.page, 'lookup', { tabId, query: { kind: 'email', value: 'dana@northwind.io' } });
    await expect(popup.found()).toHaveText('1 person, 0 companies');
    await expect(popup.page.getByTestId('credits')).toHaveText(/\d/);
    await axeBothSchemes(popup.page);
    await popup.page.setViewportSize({ width: 400, height: 440 });
    await shootBoth(popup.page, 'popup', false);

    // Quick lookup: looks the company up on this tab, opens the panel, closes the popup.
    await popup.page.getByLabel('Quick lookup').fill('https://www.northwind.io/about');
    await Promise.all([popup.page.waitForEvent('close'), popup.page.getByRole('button', { name: 'Look up' }).click()]);
    const panel = await SidePanelPage.open(context, extensionId, tabId);
    await expect(panel.cardTitle()).toHaveText('Northwind Traders');
  });

  test('options: Test connection says who you are and your usage, or exactly why not', async ({ context, extensionId, server }) => {
    const options = await OptionsPage.open(context, extensionId);
    await expect(options.field('Username')).toHaveValue('demo@example.com');
    // The page's status has signed in once already (credits shown); /authenticate allows one a second.
    await expect(options.page.getByTestId('credits')).toHaveText(/\d/);
    await options.testConnection();
    await expect(options.success()).toContainText('Connected as demo@example.com');
    await expect(options.page.getByTestId('usage')).toBeVisible();
    await expect(options.page.getByTestId('shortcut')).toHaveText(/Alt\+Shift\+S/);
    await axeBothSchemes(options.page);
    await shootBoth(options.page, 'options');

    await options.field('Password').fill('wrong-password');
    server.clearRequestLog();
    await options.testConnection();
    await expect(options.failure()).toBeVisible();
    await expect(options.failure()).toHaveText(/password|credential|sign/i);
    expect(server.requestLog.filter((e) => e.path === '/authenticate').map((e) => e.status)).toEqual([401]);
    await shootBoth(options.page, 'options-test-failed', false);
  });
  test('options: site switches, automatic enrichment and cache take effect through the background', async ({ context, extensionId, serviceWorker, server }) => {
    const options = await OptionsPage.open(context, extensionId);
    const linkedin = options.page.getByRole('switch', { name: 'LinkedIn', exact: true });
    await expect(linkedin).toBeChecked();
    await linkedin.uncheck();

    await options.page.getByRole('switch', { name: 'Enrich what I open automatically' }).uncheck();
    const stored = async () =>
      serviceWorker.evaluate(async () => {
        const { chrome } = globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, { sites: Record<string, boolean>; autoEnrich: boolean }>> } } } };
        return (await chrome.storage.local.get('settings')).settings;
      });
    await expect.poll(async () => (await stored())?.sites.linkedin).toBe(false);
    await expect.poll(async () => (await stored())?.autoEnrich).toBe(false);
    // …and nothing else changed (the sign-in settings survive a switch).
    expect(await stored()).toMatchObject({ authMethod: 'password', username: 'demo@example.com', baseUrl: server.url });

    // LinkedIn is off: a profile there is not read.
    await serveFixture(context, /www\.linkedin\.com/, profilePage);
    await openTab(context, PROFILE_URL);
    const tabId = await tabIdOf(serviceWorker, PROFILE_URL);
    const panel = await SidePanelPage.open(context, extensionId, tabId);
    await expect(panel.page.getByRole('heading', { name: 'Nothing found on this page yet' })).toBeVisible();

    await options.page.getByRole('button', { name: 'Clear cache' }).click();
    await expect(options.page.getByText(/^Cleared \d+ cached lookups?\.$/)).toBeVisible();
  });
});

test('names, titles and headlines carrying HTML or script render as inert text', async ({ context, extensionId, server }) => {
  await configureExtension(context, extensionId, { baseUrl: server.url, ...AUTO_ENRICH }, demoCredentials());
  const payload = '<img src=x onerror="window.__pwned=1">';
  const tabId = 987654;
  const state: TabState = {
    tabId,
    url: 'https://example.com/',
    updatedAt: Date.now(),
    entities: [
      {
        key: 'email:x@evil.example',
        detection: { kind: 'email', value: 'x@evil.example', source: 'text', confidence: 1 },
        state: {
          status: 'RESULT',
          at: Date.now(),
          result: {
            type: 'contact',
            contact: { id: 1, firstName: payload, lastName: '<script>window.__pwned=2</script>', jobTitle: '<b onmouseover=alert(1)>CEO</b>', email: 'x@evil.example', externalUrls: [{ type: 'linkedin', url: 'javascript:alert(1)' }] },
            candidates: [],
            company: null,
            revealed: true,
            provenance: { provider: 'test', matchedOn: '<i>email</i>', matchStatus: 'FULL_MATCH', accuracy: 90, lastUpdated: null },
          },
        },
      },
    ],
  };
  const panel = await SidePanelPage.open(context, extensionId, tabId);
  await panel.page.evaluate(
    async ({ state, tabId }) => {
      const { storage } = (globalThis as unknown as { chrome: { storage: { session: { set(v: object): Promise<void> } } } }).chrome;
      await storage.session.set({ [`tab:${tabId}`]: state, [`selection:${tabId}`]: { key: 'email:x@evil.example', at: Date.now() } });
    },
    { state, tabId },
  );
  await expect(panel.cardTitle()).toContainText(payload);
  await expect(panel.page.getByText('<b onmouseover=alert(1)>CEO</b>')).toBeVisible();
  expect(await panel.page.locator('.card img, .card script, .card b').count()).toBe(0);
  expect(await panel.page.locator('a[href^="javascript:"]').count()).toBe(0);
  expect(await panel.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('a page with 3,000 detections: the list stays virtual and the panel opens fast', async ({ context, extensionId, server }) => {
  await configureExtension(context, extensionId, { baseUrl: server.url, ...AUTO_ENRICH }, demoCredentials());
  const tabId = 987655;
  const entities: TabState['entities'] = Array.from({ length: 3000 }, (_, i) => ({
    key: `email:person${i}@example.com`,
    detection: { kind: 'email' as const, value: `person${i}@example.com`, source: 'text', confidence: 1 },
    state: { status: 'NO_RESULT' as const, tried: `email person${i}@example.com`, at: Date.now() },
  }));
  const seed = await context.newPage();
  await seed.goto(`chrome-extension://${extensionId}/options.html`);
  await seed.evaluate(
    async ({ entities, tabId }) => {
      const { storage } = (globalThis as unknown as { chrome: { storage: { session: { set(v: object): Promise<void> } } } }).chrome;
      await storage.session.set({ [`tab:${tabId}`]: { tabId, url: 'https://example.com/', updatedAt: Date.now(), entities } });
    },
    { entities, tabId },
  );
  const panel = await SidePanelPage.open(context, extensionId, tabId);
  await expect(panel.page.getByText('3000 found')).toBeVisible();
  const rendered = await panel.page.locator('.entity-button').count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(80);
  await panel.page.getByTestId('entity-scroller').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(panel.entity('person2999@example.com')).toBeVisible();
});
