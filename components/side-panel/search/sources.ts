import type { CompanySummary, ContactSummary, IntentCompany } from '../../../utils/schemas/enterprise-api.ts';
import type { SearchCompany, SearchContact } from '../../../utils/schemas/search-api.ts';
import type { Send } from '../../background.tsx';
import { intentRequest, prospectCompanyCriteria, prospectContactCriteria } from './enterprise-request.ts';
import { companyRequest, contactRequest, type SearchForm } from './search-request.ts';

/**
 * Where the search tab's rows come from. With a search API key: the search API and all its filters.
 * Without one: the enterprise API's own contact, company and intent searches (free), with the
 * filters they have. The panel asks this layer for pages; it never picks endpoints itself.
 */

export type Kind = 'contacts' | 'companies' | 'intent';
export type Source = 'search-api' | 'enterprise';

export type Rows =
  | { kind: 'contacts'; source: 'search-api'; rows: SearchContact[] }
  | { kind: 'contacts'; source: 'enterprise'; rows: ContactSummary[] }
  | { kind: 'companies'; source: 'search-api'; rows: SearchCompany[] }
  | { kind: 'companies'; source: 'enterprise'; rows: CompanySummary[] }
  | { kind: 'intent'; source: 'enterprise'; rows: IntentCompany[] };

export type ResultPage = Rows & { page: number; totalPages: number; total: number; tookMs: number | null };

/** The published enterprise search never pages past 10,000 results; exports stop there too. */
export const MAX_EXPORT_ROWS = 10_000;
const EXPORT_PAGE_SIZE = 100;

/** The filters each search has; the form shows only these. */
const FILTERS: Record<Source, Partial<Record<Kind, readonly (keyof SearchForm)[]>>> = {
  'search-api': {
    contacts: ['jobTitles', 'departments', 'seniorities', 'hasPersonalEmails', 'hasLinkedinProfile', 'isDecisionMaker', 'industries', 'functions', 'technologies', 'tlds', 'locations', 'addedAfter', 'addedBefore'],
    companies: ['industries', 'functions', 'technologies', 'tlds', 'locations', 'addedAfter', 'addedBefore'],
  },
  enterprise: {
    contacts: ['jobTitles', 'companyName', 'seniorities', 'departments', 'industries', 'technologies', 'state', 'country'],
    companies: ['companyName', 'industries', 'technologies', 'state', 'country', 'employeesMin', 'employeesMax'],
    intent: ['topics', 'signalScoreMin'],
  },
};

/** Companies researching a topic: whenever the enterprise API offers intent search. */
export function kindsOf(intentSearch: boolean): Kind[] {
  return intentSearch ? ['contacts', 'companies', 'intent'] : ['contacts', 'companies'];
}

export function hasFilter(source: Source, kind: Kind, field: keyof SearchForm): boolean {
  return filtersOf(source, kind).includes(field);
}

/** Intent search is the enterprise API's, whatever else is configured. */
export function sourceFor(kind: Kind, source: Source): Source {
  return kind === 'intent' ? 'enterprise' : source;
}

function filtersOf(source: Source, kind: Kind): readonly (keyof SearchForm)[] {
  return FILTERS[sourceFor(kind, source)][kind] ?? [];
}

/** How many filters of this search are set, for the collapsed form's summary. */
export function activeFilters(form: SearchForm, source: Source, kind: Kind): number {
  return filtersOf(source, kind).filter((f) => {
    const v = form[f];
    return typeof v === 'boolean' ? v : typeof v === 'string' && v.trim() !== '';
  }).length;
}

/** One page of `kind` rows matching `form`, `perPage` rows a page. */
export async function fetchPage(send: Send, kind: Kind, source: Source, form: SearchForm, page: number): Promise<ResultPage> {
  const pages = (total: number, per: number) => Math.max(1, Math.ceil(Math.min(total, MAX_EXPORT_ROWS) / per));
  if (kind === 'intent') {
    const request = intentRequest(form, page);
    if (!request) return { kind, source: 'enterprise', rows: [], page, totalPages: 1, total: 0, tookMs: null };
    const r = await send('intentSearch', request);
    return { kind, source: 'enterprise', rows: r.data, page: r.currentPage, total: r.totalResults, totalPages: pages(r.totalResults, form.perPage), tookMs: null };
  }
  if (source === 'search-api') {
    if (kind === 'contacts') {
      const r = await send('searchContacts', contactRequest(form, page));
      return { kind, source, rows: r.data, page: r.meta.page, total: r.meta.total, totalPages: r.meta.total_pages, tookMs: r.meta.took_ms };
    }
    const r = await send('searchCompanies', companyRequest(form, page));
    return { kind, source, rows: r.data, page: r.meta.page, total: r.meta.total, totalPages: r.meta.total_pages, tookMs: r.meta.took_ms };
  }
  if (kind === 'contacts') {
    const r = await send('prospectContacts', prospectContactCriteria(form, page));
    return { kind, source, rows: r.data, page: r.currentPage, total: r.totalResults, totalPages: pages(r.totalResults, form.perPage), tookMs: null };
  }
  const r = await send('prospectCompanies', prospectCompanyCriteria(form, page));
  return { kind, source, rows: r.data, page: r.currentPage, total: r.totalResults, totalPages: pages(r.totalResults, form.perPage), tookMs: null };
}

/**
 * Every row matching `form`, not only the page on screen: pages of 100 (both APIs' maximum) until
 * the total is reached, at most MAX_EXPORT_ROWS. `onProgress` hears after each page.
 */
export async function fetchAll(
  send: Send,
  kind: Kind,
  source: Source,
  form: SearchForm,
  onProgress: (done: number, total: number) => void,
): Promise<Rows & { truncated: boolean }> {
  const big = { ...form, perPage: EXPORT_PAGE_SIZE };
  const first = await fetchPage(send, kind, source, big, 1);
  const total = Math.min(first.total, MAX_EXPORT_ROWS);
  const rows: unknown[] = [...first.rows];
  onProgress(Math.min(rows.length, total), total);
  for (let page = 2; rows.length < total && first.rows.length > 0; page++) {
    const next = await fetchPage(send, kind, source, big, page);
    if (next.rows.length === 0) break;
    rows.push(...next.rows);
    onProgress(Math.min(rows.length, total), total);
  }
  // Same kind and source as the first page: the rows are of its type.
  return { ...first, rows: rows.slice(0, total), truncated: first.total > MAX_EXPORT_ROWS } as Rows & { truncated: boolean };
}
