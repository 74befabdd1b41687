import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { settingsItem } from './storage.ts';

describe('settings version 2 (issue 17: preview by default)', () => {
  it('a new install previews, with the default caps', async () => {
    expect(await settingsItem.getValue()).toMatchObject({ autoLookup: true, autoEnrich: false, dailyCreditCap: 50, pageCreditCap: 10 });
  });

  it('settings saved by the previous release are migrated to preview, keeping everything else', async () => {
    await fakeBrowser.storage.local.set({
      settings: { baseUrl: 'http://127.0.0.1:8787', authMethod: 'password', username: 'rep@acme.com', autoLookup: true, lookupOnly: false, badges: false },
      settings$: { v: 1 },
    });
    await settingsItem.migrate();
    const migrated = await settingsItem.getValue();
    expect(migrated).toMatchObject({ username: 'rep@acme.com', badges: false, autoEnrich: false, dailyCreditCap: 50, pageCreditCap: 10 });
    expect(migrated).not.toHaveProperty('lookupOnly');
    expect((await fakeBrowser.storage.local.get('settings$'))['settings$']).toMatchObject({ v: 2 });
  });
});
