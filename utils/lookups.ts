import { Batcher } from './batcher.ts';
import type { LookupCache, CachedState } from './cache.ts';
import { pageKey, type CreditBudget, type Reservation } from './credit-budget.ts';
import { entityKey } from './entity-key.ts';
import { SidecarError, toSidecarError } from './errors.ts';
import { describeInput, lookupInputFor, type LookupInput } from './lookup-input.ts';
import type { ProviderSet } from './providers/registry.ts';
import type { EnrichOutcome } from './providers/types.ts';
import type { Detection } from './schemas/detection.ts';
import type {
  CompanyInput,
  CompanySummary,
  ContactSummary,
  EnrichedCompany,
  EnrichedContact,
  PersonInput,
} from './schemas/enterprise-api.ts';
import type { HeldReason, LookupResult, LookupState, TabState } from './schemas/lookup.ts';
import type { Settings } from './settings.ts';
import { mergeDetections, type TabStore } from './tab-store.ts';
import { getDomain } from 'tldts';

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
  /** What automatic enrichment may spend; clicks are charged to it too (issue 17). */
  budget: CreditBudget;
  now?: () => number;
  batchWindowMs?: number;
  /** Told of every failed lookup (the popup shows credential and credit problems). */
  onFailure?: (error: SidecarError) => void;
}

