import { storage } from 'wxt/utils/storage';
import type { TabState } from './schemas/lookup.ts';
import type { CreditSpend, EnrichedRecords } from './credit-budget.ts';
import { DEFAULT_SETTINGS, migrateSettingsToV2, type Settings } from './settings.ts';

/**
 * Every stored value, declared once. The prefix says who can read it: `local:` is readable by
 * content scripts too, so it never holds a secret; `session:` is restricted to trusted contexts
 * (the worker sets the access level at start-up) and is where the access token lives. Long-lived
 * secrets are not here at all: see utils/secrets.ts.
 */

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 2,
  migrations: { 2: migrateSettingsToV2 },
});

/** Credits spent today (user-local day) and per page: the caps hold across worker restarts. */
export const creditSpendItem = storage.defineItem<CreditSpend | null>('local:creditSpend', { fallback: null, version: 1 });

/** Records this browser enriched, `contact:<id>` → when: free again for 12 months (records under management). */
export const enrichedRecordsItem = storage.defineItem<EnrichedRecords>('local:enrichedRecords', { fallback: {}, version: 1 });

/** Credits left, as last reported by the provider (X-Usage-Record-Limit-Remaining, /lookup/usage). */
export interface CreditsRecord {
  remaining: number;
  limit: number | null;
  at: number;
}
export const creditsItem = storage.defineItem<CreditsRecord | null>('local:credits', { fallback: null, version: 1 });

/** Last provider failure worth showing in the popup and options ("connection state"). */
export const lastErrorItem = storage.defineItem<{ id: string; message: string; at: number } | null>('local:lastError', {
  fallback: null,
  version: 1,
});

/** Identifiers whose match the user rejected ("not this person"): key → rejected person ids. */
export const rejectionsItem = storage.defineItem<Record<string, number[]>>('local:rejections', {
  fallback: {},
  version: 1,
});

/** Per-tab detections and lookup states: survives a worker restart, gone when the browser closes. */
export const tabStateKey = (tabId: number) => `session:tab:${tabId}` as const;
export const tabStateItem = (tabId: number) => storage.defineItem<TabState | null>(tabStateKey(tabId), { fallback: null });

/** The entity the side panel shows for a tab (a badge click, the context menu, a quick lookup). */
export const selectionItem = (tabId: number) =>
  storage.defineItem<{ key: string | null; at: number }>(`session:selection:${tabId}`, { fallback: { key: null, at: 0 } });
