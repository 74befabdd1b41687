// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { parseConnector, type ConnectorDefinition } from '../../../utils/connectors/connector.ts';
import { accountsAction, appZConnector } from '../../../utils/connectors/test-fixtures.ts';
import type { ActionTestResult, ConnectorsOverview, ConnectorView } from '../../../utils/connectors/views.ts';
import { SidecarError } from '../../../utils/errors.ts';
import { byLabel, byText, click, fakeBackground, render, type, waitFor, type FakeBackground, type Rendered } from '../../../tests/unit/testing.tsx';
import { ConnectorsSection } from './connectors-section.tsx';
import { idFromName } from './connector-form.tsx';

const permissions = fakeBrowser.permissions as unknown as { request(p: { origins: string[] }): Promise<boolean> };

const appZ = parseConnector(appZConnector({ baseUrl: 'https://appz.example.com/app-z' }));
const view = (definition: ConnectorDefinition, patch: Partial<ConnectorView> = {}): ConnectorView => ({ definition, source: 'user', readOnly: false, status: 'not_connected', secretStored: false, keyManaged: false, ...patch });
const overview = (connectors: ConnectorView[], patch: Partial<ConnectorsOverview> = {}): ConnectorsOverview => ({
  connectors,
  problems: [],
  redirectUrl: 'https://abcdefgh.chromiumapp.org/',
  waterfall: {},
  waterfallManaged: false,
  ...patch,
});

let rendered: Rendered | undefined;
afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
  vi.restoreAllMocks();
});

/** Options with `connector` listed, its form opened and Test API pressed, answered with `result`; saving echoes the definition. */
async function testedInTheForm(connector: ConnectorDefinition, result: ActionTestResult): Promise<{ background: FakeBackground; container: HTMLElement }> {
  const background = fakeBackground({
    connectorsOverview: () => overview([view(connector)]),
    testConnectorAction: () => result,
    saveConnector: (input) => view(parseConnector((input as { connector: unknown }).connector)),
  });
  vi.spyOn(permissions, 'request').mockResolvedValue(true);
  rendered = await render(<ConnectorsSection />, background);
  const { container } = rendered;
  await waitFor(() => expect(rows()).toHaveLength(1));
  await click(byText(container, 'button', 'Edit'));
  await click(byText(container, 'button', 'Test API'));
  return { background, container };
}

const rows = () => [...(rendered?.container.querySelectorAll<HTMLElement>('[data-testid="connector-row"]') ?? [])];

