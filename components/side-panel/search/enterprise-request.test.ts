import { describe, expect, it } from 'vitest';
import { companySearchCriteria, contactSearchCriteria, intentSearchRequest } from '../../../utils/schemas/enterprise-api.ts';
import { intentRequest, prospectCompanyCriteria, prospectContactCriteria } from './enterprise-request.ts';
import { EMPTY_FORM } from './search-request.ts';

describe('the search form as enterprise search criteria', () => {
  it('an empty form asks for the first page only', () => {
    expect(prospectContactCriteria(EMPTY_FORM)).toEqual({ rpp: 25, page: 1 });
    expect(prospectCompanyCriteria(EMPTY_FORM, 2)).toEqual({ rpp: 25, page: 2 });
  });

  it('maps contact filters to the published criteria, and the result passes the API schema', () => {
    const form = {
      ...EMPTY_FORM,
      jobTitles: 'VP of Sales, Chief Revenue Officer',
      companyName: ' Northwind ',
      seniorities: 'C-Level, VP',
      departments: 'Sales',
      industries: 'Software',
      technologies: 'Snowflake, AWS',
      state: 'California',
      country: 'United States',
      // Filters the enterprise search lacks are never sent.
      tlds: 'io',
      functions: 'Logistics',
      isDecisionMaker: true,
      perPage: 50,
    };
    const criteria = prospectContactCriteria(form, 3);
    expect(criteria).toEqual({
      jobTitle: 'VP of Sales OR Chief Revenue Officer',
      companyName: 'Northwind',
      managementLevel: 'C-Level,VP',
      department: 'Sales',
      industryKeywords: 'Software',
      techAttributeTagList: 'Snowflake,AWS',
      state: 'California',
      country: 'United States',
      rpp: 50,
      page: 3,
    });
    expect(contactSearchCriteria.safeParse(criteria).success).toBe(true);
  });

  it('maps company filters, industries OR-ed and head counts as whole numbers', () => {
    const criteria = prospectCompanyCriteria({ ...EMPTY_FORM, industries: 'Software, Logistics', country: 'Germany', employeesMin: '50', employeesMax: 'lots', jobTitles: 'CEO' });
    expect(criteria).toEqual({ industryKeywords: 'Software OR Logistics', country: 'Germany', employeeRangeMin: 50, rpp: 25, page: 1 });
    expect(companySearchCriteria.safeParse(criteria).success).toBe(true);
  });

  it('an intent search needs a topic; the minimum score is capped at 100', () => {
    expect(intentRequest(EMPTY_FORM)).toBeNull();
    const request = intentRequest({ ...EMPTY_FORM, topics: 'Data Warehousing, Cloud Security', signalScoreMin: '120' }, 2);
    expect(request).toEqual({ topics: ['Data Warehousing', 'Cloud Security'], signalScoreMin: 100, rpp: 25, page: 2 });
    expect(intentSearchRequest.safeParse(request).success).toBe(true);
  });
});
