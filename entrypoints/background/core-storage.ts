import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { CoreStorage } from '../../utils/background/core.ts';
import type { AccessToken } from '../../utils/auth/token-manager.ts';
import { settingsSchema } from '../../utils/schemas/settings.ts';
import type { TabState } from '../../utils/schemas/lookup.ts';
import { connectorKeysOf } from '../../utils/connectors/connector-secrets.ts';
import { cachedManagedSettings, cachedUntilChanged, withManagedSettings, withoutManagedSettings } from '../../utils/stores/managed-settings.ts';
import { SecretStore } from '../../utils/stores/secrets.ts';
import { creditSpendItem, creditsItem, enrichedRecordsItem, lastErrorItem, limiterItem, rejectionsItem, selectionItem, settingsItem, tabStateItem, tokenItem, connectorsItem, waterfallItem } from '../../utils/stores/storage.ts';

/** Provider settings and keys an organisation deployed by policy; invalidated when the browser reports a policy change. */
export const managedSettings = cachedManagedSettings(browser.storage.managed);

/**
 * The whole policy value (connectors, their keys, the waterfall), which the worker consults on
 * every lookup: read as rarely as the settings. Chrome rejects and Firefox throws when no policy
 * (or no managed schema) is set: that is an empty policy.
 */
export const managedPolicy = cachedUntilChanged(async (): Promise<Record<string, unknown>> => (await browser.storage.managed.get().catch(() => ({}))) ?? {});

/** Connectors' API keys deployed by policy (`connectorKeys`). */
export const managedConnectorKeys = async () => connectorKeysOf(await managedPolicy.get());

// Parse: a stored value from an older version gains the new fields' defaults.
const ownSettings = async () => settingsSchema.parse(await settingsItem.getValue());

/** The secret store, with the policy's organisation-wide keys over the user's. */
export const secretStore = new SecretStore(undefined, async () => (await managedSettings.get()).secrets);

/** The core's storage, on the real extension storage areas (utils/stores/storage.ts says which holds what). */
export const coreStorage: CoreStorage = {
  async getSettings() {
    const [own, managed] = await Promise.all([ownSettings(), managedSettings.get()]);
    return withManagedSettings(own, managed);
  },
  async setSettings(settings) {
    const [own, managed] = await Promise.all([ownSettings(), managedSettings.get()]);
    await settingsItem.setValue(withoutManagedSettings(settings, own, managed));
  },
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
    load: () => limiterItem(key).getValue(),
    save: (state) => limiterItem(key).setValue(state),
  }),
  tokenStore: (key) => ({
    async load() {
      const saved = await tokenItem(key).getValue();
      return saved ? { ...saved, expiresAt: saved.expiresAt ?? Number.POSITIVE_INFINITY } : null;
    },
    save: (token: AccessToken | null) =>
      token ? tokenItem(key).setValue({ ...token, expiresAt: Number.isFinite(token.expiresAt) ? token.expiresAt : null }) : tokenItem(key).removeValue(),
  }),
  connectorArea: {
    loadConnectors: () => connectorsItem.getValue(),
    saveConnectors: (connectors) => connectorsItem.setValue(connectors),
    loadWaterfall: () => waterfallItem.getValue(),
    saveWaterfall: (config) => waterfallItem.setValue(config),
  },
};
