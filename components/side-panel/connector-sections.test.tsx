// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectorSection } from '../../utils/connectors/views.ts';
import { SidecarError } from '../../utils/errors.ts';
import { byText, click, fakeBackground, render, waitFor, type Rendered } from '../../tests/unit/testing.tsx';
import { ConnectorSections, outputText } from './connector-sections.tsx';

const SVG_LOGO = `data:image/svg+xml;base64,${btoa('<svg xmlns="http://www.w3.org/2000/svg"/>')}`;

const competitors: ConnectorSection = {
  connectorId: 'app-z',
  connectorName: 'App-Z',
  logo: SVG_LOGO,
  actionId: 'competitors',
  actionName: 'Competitors',
  category: 'Enrich',
  outputs: [
    { label: 'Competitors', path: 'competitors[].name', value: ['Contoso', 'Fabrikam'] },
    { label: 'Segment', path: 'segment', value: 'Mid-market' },
    { label: 'Owner', path: 'owner', value: null },
  ],
  error: null,
  at: Date.now() - 60_000,
};
const note: ConnectorSection = { ...competitors, actionId: 'add-note', actionName: 'Add a note', category: 'Connect', outputs: null, at: null };
const ref = { tabId: 4, key: 'domain:northwind.io' };

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
});

describe('ConnectorSections', () => {
  it("shows an Enrich action's outputs under the connector's logo and name, empty outputs left out", async () => {
    const background = fakeBackground({ connectorSections: () => [competitors] });
    view = await render(<ConnectorSections tabId={4} entityKey={ref.key} />, background);
    await waitFor(() => expect(view?.container.querySelector('[data-testid="connector-section"]')).not.toBeNull());
    const section = view.container.querySelector('[data-testid="connector-section"]');
    expect(section?.querySelector('h3')?.textContent).toContain('App-Z');
    expect(section?.querySelector('img.connector-logo')?.getAttribute('src')).toBe(SVG_LOGO);
    expect(section?.textContent).toContain('Contoso, Fabrikam');
    expect(section?.textContent).toContain('Mid-market');
    expect(section?.textContent).not.toContain('Owner');
    expect(background.calls).toEqual([{ name: 'connectorSections', input: { ...ref, refresh: false } }]);
    await click(byText(view.container, 'button', 'Refresh connector data'));
    await waitFor(() => expect(background.calls.at(-1)).toEqual({ name: 'connectorSections', input: { ...ref, refresh: true } }));
  });

  it("a connector's failure stays in its own section, with its sentence", async () => {
    const failed: ConnectorSection = { ...competitors, outputs: null, error: { id: 'http_error', message: 'App-Z answered HTTP 503.' }, at: null };
    view = await render(<ConnectorSections tabId={4} entityKey={ref.key} />, fakeBackground({ connectorSections: () => [failed] }));
    await waitFor(() => expect(view?.container.textContent).toContain('App-Z answered HTTP 503.'));
  });

  it('renders nothing when no connector applies to this card', async () => {
    const background = fakeBackground({ connectorSections: () => [] });
    view = await render(<ConnectorSections tabId={4} entityKey={ref.key} />, background);
    await waitFor(() => expect(background.calls).toHaveLength(1));
    await waitFor(() => expect(view?.container.textContent).toBe(''));
  });

  it('a Connect action shows exactly what it will send, and sends only after the rep confirms', async () => {
    const preview = { method: 'POST', url: 'http://127.0.0.1:8787/app-z/api/notes', headers: [{ name: 'Content-Type', value: 'application/json' }], body: '{"email":"dana@northwind.io"}' };
    const background = fakeBackground({ connectorSections: () => [competitors, note], previewConnectAction: () => preview, runConnectAction: () => ({ status: 201, durationMs: 12 }) });
    view = await render(<ConnectorSections tabId={4} entityKey={ref.key} />, background);
    await waitFor(() => expect(byText(view?.container ?? document.body, 'button', 'Add a note')).toBeDefined());
    await click(byText(view.container, 'button', 'Add a note'));
    await waitFor(() => expect(view?.container.querySelector('[data-testid="connect-preview"]')).not.toBeNull());
    const shown = view.container.querySelector('[data-testid="connect-preview"]')?.textContent ?? '';
    expect(shown).toContain('POST http://127.0.0.1:8787/app-z/api/notes');
    expect(shown).toContain('"email": "dana@northwind.io"');
    expect(background.calls.map((c) => c.name)).not.toContain('runConnectAction');
    await click(byText(view.container, 'button', 'Send'));
    await waitFor(() => expect(view?.container.textContent).toContain('Sent to App-Z (HTTP 201).'));
    expect(background.calls.filter((c) => c.name === 'runConnectAction')).toEqual([{ name: 'runConnectAction', input: { ...ref, connectorId: 'app-z', actionId: 'add-note' } }]);
  });

  it('cancelling a Connect action sends nothing', async () => {
    const background = fakeBackground({ connectorSections: () => [note], previewConnectAction: () => ({ method: 'POST', url: 'u', headers: [], body: null }), runConnectAction: () => ({ status: 201, durationMs: 1 }) });
    view = await render(<ConnectorSections tabId={4} entityKey={ref.key} />, background);
    await waitFor(() => expect(byText(view?.container ?? document.body, 'button', 'Add a note')).toBeDefined());
    await click(byText(view.container, 'button', 'Add a note'));
    await waitFor(() => expect(byText(view?.container ?? document.body, 'button', 'Cancel')).toBeDefined());
    await click(byText(view.container, 'button', 'Cancel'));
    expect(background.calls.map((c) => c.name)).toEqual(['connectorSections', 'previewConnectAction']);
  });

  it('says so when the connectors cannot be asked, and retries', async () => {
    let fail = true;
    const background = fakeBackground({
      connectorSections: () => {
        if (fail) throw new SidecarError('internal', 'The worker restarted.');
        return [competitors];
      },
    });
    view = await render(<ConnectorSections tabId={4} entityKey={ref.key} />, background);
    await waitFor(() => expect(view?.container.textContent).toContain('The worker restarted.'));
    fail = false;
    await click(byText(view.container, 'button', 'Retry'));
    await waitFor(() => expect(view?.container.textContent).toContain('Mid-market'));
  });
});

describe('outputText', () => {
  it('shows scalars, joins lists of scalars, and anything deeper as JSON text', () => {
    expect(outputText('a')).toBe('a');
    expect(outputText(3)).toBe('3');
    expect(outputText(false)).toBe('false');
    expect(outputText(null)).toBe('');
    expect(outputText(['a', null, 'b'])).toBe('a, b');
    expect(outputText([{ a: 1 }])).toBe('[{"a":1}]');
  });
});
