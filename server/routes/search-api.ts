/** api-contract.md §1: POST /api/v1/contacts and POST /api/v1/companies, API-key auth. */
import {
  companySearchRequest,
  companySearchResponse,
  contactSearchRequest,
  contactSearchResponse,
  type CompanySearchResponse,
  type ContactSearchResponse,
} from '../../utils/schemas/search-api.ts';
import { toSearchCompany, toSearchContact } from '../services/records.ts';
import { searchCompanies, searchContacts } from '../services/search-api.ts';
import type { Deps } from './common.ts';
import { endpoint, type Api, type Guards } from './endpoint.ts';

function meta(page: number, perPage: number, total: number, started: number) {
  return {
    page,
    per_page: perPage,
    total,
    total_pages: Math.ceil(total / perPage),
    took_ms: Math.round((performance.now() - started) * 10) / 10,
  };
}

export function searchApiRoutes(app: Api, guards: Guards, deps: Deps): void {
  const { db, counts } = deps;

  endpoint(
    app,
    guards,
    {
      method: 'post',
      path: '/api/v1/contacts',
      tag: 'Search API',
      summary: 'Contacts matching contact and company criteria',
      auth: 'apiKey',
      request: { schema: contactSearchRequest, example: { job_titles: ['manager'], locations: ['country:United States'], per_page: 5 } },
      response: contactSearchResponse,
    },
    async (c, criteria) => {
      const started = performance.now();
      const { rows, total } = await searchContacts(db, counts, criteria);
      const body: ContactSearchResponse = { data: rows.map(toSearchContact), meta: meta(criteria.page, criteria.per_page, total, started), errors: [] };
      return c.json(body);
    },
  );

  endpoint(
    app,
    guards,
    {
      method: 'post',
      path: '/api/v1/companies',
      tag: 'Search API',
      summary: 'Companies matching company criteria',
      auth: 'apiKey',
      request: { schema: companySearchRequest, example: { technologies: ['Snowflake'], per_page: 5 } },
      response: companySearchResponse,
    },
    async (c, criteria) => {
      const started = performance.now();
      const { rows, total } = await searchCompanies(db, counts, criteria);
      const body: CompanySearchResponse = { data: rows.map(toSearchCompany), meta: meta(criteria.page, criteria.per_page, total, started), errors: [] };
      return c.json(body);
    },
  );
}
