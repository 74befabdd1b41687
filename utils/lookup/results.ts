import type { ProviderSet } from '../providers/registry.ts';
import type { EnrichOutcome } from '../providers/types.ts';
import type { CompanySummary, ContactSummary, EnrichedCompany, EnrichedContact } from '../schemas/enterprise-api.ts';
import type { LookupResult, LookupState, Provenance } from '../schemas/lookup.ts';
import { describeInput, type LookupInput } from './lookup-input.ts';

/**
 * Every final lookup state is built here, once: what a provider's answer means for an entity
 * (RESULT, NO_RESULT), the candidates of a MULTI_MATCH, a candidate the user chose, a preview the
 * user revealed, a match the user rejected.
 */

export type FinalState = Exclude<LookupState, { status: 'BLANK' | 'LOADING' }>;
type ContactResult = Extract<LookupResult, { type: 'contact' }>;

export const REJECTED = 'you said the match was not this person';

export function noResult(lookup: LookupInput, at: number, why?: string): FinalState {
  return { status: 'NO_RESULT', tried: why ? `${lookup.tried} (${why})` : lookup.tried, at };
}

export function companyState(outcome: EnrichOutcome<EnrichedCompany>, lookup: LookupInput, providers: ProviderSet, at: number): FinalState {
  const company = outcome.data[0];
  if (!company || outcome.matchStatus === 'NO_MATCH' || outcome.matchStatus === 'BAD_DATA') return noResult(lookup, at, outcome.reason);
  return {
    status: 'RESULT',
    at,
    result: { type: 'company', company, provenance: provenanceOf(providers, lookup, outcome, null, company.createdDate ?? null) },
  };
}

/** The person the identifier belongs to, or the candidates to choose from (the user's rejections left out). */
export function contactState(
  outcome: EnrichOutcome<EnrichedContact>,
  lookup: LookupInput,
  providers: ProviderSet,
  rejected: number[],
  at: number,
  revealed = true,
): FinalState {
  const candidates = outcome.data.filter((c) => !rejected.includes(c.id));
  if (candidates.length === 0 || outcome.matchStatus === 'NO_MATCH' || outcome.matchStatus === 'BAD_DATA') {
    return noResult(lookup, at, outcome.data.length > 0 && candidates.length === 0 ? REJECTED : outcome.reason);
  }
  const multi = outcome.matchStatus === 'MULTI_MATCH' && candidates.length > 1;
  const contact = multi ? null : (candidates[0] ?? null);
  return {
    status: 'RESULT',
    at,
    result: {
      type: 'contact',
      contact,
      candidates: multi ? candidates : [],
      company: null,
      revealed,
      // A preview has no chosen contact's score to show: its best candidate's stands in.
      provenance: provenanceOf(providers, lookup, outcome, (revealed ? contact : candidates[0])?.contactAccuracyScore ?? null, contact?.lastUpdatedDate ?? null),
    },
  };
}

/** COMPANY_ONLY_MATCH on an email: nobody known by that address, but the company behind its domain is. */
export function companyOnlyState(
  outcome: EnrichOutcome<EnrichedContact>,
  company: EnrichedCompany,
  lookup: LookupInput,
  providers: ProviderSet,
  at: number,
): FinalState {
  return {
    status: 'RESULT',
    at,
    result: { type: 'contact', contact: null, candidates: [], company, revealed: true, provenance: provenanceOf(providers, lookup, outcome, null, null) },
  };
}

/** Look-up only: a contact preview from the free search (nothing revealed). */
export function previewContactState(found: ContactSummary[], lookup: LookupInput, providers: ProviderSet, at: number): FinalState {
  const data = found.map(contactFromSummary);
  return contactState({ matchStatus: data.length > 1 ? 'MULTI_MATCH' : 'FULL_MATCH', data }, lookup, providers, [], at, false);
}

export function previewCompanyState(found: CompanySummary, lookup: LookupInput, providers: ProviderSet, at: number): FinalState {
  return companyState({ matchStatus: 'FULL_MATCH', data: [companyFromSummary(found)] }, lookup, providers, at);
}

/** The candidate the user picked (MULTI_MATCH), enriched: a full match from now on. */
export function chosenState(previous: LookupState, personId: number, contact: EnrichedContact, providers: ProviderSet, at: number): FinalState {
  const provenance: Provenance = previous.status === 'RESULT' ? previous.result.provenance : {
    provider: providers.providers[0]?.label ?? 'provider',
    matchedOn: `personId: ${personId}`,
    matchStatus: 'FULL_MATCH',
    accuracy: null,
    lastUpdated: null,
  };
  return {
    status: 'RESULT',
    at,
    result: {
      type: 'contact',
      contact,
      candidates: [],
      company: null,
      revealed: true,
      provenance: { ...provenance, matchStatus: 'FULL_MATCH', accuracy: contact.contactAccuracyScore ?? null, lastUpdated: contact.lastUpdatedDate ?? null },
    },
  };
}

/** A preview's contact revealed on its card: the state keeps the paid-for details. Null when the state shows someone else. */
export function revealedState(state: LookupState, personId: number, contact: EnrichedContact, at: number): FinalState | null {
  if (state.status !== 'RESULT' || state.result.type !== 'contact' || state.result.contact?.id !== personId) return null;
  const result: ContactResult = state.result;
  return { status: 'RESULT', at, result: { ...result, contact: { ...result.contact, ...contact }, revealed: true } };
}

/** The person ids a "not this person" rejects: the match, or every candidate offered. */
export function rejectedIds(state: LookupState): number[] | null {
  if (state.status !== 'RESULT' || state.result.type !== 'contact') return null;
  const { contact, candidates } = state.result;
  return contact ? [contact.id] : candidates.map((c) => c.id);
}

function provenanceOf(
  providers: ProviderSet,
  lookup: LookupInput,
  outcome: EnrichOutcome<unknown>,
  accuracy: number | null,
  lastUpdated: string | null,
): Provenance {
  return {
    provider: providers.providers[0]?.label ?? 'provider',
    matchedOn: describeInput(lookup.input),
    matchStatus: outcome.matchStatus,
    accuracy,
    lastUpdated,
  };
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
