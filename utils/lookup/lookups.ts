import { Batcher } from './batcher.ts';
import type { LookupCache, CachedState } from './cache.ts';
import { dedupe, entityKey } from './entity-key.ts';
import { SidecarError, toSidecarError } from '../errors.ts';
import { canonicalDomains, lookupInputFor, type LookupInput } from './lookup-input.ts';
import type { ProviderSet } from '../providers/registry.ts';
import type { EnrichOutcome } from '../providers/types.ts';
import type { Detection } from '../schemas/detection.ts';
import type { CompanyInput, EnrichedCompany, EnrichedContact, PersonInput } from '../schemas/enterprise-api.ts';
import type { LookupState, TabEntity, TabState } from '../schemas/lookup.ts';
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
  now?: () => number;
  batchWindowMs?: number;
  /** Told of every failed lookup (the popup shows credential and credit problems). */
  onFailure?: (error: SidecarError) => void;
}

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
    await this.start(tabId, state.entities.filter((e) => e.state.status === 'BLANK').map((e) => e.key), state);
    return state.entities.length;
  }

  /** The user asked for one entity (quick lookup, context menu): add it to the tab and look it up. */
  async lookupOne(tabId: number, url: string, detection: Detection): Promise<string> {
    const key = entityKey(detection);
    const state = await this.deps.tabs.update(tabId, (s) => {
      const base = s ?? { tabId, url, updatedAt: this.now(), entities: [] };
      const existing = base.entities.find((e) => e.key === key);
      const others = base.entities.filter((e) => e.key !== key);
      return { ...base, entities: [{ key, detection: existing?.detection ?? detection, state: { status: 'BLANK' } }, ...others] };
    });
    if (state) await this.start(tabId, [key], state);
    return key;
  }

  /** Look the entity up again, skipping the cache. */
  async retry(tabId: number, key: string): Promise<void> {
    await this.deps.cache.delete(key);
    const state = await this.deps.tabs.get(tabId);
    if (!state?.entities.some((e) => e.key === key)) throw new SidecarError('not_found', 'That item is no longer on this page.');
    await this.start(tabId, [key], state);
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
      await this.start(state.tabId, keys, state);
    }
    return resumed;
  }

  /** Looks again at every entity that failed with one of `errorIds` (e.g. after new credentials). */
  async retryFailed(errorIds: ReadonlySet<string>): Promise<number> {
    let retried = 0;
    for (const state of await this.deps.tabs.all()) {
      const keys = state.entities.filter((e) => e.state.status === 'ERROR' && errorIds.has(e.state.errorId)).map((e) => e.key);
      retried += keys.length;
      await this.start(state.tabId, keys, state);
    }
    return retried;
  }

  forgetTab(tabId: number): void {
    for (const tabs of this.watchers.values()) tabs.delete(tabId);
  }

  /** Sets one entity's final state everywhere it is shown, and caches it. */
  async settle(key: string, state: FinalState, extraTab?: number): Promise<void> {
    if (state.status !== 'ERROR') {
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
    const entity = at ? (await this.deps.tabs.get(at.tabId))?.entities.find((e) => e.key === at.key) : undefined;
    const revealed = entity ? revealedState(entity.state, personId, contact, this.now()) : null;
    if (at && revealed) await this.settle(at.key, revealed, at.tabId);
    return contact;
  }

  /** MULTI_MATCH: the user picked the candidate this identifier belongs to. */
  async choose(tabId: number, key: string, personId: number): Promise<void> {
    const entity = await this.entity(tabId, key);
    const providers = await this.deps.providers();
    const contact = await this.enrichPerson(providers, personId);
    await this.settle(key, chosenState(entity.state, personId, contact, providers, this.now()), tabId);
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

  private async start(tabId: number, keys: string[], state: TabState): Promise<void> {
    if (keys.length === 0) return;
    const byKey = new Map(state.entities.map((e) => [e.key, e.detection]));
    const cached = await this.deps.cache.getMany(keys);
    const states = new Map<string, LookupState>();
    const misses: string[] = [];
    keys.forEach((key, i) => {
      const hit = cached[i];
      if (hit) states.set(key, hit);
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
    for (const key of misses) {
      const detection = byKey.get(key);
      if (!detection) continue;
      void this.resolve(key, detection, providers, settings, rejections[key] ?? []).then((final) => this.settle(key, final, tabId));
    }
  }

  /** One entity's lookup, to a final state. Never throws. */
  private async resolve(key: string, detection: Detection, providers: ProviderSet, settings: Settings, rejected: number[]): Promise<FinalState> {
    let lookup: LookupInput | null = null;
    try {
      lookup = await lookupInputFor(detection, { hashedEmails: settings.hashedEmails });
      if (settings.lookupOnly) return await this.preview(lookup, providers);
      if (lookup.type === 'company') {
        const outcome = await this.companies.submit({ key, lookup, providers });
        return companyState(outcome, lookup, providers, this.now());
      }
      const outcome = await this.contacts.submit({ key, lookup, providers });
      return await this.contactState(outcome, lookup, detection, providers, rejected);
    } catch (error) {
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

  /** Look-up only: the provider's free searches, never an enrich (never a credit). */
  private async preview(lookup: LookupInput, providers: ProviderSet): Promise<FinalState> {
    const provider = providers.for(lookup.type === 'contact' ? 'prospectContacts' : 'prospectCompanies');
    const none = () => noResult(lookup, this.now(), 'look-up only: searched without spending credits');
    if (lookup.type === 'company') {
      const { companyName, companyWebsite } = lookup.input;
      const found = await provider.prospectCompanies({ companyName, companyWebsite, rpp: 1 });
      const summary = found.data[0];
      return summary ? previewCompanyState(summary, lookup, providers, this.now()) : none();
    }
    const { emailAddress, fullName, companyName } = lookup.input;
    if (!emailAddress && !fullName) return none();
    const found = await provider.prospectContacts({ emailAddress, fullName, companyName, rpp: 5 });
    return found.data.length === 0 ? none() : previewContactState(found.data, lookup, providers, this.now());
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

export function ttlsOf(settings: Settings) {
  return { positiveMs: settings.cacheTtlHours * HOUR, negativeMs: settings.negativeCacheTtlHours * HOUR };
}

export type { CachedState };
