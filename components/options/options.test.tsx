// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SidecarError } from '../../utils/errors.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../utils/schemas/settings.ts';
import { parseManagedSettings } from '../../utils/stores/managed-settings.ts';
import { ConnectionSection } from './connection-section.tsx';
import { SitesSection } from './preferences.tsx';
import { siteOrigin } from './site-list.ts';
import { byLabel, byText, click, fakeBackground, render, type, waitFor, type Rendered } from '../../tests/unit/testing.tsx';

const configured: Settings = { ...DEFAULT_SETTINGS, baseUrl: 'http://localhost:8787', authMethod: 'password', username: 'demo@example.com' };
const summary = { authMethod: 'password' as const, username: 'demo@example.com', clientId: '', tokenUrl: '', stored: ['password' as const] };

/** The promise forms of the permission calls (the typings' callback overloads get in the way of spies). */
const permissions = fakeBrowser.permissions as unknown as {
  request(p: { origins: string[] }): Promise<boolean>;
  contains(p: { origins: string[] }): Promise<boolean>;
};

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
  vi.restoreAllMocks();
});

describe('ConnectionSection', () => {
  it('tests unchanged credentials as they are: no save, no new sign-in', async () => {
    const background = fakeBackground({
      getCredentials: () => summary,
      testConnection: () => ({ who: 'demo@example.com', provider: 'the enterprise API', usage: [{ limitType: 'RecordLimit', limit: 10, currentUsage: 3, usageRemaining: 7 }] }),
    });
    view = await render(<ConnectionSection settings={configured} />, background);
    await click(byText(view.container, 'button', 'Test connection'));
    await waitFor(() => expect(view?.container.textContent).toContain('Connected as demo@example.com.'));
    expect(view.container.textContent).toContain('Enrich credits: 3 used, 7 left of 10');
    expect(background.calls.map((c) => c.name)).toEqual(['getCredentials', 'testConnection']);
  });

  it('a changed password is saved (asking for the host permission first), then tested; a refusal is shown as said', async () => {
    const request = vi.spyOn(permissions, 'request').mockResolvedValue(true);
    const background = fakeBackground({
      getCredentials: () => summary,
      saveCredentials: () => summary,
      testConnection: () => {
        throw new SidecarError('unauthorized', 'Sign-in refused the credentials: wrong password.');
      },
    });
    view = await render(<ConnectionSection settings={configured} />, background);
    const password = byLabel(view.container, 'Password');
    expect(password?.getAttribute('placeholder')).toBe('Stored — leave empty to keep it');
    await type(password, 'wrong');
    await click(byText(view.container, 'button', 'Test connection'));
    await waitFor(() => expect(view?.container.textContent).toContain('Sign-in refused the credentials: wrong password.'));
    expect(request).toHaveBeenCalledWith({ origins: ['http://localhost/*'] });
    const save = background.calls.find((c) => c.name === 'saveCredentials');
    expect(save?.input).toEqual({ authMethod: 'password', username: 'demo@example.com', clientId: '', tokenUrl: '', secrets: { password: 'wrong' } });
    // The base URL did not change: settings are not written again.
    expect(background.calls.some((c) => c.name === 'saveSettings')).toBe(false);
    // The secret field is emptied once saved.
    expect((byLabel(view.container, 'Password') as HTMLInputElement).value).toBe('');
  });

  it('shows only the fields of the chosen sign-in method', async () => {
    view = await render(<ConnectionSection settings={{ ...configured, authMethod: 'pki' }} />, fakeBackground({ getCredentials: () => summary }));
    expect(byLabel(view.container, 'Private key (PEM)')).toBeDefined();
    expect(byLabel(view.container, 'Client ID')).toBeDefined();
    expect(byLabel(view.container, 'Password')).toBeUndefined();
  });
});

describe('ConnectionSection under an organisation’s policy', () => {
  const managed = parseManagedSettings({ provider: { baseUrl: 'https://api.acme.test', authMethod: 'apiKey', apiKey: 'org-key', password: 'x' } });

  it('shows the deployed fields read-only, "set by your organisation", and never the deployed key', async () => {
    view = await render(<ConnectionSection settings={configured} managed={managed} />, fakeBackground({ getCredentials: () => summary }));
    const baseUrl = byLabel(view.container, 'Base URL') as HTMLInputElement;
    expect(baseUrl.value).toBe('https://api.acme.test');
    expect(baseUrl.readOnly).toBe(true);
    expect(document.getElementById(baseUrl.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Set by your organisation.');
    expect((byLabel(view.container, 'Sign in with') as HTMLSelectElement).disabled).toBe(true);
    expect((byLabel(view.container, 'Provider') as HTMLSelectElement).disabled).toBe(true);
    const key = byLabel(view.container, 'API key') as HTMLInputElement;
    expect(key.readOnly).toBe(true);
    expect([...view.container.querySelectorAll('input')].map((input) => input.value)).not.toContain('org-key');
    // The user's own fields stay editable.
    expect((byLabel(view.container, 'Search API base URL') as HTMLInputElement).readOnly).toBe(false);
    // The admin learns what the policy got wrong.
    expect(view.container.textContent).toContain('Policy provider.password is not a setting an organisation can deploy; it was ignored.');
  });
});

describe('SitesSection', () => {
  it('adding a site asks for its host permission, then saves the new site list', async () => {
    const request = vi.spyOn(permissions, 'request').mockResolvedValue(true);
    vi.spyOn(permissions, 'contains').mockResolvedValue(true);
    const saved: unknown[] = [];
    const background = fakeBackground({
      getSettings: () => configured,
      saveSettings: (s) => {
        saved.push(s);
        return { ...configured, ...s } as Settings;
      },
    });
    view = await render(<SitesSection settings={configured} />, background);
    await type(view.container.querySelector('input[aria-label="Site to add"]'), 'crm.example.com/some/page');
    await click(byText(view.container, 'button', 'Add site'));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(request).toHaveBeenCalledWith({ origins: ['https://crm.example.com/*'] });
    expect(saved[0]).toEqual({ customSites: ['https://crm.example.com'] });
  });

  it('a refused permission saves nothing and says why', async () => {
    vi.spyOn(permissions, 'request').mockResolvedValue(false);
    const background = fakeBackground({});
    view = await render(<SitesSection settings={configured} />, background);
    await type(view.container.querySelector('input[aria-label="Site to add"]'), 'https://crm.example.com');
    await click(byText(view.container, 'button', 'Add site'));
    await waitFor(() => expect(view?.container.textContent).toContain('Permission for https://crm.example.com was not granted'));
    expect(background.calls).toEqual([]);
  });

  it('reads what users type as sites', () => {
    expect(siteOrigin('crm.example.com')).toEqual({ origin: 'https://crm.example.com', pattern: 'https://crm.example.com/*' });
    expect(siteOrigin('http://intranet.acme.local:8080/x')).toEqual({ origin: 'http://intranet.acme.local', pattern: 'http://intranet.acme.local/*' });
    expect(siteOrigin('javascript:alert(1)')).toBeNull();
    expect(siteOrigin('not a site')).toBeNull();
  });
});
