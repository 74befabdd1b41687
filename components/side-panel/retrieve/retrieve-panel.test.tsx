// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaptureRow } from '../../../utils/audiences/capture.ts';
import { parseConnector } from '../../../utils/connectors/connector.ts';
import { accountsAction, appZConnector } from '../../../utils/connectors/test-fixtures.ts';
import type { ConnectorView, RetrieveTable } from '../../../utils/connectors/views.ts';
import { byLabel, byText, click, fakeBackground, render, type, waitFor, type Rendered } from '../../../tests/unit/testing.tsx';
import { CapabilitiesProvider } from '../../background.tsx';
import { SearchTab } from '../search/search-tab.tsx';
import { RetrievePanel, retrieveChoices } from './retrieve-panel.tsx';

const appZ = parseConnector(appZConnector({ actions: [accountsAction] }));
const view = (patch: Partial<ConnectorView> = {}): ConnectorView => ({ definition: appZ, source: 'user', readOnly: false, status: 'connected', secretStored: true, keyManaged: false, ...patch });
const table: RetrieveTable = {
  status: 200,
  durationMs: 12.4,
  columns: accountsAction.outputs,
  rows: [
    ['Northwind Traders', 'northwind.io', 'Avery Stone'],
    ['=HYPERLINK("x")', 'globex.com', 'Sam Lee'],
  ],
};

let rendered: Rendered | undefined;
afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
  vi.restoreAllMocks();
});

describe('Retrieve from the side panel', () => {
  it('offers only Retrieve actions', () => {
    expect(retrieveChoices([view()]).map((c) => c.action.id)).toEqual(['accounts']);
    expect(retrieveChoices([view({ definition: parseConnector(appZConnector()) })])).toEqual([]);
  });

  it('runs the action with the parameters given, shows the table, and exports it as CSV with formulas defused', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return 'blob:test';
    });
    const background = fakeBackground({ runRetrieveAction: () => table });
    rendered = await render(<RetrievePanel choices={retrieveChoices([view()])} />, background);
    const page = byLabel(rendered.container, 'page');
    expect((page as HTMLInputElement).value).toBe('1');
    await type(page, '2');
    await click(byText(rendered.container, 'button', 'Run Accounts'));
    await waitFor(() => expect(rendered?.container.querySelector('[data-testid="retrieve-summary"]')?.textContent).toBe('2 rows · HTTP 200 · 12 ms'));
    expect(background.calls).toEqual([{ name: 'runRetrieveAction', input: { connectorId: 'app-z', actionId: 'accounts', values: { page: '2' } } }]);
    expect([...rendered.container.querySelectorAll('[data-testid="retrieve-table"] th')].map((th) => th.textContent)).toEqual(['Account', 'Domain', 'Owner']);
    expect(rendered.container.querySelectorAll('[data-testid="retrieve-table"] tbody tr')).toHaveLength(2);

    await click(byText(rendered.container, 'button', 'Export CSV'));
    const lines = (await blobs[0]?.text())?.split('\r\n') ?? [];
    expect(lines.slice(0, 3)).toEqual(['Account,Domain,Owner', 'Northwind Traders,northwind.io,Avery Stone', `"'=HYPERLINK(""x"")",globex.com,Sam Lee`]);
  });

  it('adds the rows to a list by what their columns are', async () => {
    const captured: CaptureRow[][] = [];
    const background = fakeBackground({
      runRetrieveAction: () => table,
      listsOverview: () => ({ access: 'manage', needs: null, folders: [], lists: [] }),
      createList: ({ name }) => ({ id: 'list-1', attributes: { name, type: 'CONTACT', recordCount: 0, folderId: 'f', columns: [] } }),
      captureRowsToList: ({ rows }) => (captured.push(rows), { jobId: 'job-1', state: 'done', done: rows.length, total: rows.length, error: null }),
    });
    rendered = await render(
      <CapabilitiesProvider capabilities={['audiences']}>
        <RetrievePanel choices={retrieveChoices([view()])} />
      </CapabilitiesProvider>,
      background,
    );
    await click(byText(rendered.container, 'button', 'Run Accounts'));
    await waitFor(() => expect(byText(rendered?.container ?? document, 'button', 'Add 2 to list')).toBeDefined());
    await click(byText(rendered.container, 'button', 'Add 2 to list'));
    await waitFor(() => expect(rendered?.container.querySelector('[aria-label="New list name"]')).not.toBeNull());
    await type(rendered.container.querySelector('[aria-label="New list name"]'), 'App-Z accounts');
    await click(byText(rendered.container, 'button[type="submit"]', 'Add'));
    await waitFor(() => expect(captured).toHaveLength(1));
    expect(captured[0]?.map((r) => [r.key, r.company, r.website, r.sourceUrl])).toEqual([
      ['domain:northwind.io', 'Northwind Traders', 'northwind.io', 'App-Z: Accounts'],
      ['domain:globex.com', '=HYPERLINK("x")', 'globex.com', 'App-Z: Accounts'],
    ]);
  });

  it('a connector not connected cannot run, and says where to connect it', async () => {
    rendered = await render(<RetrievePanel choices={retrieveChoices([view({ status: 'reconnect_needed' })])} />, fakeBackground({}));
    expect(rendered.container.textContent).toContain('App-Z is not connected.');
    expect((byText(rendered.container, 'button', 'Run Accounts') as HTMLButtonElement).disabled).toBe(true);
  });

  it('without outputs saying what they are, the rows can be exported but not added to a list, and it says why', async () => {
    const plain: RetrieveTable = { ...table, columns: accountsAction.outputs.map(({ path, label }) => ({ path, label })) };
    rendered = await render(
      <CapabilitiesProvider capabilities={['audiences']}>
        <RetrievePanel choices={retrieveChoices([view()])} />
      </CapabilitiesProvider>,
      fakeBackground({ runRetrieveAction: () => plain }),
    );
    await click(byText(rendered.container, 'button', 'Run Accounts'));
    await waitFor(() => expect(rendered?.container.textContent).toContain('To add these rows to a list'));
    expect(byText(rendered.container, 'button', /to list/)).toBeUndefined();
    expect(byText(rendered.container, 'button', 'Export CSV')).toBeDefined();
  });
});

describe('the Search tab', () => {
  it('offers connectors only once one has a Retrieve action, and switches to them', async () => {
    const noRetrieve = fakeBackground({ connectorsOverview: () => ({ connectors: [view({ definition: parseConnector(appZConnector()) })], problems: [], redirectUrl: '', waterfall: {}, waterfallManaged: false }) });
    rendered = await render(<SearchTab />, noRetrieve);
    await waitFor(() => expect(noRetrieve.calls.map((c) => c.name)).toContain('connectorsOverview'));
    await waitFor(() => expect(byText(rendered?.container ?? document, 'button', 'Search contacts')).toBeDefined());
    expect(rendered.container.querySelector('[aria-label="Search in"]')).toBeNull();
    rendered.unmount();

    rendered = await render(<SearchTab />, fakeBackground({ connectorsOverview: () => ({ connectors: [view()], problems: [], redirectUrl: '', waterfall: {}, waterfallManaged: false }) }));
    await waitFor(() => expect(rendered?.container.querySelector('[aria-label="Search in"]')).not.toBeNull());
    await click(rendered.container.querySelector('input[value="connectors"]'));
    expect(byText(rendered.container, 'button', 'Run Accounts')).toBeDefined();
  });
});
