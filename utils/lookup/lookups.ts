import { Batcher } from './batcher.ts';
import type { LookupCache, CachedState } from './cache.ts';
import { pageKey, type CreditBudget, type Reservation } from './credit-budget.ts';
import { dedupe, entityKey } from './entity-key.ts';
import { SidecarError, toSidecarError } from '../errors.ts';
import { canonicalDomains, lookupInputFor, type LookupInput } from './lookup-input.ts';
import type { ProviderSet } from '../providers/registry.ts';
import type { EnrichOutcome } from '../providers/types.ts';
import type { Detection } from '../schemas/detection.ts';
import type { CompanyInput, EnrichedCompany, EnrichedContact, PersonInput } from '../schemas/enterprise-api.ts';
import type { Cost, HeldReason, LookupState, TabEntity, TabState } from '../schemas/lookup.ts';
import type { Settings } from '../schemas/settings.ts';
import { mergeDetections, type TabStore } from '../stores/tab-store.ts';
import { getDomain } from 'tldts';
import {
  chosenState,
  companyOnlyState,
  companyState,
  contactState,
  noResult,
  previewCompanyState,
  previewContactState,
  rejectedIds,
  REJECTED,
  revealedState,
  type FinalState,
} from './results.ts';

/**
 * The lookup pipeline of design.md, "Data flow of one lookup": detections become entities on the
 * tab, the cache answers what it can, the rest is batched (≤ 25 inputs a call, identical lookups
 * shared) and sent through the limiter; every entity ends RESULT, NO_RESULT or ERROR, and each
 * result fans out to every tab showing that entity.
 */

export interface LookupDeps {
  tabs: TabStore;
  cache: LookupCache;
  providers: () => Promise<ProviderSet>;
  settings: () => Promise<Settings>;
  rejections: () => Promise<Record<string, number[]>>;
  saveRejections: (value: Record<string, number[]>) => Promise<void>;
  /** What automatic enrichment may spend; clicks are charged to it too (issue 17). */
  budget: CreditBudget;
  now?: () => number;
  batchWindowMs?: number;
  /** Told of every failed lookup (the popup shows credential and credit problems). */
  onFailure?: (error: SidecarError) => void;
  /** Completes an enriched answer before it is cached and shown (the connectors' waterfall). */
  complete?: (state: FinalState, detection: Detection, key: string) => Promise<FinalState>;
}

/**
 * How a lookup may spend: `preview` only searches (free); `auto` enriches within the caps;
 * `click` enriches because the user asked for this one (context menu, keyboard, badge, an offer).
 */
export type SpendMode = 'preview' | 'auto' | 'click';

interface Job {
  key: string;
  lookup: LookupInput;
  providers: ProviderSet;
}

const HOUR = 3_600_000;

export class LookupService {
  private readonly deps: LookupDeps;
  private readonly now: () => number;
  /** Tabs waiting on each key, so a result reaches every tab that shows it. */
  private readonly watchers = new Map<string, Set<number>>();
  private readonly contacts: Batcher<Job, EnrichOutcome<EnrichedContact>>;
  private readonly companies: Batcher<Job, EnrichOutcome<EnrichedCompany>>;

  constructor(deps: LookupDeps) {
    this.deps = deps;
    this.now = deps.now ?? Date.now;
    const windowMs = deps.batchWindowMs ?? 20;
    this.contacts = new Batcher({
      keyOf: (job) => job.key,
      windowMs,
      run: (jobs) => runGrouped(jobs, (providers, inputs) => providers.for('enrichContacts').enrichContacts(inputs as PersonInput[])),
    });
    this.companies = new Batcher({
      keyOf: (job) => job.key,
      windowMs,
      run: (jobs) => runGrouped(jobs, (providers, inputs) => providers.for('enrichCompanies').enrichCompanies(inputs as CompanyInput[])),
    });
  }

  /** A content script's detections: track them on the tab and look up what is new. */
  async report(tabId: number, url: string, detections: Detection[], replace: boolean): Promise<number> {
    const keyed = dedupe(canonicalDomains(detections));
    const state = await this.deps.tabs.update(tabId, (s) => mergeDetections(s, tabId, url, keyed, replace, this.now()));
    const settings = await this.deps.settings();
    if (!state || !settings.autoLookup) return state?.entities.length ?? 0;
    await this.start(tabId, state.entities.filter((e) => e.state.status === 'BLANK').map((e) => e.key), state, modeOf(settings));
    return state.entities.length;
  }

