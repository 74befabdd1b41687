/**
 * Issue #16: a company's structure and coverage as the published enterprise API serves them —
 * POST /enrich/orgchart, /enrich/corporatehierarchy, /enrich/location, /enrich/tech, /enrich/news
 * and /enrich/scoop. Free here: they describe a company the account has found already.
 */
import {
  companyIdRequest,
  corporateHierarchyRequest,
  corporateHierarchyResponse,
  locationResponse,
  newsEnrichRequest,
  newsEnrichResponse,
  orgChartRequest,
  orgChartResponse,
  scoopEnrichRequest,
  scoopEnrichResponse,
  technologyResponse,
  type CorporateHierarchyResponse,
  type LocationResponse,
  type NewsEnrichResponse,
  type OrgChartResponse,
  type ScoopEnrichResponse,
  type TechnologyResponse,
} from '../../utils/schemas/enterprise-org.ts';
import { ApiFailure } from '../lib/errors.ts';
import { registrableDomain } from '../lib/normalize.ts';
import { matchCompanies } from '../services/enrich.ts';
import { companyLocations, companyTechnologies, corporateHierarchy, enrichNews, enrichScoops, orgChart } from '../services/org.ts';
import type { Deps } from './common.ts';
import { echo, enrichParser } from './enrich.ts';
import { endpoint, type Api, type Guards } from './endpoint.ts';

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** The published scoop enrich answers the last 30 days when no date range is given. */
const DEFAULT_SCOOP_DAYS = 30;

