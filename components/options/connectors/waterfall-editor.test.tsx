// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConnector } from '../../../utils/connectors/connector.ts';
import { appZConnector, peopleAction } from '../../../utils/connectors/test-fixtures.ts';
import type { ConnectorsOverview, WaterfallConfig, WaterfallStep } from '../../../utils/connectors/views.ts';
import { SidecarError } from '../../../utils/errors.ts';
import { byText, click, fakeBackground, render, waitFor, type FakeBackground, type Rendered } from '../../../tests/unit/testing.tsx';
import { ConnectorsSection } from './connectors-section.tsx';

const appZ = parseConnector(
  appZConnector({ baseUrl: 'https://appz.example.com/app-z', actions: [...(appZConnector().actions ?? []).filter((a) => a.id !== 'person'), { ...peopleAction, outputs: [{ path: 'mobilePhone', label: 'Mobile phone' }, { path: 'email', label: 'Work email' }] }] }),
);
const PROVIDER: WaterfallStep = { kind: 'provider' };
const APPZ_MOBILE: WaterfallStep = { kind: 'connector', connectorId: 'app-z', actionId: 'person', outputPath: 'mobilePhone' };
const APPZ_EMAIL: WaterfallStep = { kind: 'connector', connectorId: 'app-z', actionId: 'person', outputPath: 'email' };

const overview = (waterfall: WaterfallConfig, waterfallManaged = false): ConnectorsOverview => ({
  connectors: [{ definition: appZ, source: 'user', readOnly: false, status: 'connected', secretStored: true, keyManaged: false }],
  problems: [],
  redirectUrl: 'https://abcdefgh.chromiumapp.org/',
  waterfall,
  waterfallManaged,
});

let rendered: Rendered | undefined;
afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
});

function editor(): HTMLElement {
  const node = rendered?.container.querySelector<HTMLElement>('[data-testid="waterfall-editor"]');
  if (!node) throw new Error('no waterfall editor');
  return node;
}
function field(name: string): HTMLElement {
  const node = editor().querySelector<HTMLElement>(`[data-testid="waterfall-${name}"]`);
  if (!node) throw new Error(`no waterfall field ${name}`);
  return node;
}
const stepsOf = (name: string) => [...field(name).querySelectorAll('.waterfall-step-label')].map((el) => el.firstChild?.textContent?.trim());
const control = (root: HTMLElement, label: string) => root.querySelector<HTMLElement>(`[aria-label="${label}"]`);
const saves = (background: FakeBackground) => background.calls.filter((c) => c.name === 'saveWaterfall').map((c) => c.input);

