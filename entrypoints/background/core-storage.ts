import { storage } from 'wxt/utils/storage';
import type { CoreStorage } from '../../utils/background-core.ts';
import type { AccessToken } from '../../utils/auth/token-manager.ts';
import type { LimiterState } from '../../utils/limiter.ts';
import { settingsSchema } from '../../utils/settings.ts';
import type { TabState } from '../../utils/schemas/lookup.ts';
import { creditSpendItem, creditsItem, enrichedRecordsItem, lastErrorItem, rejectionsItem, selectionItem, settingsItem, tabStateItem } from '../../utils/storage.ts';

/** The core's storage, on the real extension storage areas (utils/storage.ts says which holds what). */
export const coreStorage: CoreStorage = {
  async getSettings() {
    // Parse: a stored value from an older version gains the new fields' defaults.
    return settingsSchema.parse(await settingsItem.getValue());
  },
  setSettings: (settings) => settingsItem.setValue(settings),
  getRejections: () => rejectionsItem.getValue(),
  setRejections: (value) => rejectionsItem.setValue(value),
  async setCredits(remaining) {
    const previous = await creditsItem.getValue();
    await creditsItem.setValue({ remaining, limit: previous?.limit ?? null, at: Date.now() });
  },
  getCredits: () => creditsItem.getValue(),
  async setLastError(error) {
    await lastErrorItem.setValue(error ? { ...error, at: Date.now() } : null);
  },
  getLastError: () => lastErrorItem.getValue(),
  setSelection: (tabId, key) => selectionItem(tabId).setValue({ key, at: Date.now() }),
  creditStores: {
    spend: { load: () => creditSpendItem.getValue(), save: (value) => creditSpendItem.setValue(value) },
    records: { load: () => enrichedRecordsItem.getValue(), save: (value) => enrichedRecordsItem.setValue(value) },
  },
  tabArea: {
    get: (tabId) => tabStateItem(tabId).getValue(),
    set: (tabId, state: TabState | null) => (state ? tabStateItem(tabId).setValue(state) : tabStateItem(tabId).removeValue()),
    async all() {
      const everything = await storage.snapshot('session');
      return Object.entries(everything)
        .filter(([key]) => key.startsWith('tab:'))
        .map(([, value]) => value);
    },
  },
  limiterStore: (key) => ({
    load: () => storage.getItem<LimiterState>(`session:limiter:${key}`),
    save: (state) => storage.setItem(`session:limiter:${key}`, state),
  }),
  tokenStore: (key) => ({
    async load() {
      const saved = await storage.getItem<{ token: string; expiresAt: number | null; obtainedAt?: number }>(`session:token:${key}`);
      // JSON has no Infinity: a static credential's expiry is stored as null.
      return saved ? { ...saved, expiresAt: saved.expiresAt ?? Number.POSITIVE_INFINITY } : null;
    },
    save: (token: AccessToken | null) =>
      token
        ? storage.setItem(`session:token:${key}`, { ...token, expiresAt: Number.isFinite(token.expiresAt) ? token.expiresAt : null })
        : storage.removeItem(`session:token:${key}`),
  }),
};
