/**
 * Contract tests of issue #16's enrich endpoints: org chart, corporate hierarchy, location,
 * technologies, news and scoops — every answer checked against the published shapes
 * (published-schemas.ts), the seeded structure checked against the database, bad input refused
 * with nothing changed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../app.ts';
import { TestClient } from '../client.ts';
import { expectError, fingerprint, parsed, type ContractContext } from './context.ts';
import * as P from './published-schemas.ts';

export function orgContract(ctx: ContractContext): void {
  describe('org chart, corporate hierarchy, locations, technologies, news and scoops (#16)', () => {
    let server: RunningServer;
    let api: TestClient;
    let token: string;
    const { demo } = ctx;
    beforeAll(() => {
      ({ server, api, token } = ctx.current());
    });

    const allDepartments = async () => {
      const rows = await server.db.query<{ name: string }>("SELECT name FROM lookups WHERE kind = 'departments' ORDER BY name");
      return rows.map((r) => r.name).join(',');
    };

    it('every demo company has a reporting tree: one top, every manager one tier up, at least three levels, all its people in it', async () => {
      const department = await allDepartments();
      for (const company of demo.companies) {
        const body = parsed(await api.post('/enrich/orgchart', { companyId: String(company.id), department }, token), P.enrichOrgChart);
        const people = body.data.map((p) => ({ ...p, managerId: p.managerId as number | null }));
        expect(body.totalResults).toBe(people.length);
        expect(people.every((p) => p.company.id === company.id && p.company.name === company.name)).toBe(true);
        const byId = new Map(people.map((p) => [p.id, p]));
        const tops = people.filter((p) => p.orgChartTier === 1);
        expect(tops, company.name).toHaveLength(1);
        expect(tops[0]?.managerId).toBeNull();
        for (const p of people.filter((x) => x.orgChartTier > 1)) {
          const manager = byId.get(p.managerId ?? -1);
          expect(manager?.orgChartTier, `${company.name}: ${p.title ?? ''}`).toBe(p.orgChartTier - 1);
        }
        expect(Math.max(...people.map((p) => p.orgChartTier))).toBeGreaterThanOrEqual(3);
        for (const c of demo.contacts.filter((x) => x.company_id === company.id)) expect(byId.has(c.id), `${c.first_name} ${c.last_name}`).toBe(true);
        // Top of the company first, then by tier: the published order.
        expect(people.map((p) => p.orgChartTier)).toEqual([...people.map((p) => p.orgChartTier)].sort((a, b) => a - b));
      }
    });

    it('department narrows the chart: c-suite is the executives, a department id from the lookup works like its name', async () => {
      const cSuite = parsed(await api.post('/enrich/orgchart', { companyId: 1003, department: 'c-suite' }, token), P.enrichOrgChart);
      expect(cSuite.data.map((p) => p.title)).toEqual(['Chief Executive Officer']);
      const [sales] = await server.db.query<{ id: number }>("SELECT id FROM lookups WHERE kind = 'departments' AND name = 'Sales'");
      const byId = parsed(await api.post('/enrich/orgchart', { companyId: 1001, department: String(sales?.id) }, token), P.enrichOrgChart);
      const byName = parsed(await api.post('/enrich/orgchart', { companyId: 1001, department: 'sales' }, token), P.enrichOrgChart);
      expect(byId.data.length).toBeGreaterThan(0);
      expect(byId.data.every((p) => p.department === 'Sales')).toBe(true);
      expect(byName.data).toEqual(byId.data);
      const unknown = parsed(await api.post('/enrich/orgchart', { companyId: 999_999_999, department: 'sales' }, token), P.enrichOrgChart);
      expect(unknown.data).toEqual([]);
    });

    it('corporate hierarchy: parentage nearest first, the family tree from the ultimate parent down, by id, website or name', async () => {
      const reply = await api.post(
        '/enrich/corporatehierarchy',
        { matchCompanyInput: [{ companyId: 1002 }, { companyWebsite: 'https://www.northwind.io/about' }, { companyName: 'Solstice Energy' }], outputFields: ['parentage', 'familyTree'] },
        token,
      );
      const body = parsed(reply, P.enrichCorporateHierarchy);
      const [brightloom, northwind, solstice] = body.data.result.map((r) => r.data[0]);
      expect(brightloom?.parentage?.map((p) => [p.companyId, p.companyName])).toEqual([
        ['1001', 'Northwind Traders'],
        ['1010', 'Quanta Cloudworks'],
      ]);
      expect(northwind?.companyId).toBe(1001);
      expect(northwind?.parentage?.map((p) => p.companyId)).toEqual(['1010']);
      const tree = northwind?.familyTree?.[0];
      expect(tree?.companyId).toBe(1010);
      expect(tree?.familyNodes.map((n) => [n.companyId, n.name, n.subUnitTypeInfo.typeDescription])).toEqual([
        [1001, 'Northwind Traders', 'Subsidiary'],
        [1004, 'Globex Analytics', 'Subsidiary'],
      ]);
      expect(tree?.familyNodes[0]?.familyNodes?.map((n) => n.companyId)).toEqual([1002]);
      expect(brightloom?.familyTree).toEqual(northwind?.familyTree);
      expect(solstice?.parentage).toEqual([]);
      expect(solstice?.familyTree).toEqual([{ companyId: 1012, name: 'Solstice Energy', city: 'Denver', state: 'Colorado', familyNodes: [] }]);
      expect(body.data.outputFields).toEqual([['companyId', 'parentage', 'familyTree']]);
    });

    it('corporate hierarchy answers bad inputs per input and a too-big batch with 413, as the other enrich endpoints do', async () => {
      const before = await fingerprint(server);
      const reply = await api.post('/enrich/corporatehierarchy', { matchCompanyInput: [{ companyWebsite: 'not a url' }, { companyId: 999_999_999 }, {}] }, token);
      const mixed = parsed(reply, P.enrichCorporateHierarchy);
      const statuses = (reply.body as { data: { result: { matchStatus: string }[] } }).data.result.map((r) => r.matchStatus);
      expect(mixed.data.result.map((r, i) => [r.data.length, statuses[i]])).toEqual([
        [0, 'BAD_DATA'],
        [0, 'NO_MATCH'],
        [0, 'BAD_DATA'],
      ]);
      expect(mixed.data.result[0]?.input.reason).toMatch(/registrable domain/);
      expectError(await api.post('/enrich/corporatehierarchy', { matchCompanyInput: Array.from({ length: 26 }, (_, i) => ({ companyId: 1001 + (i % 12) })) }, token), 413, 'payload_too_large');
      expectError(await api.post('/enrich/corporatehierarchy', { matchCompanyInput: [] }, token), 400, 'invalid_input');
      expectError(await api.post('/enrich/corporatehierarchy', { matchCompanyInput: [{ companyId: 1001 }], extra: 1 }, token), 400, 'invalid_input');
      expect(await fingerprint(server)).toBe(before);
    });

    it('locations: the headquarters first, then each subsidiary named as a location', async () => {
      const body = parsed(await api.post('/enrich/location', { companyId: '1010' }, token), P.enrichLocation);
      expect(body.data.map((l) => [l.company.locationName, l.company.subUnitType, l.city])).toEqual([
        ['Quanta Cloudworks', 'Headquarters', 'San Francisco'],
        ['Northwind Traders', 'Subsidiary', 'San Francisco'],
        ['Globex Analytics', 'Subsidiary', 'Austin'],
      ]);
      expect(body.data.every((l) => l.company.id === 1010)).toBe(true);
      expect(parsed(await api.post('/enrich/location', { companyId: 999_999_999 }, token), P.enrichLocation).data).toEqual([]);
    });

    it('technologies: the company’s tags with their category', async () => {
      const northwind = ctx.demoCompany(1001);
      const body = parsed(await api.post('/enrich/tech', { companyId: 1001 }, token), P.enrichTech);
      expect(body.data.map((t) => t.tag)).toEqual(northwind.technologies);
      expect(body.data.find((t) => t.tag === 'Snowflake')?.category).toBe('Data Warehouse');
    });

    it('news enrich: most recent first, 10 by default, filtered by category, URL text and date, paged with limit', async () => {
      const all = parsed(await api.post('/enrich/news', { companyId: 1003 }, token), P.enrichNews);
      expect(all.maxResults).toBe(10);
      expect(all.data.map((n) => n.pageDate)).toEqual(['2026-08-14', '2026-03-02']);
      expect(all.data[0]?.company).toEqual([{ id: 1003, name: 'Acme Robotics' }]);
      const second = parsed(await api.post('/enrich/news', { companyId: 1003, limit: 1, page: 2 }, token), P.enrichNews);
      expect(second.totalResults).toBe(2);
      expect(second.data.map((n) => n.pageDate)).toEqual(['2026-03-02']);
      const leadership = parsed(await api.post('/enrich/news', { companyId: 1003, categories: ['Leadership'] }, token), P.enrichNews);
      expect(leadership.data.map((n) => n.categories)).toEqual([['leadership']]);
      const dated = parsed(await api.post('/enrich/news', { companyId: 1003, pageDateMin: '2026-04-01', pageDateMax: '2026-12-31' }, token), P.enrichNews);
      expect(dated.data.map((n) => n.pageDate)).toEqual(['2026-08-14']);
      const before = await fingerprint(server);
      expectError(await api.post('/enrich/news', { companyId: 1003, limit: 101 }, token), 400, 'invalid_input');
      expectError(await api.post('/enrich/news', { companyId: 1003, url: ['abc'] }, token), 400, 'invalid_input');
      expectError(await api.post('/enrich/news', { companyId: 1003, pageDateMin: '2026-09-01', pageDateMax: '2026-01-01' }, token), 400, 'invalid_input');
      expectError(await api.post('/enrich/news', { companyId: 1003, pageDateMin: '14/08/2026' }, token), 400, 'invalid_input');
      expectError(await api.post('/enrich/news', {}, token), 400, 'invalid_input');
      expect(await fingerprint(server)).toBe(before);
    });

    it('scoop enrich: by id, name or website within a published-date range; the last 30 days when none is given', async () => {
      const range = { publishedStartDate: '2026-01-01', publishedEndDate: '2026-12-31' };
      const byId = parsed(await api.post('/enrich/scoop', { companyId: '1001,1003', ...range }, token), P.enrichScoop);
      expect(byId.data.map((s) => [s.company.id, s.types.map((t) => t.type)])).toEqual([
        [1001, ['Project']],
        [1003, ['Pain Point']],
      ]);
      const byName = parsed(await api.post('/enrich/scoop', { companyName: 'Maple Ridge Health', ...range }, token), P.enrichScoop);
      const byWebsite = parsed(await api.post('/enrich/scoop', { companyWebsite: 'https://mapleridgehealth.ca', ...range }, token), P.enrichScoop);
      expect(byName.data.map((s) => s.id)).toEqual(byWebsite.data.map((s) => s.id));
      expect(byName.data).toHaveLength(1);
      const recent = await server.db.query<{ n: number }>("SELECT count(*)::int AS n FROM scoops WHERE company_id = 1009 AND published_date >= current_date - 30");
      expect(parsed(await api.post('/enrich/scoop', { companyId: 1009 }, token), P.enrichScoop).totalResults).toBe(recent[0]?.n);
      const before = await fingerprint(server);
      expectError(await api.post('/enrich/scoop', { ...range }, token), 400, 'invalid_input');
      expectError(await api.post('/enrich/scoop', { companyId: 1001, publishedStartDate: '2026-12-01', publishedEndDate: '2026-01-01' }, token), 400, 'invalid_input');
      expectError(await api.post('/enrich/scoop', { companyId: 1001, sortOrder: 'sideways' }, token), 400, 'invalid_input');
      expect(await fingerprint(server)).toBe(before);
    });

    it('org chart input: companyId and department are required, nothing else is accepted', async () => {
      const before = await fingerprint(server);
      expectError(await api.post('/enrich/orgchart', { companyId: 1001 }, token), 400, 'invalid_input');
      expectError(await api.post('/enrich/orgchart', { department: 'sales' }, token), 400, 'invalid_input');
      expectError(await api.post('/enrich/orgchart', { companyId: 'northwind', department: 'sales' }, token), 400, 'invalid_input');
      expectError(await api.post('/enrich/orgchart', { companyId: 1001, department: 'sales', rpp: 5 }, token), 400, 'invalid_input');
      expectError(await api.post('/enrich/orgchart', { companyId: 1001, department: 'sales' }), 401, 'unauthorized');
      expect(await fingerprint(server)).toBe(before);
    });

    it('entitlements: an account without the org chart gets the published 403 there, and still its corporate family', async () => {
      const limited = await ctx.factory.start({ seedCompanies: 0, seedContacts: 0, entitlements: 'demo@example.com=contact,company,corporatehierarchy' });
      const client = new TestClient(limited);
      const t = await client.login();
      const details = expectError(await client.post('/enrich/orgchart', { companyId: 1001, department: 'sales' }, t), 403, 'forbidden');
      expect(details).toBe('You do not have access to this endpoint.');
      parsed(await client.post('/enrich/corporatehierarchy', { matchCompanyInput: [{ companyId: 1001 }] }, t), P.enrichCorporateHierarchy);
      expectError(await client.post('/enrich/tech', { companyId: 1001 }, t), 403, 'forbidden');
    });
  });
}