  /**
   * The user asked for one entity: from the context menu (`click`: it may reveal), or typed into the
   * quick lookup (looked up as the mode says; its card offers the reveal).
   */
  async lookupOne(tabId: number, url: string, detection: Detection, click: boolean): Promise<string> {
    const key = entityKey(detection);
    const state = await this.deps.tabs.update(tabId, (s) => {
      const base = s ?? { tabId, url, updatedAt: this.now(), entities: [] };
      const existing = base.entities.find((e) => e.key === key);
      const others = base.entities.filter((e) => e.key !== key);
      return { ...base, entities: [{ key, detection: existing?.detection ?? detection, state: { status: 'BLANK' } }, ...others] };
    });
    if (state) await this.start(tabId, [key], state, click ? 'click' : modeOf(await this.deps.settings()));
    return key;
  }

  /** Look the entity up again, skipping the cache. */
  async retry(tabId: number, key: string): Promise<void> {
    await this.deps.cache.delete(key);
    const state = await this.deps.tabs.get(tabId);
    if (!state?.entities.some((e) => e.key === key)) throw new SidecarError('not_found', 'That item is no longer on this page.');
    await this.start(tabId, [key], state, modeOf(await this.deps.settings()));
  }

  /** A badge click on an entity still showing a preview: reveal it (a click may spend). */
  async revealPreview(tabId: number, key: string): Promise<void> {
    const state = await this.deps.tabs.get(tabId);
    const entity = state?.entities.find((e) => e.key === key);
    if (!state || !entity || !(entity.state.status === 'BLANK' || isPreview(entity.state))) return;
    await this.start(tabId, [key], state, 'click');
  }

  /** "Enrich N more": every preview a cap held back on this tab, enriched because the user said so. */
  async enrichHeld(tabId: number): Promise<number> {
    const state = await this.deps.tabs.get(tabId);
    if (!state) return 0;
    const keys = state.entities.filter((e) => e.state.status === 'RESULT' && e.state.result.held).map((e) => e.key);
    await this.start(tabId, keys, state, 'click');
    return keys.length;
  }

  /**
   * After a worker restart: every entity left LOADING is looked up again, so nothing stays
   * pending forever (the cache makes this cheap for whatever had already finished).
   */
  async resume(): Promise<number> {
    let resumed = 0;
    for (const state of await this.deps.tabs.all()) {
      const keys = state.entities.filter((e) => e.state.status === 'LOADING').map((e) => e.key);
      if (keys.length === 0) continue;
      resumed += keys.length;
      await this.start(state.tabId, keys, state, modeOf(await this.deps.settings()));
    }
    return resumed;
  }

  /** Looks again at every entity that failed with one of `errorIds` (e.g. after new credentials). */
  async retryFailed(errorIds: ReadonlySet<string>): Promise<number> {
    let retried = 0;
    for (const state of await this.deps.tabs.all()) {
      const keys = state.entities.filter((e) => e.state.status === 'ERROR' && errorIds.has(e.state.errorId)).map((e) => e.key);
      retried += keys.length;
      await this.start(state.tabId, keys, state, modeOf(await this.deps.settings()));
    }
    return retried;
  }

  forgetTab(tabId: number): void {
    for (const tabs of this.watchers.values()) tabs.delete(tabId);
  }

  /** Sets one entity's final state everywhere it is shown, and caches it. */
  async settle(key: string, state: FinalState, extraTab?: number): Promise<void> {
    // A preview a cap held back is not cached: tomorrow, or after the offer, it is enriched.
    if (state.status !== 'ERROR' && !(state.status === 'RESULT' && state.result.held)) {
      const settings = await this.deps.settings();
      await this.deps.cache.setMany([[key, state]], ttlsOf(settings));
    }
    const tabs = new Set(this.watchers.get(key) ?? []);
    if (extraTab !== undefined) tabs.add(extraTab);
    this.watchers.delete(key);
    await Promise.all([...tabs].map((tabId) => this.deps.tabs.setStates(tabId, new Map([[key, state]]))));
  }

  /**
   * Reveals a contact's email and phones (a credit, unless already enriched). Revealed from a
   * look-up-only preview's card (`at`), the tab keeps the paid-for details.
   */
  async reveal(personId: number, at?: { tabId: number; key: string }): Promise<EnrichedContact> {
    const providers = await this.deps.providers();
    const contact = await this.enrichPerson(providers, personId);
    const cost = await this.deps.budget.charge('contact', contact.id);
    const entity = at ? (await this.deps.tabs.get(at.tabId))?.entities.find((e) => e.key === at.key) : undefined;
    const revealed = entity ? revealedState(entity.state, personId, contact, this.now()) : null;
    if (at && revealed) await this.settle(at.key, withCost(revealed, cost), at.tabId);
    return contact;
  }

