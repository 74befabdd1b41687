import { readFile } from 'node:fs/promises';
import { test, expect, serveFixture } from './fixtures.ts';
import { configureExtension } from './configure.ts';
import { openTab, sendMessage, shootBoth, tabIdOf, waitForSignIn } from './pages/extension.ts';
import type { ListsOverview } from '../../utils/messaging.ts';
import { SidePanelPage } from './pages/side-panel.ts';
import { SearchTab } from './pages/search-tab.ts';

/**
 * The Search tab with an enterprise account and no search API key (issue 15): the enterprise API's
 * own contact, company and intent searches against the reference server, and an export of every
 * matching row. Expectations come from the server's enterprise API itself.
 */

const PAGE_URL = 'https://www.linkedin.com/feed/';
const feed = '<!doctype html><html><head><title>Feed | LinkedIn</title></head><body><main><h1>Feed</h1></main></body></html>';

interface CompanyRow {
  id: number;
  name?: string | null;
  employeeCount?: number | null;
}

/** Signs in to the server's enterprise API directly (waiting out /authenticate's one-a-second limit). */
async function token(base: string): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const r = await fetch(`${base}/authenticate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo@example.com', password: 'demo-password' }),
    });
    if (r.ok) return ((await r.json()) as { jwt: string }).jwt;
    await new Promise((resolve) => setTimeout(resolve, 1100));
  }
  throw new Error('could not sign in to the reference server');
}

async function post<T>(base: string, jwt: string, path: string, body: unknown): Promise<T> {
  const r = await fetch(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(r.status, `${path} ${await r.clone().text()}`).toBe(200);
  return (await r.json()) as T;
}

async function get<T>(base: string, jwt: string, path: string): Promise<T> {
  const r = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${jwt}` } });
  expect(r.status, `${path} ${await r.clone().text()}`).toBe(200);
  return (await r.json()) as T;
}

/**
 * Every company with its exact head count, from the server's database: the published search shows
 * only ranges (employeeRange), exact figures come with enrich.
 */
async function allCompanies(server: { db: { query<T>(sql: string): Promise<T[]> } }): Promise<CompanyRow[]> {
  return server.db.query<CompanyRow>('SELECT id, name, employees AS "employeeCount" FROM companies');
}

/** A head-count window [min, max] holding exactly `n` companies. */
function windowOf(companies: CompanyRow[], n: number): { min: number; max: number } {
  const counts = companies.map((c) => c.employeeCount).filter((e): e is number => typeof e === 'number').sort((a, b) => a - b);
  for (let i = 0; i + n <= counts.length; i++) {
    const [min, max] = [counts[i], counts[i + n - 1]];
    if (min === undefined || max === undefined) break;
    if ((i === 0 || (counts[i - 1] ?? -1) < min) && (counts[i + n] ?? Infinity) > max) return { min, max };
  }
  throw new Error(`no head-count window holds exactly ${n} companies`);
}