async function choose(select: HTMLElement | null, label: string): Promise<void> {
  if (!(select instanceof HTMLSelectElement)) throw new Error('no select');
  const option = [...select.options].find((o) => o.textContent === label);
  if (!option) throw new Error(`no option "${label}" in ${[...select.options].map((o) => o.textContent).join(', ')}`);
  await act(async () => {
    select.value = option.value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

async function show(waterfall: WaterfallConfig, handlers: Partial<Parameters<typeof fakeBackground>[0]> = {}, managed = false): Promise<FakeBackground> {
  const background = fakeBackground({ connectorsOverview: () => overview(waterfall, managed), saveWaterfall: () => ({ ok: true }), ...handlers });
  rendered = await render(<ConnectorsSection />, background);
  await waitFor(() => expect(rendered?.container.querySelector('[data-testid="waterfall-editor"]')).not.toBeNull());
  return background;
}

describe('Options → Connectors → Waterfall', () => {
  it('offers the provider and every Enrich output not yet in the field, never a Connect or Retrieve action', async () => {
    await show({ mobilePhone: [PROVIDER] });
    const offered = (name: string) => [...(field(name).querySelector('select')?.options ?? [])].filter((o) => o.value !== '').map((o) => o.textContent);
    expect(offered('mobilePhone')).toEqual(['App-Z · Competitors · Competitors', 'App-Z · Competitors · Win rate vs top rival', 'App-Z · Person · Mobile phone', 'App-Z · Person · Work email']);
    expect(offered('email')[0]).toBe('Your provider');
    // Nothing is added until the admin picks a source.
    expect(field('email').querySelector('select')?.value).toBe('');
    expect(control(field('email'), 'Add to Email')?.hasAttribute('disabled')).toBe(true);
    expect(editor().textContent).not.toContain('Send note');
    expect(field('email').textContent).toContain('Provider only: no other source is tried.');
    expect(editor().querySelector('button.primary')?.hasAttribute('disabled')).toBe(true);
  });

  it('builds and reorders the lists, keeps focus on the moved step, and saves exactly the config shown', async () => {
    const background = await show({ mobilePhone: [PROVIDER, APPZ_MOBILE] });
    expect(stepsOf('mobilePhone')).toEqual(['Your provider', 'App-Z · Person · Mobile phone']);

    await click(control(field('mobilePhone'), 'Move App-Z · Person · Mobile phone up'));
    expect(stepsOf('mobilePhone')).toEqual(['App-Z · Person · Mobile phone', 'Your provider']);
    // At the top its Move up is disabled: the keyboard user lands on its Move down instead.
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Move App-Z · Person · Mobile phone down');

    await choose(control(field('email'), 'Source to add to Email'), 'Your provider');
    await click(control(field('email'), 'Add to Email'));
    await choose(control(field('email'), 'Source to add to Email'), 'App-Z · Person · Work email');
    await click(control(field('email'), 'Add to Email'));
    expect(stepsOf('email')).toEqual(['Your provider', 'App-Z · Person · Work email']);
    expect(editor().textContent).toContain('Unsaved changes.');

    await click(byText(editor(), 'button', 'Save waterfall'));
    await waitFor(() => expect(editor().textContent).toContain('Waterfall saved.'));
    expect(saves(background)).toEqual([{ waterfall: { mobilePhone: [APPZ_MOBILE, PROVIDER], email: [PROVIDER, APPZ_EMAIL] } }]);
    expect(editor().querySelector('button.primary')?.hasAttribute('disabled')).toBe(true);
  });

  it('removes a step; an emptied field is provider only and is saved as such', async () => {
    const background = await show({ mobilePhone: [PROVIDER, APPZ_MOBILE], directPhone: [APPZ_MOBILE] });
    await click(control(field('mobilePhone'), 'Remove Your provider'));
    expect(stepsOf('mobilePhone')).toEqual(['App-Z · Person · Mobile phone']);
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Remove App-Z · Person · Mobile phone');
    await click(control(field('directPhone'), 'Remove App-Z · Person · Mobile phone'));
    expect(field('directPhone').textContent).toContain('Provider only');
    // The removed source is offered again.
    expect([...(field('directPhone').querySelector('select')?.options ?? [])].map((o) => o.textContent)).toContain('App-Z · Person · Mobile phone');
    await click(byText(editor(), 'button', 'Save waterfall'));
    await waitFor(() => expect(saves(background)).toEqual([{ waterfall: { mobilePhone: [APPZ_MOBILE] } }]));
  });

  it('shows a step whose connector or action is gone as missing, so it can be removed', async () => {
    const gone: WaterfallStep = { kind: 'connector', connectorId: 'old-crm', actionId: 'person', outputPath: 'mobile' };
    const deleted: WaterfallStep = { kind: 'connector', connectorId: 'app-z', actionId: 'lookup', outputPath: 'mobilePhone' };
    const notEnrich: WaterfallStep = { kind: 'connector', connectorId: 'app-z', actionId: 'note', outputPath: 'id' };
    const background = await show({ mobilePhone: [PROVIDER, gone, deleted, notEnrich] });
    expect(stepsOf('mobilePhone')).toEqual(['Your provider', 'missing: old-crm · person · mobile', 'missing: App-Z · lookup · mobilePhone', 'missing: App-Z · note · id']);
    expect(field('mobilePhone').querySelector('[data-testid="waterfall-missing"]')?.textContent).toContain('There is no connector "old-crm" any more.');
    await click(control(field('mobilePhone'), 'Remove missing: old-crm · person · mobile'));
    await click(control(field('mobilePhone'), 'Remove missing: App-Z · lookup · mobilePhone'));
    await click(control(field('mobilePhone'), 'Remove missing: App-Z · note · id'));
    await click(byText(editor(), 'button', 'Save waterfall'));
    await waitFor(() => expect(saves(background)).toEqual([{ waterfall: { mobilePhone: [PROVIDER] } }]));
  });

  it('a refused save shows its sentence and the changes stay unsaved', async () => {
    await show(
      {},
      {
        saveWaterfall: () => {
          throw new SidecarError('read_only', 'The waterfall is set by your organisation and cannot be changed here.');
        },
      },
    );
    await choose(control(field('mobilePhone'), 'Source to add to Mobile phone'), 'App-Z · Person · Mobile phone');
    await click(control(field('mobilePhone'), 'Add to Mobile phone'));
    await click(byText(editor(), 'button', 'Save waterfall'));
    await waitFor(() => expect(editor().querySelector('[role="alert"]')?.textContent).toBe('The waterfall is set by your organisation and cannot be changed here.'));
    expect(editor().textContent).toContain('Unsaved changes.');
  });

  it('a waterfall set by the organisation is shown read-only, without a control', async () => {
    await show({ mobilePhone: [PROVIDER, APPZ_MOBILE] }, {}, true);
    expect(editor().textContent).toContain('Set by your organisation');
    expect(stepsOf('mobilePhone')).toEqual(['Your provider', 'App-Z · Person · Mobile phone']);
    expect(field('email').textContent).toContain('Provider only');
    expect(editor().querySelectorAll('button, select, input')).toHaveLength(0);
  });
});