  /** MULTI_MATCH: the user picked the candidate this identifier belongs to. */
  async choose(tabId: number, key: string, personId: number): Promise<void> {
    const entity = await this.entity(tabId, key);
    const providers = await this.deps.providers();
    const contact = await this.enrichPerson(providers, personId);
    const cost = await this.deps.budget.charge('contact', contact.id);
    await this.settle(key, withCost(chosenState(entity.state, personId, contact, providers, this.now()), cost), tabId);
  }

  /** "Not this person": the match is dropped and remembered, so no later lookup offers it again. */
  async reject(tabId: number, key: string): Promise<void> {
    const entity = await this.entity(tabId, key);
    const ids = rejectedIds(entity.state);
    if (!ids) throw new SidecarError('invalid_input', 'Only a matched person can be rejected.');
    const rejections = await this.deps.rejections();
    await this.deps.saveRejections({ ...rejections, [key]: [...new Set([...(rejections[key] ?? []), ...ids])] });
    await this.deps.cache.delete(key);
    await this.settle(key, { status: 'NO_RESULT', tried: REJECTED, at: this.now() }, tabId);
  }

  private async entity(tabId: number, key: string): Promise<TabEntity> {
    const entity = (await this.deps.tabs.get(tabId))?.entities.find((e) => e.key === key);
    if (!entity) throw new SidecarError('not_found', 'That item is no longer on this page.');
    return entity;
  }

  private async enrichPerson(providers: ProviderSet, personId: number): Promise<EnrichedContact> {
    const [outcome] = await providers
      .for('enrichContacts')
      .enrichContacts([{ personId }])
      .catch((error: unknown) => {
        this.deps.onFailure?.(toSidecarError(error));
        throw error;
      });
    const contact = outcome?.data[0];
    if (!contact) throw new SidecarError('not_found', 'The provider no longer has that contact.');
    return contact;
  }

  private async start(tabId: number, keys: string[], state: TabState, mode: SpendMode): Promise<void> {
    if (keys.length === 0) return;
    const byKey = new Map(state.entities.map((e) => [e.key, e.detection]));
    const cached = await this.deps.cache.getMany(keys);
    const states = new Map<string, LookupState>();
    const misses: string[] = [];
    keys.forEach((key, i) => {
      const hit = cached[i];
      // A cached preview answers a preview; enriching it is another lookup.
      if (hit && (mode === 'preview' || !isPreview(hit))) states.set(key, hit);
      else misses.push(key);
    });
    for (const key of misses) {
      states.set(key, { status: 'LOADING', since: this.now() });
      let tabs = this.watchers.get(key);
      if (!tabs) this.watchers.set(key, (tabs = new Set()));
      tabs.add(tabId);
    }
    await this.deps.tabs.setStates(tabId, states);
    if (misses.length === 0) return;

    const [providers, settings, rejections] = await Promise.all([this.deps.providers(), this.deps.settings(), this.deps.rejections()]);
    const wanted = misses.filter((key) => byKey.has(key));
    // All at once, before any lookup starts: reserving one by one would spread them past the batch window.
    const reservations = mode === 'auto' ? await this.deps.budget.reserveMany(pageKey(tabId, state.url), wanted.length, settings) : [];
    wanted.forEach((key, i) => {
      const detection = byKey.get(key);
      if (!detection) return;
      void this.resolve(key, detection, providers, settings, rejections[key] ?? [], mode, reservations[i] ?? null).then((final) => this.settle(key, final, tabId));
    });
  }

  /** One entity's lookup, to a final state. Never throws. */
  private async resolve(
    key: string,
    detection: Detection,
    providers: ProviderSet,
    settings: Settings,
    rejected: number[],
    mode: SpendMode,
    reserved: Reservation | null,
  ): Promise<FinalState> {
    let lookup: LookupInput | null = null;
    let reservation = reserved;
    try {
      lookup = await lookupInputFor(detection, { hashedEmails: settings.hashedEmails });
      if (mode === 'preview') return await this.preview(lookup, providers);
      if (reservation && !reservation.ok) return await this.preview(lookup, providers, reservation.reason);
      const final =
        lookup.type === 'company'
          ? companyState(await this.companies.submit({ key, lookup, providers }), lookup, providers, this.now())
          : await this.contactState(await this.contacts.submit({ key, lookup, providers }), lookup, detection, providers, rejected);
      const record = recordOf(final);
      const granted = reservation;
      reservation = null;
      if (final.status !== 'RESULT') {
        if (granted?.ok) await this.deps.budget.settle(granted, null);
        return final;
      }
      const cost = granted?.ok ? await this.deps.budget.settle(granted, record) : record ? await this.deps.budget.charge(record.kind, record.id) : ({ kind: 'preview' } as const);
      const charged: FinalState = { ...final, result: { ...final.result, cost } };
      return this.deps.complete ? await this.deps.complete(charged, detection, key) : charged;
    } catch (error) {
      // The enrich failed: whatever it reserved was not spent.
      if (reservation?.ok) await this.deps.budget.settle(reservation, null).catch(() => undefined);
      const e = toSidecarError(error);
      this.deps.onFailure?.(e);
      return { status: 'ERROR', errorId: e.id, message: e.message, retryable: e.retryable, at: this.now() };
    }
  }

