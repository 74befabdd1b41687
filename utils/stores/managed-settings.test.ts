import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../schemas/settings.ts';
import {
  cachedManagedSettings,
  managedFieldNames,
  parseManagedSettings,
  readManagedSettings,
  withManagedSettings,
  withoutManagedSettings,
} from './managed-settings.ts';
import { SecretStore } from './secrets.ts';

const own: Settings = { ...DEFAULT_SETTINGS, baseUrl: 'http://localhost:9999', authMethod: 'password', username: 'rep@acme.test', badges: false };

describe('provider settings deployed by policy', () => {
  it('fixes the deployed fields and leaves the user the rest', () => {
    const managed = parseManagedSettings({ provider: { baseUrl: 'https://api.acme.test', authMethod: 'apiKey', apiKey: 'org-key', ratePerSecond: 10 } });
    expect(managed.problems).toEqual([]);
    const settings = withManagedSettings(own, managed);
    expect(settings).toMatchObject({ baseUrl: 'https://api.acme.test', authMethod: 'apiKey', ratePerSecond: 10, username: 'rep@acme.test', badges: false });
    expect(managed.secrets).toEqual({ apiKey: 'org-key' });
    expect([...managedFieldNames(managed)].sort()).toEqual(['apiKey', 'authMethod', 'baseUrl', 'ratePerSecond']);
  });

  it('stores the user’s own value of a managed field, so lifting the policy gives it back', () => {
    const managed = parseManagedSettings({ provider: { baseUrl: 'https://api.acme.test' } });
    const changed = { ...withManagedSettings(own, managed), badges: true };
    const stored = withoutManagedSettings(changed, own, managed);
    expect(stored.baseUrl).toBe('http://localhost:9999');
    expect(stored.badges).toBe(true);
    expect(withManagedSettings(stored, parseManagedSettings({})).baseUrl).toBe('http://localhost:9999');
  });

  it('skips an invalid or undeployable field with a sentence, and keeps the valid ones', () => {
    const managed = parseManagedSettings({
      provider: { baseUrl: 'ftp://files.acme.test', authMethod: 'kerberos', password: 'hunter2', clientId: 'acme-sidecar', apiKey: '' },
      connectors: [],
    });
    expect(managed.settings).toEqual({ clientId: 'acme-sidecar' });
    expect(managed.secrets).toEqual({});
    expect(managed.problems).toHaveLength(4);
    expect(managed.problems.join('\n')).toMatch(/provider\.baseUrl: .+; the user's own value is used\./);
    expect(managed.problems.join('\n')).toMatch(/provider\.authMethod: /);
    expect(managed.problems.join('\n')).toMatch(/provider\.apiKey: /);
    expect(managed.problems).toContain('Policy provider.password is not a setting an organisation can deploy; it was ignored.');
    expect(managed.problems.join('\n')).not.toContain('hunter2');
  });

  it('manages nothing without a provider object, and says so when the value is of another shape', () => {
    expect(parseManagedSettings({ connectors: [] })).toEqual({ settings: {}, secrets: {}, problems: [] });
    expect(parseManagedSettings(undefined).settings).toEqual({});
    expect(parseManagedSettings({ provider: 'https://api.acme.test' }).problems).toEqual(['Policy "provider" is not an object; no provider settings were deployed from it.']);
    expect(parseManagedSettings(['x']).problems).toHaveLength(1);
  });

  it('reads nothing managed where the browser has no managed area or refuses it (Firefox without a policy)', async () => {
    expect(await readManagedSettings(undefined)).toEqual({ settings: {}, secrets: {}, problems: [] });
    const refusing = { get: () => Promise.reject(new Error('Managed storage manifest not found')) };
    expect(await readManagedSettings(refusing)).toEqual({ settings: {}, secrets: {}, problems: [] });
  });

  it('reads the policy once, and again after the managed area changed', async () => {
    let reads = 0;
    let baseUrl = 'https://one.acme.test';
    const source = cachedManagedSettings({
      get: () => {
        reads++;
        return Promise.resolve({ provider: { baseUrl } });
      },
    });
    expect((await source.get()).settings.baseUrl).toBe('https://one.acme.test');
    await source.get();
    expect(reads).toBe(1);
    baseUrl = 'https://two.acme.test';
    source.invalidate();
    expect((await source.get()).settings.baseUrl).toBe('https://two.acme.test');
    expect(reads).toBe(2);
  });

  it('puts the organisation’s key over the user’s without ever storing it', async () => {
    const store = new SecretStore(undefined, async () => parseManagedSettings({ provider: { apiKey: 'org-key' } }).secrets);
    await store.update({ apiKey: 'my-key', password: 'mine' });
    expect(await store.get()).toMatchObject({ apiKey: 'org-key', password: 'mine' });
    expect(await new SecretStore().get()).toEqual({ apiKey: 'my-key', password: 'mine' });
  });
});
