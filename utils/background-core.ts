import { getDomain } from 'tldts';
import { LookupCache } from './cache.ts';
import { CreditBudget, type BudgetStores } from './credit-budget.ts';
import { SidecarError } from './errors.ts';
import { LookupService } from './lookups.ts';
import type { Handlers, BackgroundMessages, LookupQuery } from './messaging.ts';
import { createProviderSet, type ProviderSet, type RegistryDeps } from './providers/registry.ts';
import type { Detection } from './schemas/detection.ts';
import type { CompanyInsights } from './messaging.ts';
import { SecretStore } from './secrets.ts';
import { settingsSchema, type Secrets, type Settings } from './settings.ts';
import { TabStore, type TabArea } from './tab-store.ts';

import type { LimiterStore } from './limiter.ts';
import type { TokenStore } from './auth/token-manager.ts';

/**
 * The background's behaviour, free of `browser`: everything the worker does on a message, with its
 * storage and browser calls passed in. entrypoints/background wires it to the real APIs; unit
 * tests wire it to fakes and a scripted provider.
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
}

export interface CoreBrowser {
  /** Must call the browser's open synchronously (inside the user gesture); returns its promise. */
  openSidePanel(tabId: number | undefined): Promise<void>;
  /** Injects the content script into a tab the user pointed at (activeTab) and asks it to scan. */
  scanTab(tabId: number): Promise<void>;
  tabUrl(tabId: number): Promise<string>;
  scheduleResume(at: number): void;
}

export interface CoreOptions {
  storage: CoreStorage;
  browser: CoreBrowser;
  secrets?: SecretStore;
  cache?: LookupCache;
  registry?: Partial<RegistryDeps>;
  batchWindowMs?: number;
}

const STICKY_ERRORS = new Set(['unauthorized', 'not_configured', 'credits_exhausted', 'invalid_key', 'forbidden']);