test.describe('Search tab with an enterprise account alone (no search API key)', () => {
  test.beforeEach(async ({ context, extensionId, server }) => {
    await configureExtension(context, extensionId, { baseUrl: server.url }, { authMethod: 'password', username: 'demo@example.com', secrets: { password: 'demo-password' } });
    await waitForSignIn(context, extensionId);
  });

  async function openSearch(context: Parameters<typeof SidePanelPage.open>[0], extensionId: string, serviceWorker: Parameters<typeof tabIdOf>[0]) {
    await serveFixture(context, /www\.linkedin\.com/, feed);
    await openTab(context, PAGE_URL);
    const panel = await SidePanelPage.open(context, extensionId, await tabIdOf(serviceWorker, PAGE_URL));
    await panel.tab('Search').click();
    const search = new SearchTab(panel.page);
    // Only the enterprise search has a company-name filter: the panel has chosen it.
    await expect(search.filter('Company name')).toBeVisible();
    return { panel, search };
  }

  test('contacts by title and company; companies by industry and location; companies researching a demo topic', async ({ context, extensionId, serviceWorker, server }) => {
    const { panel, search } = await openSearch(context, extensionId, serviceWorker);
    await expect(panel.page.getByText('Search needs')).toHaveCount(0);
    await expect(search.filter('Domain endings (TLDs)')).toHaveCount(0);

    await search.filter('Job titles').fill('Chief Revenue Officer');
    await search.filter('Company name').fill('Northwind');
    await search.search();
    await expect(search.summary()).toHaveText('1 contact · page 1 of 1');
    await expect(search.rows()).toHaveCount(1);
    await expect(search.rows().first()).toContainText('Dana Lin');
    await expect(search.rows().first()).toContainText('Northwind Traders');
    await shootBoth(panel.page, 'sidepanel-search-enterprise-contacts');

    const jwt = await token(server.url);
    await search.mode('Companies').check();
    // The form is shared between the searches: the company name would still apply.
    await search.filter('Company name').fill('');
    await search.filter('Industries').fill('Software');
    await search.filter('HQ state').fill('California');
    await search.search();
    const expected = await post<{ totalResults: number; data: CompanyRow[] }>(server.url, jwt, '/search/company', { industryKeywords: 'Software', state: 'California', rpp: 25, page: 1 });
    expect(expected.data.map((c) => c.name)).toEqual(expect.arrayContaining(['Northwind Traders', 'Quanta Cloudworks']));
    await expect(search.summary()).toContainText(`${expected.totalResults} compan`);
    await expect(search.rows()).toHaveCount(expected.data.length);
    await expect(panel.page.locator('table.results')).toContainText('Quanta Cloudworks');
    // Technologies by name: the provider sends the tags its lookup gives for them, as published.
    const products = await get<{ data: { id: string; name: string }[] }>(server.url, jwt, '/lookup/tech/product');
    const snowflake = products.data.find((p) => p.name === 'Snowflake')?.id;
    expect(snowflake).toMatch(/^\d+\.\d+\.\d+$/);
    // A search folds the filters away; open them again.
    await panel.page.locator('details.filters > summary').click();
    await search.filter('Technologies').fill('snowflake');
    await search.search();
    const withSnowflake = await post<{ totalResults: number; data: CompanyRow[] }>(server.url, jwt, '/search/company', { industryKeywords: 'Software', state: 'California', techAttributeTagList: snowflake, rpp: 25, page: 1 });
    expect(withSnowflake.data.map((c) => c.name)).toContain('Northwind Traders');
    await expect(search.summary()).toContainText(`${withSnowflake.totalResults} compan`);
    await expect(search.rows()).toHaveCount(withSnowflake.data.length);

    await search.mode('Intent').check();
    // Topics are suggested from the provider's lookup, demo topics among them.
    await expect(panel.page.locator('datalist option[value="Data Warehousing"]')).toHaveCount(1);
    await search.filter('Topics').fill('Data Warehousing');
    await search.search();
    const researching = await post<{ totalResults: number }>(server.url, jwt, '/search/intent', { topics: ['Data Warehousing'], rpp: 25, page: 1 });
    await expect(search.summary()).toContainText(`${researching.totalResults} intent signal`);
    await expect(panel.page.getByTestId('intent-company').filter({ hasText: 'Northwind Traders' })).toContainText('Data Warehousing 71');
    await shootBoth(panel.page, 'sidepanel-search-enterprise-intent');
  });

  test('export: 60 matching companies across 3 pages of 25, every one in the CSV', async ({ context, extensionId, serviceWorker, server }) => {
    const companies = await allCompanies(server);
    const { min, max } = windowOf(companies, 60);
    const ids = companies.filter((c) => typeof c.employeeCount === 'number' && c.employeeCount >= min && c.employeeCount <= max).map((c) => c.id);
    expect(ids).toHaveLength(60);

    const { panel, search } = await openSearch(context, extensionId, serviceWorker);
    await search.mode('Companies').check();
    await search.filter('Employees from').fill(String(min));
    await search.filter('Employees up to').fill(String(max));
    await shootBoth(panel.page, 'sidepanel-search-enterprise-filters');
    await search.search();
    await expect(search.summary()).toHaveText('60 companies · page 1 of 3');
    await expect(search.rows()).toHaveCount(25);
    await shootBoth(panel.page, 'sidepanel-search-enterprise');

    const [download] = await Promise.all([panel.page.waitForEvent('download'), search.exportButton().click()]);
    expect(download.suggestedFilename()).toMatch(/^sidecar-companies-.*\.csv$/);
    const lines = (await readFile(await download.path(), 'utf8')).trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,name,website,industry,employees,revenue_usd,city,state,country');
    expect(lines.slice(1).map((l) => Number(l.split(',')[0])).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
  });

  test('"Add all to list" puts every matching company (3 pages) into a list, once', async ({ context, extensionId, serviceWorker, server }) => {
    await configureExtension(
      context,
      extensionId,
      { baseUrl: server.url, gtmClientId: 'demo-client' },
      { authMethod: 'password', username: 'demo@example.com', secrets: { password: 'demo-password', gtmClientSecret: 'demo-secret' } },
    );
    const { min, max } = windowOf(await allCompanies(server), 60);
    const { panel, search } = await openSearch(context, extensionId, serviceWorker);
    await search.mode('Companies').check();
    await search.filter('Employees from').fill(String(min));
    await search.filter('Employees up to').fill(String(max));
    await search.search();
    await expect(search.summary()).toHaveText('60 companies · page 1 of 3');

    const addAll = async (list: { newName: string } | { existing: string }) => {
      await panel.page.getByRole('button', { name: 'Add all 60 to list' }).click();
      if ('newName' in list) {
        await panel.page.getByRole('combobox', { name: 'List' }).selectOption({ label: 'New list…' });
        await panel.page.getByRole('textbox', { name: 'New list name' }).fill(list.newName);
      } else {
        await panel.page.getByRole('combobox', { name: 'List' }).selectOption({ label: list.existing });
      }
      await panel.page.getByRole('button', { name: 'Add', exact: true }).click();
      await expect(panel.page.getByRole('status').filter({ hasText: 'Added to Mid-size companies (60 checked' })).toBeVisible({ timeout: 30_000 });
    };
    await addAll({ newName: 'Mid-size companies' });
    const overview = async () => (await sendMessage(panel.page, 'listsOverview', {})).output as ListsOverview;
    const list = (await overview()).lists.find((l) => l.attributes.name === 'Mid-size companies');
    expect(list?.attributes.recordCount).toBe(60);
    const rows = (await sendMessage(panel.page, 'listRows', { listId: list?.id, query: { size: 100 } })).output as { data: { attributes: { values: { columnId: string; value: unknown }[] } }[] };
    const source = list?.attributes.columns.find((c) => c.attributes.name === 'Source URL')?.id;
    expect(new Set(rows.data.map((r) => r.attributes.values.find((v) => v.columnId === source)?.value))).toEqual(new Set([`Sidecar search: companies (employeesMin=${min}, employeesMax=${max})`]));

    // The same search again: every company is in the list already (same domain), nothing is added.
    await addAll({ existing: 'Mid-size companies' });
    expect((await overview()).lists.find((l) => l.id === list?.id)?.attributes.recordCount).toBe(60);
  });
});