export function orgRoutes(app: Api, guards: Guards, deps: Deps): void {
  const { db } = deps;

  endpoint(
    app,
    guards,
    {
      method: 'post',
      path: '/enrich/orgchart',
      tag: 'Enrich',
      summary: "A company's people in the departments asked for, with their tier and whom they report to (free)",
      auth: 'accessToken',
      entitlement: 'orgchart',
      request: { schema: orgChartRequest, example: { companyId: '1001', department: 'Sales,Engineering,Finance,Executive' } },
      response: orgChartResponse,
    },
    async (c, q) => {
      const data = await orgChart(db, q.companyId, q.department);
      const response: OrgChartResponse = { maxResults: data.length, totalResults: data.length, currentPage: 1, data };
      return c.json(response);
    },
  );

  endpoint(
    app,
    guards,
    {
      method: 'post',
      path: '/enrich/corporatehierarchy',
      tag: 'Enrich',
      summary: 'Parents and the family tree of up to 25 companies (free)',
      auth: 'accessToken',
      entitlement: 'corporatehierarchy',
      request: { schema: corporateHierarchyRequest, example: { matchCompanyInput: [{ companyId: 1001 }], outputFields: ['parentage', 'familyTree'] } },
      response: corporateHierarchyResponse,
      parse: enrichParser(corporateHierarchyRequest, 'matchCompanyInput'),
    },
    async (c, { request, rawInputs }) => {
      const matches = await matchCompanies(db, request.matchCompanyInput);
      const wanted = new Set(request.outputFields ?? ['parentage', 'familyTree']);
      const result = await Promise.all(
        matches.map(async (m, i) => {
          const record = m.status === 'FULL_MATCH' ? m.records[0] : undefined;
          const data = record ? [{ companyId: record.id, ...(await pick(corporateHierarchy(db, record.id), wanted)) }] : [];
          return { input: echo(rawInputs[i], m), data, matchStatus: m.status };
        }),
      );
      const response: CorporateHierarchyResponse = { success: true, data: { outputFields: [['companyId', ...['parentage', 'familyTree'].filter((f) => wanted.has(f))]], result } };
      return c.json(response);
    },
  );

  endpoint(
    app,
    guards,
    {
      method: 'post',
      path: '/enrich/location',
      tag: 'Enrich',
      summary: "A company's locations: headquarters and subsidiaries (free)",
      auth: 'accessToken',
      entitlement: 'location',
      request: { schema: companyIdRequest, example: { companyId: '1010' } },
      response: locationResponse,
    },
    async (c, q) => {
      const rows = await companyLocations(db, q.companyId);
      const data = rows.map((r) => ({
        phone: r.phone,
        fax: null,
        street: r.street,
        city: r.city,
        state: r.state,
        zipCode: r.zip_code,
        country: r.country,
        company: {
          id: q.companyId,
          addressStatus: r.street ? 'Verified' : 'Unverified',
          subUnitType: r.id === q.companyId ? 'Headquarters' : (r.sub_unit_desc ?? 'Subsidiary'),
          locationName: r.name,
          locationEmployeeCount: r.employees,
        },
      }));
      const response: LocationResponse = { maxResults: data.length, totalResults: data.length, currentPage: 1, data };
      return c.json(response);
    },
  );

  endpoint(
    app,
    guards,
    {
      method: 'post',
      path: '/enrich/tech',
      tag: 'Enrich',
      summary: 'The technologies a company uses (free)',
      auth: 'accessToken',
      entitlement: 'technology',
      request: { schema: companyIdRequest, example: { companyId: '1001' } },
      response: technologyResponse,
    },
    async (c, q) => {
      const data = (await companyTechnologies(db, q.companyId)).map((t) => ({
        tag: t.tag,
        categoryParent: t.category,
        category: t.category,
        vendor: null,
        product: t.tag,
        attribute: t.tag,
        website: null,
        logo: null,
        domain: null,
        createdTime: null,
        modifiedTime: null,
        description: null,
      }));
      const response: TechnologyResponse = { maxResults: data.length, totalResults: data.length, currentPage: 1, data };
      return c.json(response);
    },
  );

  endpoint(
    app,
    guards,
    {
      method: 'post',
      path: '/enrich/news',
      tag: 'Enrich',
      summary: "A company's news, most recent first (10 by default; free)",
      auth: 'accessToken',
      entitlement: 'news',
      request: { schema: newsEnrichRequest, example: { companyId: 1003, limit: 10 } },
      response: newsEnrichResponse,
    },
    async (c, q) => {
      if (q.pageDateMin && q.pageDateMax && q.pageDateMin > q.pageDateMax) throw new ApiFailure('invalid_input', 'pageDateMin is after pageDateMax; swap them.');
      const { rows, total } = await enrichNews(db, q);
      const response: NewsEnrichResponse = {
        maxResults: q.limit,
        totalResults: total,
        currentPage: q.page,
        data: rows.map((n) => ({
          domain: n.url ? new URL(n.url).hostname : null,
          title: n.headline,
          url: n.url,
          imageUrl: null,
          pageDate: n.published,
          categories: n.category ? [n.category] : [],
          description: n.headline,
          company: [{ id: n.company_id, name: n.company_name }],
        })),
      };
      return c.json(response);
    },
  );

  endpoint(
    app,
    guards,
    {
      method: 'post',
      path: '/enrich/scoop',
      tag: 'Enrich',
      summary: "A company's scoops (the last 30 days unless a range is given; free)",
      auth: 'accessToken',
      entitlement: 'scoop',
      request: { schema: scoopEnrichRequest, example: { companyId: '1009' } },
      response: scoopEnrichResponse,
    },
    async (c, q) => {
      const domain = q.companyWebsite === undefined ? undefined : registrableDomain(q.companyWebsite);
      if (q.companyWebsite !== undefined && !domain) throw new ApiFailure('invalid_input', 'companyWebsite has no registrable domain (e.g. https://www.example.com).');
      const from = q.publishedStartDate ?? isoDay(Date.now() - DEFAULT_SCOOP_DAYS * DAY_MS);
      if (q.publishedEndDate && q.publishedEndDate < from) throw new ApiFailure('invalid_input', 'publishedEndDate is before publishedStartDate; swap them.');
      const ids = (v: string | number | undefined) => (v === undefined ? [] : String(v).split(',').map(Number));
      const { rows, total } = await enrichScoops(db, {
        companyIds: ids(q.companyId),
        companyName: q.companyName,
        domain: domain ?? undefined,
        scoopIds: q.scoopId === undefined ? undefined : q.scoopId.split(',').map((s) => Number(s.trim())).filter(Number.isInteger),
        from,
        to: q.publishedEndDate,
        scoopType: q.scoopType,
        keywords: q.description?.split(',').map((k) => k.trim()).filter((k) => k.length > 0),
        rpp: q.rpp,
        page: q.page,
        ascending: q.sortOrder === 'asc' || q.sortOrder === 'ascending',
      });
      const response: ScoopEnrichResponse = {
        maxResults: q.rpp,
        totalResults: total,
        currentPage: q.page,
        data: rows.map((s) => ({
          id: s.id,
          publishedDate: s.published,
          originalPublishedDate: s.published,
          linkText: null,
          link: null,
          description: s.description,
          topics: [],
          updateText: s.description,
          types: s.type ? [{ id: scoopTypeId(s.type), type: s.type }] : [],
          contacts: [],
          company: { id: s.company_id, name: s.company_name },
        })),
      };
      return c.json(response);
    },
  );
}

async function pick<T extends object>(value: Promise<T>, wanted: Set<string>): Promise<Partial<T>> {
  return Object.fromEntries(Object.entries(await value).filter(([k]) => wanted.has(k))) as Partial<T>;
}

/** A stable small id for a scoop type name (the published types carry one). */
function scoopTypeId(type: string): number {
  let h = 0;
  for (const ch of type.toLowerCase()) h = (h * 31 + ch.charCodeAt(0)) % 10_000;
  return h + 1;
}
