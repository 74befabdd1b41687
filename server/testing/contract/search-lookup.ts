/** Contract tests of api-contract.md §2 "Search", "Lookup", "Limits". */
import { beforeAll, describe, expect, it } from 'vitest';
import * as E from '../../../utils/schemas/enterprise-api.ts';
import type { RunningServer } from '../../app.ts';
import { TestClient } from '../client.ts';
import { expectError, type CompanyRow, fingerprint, parsed, type ContractContext } from './context.ts';

export function searchLookupContract(ctx: ContractContext): void {
  describe('search, lookup and headers (§2)', () => {
    let server: RunningServer;
    let api: TestClient;
    let token: string;
    const { factory, demoCompany, companiesById } = ctx;
    beforeAll(() => {
      ({ server, api, token } = ctx.current());
    });

    const noSecrets = (data: unknown[]) => {
      for (const record of data) {
        for (const key of Object.keys(record as object)) expect(/^(email|phone|mobilePhone|personalEmail)$/.test(key)).toBe(false);
        expect(JSON.stringify(record)).not.toMatch(/@/);
      }
    };

    /** The technology tags of these products, as the published lookup lists them. */
    const tagsOf = async (...products: string[]) => {
      const values = parsed(await api.get('/lookup/tech/product', token), E.lookupResponse).data;
      return products.map((p) => String(values.find((v) => v.name === p)?.id)).join(',');
    };

    it('searches contacts by every criterion, summaries only', async () => {
      const cases: [Record<string, unknown>, (c: E.ContactSummary) => boolean][] = [
        [{ emailAddress: 'DANA@northwind.io' }, (c) => c.id === 50001],
        [{ fullName: 'dana lin' }, (c) => c.firstName === 'Dana' && c.lastName === 'Lin'],
        [{ firstName: 'PRIYA' }, (c) => c.firstName === 'Priya'],
        [{ lastName: 'okafor' }, (c) => c.lastName === 'Okafor'],
        [{ jobTitle: 'finance manager' }, (c) => c.jobTitle === 'Finance Manager'],
        [{ managementLevel: 'vp' }, (c) => JSON.stringify(c.managementLevel) === '["VP"]'],
        [{ department: 'sales' }, (c) => c.department === 'Sales'],
        [{ companyId: 1001 }, (c) => c.company?.id === 1001],
        [{ companyName: 'NORTHWIND' }, (c) => /northwind/i.test(c.company?.name ?? '')],
        [{ companyWebsite: 'https://www.acmerobotics.com/team' }, (c) => c.company?.id === 1003],
        [{ industryKeywords: 'healthcare', country: 'canada' }, (c) => c.company?.id === 1009 || (c.company?.id ?? 0) > 100000],
        [{ state: 'bavaria' }, () => true],
        [{ techAttributeTagList: await tagsOf('Epic', 'NetDocuments') }, (c) => [1009, 1011].includes(c.company?.id ?? 0) || (c.company?.id ?? 0) > 100000],
      ];
      for (const [criteria, holds] of cases) {
        const body = parsed(await api.post('/search/contact', { ...criteria, rpp: 100 }, token), E.contactSearchResult);
        expect(body.data.length, JSON.stringify(criteria)).toBeGreaterThan(0);
        expect(body.maxResults).toBe(100);
        expect(body.currentPage).toBe(1);
        expect(body.totalResults).toBeGreaterThanOrEqual(body.data.length);
        for (const c of body.data) expect(holds(c), `${JSON.stringify(criteria)} vs ${c.id}`).toBe(true);
        noSecrets(body.data);
      }
      const bavaria = parsed(await api.post('/search/contact', { state: 'Bavaria', rpp: 100 }, token), E.contactSearchResult);
      const rows = await server.db.query<{ id: number; state: string }>('SELECT id, state FROM contacts WHERE id = ANY($1::int[])', [bavaria.data.map((c) => c.id)]);
      expect(rows.every((r) => r.state === 'Bavaria')).toBe(true);
      const sorted = parsed(await api.post('/search/contact', { companyId: 1010, sortBy: 'lastName', sortOrder: 'desc' }, token), E.contactSearchResult);
      const names = sorted.data.map((c) => (c.lastName ?? '').toLowerCase());
      expect(names).toEqual([...names].sort().reverse());
      expectError(await api.post('/search/contact', { sortBy: 'salary' }, token), 400, 'invalid_input');
      expectError(await api.post('/search/contact', { rpp: 101 }, token), 400, 'invalid_input');
      expectError(await api.post('/search/contact', { email: 'x' }, token), 400, 'invalid_input');
      expectError(await api.post('/search/contact', { companyWebsite: 'not a domain' }, token), 400, 'invalid_input');
    });

    it('searches companies by every criterion', async () => {
      const cases: [Record<string, unknown>, (c: E.CompanySummary) => boolean][] = [
        [{ companyId: 1002 }, (c) => c.id === 1002],
        [{ companyName: 'robot' }, (c) => /robot/i.test(c.name ?? '')],
        [{ companyWebsite: 'www.fjordline.no' }, (c) => c.id === 1005],
        [{ industryKeywords: 'SOFTWARE' }, () => true],
        [{ state: 'texas' }, (c) => c.state === 'Texas'],
        [{ country: 'germany' }, (c) => c.country === 'Germany'],
        [{ techAttributeTagList: await tagsOf('Kubernetes') }, () => true],
      ];
      for (const [criteria, holds] of cases) {
        const body = parsed(await api.post('/search/company', { ...criteria, rpp: 100 }, token), E.companySearchResult);
        expect(body.data.length, JSON.stringify(criteria)).toBeGreaterThan(0);
        for (const c of body.data) expect(holds(c), `${JSON.stringify(criteria)} vs ${c.id}`).toBe(true);
      }
      // Search shows ranges (Amendments): the exact figures are checked in the database.
      const byFigures: [Record<string, unknown>, (r: CompanyRow) => boolean][] = [
        [{ employeeRangeMin: 1000, employeeRangeMax: 2500 }, (r) => (r.employees ?? 0) >= 1000 && (r.employees ?? 0) <= 2500],
        [{ revenueMin: 100000, revenueMax: 250000 }, (r) => (r.revenue_usd ?? 0) >= 100_000_000 && (r.revenue_usd ?? 0) <= 250_000_000],
      ];
      for (const [criteria, holds] of byFigures) {
        const body = parsed(await api.post('/search/company', { ...criteria, rpp: 100 }, token), E.companySearchResult);
        expect(body.data.length, JSON.stringify(criteria)).toBeGreaterThan(0);
        const rows = await companiesById(body.data.map((c) => c.id));
        for (const row of rows.values()) expect(holds(row), `${JSON.stringify(criteria)} vs ${row.id}`).toBe(true);
      }
      const tech = parsed(await api.post('/search/company', { techAttributeTagList: await tagsOf('Kubernetes'), rpp: 100 }, token), E.companySearchResult);
      const techRows = await companiesById(tech.data.map((c) => c.id));
      expect([...techRows.values()].every((r) => r.technologies_lc.includes('kubernetes'))).toBe(true);
      const software = parsed(await api.post('/search/company', { industryKeywords: 'software', rpp: 100 }, token), E.companySearchResult);
      expect(software.data.every((c) => c.industry === 'Software')).toBe(true);
      const byRevenue = parsed(await api.post('/search/company', { sortBy: 'revenue', sortOrder: 'desc', rpp: 10 }, token), E.companySearchResult);
      const revenueRows = await companiesById(byRevenue.data.map((c) => c.id));
      const revenues = byRevenue.data.map((c) => revenueRows.get(c.id)?.revenue_usd ?? 0);
      expect(revenues).toEqual([...revenues].sort((a, b) => b - a));
      const demoOne = parsed(await api.post('/search/company', { companyId: 1001 }, token), E.companySearchResult).data[0];
      expect(demoOne).toEqual({ id: 1001, name: 'Northwind Traders', website: 'https://www.northwind.io', domain: 'northwind.io', industry: 'Software', employeeRange: '250 - 499', revenueRange: '$50 mil. - $100 mil.', city: 'San Francisco', state: 'California', country: 'United States' });
    });

    it('searches intent, news and scoops', async () => {
      const intent = parsed(await api.post('/search/intent', { topics: ['zero trust security'], signalScoreMin: 60, rpp: 100 }, token), E.intentSearchAnswer);
      expect(intent.data.map((s) => s.company.id)).toEqual(expect.arrayContaining([1009, 1010]));
      for (const s of intent.data) {
        expect(s.topic).toBe('Zero Trust Security');
        expect(s.signalScore).toBeGreaterThanOrEqual(60);
      }
      expect(intent.totalResults).toBe(intent.data.length);
      const high = parsed(await api.post('/search/intent', { topics: ['Zero Trust Security'], signalScoreMin: 80 }, token), E.intentSearchAnswer);
      expect(high.data.map((s) => s.company.id)).not.toContain(1009);
      expectError(await api.post('/search/intent', { topics: [] }, token), 400, 'invalid_input');
      const news = parsed(await api.post('/search/news', { companyId: 1003 }, token), E.newsSearchResult);
      expect(news.data.map((n) => n.headline)).toEqual(demoCompany(1003).news.map((n) => n.headline));
      expect(news.data[0]).toMatchObject({ companyId: 1003, category: 'expansion', publishedDate: '2026-08-14' });
      const scoops = parsed(await api.post('/search/scoop', { companyId: 1001 }, token), E.scoopSearchResult);
      expect(scoops.data).toEqual([expect.objectContaining({ companyId: 1001, type: 'Project', description: demoCompany(1001).scoops[0]?.description, publishedDate: '2026-11-02' })]);
      expect(parsed(await api.post('/search/news', { companyId: 1006 }, token), E.newsSearchResult).data).toEqual([]);
      expectError(await api.post('/search/news', { companyId: 424242 }, token), 404, 'not_found');
      expectError(await api.post('/search/scoop', {}, token), 400, 'invalid_input');
    });

    it('treats SQL metacharacters in every search criterion as text, refuses over-long ones, changes nothing', async () => {
      const before = await fingerprint(server);
      const nasty = "x' OR '1'='1; DROP TABLE companies; --%_\\";
      const contactFields = ['emailAddress', 'fullName', 'firstName', 'lastName', 'jobTitle', 'managementLevel', 'department', 'companyName', 'industryKeywords', 'state', 'country'];
      const companyFields = ['companyName', 'industryKeywords', 'state', 'country'];
      for (const [path, fields] of [['/search/contact', contactFields], ['/search/company', companyFields]] as const) {
        for (const field of fields) {
          const reply = await api.post(path, { [field]: nasty }, token);
          expect(reply.status, `${path} ${field}`).toBe(200);
          expect((reply.body as { totalResults: number }).totalResults, `${path} ${field}`).toBe(0);
          expectError(await api.post(path, { [field]: 'y'.repeat(501) }, token), 400, 'invalid_input');
          expectError(await api.post(path, { [field]: 42 }, token), 400, 'invalid_input');
        }
        expectError(await api.post(path, { companyWebsite: nasty }, token), 400, 'invalid_input');
        // Technology tags are numbers in dot notation: anything else is refused, not searched.
        expectError(await api.post(path, { techAttributeTagList: nasty }, token), 400, 'invalid_input');
      }
      expect(await fingerprint(server)).toBe(before);
    });

    it('looks up every field; an unknown one is 404', async () => {
      for (const field of E.lookupField.options) {
        const body = parsed(await api.get(`/lookup/${field}`, token), E.lookupResponse);
        expect(body.data.length, field).toBeGreaterThan(0);
        expect(new Set(body.data.map((d) => d.id)).size).toBe(body.data.length);
      }
      const topics = parsed(await api.get('/lookup/intent/topics', token), E.lookupResponse).data.map((d) => d.name);
      expect(topics).toEqual(expect.arrayContaining(['Supply Chain Visibility', 'Industrial IoT']));
      const levels = parsed(await api.get('/lookup/managementlevel', token), E.lookupResponse).data.map((d) => d.name);
      expect(levels).toEqual(expect.arrayContaining(['C-Level', 'VP', 'Director', 'Manager']));
      expectError(await api.get('/lookup/salaries', token), 404, 'not_found');
    });

    it('puts X-RateLimit headers on every enterprise response and answers 429 past 25/s per token', async () => {
      const limitedServer = await factory.start({ seedCompanies: 0, seedContacts: 0 });
      const api = new TestClient(limitedServer);
      const token = await api.login();
      const t = await api.oauth();
      const first = await api.get('/lookup/departments', t);
      expect(first.headers.get('x-ratelimit-limit')).toBe('25');
      expect(first.headers.get('x-ratelimit-remaining')).toBe('24');
      expect(Number(first.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(1);
      const bad = await api.post('/enrich/contact', { matchPersonInput: [] }, t);
      expect(bad.headers.get('x-ratelimit-remaining')).toBe('23');
      limitedServer.clearRequestLog();
      const replies = await Promise.all(Array.from({ length: 40 }, () => api.get('/lookup/departments', t)));
      const limited = replies.filter((r) => r.status === 429);
      // 40 at once: whatever the machine's speed, some are refused, and no sliding second ever
      // holds more than 25 accepted ones.
      expect(limited.length).toBeGreaterThanOrEqual(1);
      for (const r of limited) {
        expectError(r, 429, 'rate_limited');
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(r.headers.get('x-ratelimit-remaining')).toBe('0');
      }
      const accepted = limitedServer.requestLog.filter((e) => e.status === 200).map((e) => e.atMs).sort((a, b) => a - b);
      for (let i = 0; i + 25 < accepted.length; i++) expect((accepted[i + 25] ?? 0) - (accepted[i] ?? 0)).toBeGreaterThanOrEqual(950);
      // Another token is not affected.
      expect((await api.get('/lookup/departments', token)).status).toBe(200);
      const stats = limitedServer.stats();
      const mine = stats.tokens.find((s) => s.requests >= 40);
      expect(mine?.maxPerSecond).toBeGreaterThanOrEqual(40);
      expect(mine?.rateLimited).toBe(limited.length);
    });

    it('answers internal errors with the 500 envelope, no stack trace (forced with FAULTS=500:1)', async () => {
      const failing = await factory.start({ seedCompanies: 0, seedContacts: 0, faults: { rate429: 0, error500: 1, timeout: 0, malformed: 0 } });
      const c = new TestClient(failing);
      const t = await c.login();
      expectError(await c.post('/enrich/contact', { matchPersonInput: [{ personId: 50001 }] }, t), 500, 'internal');
      expectError(await c.post('/api/v1/companies', {}, 'demo-key'), 500, 'internal');
    });

    it('answers unknown routes with a 404 errors envelope', async () => {
      expectError(await api.get('/no/such/thing'), 404, 'not_found');
      expectError(await api.post('/api/v2/contacts', {}, 'demo-key'), 404, 'not_found');
    });
  });
}