describe('Options → Connectors', () => {
  it('lists each connector with its state; one set by the organisation has no Edit or Delete', async () => {
    const managed = parseConnector(appZConnector({ id: 'crm', name: 'Org CRM', baseUrl: 'https://crm.example.com' }));
    const background = fakeBackground({
      connectorsOverview: () => overview([view(appZ, { status: 'reconnect_needed' }), view(managed, { source: 'managed', readOnly: true, status: 'connected' })], { problems: ['Policy connector #2: baseUrl: must use https.'] }),
    });
    rendered = await render(<ConnectorsSection />, background);
    await waitFor(() => expect(rows()).toHaveLength(2));
    const [mine, theirs] = rows();
    expect(mine?.textContent).toContain('Reconnect needed');
    expect(byText(mine ?? document.body, 'button', 'Reconnect')).toBeDefined();
    expect(byText(mine ?? document.body, 'button', 'Edit')).toBeDefined();
    expect(theirs?.textContent).toContain('Set by your organisation');
    expect(byText(theirs ?? document.body, 'button', 'Edit')).toBeUndefined();
    expect(byText(theirs ?? document.body, 'button', 'Delete')).toBeUndefined();
    expect(rendered.container.textContent).toContain('Policy connector #2: baseUrl: must use https.');
  });

  it('a connector whose key the organisation deployed says so, and offers neither Connect nor Disconnect', async () => {
    const background = fakeBackground({ connectorsOverview: () => overview([view(appZ, { source: 'managed', readOnly: true, status: 'connected', keyManaged: true })]) });
    rendered = await render(<ConnectorsSection />, background);
    await waitFor(() => expect(rows()).toHaveLength(1));
    const [row] = rows();
    expect(row?.textContent).toContain('Key set by your organisation');
    expect(byText(row ?? document.body, 'button', 'Disconnect')).toBeUndefined();
    expect(byText(row ?? document.body, 'button', 'Connect')).toBeUndefined();
    expect(byText(row ?? document.body, 'button', 'Export')).toBeDefined();
  });

  it('connecting an API-key connector asks for the key and sends it once', async () => {
    const background = fakeBackground({ connectorsOverview: () => overview([view(appZ)]), connectConnector: () => view(appZ, { status: 'connected', secretStored: true }) });
    rendered = await render(<ConnectorsSection />, background);
    await waitFor(() => expect(rows()).toHaveLength(1));
    await click(byText(rendered.container, 'button', 'Connect'));
    await type(rendered.container.querySelector('[aria-label="App-Z key"]'), 'secret-key');
    await click(byText(rendered.container, 'button[type="submit"]', 'Connect'));
    await waitFor(() => expect(background.calls.filter((c) => c.name === 'connectConnector')).toEqual([{ name: 'connectConnector', input: { connectorId: 'app-z', apiKey: 'secret-key' } }]));
  });

  it('saving a new connector asks for its site first, then saves; the schema refusal is shown and nothing else happens', async () => {
    const request = vi.spyOn(permissions, 'request').mockResolvedValue(true);
    let refuse = true;
    const background = fakeBackground({
      connectorsOverview: () => overview([]),
      saveConnector: (input) => {
        if (refuse) throw new SidecarError('invalid_input', 'This connector cannot be saved: actions.0: The endpoint must stay under the base URL.');
        return view(parseConnector((input as { connector: unknown }).connector));
      },
    });
    rendered = await render(<ConnectorsSection />, background);
    await click(byText(rendered.container, 'button', 'New connector'));
    await type(byLabel(rendered.container, 'Connector name'), 'App Z');
    await type(byLabel(rendered.container, 'Base URL'), 'https://appz.example.com/app-z');
    await click(byText(rendered.container, 'button', 'Save connector'));
    await waitFor(() => expect(rendered?.container.textContent).toContain('The endpoint must stay under the base URL.'));
    expect(request).toHaveBeenCalledWith({ origins: ['https://appz.example.com/*'] });
    refuse = false;
    await click(byText(rendered.container, 'button', 'Save connector'));
    await waitFor(() => expect(rendered?.container.textContent).toContain('App Z saved.'));
    const saved = background.calls.filter((c) => c.name === 'saveConnector').at(-1)?.input as { connector: ConnectorDefinition };
    expect(saved.connector).toMatchObject({ id: 'app-z', name: 'App Z', baseUrl: 'https://appz.example.com/app-z' });
  });

  it('a stored client secret is never shown again, only that it is stored', async () => {
    const oauth = parseConnector(
      appZConnector({ auth: { type: 'oauth2', authorizationUrl: 'https://appz.example.com/oauth/authorize', tokenUrl: 'https://appz.example.com/oauth/token', scopes: 'people:read', clientId: 'appz-demo', hasClientSecret: true } }),
    );
    rendered = await render(<ConnectorsSection />, fakeBackground({ connectorsOverview: () => overview([view(oauth, { secretStored: true })]) }));
    await waitFor(() => expect(rows()).toHaveLength(1));
    await click(byText(rendered.container, 'button', 'Edit'));
    const secret = byLabel(rendered.container, 'Client secret (optional)') as HTMLInputElement | undefined;
    expect(secret?.value).toBe('');
    expect(secret?.placeholder).toBe('Stored — type to replace');
    expect(rendered.container.querySelector('[data-testid="redirect-url"]')?.textContent).toBe('https://abcdefgh.chromiumapp.org/');
  });

  it('an import file of another shape is refused with a sentence', async () => {
    rendered = await render(<ConnectorsSection />, fakeBackground({ connectorsOverview: () => overview([]) }));
    const input = rendered.container.querySelector<HTMLInputElement>('[aria-label="Import a connector file"]');
    if (!input) throw new Error('no import input');
    const file = new File(['{"format":"something-else"}'], 'other.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file] });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => expect(rendered?.container.textContent).toContain('This file is not a Sidecar connector'));
  });

  it('Test API shows status, time and the answer, and its fields become outputs', async () => {
    const result = { status: 200, durationMs: 42, bytes: 57, json: { segment: 'Mid-market', owner: 'Ana' }, outputs: [], fields: [{ path: 'segment', suggestedLabel: 'Segment', sample: 'Mid-market' }, { path: 'owner', suggestedLabel: 'Owner', sample: 'Ana' }] };
    const { background, container } = await testedInTheForm(appZ, result);
    await waitFor(() => expect(container.querySelector('[data-testid="test-result"]')?.textContent).toContain('HTTP 200 · 42 ms'));
    expect(background.calls.find((c) => c.name === 'testConnectorAction')?.input).toMatchObject({ actionId: 'competitors', values: { domain: 'northwind.io' } });
    await click(container.querySelector('[aria-label="Use segment as an output"]'));
    await click(byText(container, 'button', 'Save connector'));
    await waitFor(() => expect(background.calls.some((c) => c.name === 'saveConnector')).toBe(true));
    const saved = background.calls.find((c) => c.name === 'saveConnector')?.input as { connector: ConnectorDefinition };
    expect(saved.connector.actions[0]?.outputs).toContainEqual({ path: 'segment', label: 'Segment' });
  });

  it('a Retrieve action’s outputs say what each is of a person or company (guessed first), for adding its rows to a list', async () => {
    // The action as first defined: no outputs yet.
    const withAccounts = parseConnector(appZConnector({ baseUrl: 'https://appz.example.com/app-z', actions: [{ ...accountsAction, outputs: [] }] }));
    const fields = [
      { path: 'data[].name', suggestedLabel: 'Name', sample: 'Northwind Traders' },
      { path: 'data[].domain', suggestedLabel: 'Domain', sample: 'northwind.io' },
      { path: 'data[].owner', suggestedLabel: 'Owner', sample: 'Avery Stone' },
    ];
    const { background, container } = await testedInTheForm(withAccounts, { status: 200, durationMs: 9, bytes: 80, json: { data: [] }, outputs: [], fields });
    await waitFor(() => expect(container.querySelector('[aria-label="Use data[].name as an output"]')).not.toBeNull());
    for (const path of ['data[].name', 'data[].domain', 'data[].owner']) await click(container.querySelector(`[aria-label="Use ${path} as an output"]`));
    const what = (path: string) => container.querySelector<HTMLSelectElement>(`[aria-label="What ${path} is"]`);
    expect([what('data[].name')?.value, what('data[].domain')?.value, what('data[].owner')?.value]).toEqual(['fullName', 'domain', '']);
    // Under accounts, a name is the company's: the admin says so.
    const name = what('data[].name');
    await act(async () => {
      if (name) name.value = 'companyName';
      name?.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await click(byText(container, 'button', 'Save connector'));
    await waitFor(() => expect(background.calls.some((c) => c.name === 'saveConnector')).toBe(true));
    const saved = background.calls.find((c) => c.name === 'saveConnector')?.input as { connector: ConnectorDefinition };
    expect(saved.connector.actions[0]?.outputs).toEqual([
      { path: 'data[].name', label: 'Name', entityField: 'companyName' },
      { path: 'data[].domain', label: 'Domain', entityField: 'domain' },
      { path: 'data[].owner', label: 'Owner' },
    ]);
  });
});

describe('idFromName', () => {
  it('makes a connector id of lower-case letters, digits and dashes', () => {
    expect(idFromName('App-Z Dashboard')).toBe('app-z-dashboard');
    expect(idFromName('  Ünïcode & Co.  ')).toBe('unicode-co');
    expect(idFromName('!!!')).toBe('connector');
  });
});