type FinalState = Exclude<LookupState, { status: 'BLANK' | 'LOADING' }>;

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
    const keyed = dedupe(detections);
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
  async reveal(tabId: number, key: string): Promise<void> {
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
          ? this.companyState(await this.companies.submit({ key, lookup, providers }), lookup, providers)
          : await this.contactState(await this.contacts.submit({ key, lookup, providers }), lookup, detection, providers, rejected);
      const record = recordOf(final);
      const granted = reservation;
      reservation = null;
      if (final.status !== 'RESULT') {
        if (granted?.ok) await this.deps.budget.settle(granted, null);
        return final;
      }
      const cost = granted?.ok ? await this.deps.budget.settle(granted, record) : record ? await this.deps.budget.charge(record.kind, record.id) : ({ kind: 'preview' } as const);
      return { ...final, result: { ...final.result, cost } };
    } catch (error) {
      // The enrich failed: whatever it reserved was not spent.
      if (reservation?.ok) await this.deps.budget.settle(reservation, null).catch(() => undefined);
      const e = toSidecarError(error);
      this.deps.onFailure?.(e);
      return { status: 'ERROR', errorId: e.id, message: e.message, retryable: e.retryable, at: this.now() };
    }
  }

  private companyState(outcome: EnrichOutcome<EnrichedCompany>, lookup: LookupInput, providers: ProviderSet): FinalState {
    const company = outcome.data[0];
    if (!company || outcome.matchStatus === 'NO_MATCH' || outcome.matchStatus === 'BAD_DATA') {
      return { status: 'NO_RESULT', tried: tried(lookup, outcome.reason), at: this.now() };
    }
    return {
      status: 'RESULT',
      at: this.now(),
      result: { type: 'company', company, provenance: provenanceOf(providers, lookup, outcome, null, company.createdDate ?? null) },
    };
  }

  private async contactState(
    outcome: EnrichOutcome<EnrichedContact>,
    lookup: LookupInput,
    detection: Detection,
    providers: ProviderSet,
    rejected: number[],
  ): Promise<FinalState> {
    const candidates = outcome.data.filter((c) => !rejected.includes(c.id));
    if (outcome.matchStatus === 'COMPANY_ONLY_MATCH' && detection.kind === 'email') {
      const domain = getDomain(detection.value.split('@')[1] ?? '');
      if (domain) {
        const companyLookup: LookupInput = { type: 'company', input: { companyWebsite: domain }, tried: `website ${domain}` };
        const companyOutcome = await this.companies.submit({ key: `domain:${domain}`, lookup: companyLookup, providers });
        const company = companyOutcome.data[0] ?? null;
        if (company) {
          return {
            status: 'RESULT',
            at: this.now(),
            result: { type: 'contact', contact: null, candidates: [], company, revealed: true, provenance: provenanceOf(providers, lookup, outcome, null, null) },
          };
        }
      }
    }
    if (candidates.length === 0 || outcome.matchStatus === 'NO_MATCH' || outcome.matchStatus === 'BAD_DATA') {
      const why = outcome.data.length > 0 && candidates.length === 0 ? 'you said the match was not this person' : outcome.reason;
      return { status: 'NO_RESULT', tried: tried(lookup, why), at: this.now() };
    }
    const multi = outcome.matchStatus === 'MULTI_MATCH' && candidates.length > 1;
    const contact = multi ? null : (candidates[0] ?? null);
    return {
      status: 'RESULT',
      at: this.now(),
      result: {
        type: 'contact',
        contact,
        candidates: multi ? candidates : [],
        company: null,
        revealed: true,
        provenance: provenanceOf(providers, lookup, outcome, contact?.contactAccuracyScore ?? null, contact?.lastUpdatedDate ?? null),
      },
    };
  }

  /** Preview: the provider's free searches, never an enrich (never a credit). `held`: a cap stopped the enrich. */
  private async preview(lookup: LookupInput, providers: ProviderSet, held?: HeldReason): Promise<FinalState> {
    const provider = providers.for(lookup.type === 'contact' ? 'prospectContacts' : 'prospectCompanies');
    const none = (): FinalState => ({ status: 'NO_RESULT', tried: tried(lookup, 'preview: searched without spending credits'), at: this.now() });
    const charged = { cost: { kind: 'preview' as const }, ...(held ? { held } : {}) };
    if (lookup.type === 'company') {
      const { companyName, companyWebsite } = lookup.input;
      const found = await provider.prospectCompanies({ companyName, companyWebsite, rpp: 1 });
      const summary = found.data[0];
      if (!summary) return none();
      const outcome: EnrichOutcome<EnrichedCompany> = { matchStatus: 'FULL_MATCH', data: [companyFromSummary(summary)] };
      const state = this.companyState(outcome, lookup, providers);
      return state.status === 'RESULT' ? { ...state, result: { ...state.result, ...charged } } : state;
    }
    const { emailAddress, fullName, companyName } = lookup.input;
    if (!emailAddress && !fullName) return none();
    const found = await provider.prospectContacts({ emailAddress, fullName, companyName, rpp: 5 });
    if (found.data.length === 0) return none();
    const data = found.data.map(contactFromSummary);
    const outcome: EnrichOutcome<EnrichedContact> = { matchStatus: data.length > 1 ? 'MULTI_MATCH' : 'FULL_MATCH', data };
    const multi = data.length > 1;
    return {
      status: 'RESULT',
      at: this.now(),
      result: {
        type: 'contact',
        contact: multi ? null : (data[0] ?? null),
        candidates: multi ? data : [],
        company: null,
        revealed: false,
        provenance: provenanceOf(providers, lookup, outcome, data[0]?.contactAccuracyScore ?? null, null),
        ...charged,
      },
    };
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

function dedupe(detections: Detection[]): { key: string; detection: Detection }[] {
  const best = new Map<string, Detection>();
  for (const d of detections) {
    const key = entityKey(d);
    const seen = best.get(key);
    if (!seen || d.confidence > seen.confidence) best.set(key, d);
  }
  return [...best].map(([key, detection]) => ({ key, detection }));
}

function tried(lookup: LookupInput, why?: string): string {
  return why ? `${lookup.tried} (${why})` : lookup.tried;
}

function provenanceOf(
  providers: ProviderSet,
  lookup: LookupInput,
  outcome: EnrichOutcome<unknown>,
  accuracy: number | null,
  lastUpdated: string | null,
): LookupResult['provenance'] {
  const provider = providers.providers[0];
  return {
    provider: provider?.label ?? 'provider',
    matchedOn: describeInput(lookup.input),
    matchStatus: outcome.matchStatus,
    accuracy,
    lastUpdated,
  };
}

export function ttlsOf(settings: Settings) {
  return { positiveMs: settings.cacheTtlHours * HOUR, negativeMs: settings.negativeCacheTtlHours * HOUR };
}

function contactFromSummary(s: ContactSummary): EnrichedContact {
  return {
    id: s.id,
    firstName: s.firstName,
    lastName: s.lastName,
    jobTitle: s.jobTitle,
    managementLevel: typeof s.managementLevel === 'string' ? [s.managementLevel] : s.managementLevel,
    jobFunction: s.department ? [{ name: null, department: s.department }] : null,
    contactAccuracyScore: s.contactAccuracyScore,
    company: s.company ? { id: s.company.id, name: s.company.name, website: null } : null,
    email: null,
    phone: null,
    mobilePhone: null,
  };
}

function companyFromSummary(s: CompanySummary): EnrichedCompany {
  return {
    id: s.id,
    name: s.name,
    website: s.website,
    domainList: s.domain ? [s.domain] : null,
    primaryIndustry: s.industry ? [s.industry] : null,
    employeeCount: s.employeeCount,
    revenue: s.revenue,
    city: s.city,
    state: s.state,
    country: s.country,
  };
}

export type { CachedState };
