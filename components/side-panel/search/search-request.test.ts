import { describe, expect, it } from 'vitest';
import { contactSearchRequest, companySearchRequest } from '../../../utils/schemas/search-api.ts';
import { activeFilters } from './sources.ts';
import { companyRequest, contactRequest, dayBoundary, EMPTY_FORM, locationToken, splitList } from './search-request.ts';

describe('search requests from the form', () => {
  it('an empty form asks for the first page and nothing else', () => {
    expect(contactRequest(EMPTY_FORM)).toEqual({ page: 1, per_page: 25 });
    expect(companyRequest(EMPTY_FORM, 3)).toEqual({ page: 3, per_page: 25 });
  });

  it('maps every filter of the search API, and the result passes the API schema', () => {
    const form = {
      ...EMPTY_FORM,
      jobTitles: 'manager, VP of Sales',
      departments: 'Sales',
      seniorities: 'C-Level, VP',
      hasPersonalEmails: true,
      hasLinkedinProfile: true,
      isDecisionMaker: true,
      addedAfter: '2020-01-01',
      addedBefore: '2024-12-31',
      locations: 'country:Brazil, city:London||||United Kingdom',
      functions: 'Logistics',
      industries: 'Software',
      tlds: '.co.uk, IO',
      technologies: 'Snowflake',
      perPage: 50,
    };
    const request = contactRequest(form, 2);
    expect(request).toEqual({
      page: 2,
      per_page: 50,
      job_titles: ['manager', 'VP of Sales'],
      departments: ['Sales'],
      seniorities: ['C-Level', 'VP'],
      has_personal_emails: true,
      has_linkedin_profile: true,
      is_decision_maker: true,
      added_after: '2020-01-01T00:00:00Z',
      added_before: '2024-12-31T23:59:59Z',
      locations: ['country:Brazil', 'city:London||||United Kingdom'],
      functions: ['Logistics'],
      industries: ['Software'],
      tlds: ['co.uk', 'io'],
      technologies: ['Snowflake'],
    });
    expect(contactSearchRequest.safeParse(request).success).toBe(true);
    const companies = companyRequest(form);
    expect(companies).not.toHaveProperty('job_titles');
    expect(companySearchRequest.safeParse(companies).success).toBe(true);
    expect(activeFilters(form, 'search-api', 'contacts')).toBe(13);
    expect(activeFilters(form, 'search-api', 'companies')).toBe(7);
  });

  it('never sends an empty list (the API refuses one) nor a false boolean', () => {
    const request = contactRequest({ ...EMPTY_FORM, jobTitles: ' , ,', tlds: '.' });
    expect(request).toEqual({ page: 1, per_page: 25 });
  });

  it('splits, trims and de-duplicates lists', () => {
    expect(splitList('a, b ,a,,c')).toEqual(['a', 'b', 'c']);
    expect(splitList('  ')).toBeUndefined();
  });

  it('turns days into UTC instants and ignores anything else', () => {
    expect(dayBoundary('2024-02-29', 'start')).toBe('2024-02-29T00:00:00Z');
    expect(dayBoundary('2024-02-29', 'end')).toBe('2024-02-29T23:59:59Z');
    expect(dayBoundary('yesterday', 'start')).toBeUndefined();
  });

  it('builds location tokens at the most precise level given', () => {
    expect(locationToken('San Francisco', 'California', 'United States')).toBe('city:San Francisco||California||United States');
    expect(locationToken('London', '', 'United Kingdom')).toBe('city:London||||United Kingdom');
    expect(locationToken('', 'California', 'United States')).toBe('state:California||United States');
    expect(locationToken('', '', 'Brazil')).toBe('country:Brazil');
    expect(locationToken(' ', '', '')).toBeNull();
  });
});
