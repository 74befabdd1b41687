import type { CompanySearchRequest, ContactSearchRequest } from '../../../utils/schemas/search-api.ts';

/** The search tab's form, as typed: list fields are comma-separated text, dates are yyyy-mm-dd. */
export interface SearchForm {
  jobTitles: string;
  departments: string;
  seniorities: string;
  hasPersonalEmails: boolean;
  hasLinkedinProfile: boolean;
  isDecisionMaker: boolean;
  addedAfter: string;
  addedBefore: string;
  locations: string;
  functions: string;
  industries: string;
  tlds: string;
  technologies: string;
  /** Enterprise search only: company name (partial), HQ state and country, head count bounds. */
  companyName: string;
  state: string;
  country: string;
  employeesMin: string;
  employeesMax: string;
  /** Companies researching a topic: topics (comma-separated) and the weakest signal to show. */
  topics: string;
  signalScoreMin: string;
  perPage: number;
}

export const EMPTY_FORM: SearchForm = {
  jobTitles: '',
  departments: '',
  seniorities: '',
  hasPersonalEmails: false,
  hasLinkedinProfile: false,
  isDecisionMaker: false,
  addedAfter: '',
  addedBefore: '',
  locations: '',
  functions: '',
  industries: '',
  tlds: '',
  technologies: '',
  companyName: '',
  state: '',
  country: '',
  employeesMin: '',
  employeesMax: '',
  topics: '',
  signalScoreMin: '',
  perPage: 25,
};

/** `a, b ,, c` → ['a', 'b', 'c']; nothing → undefined (the API refuses an empty array). */
export function splitList(text: string, clean: (s: string) => string = (s) => s): string[] | undefined {
  const items = [...new Set(text.split(',').map((s) => clean(s.trim())).filter(Boolean))];
  return items.length > 0 ? items : undefined;
}

/** `2024-01-31` → the first (after) or last (before) instant of that UTC day. */
export function dayBoundary(day: string, edge: 'start' | 'end'): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  return edge === 'start' ? `${day}T00:00:00Z` : `${day}T23:59:59Z`;
}

/** A location token of the search API from its parts: the most precise level that was given. */
export function locationToken(city: string, state: string, country: string): string | null {
  const [ci, st, co] = [city.trim(), state.trim(), country.trim()];
  if (ci) return `city:${ci}||${st}||${co}`;
  if (st) return `state:${st}||${co}`;
  if (co) return `country:${co}`;
  return null;
}

function companyFilters(form: SearchForm, page: number): CompanySearchRequest {
  const request: CompanySearchRequest = { page, per_page: form.perPage };
  const after = dayBoundary(form.addedAfter, 'start');
  const before = dayBoundary(form.addedBefore, 'end');
  if (after) request.added_after = after;
  if (before) request.added_before = before;
  const locations = splitList(form.locations);
  const functions = splitList(form.functions);
  const industries = splitList(form.industries);
  const tlds = splitList(form.tlds, (s) => s.replace(/^\.+/, '').toLowerCase());
  const technologies = splitList(form.technologies);
  if (locations) request.locations = locations;
  if (functions) request.functions = functions;
  if (industries) request.industries = industries;
  if (tlds) request.tlds = tlds;
  if (technologies) request.technologies = technologies;
  return request;
}

export function companyRequest(form: SearchForm, page = 1): CompanySearchRequest {
  return companyFilters(form, page);
}

export function contactRequest(form: SearchForm, page = 1): ContactSearchRequest {
  const request: ContactSearchRequest = { ...companyFilters(form, page) };
  const jobTitles = splitList(form.jobTitles);
  const departments = splitList(form.departments);
  const seniorities = splitList(form.seniorities);
  if (jobTitles) request.job_titles = jobTitles;
  if (departments) request.departments = departments;
  if (seniorities) request.seniorities = seniorities;
  // false means "no filter" in the API: only send the ones that are on.
  if (form.hasPersonalEmails) request.has_personal_emails = true;
  if (form.hasLinkedinProfile) request.has_linkedin_profile = true;
  if (form.isDecisionMaker) request.is_decision_maker = true;
  return request;
}
