import { storage } from 'wxt/utils/storage';
import type { AccessToken } from '../auth/token-manager.ts';
import type { LimiterState } from '../http/limiter.ts';
import type { TabState } from '../schemas/lookup.ts';
import type { CreditSpend, EnrichedRecords } from '../lookup/credit-budget.ts';
import type { ListView } from '../audiences/list-query.ts';
import { DEFAULT_SETTINGS, migrateSettingsToV2, type Settings } from '../schemas/settings.ts';

/**
 * Every stored value, declared once. The prefix says who can read it: `local:` is readable by
 * content scripts too, so it never holds a secret; `session:` is restricted to trusted contexts
 * (the worker sets the access level at start-up) and is where the access token lives. Long-lived
 * secrets and the lookup cache live in IndexedDB instead: see utils/stores/kv-store.ts.
 */

const SETTINGS_KEY = 'local:settings';
export const settingsItem = storage.defineItem<Settings>(SETTINGS_KEY, {
  fallback: DEFAULT_SETTINGS,
  version: 2,
  migrations: { 2: migrateSettingsToV2 },
});

/**
 * The content script reads settingsItem too, but carries neither this module's storage library
 * nor zod (its 20 KB budget): it reads storage.local itself, by this key, and only these fields,
 * defensively (utils/messaging-content.ts). A type, so importing it costs the content script nothing.
 */
export type ContentSettingsKey = typeof SETTINGS_KEY extends `local:${infer K}` ? K : never;
export type ContentSettings = Pick<Settings, 'sites' | 'badges' | 'linkedinBadges'>;

/** Credits spent today (user-local day) and per page: the caps hold across worker restarts. */
export const creditSpendItem = storage.defineItem<CreditSpend | null>('local:creditSpend', { fallback: null, version: 1 });

/** Records this browser enriched, `contact:<id>` → when: free again for 12 months (records under management). */
export const enrichedRecordsItem = storage.defineItem<EnrichedRecords>('local:enrichedRecords', { fallback: {}, version: 1 });

/** How the Lists table shows each list (filters, sort, hidden columns), by list id: this browser's view. */
export const listViewsItem = storage.defineItem<Record<string, ListView>>('local:listViews', { fallback: {}, version: 1 });

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

/** A rate limiter's windows (utils/http/limiter.ts), per provider origin: a restarted worker never bursts. */
export const limiterItem = (key: string) => storage.defineItem<LimiterState | null>(`session:limiter:${key}`, { fallback: null });

/** An access token, per provider and credential; JSON has no Infinity, so a static credential's expiry is null. */
export type StoredToken = Omit<AccessToken, 'expiresAt'> & { expiresAt: number | null };
export const tokenItem = (key: string) => storage.defineItem<StoredToken | null>(`session:token:${key}`, { fallback: null });

/**
 * The last connection status an extension page saw, in that page's localStorage: the panel and
 * popup render it before the worker answers (stale-while-revalidate).
 */
export const STATUS_CACHE_KEY = 'sidecar:status';

/** The rep's data connector definitions (issue 14): never a secret in them (utils/connectors/connector-secrets.ts holds those). */
export const connectorsItem = storage.defineItem<unknown[]>('local:connectors', { fallback: [], version: 1 });
/** The rep's waterfall per field (a policy `waterfall` wins over it). */
export const waterfallItem = storage.defineItem<Record<string, unknown>>('local:waterfall', { fallback: {}, version: 1 });
