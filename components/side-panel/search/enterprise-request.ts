import type { CompanySearchCriteria, ContactSearchCriteria, IntentSearchRequest } from '../../../utils/schemas/enterprise-api.ts';
import { splitList, type SearchForm } from './search-request.ts';

/**
 * The search tab's form as the enterprise API's own search criteria (free; no search API key
 * needed). Lists become the published list syntax of each field: job titles OR-ed, management
 * levels, departments and technologies comma-separated, company industry keywords OR-ed.
 */

function whole(text: string): number | undefined {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= 0 ? n : undefined;
}

function text(value: string): string | undefined {
  return value.trim() || undefined;
}

/** Drops the criteria left empty: the API reads an empty string as a filter that matches nothing. */
function defined<T extends object>(criteria: T): T {
  return Object.fromEntries(Object.entries(criteria).filter(([, v]) => v !== undefined)) as T;
}

export function prospectContactCriteria(form: SearchForm, page = 1): ContactSearchCriteria {
  return defined({
    jobTitle: splitList(form.jobTitles)?.join(' OR '),
    managementLevel: splitList(form.seniorities)?.join(','),
    department: splitList(form.departments)?.join(','),
    companyName: text(form.companyName),
    industryKeywords: splitList(form.industries)?.join(','),
    state: text(form.state),
    country: text(form.country),
    techAttributeTagList: splitList(form.technologies)?.join(','),
    rpp: form.perPage,
    page,
  });
}

export function prospectCompanyCriteria(form: SearchForm, page = 1): CompanySearchCriteria {
  return defined({
    companyName: text(form.companyName),
    industryKeywords: splitList(form.industries)?.join(' OR '),
    state: text(form.state),
    country: text(form.country),
    employeeRangeMin: whole(form.employeesMin),
    employeeRangeMax: whole(form.employeesMax),
    techAttributeTagList: splitList(form.technologies)?.join(','),
    rpp: form.perPage,
    page,
  });
}

export function intentRequest(form: SearchForm, page = 1): IntentSearchRequest | null {
  const topics = splitList(form.topics);
  if (!topics) return null;
  const min = whole(form.signalScoreMin);
  return defined({ topics, signalScoreMin: min === undefined ? undefined : Math.min(100, min), rpp: form.perPage, page });
}
