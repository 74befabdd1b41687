import { test, expect, serveFixture } from './fixtures.ts';
import { configureExtension, demoCredentials } from './configure.ts';
import { openTab, sendMessage, shootBoth, tabIdOf, waitForSignIn } from './pages/extension.ts';
import { PopupPage } from './pages/popup.ts';
import { SearchTab } from './pages/search-tab.ts';
import { SidePanelPage } from './pages/side-panel.ts';

/**
 * An account whose bundle has no intent (issue 15): the reference server answers its intent
 * endpoints 403 as the published API does (`ENTITLEMENTS`), and the extension keeps everything else.
 */

const ACCOUNT_URL = 'https://acme.lightning.force.com/lightning/r/Account/0015e00000NwTrAAAV/view';
const accountPage = `<!doctype html><html><head><title>Northwind Traders | Account | Salesforce</title></head><body>
<div class="slds-page-header"><h1><span>Account</span><span class="slds-page-header__title">Northwind Traders</span></h1></div>
<div class="record-body">
<div class="slds-form-element"><span class="slds-form-element__label">Website</span><div class="slds-form-element__control"><a href="https://www.northwind.io">www.northwind.io</a></div></div>
</div></body></html>`;

test.describe('an enterprise account without intent', () => {
  test.use({ serverConfig: { entitlements: 'demo@example.com=contact,company,news,scoop' } });

  test.beforeEach(async ({ context, extensionId, server }) => {
    await configureExtension(context, extensionId, { baseUrl: server.url }, demoCredentials());
    await waitForSignIn(context, extensionId);
  });

  test('the company card shows news and scoops and says plainly that intent is not included; so does intent search; no error sticks', async ({ context, extensionId, serviceWorker, server }) => {
    await serveFixture(context, /acme\.lightning\.force\.com/, accountPage);
    await openTab(context, ACCOUNT_URL);
    const tabId = await tabIdOf(serviceWorker, ACCOUNT_URL);
    const panel = await SidePanelPage.open(context, extensionId, tabId);
    await sendMessage(panel.page, 'lookup', { tabId, query: { kind: 'domain', value: 'northwind.io' } });
    await expect(panel.cardTitle()).toHaveText('Northwind Traders');

    const intent = panel.page.getByTestId('intent-section');
    await expect(intent.getByTestId('not-entitled')).toHaveText('Your account does not include intent data.');
    await expect(intent.getByTestId('intent-topic')).toHaveCount(0);
    await expect(intent.getByRole('button', { name: 'Try again' })).toHaveCount(0);
    await expect(panel.page.getByTestId('news-section')).toContainText('Northwind Traders raises $45M Series C');
    await expect(panel.page.getByTestId('scoops-section')).toContainText('Evaluating a new CRM for a 60-seat sales team in Q1 2027');
    await expect(panel.page.getByText(/Could not load/)).toHaveCount(0);
    // The server did refuse intent, as published: the sentence comes from that answer, not from a guess.
    const refused = server.requestLog.filter((e) => e.path === '/enrich/intent');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((e) => e.status === 403 && e.errorId === 'forbidden')).toBe(true);
    await shootBoth(panel.page, 'sidepanel-company-without-intent');

    // The Search tab's "companies researching a topic" says the same, in the same words.
    await panel.tab('Search').click();
    const search = new SearchTab(panel.page);
    await search.mode('Intent').check();
    await search.filter('Topics').fill('Data Warehousing');
    await search.search();
    const searchTab = panel.page.locator('section.search');
    await expect(searchTab.getByTestId('not-entitled')).toHaveText('Your account does not include intent data.');
    await expect(searchTab.getByText('The search failed.')).toHaveCount(0);
    expect(server.requestLog.filter((e) => e.path === '/search/intent').map((e) => e.status)).toEqual([403]);

    // Neither the panel nor the popup keeps a "provider refused" error: the connection is fine.
    await expect(panel.page.getByText('The provider refused the last request.')).toHaveCount(0);
    const popup = await PopupPage.open(context, extensionId, tabId);
    await expect(popup.connection()).toHaveText('Connected');
    await expect(popup.page.getByText('The provider refused the last request.')).toHaveCount(0);
  });
});
