import { SidecarError } from '../errors.ts';
import type { JobAlarms } from '../jobs/job-runner.ts';
import type { JobStore } from '../jobs/job-store.ts';
import type { TokenStore } from '../auth/token-manager.ts';
import type { LimiterStore } from '../http/limiter.ts';
import { LookupCache } from '../lookup/cache.ts';
import { CreditBudget, type BudgetStores } from '../lookup/credit-budget.ts';
import { LookupService } from '../lookup/lookups.ts';
import type { BackgroundMessages, Handlers } from '../messaging.ts';
import { createProviderSet, type ProviderSet, type RegistryDeps } from '../providers/registry.ts';
import type { LookupStatus } from '../schemas/lookup.ts';
import type { Secrets, Settings } from '../schemas/settings.ts';
import { BadgePush } from './badge-push.ts';
import { SecretStore } from '../stores/secrets.ts';
import type { ConnectorArea } from '../connectors/store.ts';
import type { ConnectorSecrets } from '../connectors/connector-secrets.ts';
import { createConnectorServices, type ConnectorServices } from '../connectors/services.ts';
import { TabStore, type TabArea } from '../stores/tab-store.ts';

/**
 * What every handler group of the background shares: its storage and browser calls (passed in,
 * so the worker's behaviour runs in unit tests without `browser`), the stores, the provider set
 * for the current settings, and the lookup pipeline.
 */

export interface CoreStorage {
  getSettings(): Promise<Settings>;
  setSettings(settings: Settings): Promise<void>;
  getRejections(): Promise<Record<string, number[]>>;
  setRejections(value: Record<string, number[]>): Promise<void>;
  setCredits(remaining: number): Promise<void>;
  getCredits(): Promise<{ remaining: number; at: number } | null>;
  setLastError(error: { id: string; message: string } | null): Promise<void>;
  getLastError(): Promise<{ id: string; message: string } | null>;
  setSelection(tabId: number, key: string | null): Promise<void>;
  creditStores: BudgetStores;
  tabArea: TabArea;
  limiterStore: (key: string) => LimiterStore;
  tokenStore: (key: string) => TokenStore;
  /** Connector definitions and the waterfall (storage.local). */
  connectorArea: ConnectorArea;
}

export interface CoreBrowser {
  /** Must call the browser's open synchronously (inside the user gesture); returns its promise. */
  openSidePanel(tabId: number | undefined): Promise<void>;
  /** Injects the content script into a tab the user pointed at (activeTab) and asks it to scan. */
  scanTab(tabId: number): Promise<void>;
  tabUrl(tabId: number): Promise<string>;
  scheduleResume(at: number): void;
  /** A system notification (a long list enrichment ended while the rep did something else). */
  notify(title: string, message: string): Promise<void>;
  /** Tells a tab's content script its badges' lookup states (absent: nobody to tell, as in unit tests). */
  pushBadgeStates?(tabId: number, states: Record<string, LookupStatus>, sources: Record<string, string>): Promise<void>;
  /** The policy-managed storage area (connectors, waterfall); `{}` when the browser has none. */
  managedStorage?(): Promise<unknown>;
  /** identity.getRedirectURL(): where an OAuth provider sends the rep back. */
  redirectUrl?(): string;
  /** identity.launchWebAuthFlow({ url, interactive: true }): the URL the provider redirected to. */
  launchWebAuthFlow?(url: string): Promise<string>;
}

export interface CoreOptions {
  storage: CoreStorage;
  browser: CoreBrowser;
  secrets?: SecretStore;
  cache?: LookupCache;
  registry?: Partial<RegistryDeps>;
  batchWindowMs?: number;
  /** Long work (list captures): where jobs are kept and the alarm that resumes them. */
  jobs?: { store?: JobStore; alarms: JobAlarms };
  /** Connector secrets (API keys, client secrets, OAuth tokens) and the fetch connectors send with. */
  connectors?: { secrets?: ConnectorSecrets; fetch?: typeof fetch; now?: () => number };
}