export function createCore(options: CoreOptions) {
  const { storage, browser } = options;
  const secrets = options.secrets ?? new SecretStore();
  const cache = options.cache ?? new LookupCache();
  const tabs = new TabStore(storage.tabArea);
  const budget = new CreditBudget(storage.creditStores);

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

  /** The provider set for the current settings and secrets, rebuilt after either changes. */
  function providers(): Promise<ProviderSet> {
    if (current?.generation !== generation) {
      const set = Promise.all([storage.getSettings(), secrets.get()]).then(([s, k]) => buildProviders(s, k));
      current = { generation, set };
    }
    return current.set;
  }

  function invalidateProviders(): void {
    generation++;
  }

  const lookups = new LookupService({
    tabs,
    cache,
    providers,
    settings: () => storage.getSettings(),
    rejections: () => storage.getRejections(),
    budget,
    batchWindowMs: options.batchWindowMs,
    onFailure: (error) => void noteError(error).catch(() => undefined),
  });

  /** Remember a failure the popup and options should show until something succeeds again. */
  async function noteError(error: unknown): Promise<never> {
    if (error instanceof SidecarError && STICKY_ERRORS.has(error.id)) {
      errorShown = true;
      await storage.setLastError({ id: error.id, message: error.message });
    }
    throw error;
  }

  async function credentialSummary() {
    const [settings, stored] = await Promise.all([storage.getSettings(), secrets.get()]);
    return {
      authMethod: settings.authMethod,
      username: settings.username,
      clientId: settings.clientId,
      tokenUrl: settings.tokenUrl,
      stored: (Object.keys(stored) as (keyof Secrets)[]).filter((k) => Boolean(stored[k])),
    };
  }

  async function entityOf(tabId: number, key: string) {
    const state = await tabs.get(tabId);
    const entity = state?.entities.find((e) => e.key === key);
    if (!entity) throw new SidecarError('not_found', 'That item is no longer on this page.');
    return entity;
  }

  const handlers: Handlers<BackgroundMessages> = {
    async reportDetections({ url, detections, replace }, sender) {
      if (sender.tabId === undefined) throw new SidecarError('invalid_input', 'Detections must come from a tab.');
      return { tracked: await lookups.report(sender.tabId, url, detections, replace) };
    },
    async getBadgeStates(_input, sender) {
      if (sender.tabId === undefined) return {};
      const state = await tabs.get(sender.tabId);
      return Object.fromEntries((state?.entities ?? []).map((e) => [e.key, e.state.status]));
    },
    openSidePanel({ key }, sender) {
      // First, synchronously: any await before open() leaves the user gesture and Chrome refuses.
      const opening = browser.openSidePanel(sender.tabId);
      // A badge click is a click: a preview behind it is revealed (the badge's title says so).
      const selecting =
        sender.tabId !== undefined && key ? Promise.all([storage.setSelection(sender.tabId, key), lookups.reveal(sender.tabId, key)]) : Promise.resolve();
      return Promise.all([opening.catch(() => undefined), selecting]).then(() => ({ ok: true as const }));
    },
    getTabState: ({ tabId }) => tabs.get(tabId),
    async selectEntity({ tabId, key }) {
      await storage.setSelection(tabId, key);
      return { ok: true };
    },
    async retryLookup({ tabId, key }) {
      await lookups.retry(tabId, key);
      return { ok: true };
    },
    async revealEntity({ tabId, key }) {
      await lookups.reveal(tabId, key);
      return { ok: true };
    },
    async enrichHeld({ tabId }) {
      return { enriching: await lookups.enrichHeld(tabId) };
    },
    async lookup({ tabId, query }) {
      const key = await lookups.lookupOne(tabId, await browser.tabUrl(tabId), detectionFor(query, 'quick-lookup'), false);
      await storage.setSelection(tabId, key);
      return { key };
    },
    async revealContact({ personId, tabId, key }) {
      const set = await providers();
      const [outcome] = await set.for('enrichContacts').enrichContacts([{ personId }]).catch(noteError);
      const contact = outcome?.data[0];
      if (!contact) throw new SidecarError('not_found', 'The provider no longer has that contact.');
      const cost = await budget.charge('contact', contact.id);
      // A preview revealed on its card: the tab keeps the paid-for details.
      const entity = tabId !== undefined && key ? (await tabs.get(tabId))?.entities.find((e) => e.key === key) : undefined;
      if (tabId !== undefined && key && entity?.state.status === 'RESULT' && entity.state.result.type === 'contact' && entity.state.result.contact?.id === personId) {
        const { result } = entity.state;
        const revealed = { ...result, contact: { ...result.contact, ...contact }, revealed: true, cost, held: undefined };
        await lookups.settle(key, { status: 'RESULT', at: Date.now(), result: revealed }, tabId);
      }
      return contact;
    },
    async chooseCandidate({ tabId, key, personId }) {
      const entity = await entityOf(tabId, key);
      const set = await providers();
      const [outcome] = await set.for('enrichContacts').enrichContacts([{ personId }]).catch(noteError);
      const contact = outcome?.data[0];
      if (!contact) throw new SidecarError('not_found', 'The provider no longer has that contact.');
      const cost = await budget.charge('contact', contact.id);
      const previous = entity.state.status === 'RESULT' ? entity.state.result : null;
      const provenance = previous?.provenance ?? {
        provider: set.providers[0]?.label ?? 'provider',
        matchedOn: `personId: ${personId}`,
        matchStatus: 'FULL_MATCH' as const,
        accuracy: null,
        lastUpdated: null,
      };
      await lookups.settle(
        key,
        {
          status: 'RESULT',
          at: Date.now(),
          result: {
            type: 'contact',
            contact,
            candidates: [],
            company: null,
            revealed: true,
            cost,
            provenance: { ...provenance, matchStatus: 'FULL_MATCH', accuracy: contact.contactAccuracyScore ?? null, lastUpdated: contact.lastUpdatedDate ?? null },
          },
        },
        tabId,
      );
      return { ok: true };
    },
    async rejectMatch({ tabId, key }) {
      const entity = await entityOf(tabId, key);
      if (entity.state.status !== 'RESULT' || entity.state.result.type !== 'contact') {
        throw new SidecarError('invalid_input', 'Only a matched person can be rejected.');
      }
      const { contact, candidates } = entity.state.result;
      const ids = contact ? [contact.id] : candidates.map((c) => c.id);
      const rejections = await storage.getRejections();
      await storage.setRejections({ ...rejections, [key]: [...new Set([...(rejections[key] ?? []), ...ids])] });
      await cache.delete(key);
      await lookups.settle(key, { status: 'NO_RESULT', tried: 'you said the match was not this person', at: Date.now() }, tabId);
      return { ok: true };
    },
    async companyInsights({ companyId }) {
      const set = await providers();
      const optional = <T>(capability: 'intent' | 'news' | 'scoops', run: () => Promise<T[]>): Promise<T[]> =>
        set.capabilities.includes(capability) ? run() : Promise.resolve([]);
      const [intent, news, scoops] = await Promise.all([
        optional('intent', () => set.for('intent').intent({ companyId })),
        optional('news', () => set.for('news').news(companyId)),
        optional('scoops', () => set.for('scoops').scoops(companyId)),
      ]).catch(noteError);
      const insights: CompanyInsights = { intent: [...intent].sort((a, b) => b.signalScore - a.signalScore), news, scoops };
      return insights;
    },
    async recommendedContacts(criteria) {
      return (await providers()).for('prospectContacts').prospectContacts(criteria).catch(noteError);
    },
    async searchContacts(request) {
      return (await providers()).for('searchContacts').searchContacts(request).catch(noteError);
    },
    async searchCompanies(request) {
      return (await providers()).for('searchCompanies').searchCompanies(request).catch(noteError);
    },
    async scanTab({ tabId }) {
      await browser.scanTab(tabId);
      return { tracked: (await tabs.get(tabId))?.entities.length ?? 0 };
    },
    async getStatus() {
      const [settings, set, lastError] = await Promise.all([storage.getSettings(), providers(), storage.getLastError()]);
      let credits = await storage.getCredits();
      if (!credits && set.capabilities.includes('usage')) {
        // Usage is free: ask once, so the popup shows credits before the first enrich.
        const usage = await set.for('usage').usage().catch(() => []);
        const records = usage.find((u) => u.limitType === 'RecordLimit');
        if (records) {
          await storage.setCredits(records.usageRemaining);
          credits = await storage.getCredits();
        }
      }
      return {
        configured: set.configured,
        provider: set.providers.map((p) => p.label).join(' + ') || 'none',
        baseUrl: settings.baseUrl,
        authMethod: settings.authMethod,
        creditsRemaining: credits?.remaining ?? null,
        creditsUpdatedAt: credits?.at ?? null,
        lastError,
        capabilities: set.capabilities,
      };
    },
    getSettings: () => storage.getSettings(),
    async saveSettings(patch) {
      const next = settingsSchema.parse({ ...(await storage.getSettings()), ...patch });
      await storage.setSettings(next);
      invalidateProviders();
      return next;
    },
    getCredentials: () => credentialSummary(),
    async saveCredentials({ authMethod, username, clientId, tokenUrl, secrets: update }) {
      const settings = await storage.getSettings();
      const next = settingsSchema.parse({ ...settings, authMethod, username, clientId, tokenUrl });
      await Promise.all([storage.setSettings(next), secrets.update(update)]);
      const old = await providers();
      await old.reset();
      invalidateProviders();
      await storage.setLastError(null);
      // What failed for want of working credentials gets another go with the new ones.
      await lookups.retryFailed(STICKY_ERRORS);
      return credentialSummary();
    },
    async testConnection() {
      const [settings, set] = await Promise.all([storage.getSettings(), providers()]);
      if (!set.configured) throw new SidecarError('not_configured', 'Choose how to sign in and enter the credentials first.');
      const who = settings.username || settings.clientId || (settings.authMethod === 'apiKey' ? 'API key' : 'search API key');
      if (set.capabilities.includes('usage')) {
        const usage = await set.for('usage').usage().catch(noteError);
        const records = usage.find((u) => u.limitType === 'RecordLimit');
        if (records) await storage.setCredits(records.usageRemaining);
        return { who, provider: set.providers.map((p) => p.label).join(' + '), usage };
      }
      await set.for('searchContacts').searchContacts({ per_page: 1 }).catch(noteError);
      return { who, provider: set.providers.map((p) => p.label).join(' + '), usage: [] };
    },
    async clearCache() {
      return { cleared: await cache.clear() };
    },
  };

  return {
    handlers,
    lookups,
    tabs,
    /** A tab navigated: its detections belong to the old page. */
    async navigated(tabId: number, url: string) {
      await tabs.update(tabId, (s) => (s && s.url !== url ? { ...s, url, entities: [] } : s));
    },
    async tabClosed(tabId: number) {
      lookups.forgetTab(tabId);
      await tabs.clear(tabId);
    },
    /** Context menu and quick lookups: one entity, selected and looked up. */
    async lookupFor(tabId: number, url: string, query: LookupQuery, source: 'context-menu' | 'quick-lookup') {
      const key = await lookups.lookupOne(tabId, url, detectionFor(query, source), source === 'context-menu');
      await storage.setSelection(tabId, key);
      return key;
    },
    resume: () => lookups.resume(),
  };
}

export type Core = ReturnType<typeof createCore>;

/** A user's query as a detection: normalised like the page's would be. */
export function detectionFor(query: LookupQuery, source: string): Detection {
  const raw = query.value.trim();
  const value = query.kind === 'email' ? raw.toLowerCase() : query.kind === 'domain' ? (getDomain(raw) ?? raw.toLowerCase()) : raw;
  return { kind: query.kind, value, source, confidence: 1 };
}