  private async contactState(
    outcome: EnrichOutcome<EnrichedContact>,
    lookup: LookupInput,
    detection: Detection,
    providers: ProviderSet,
    rejected: number[],
  ): Promise<FinalState> {
    if (outcome.matchStatus === 'COMPANY_ONLY_MATCH' && detection.kind === 'email') {
      const domain = getDomain(detection.value.split('@')[1] ?? '');
      if (domain) {
        const companyLookup: LookupInput = { type: 'company', input: { companyWebsite: domain }, tried: `website ${domain}` };
        const companyOutcome = await this.companies.submit({ key: `domain:${domain}`, lookup: companyLookup, providers });
        const company = companyOutcome.data[0] ?? null;
        if (company) return companyOnlyState(outcome, company, lookup, providers, this.now());
      }
    }
    return contactState(outcome, lookup, providers, rejected, this.now());
  }

  /** Preview: the provider's free searches, never an enrich (never a credit). `held`: a cap stopped the enrich. */
  private async preview(lookup: LookupInput, providers: ProviderSet, held?: HeldReason): Promise<FinalState> {
    const provider = providers.for(lookup.type === 'contact' ? 'prospectContacts' : 'prospectCompanies');
    const none = () => noResult(lookup, this.now(), 'preview: searched without spending credits');
    const charged = { cost: { kind: 'preview' as const }, ...(held ? { held } : {}) };
    if (lookup.type === 'company') {
      const { companyName, companyWebsite } = lookup.input;
      const found = await provider.prospectCompanies({ companyName, companyWebsite, rpp: 1 });
      const summary = found.data[0];
      if (!summary) return none();
      const state = previewCompanyState(summary, lookup, providers, this.now());
      return state.status === 'RESULT' ? { ...state, result: { ...state.result, ...charged } } : state;
    }
    const { emailAddress, fullName, companyName } = lookup.input;
    if (!emailAddress && !fullName) return none();
    const found = await provider.prospectContacts({ emailAddress, fullName, companyName, rpp: 5 });
    if (found.data.length === 0) return none();
    const state = previewContactState(found.data, lookup, providers, this.now());
    return state.status === 'RESULT' ? { ...state, result: { ...state.result, ...charged } } : state;
  }
}

/** Runs a batch; jobs configured against different provider sets (settings changed) go separately. */
async function runGrouped<O>(jobs: Job[], call: (providers: ProviderSet, inputs: (PersonInput | CompanyInput)[]) => Promise<O[]>): Promise<O[]> {
  const groups = new Map<ProviderSet, number[]>();
  jobs.forEach((job, i) => groups.set(job.providers, [...(groups.get(job.providers) ?? []), i]));
  const out = new Array<O>(jobs.length);
  await Promise.all(
    [...groups].map(async ([providers, indexes]) => {
      const results = await call(providers, indexes.map((i) => (jobs[i] as Job).lookup.input));
      indexes.forEach((jobIndex, k) => {
        out[jobIndex] = results[k] as O;
      });
    }),
  );
  return out;
}

/** A state the user paid for (or got free): what it cost, and no cap holding it back any more. */
function withCost(state: FinalState, cost: Cost): FinalState {
  return state.status === 'RESULT' ? { ...state, result: { ...state.result, cost, held: undefined } } : state;
}

function modeOf(settings: Settings): SpendMode {
  return settings.autoEnrich ? 'auto' : 'preview';
}

/** A result from the free searches only: email, phones and the full profile not revealed. */
export function isPreview(state: LookupState): boolean {
  if (state.status !== 'RESULT') return false;
  return state.result.cost?.kind === 'preview' || (state.result.type === 'contact' && !state.result.revealed);
}

/** The one record an enrich revealed (and the provider charged for), if any. */
function recordOf(state: FinalState): { kind: 'contact' | 'company'; id: number } | null {
  if (state.status !== 'RESULT') return null;
  const { result } = state;
  if (result.type === 'company') return { kind: 'company', id: result.company.id };
  if (result.contact) return { kind: 'contact', id: result.contact.id };
  return result.company ? { kind: 'company', id: result.company.id } : null;
}

export function ttlsOf(settings: Settings) {
  return { positiveMs: settings.cacheTtlHours * HOUR, negativeMs: settings.negativeCacheTtlHours * HOUR };
}

export type { CachedState };