/** The handlers for some of the protocol's messages: each group answers its own concern's. */
export type HandlerGroup<N extends keyof BackgroundMessages> = Pick<Handlers<BackgroundMessages>, N>;

/** Failures the popup and options keep showing until something succeeds again. */
export const STICKY_ERRORS: ReadonlySet<string> = new Set(['unauthorized', 'not_configured', 'credits_exhausted', 'invalid_key', 'forbidden']);

export interface BackgroundContext {
  storage: CoreStorage;
  browser: CoreBrowser;
  secrets: SecretStore;
  cache: LookupCache;
  tabs: TabStore;
  lookups: LookupService;
  badges: BadgePush;
  connectors: ConnectorServices;
  /** The provider set for the current settings and secrets, rebuilt after either changes. */
  providers(): Promise<ProviderSet>;
  invalidateProviders(): void;
  /** Remembers a sticky failure for the popup and options, then rethrows it. */
  noteError(error: unknown): Promise<never>;
}

export function createContext(options: CoreOptions): BackgroundContext {
  const { storage, browser } = options;
  const secrets = options.secrets ?? new SecretStore();
  const cache = options.cache ?? new LookupCache();
  const badges = new BadgePush((tabId, states, sources) => browser.pushBadgeStates?.(tabId, states, sources) ?? Promise.resolve());
  // Every write of a tab's state reaches its badges.
  const tabs = new TabStore({
    ...storage.tabArea,
    async set(tabId, state) {
      await storage.tabArea.set(tabId, state);
      badges.changed(tabId, state);
    },
  });

  let current: { generation: number; set: Promise<ProviderSet> } | null = null;
  let generation = 0;
  let errorShown = true;

  function buildProviders(settings: Settings, stored: Secrets): ProviderSet {
    return createProviderSet(settings, stored, {
      limiterStore: storage.limiterStore,
      tokenStore: storage.tokenStore,
      onCredits: (remaining) => void storage.setCredits(remaining),
      onLongWait: (until) => browser.scheduleResume(until),
      onAttempt: ({ status }) => {
        if (status !== null && status < 300 && errorShown) {
          errorShown = false;
          void storage.setLastError(null);
        }
      },
      ...options.registry,
    });
  }

  function providers(): Promise<ProviderSet> {
    if (current?.generation !== generation) {
      const set = Promise.all([storage.getSettings(), secrets.get()]).then(([s, k]) => buildProviders(s, k));
      current = { generation, set };
    }
    return current.set;
  }

  async function noteError(error: unknown): Promise<never> {
    if (error instanceof SidecarError && STICKY_ERRORS.has(error.id)) {
      errorShown = true;
      await storage.setLastError({ id: error.id, message: error.message });
    }
    throw error;
  }

  const connectors = createConnectorServices({
    area: storage.connectorArea,
    managed: () => browser.managedStorage?.() ?? Promise.resolve({}),
    limiterStore: storage.limiterStore,
    redirectUrl: () => browser.redirectUrl?.() ?? '',
    ttlMs: async () => (await storage.getSettings()).cacheTtlHours * 3_600_000,
    secrets: options.connectors?.secrets,
    fetch: options.connectors?.fetch,
    now: options.connectors?.now,
  });

  const lookups = new LookupService({
    tabs,
    cache,
    providers,
    settings: () => storage.getSettings(),
    rejections: () => storage.getRejections(),
    saveRejections: (value) => storage.setRejections(value),
    budget: new CreditBudget(storage.creditStores),
    batchWindowMs: options.batchWindowMs,
    onFailure: (error) => void noteError(error).catch(() => undefined),
    complete: (state, detection, key) => connectors.complete(state, detection, key),
  });

  return {
    storage,
    browser,
    secrets,
    cache,
    tabs,
    lookups,
    badges,
    connectors,
    providers,
    invalidateProviders: () => void generation++,
    noteError,
  };
}
