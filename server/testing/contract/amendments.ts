/**
 * Contract tests of api-contract.md "Amendments (2026-12)", one per amendment, and responses checked
 * against the published API's shapes (published-schemas.ts). §1's location amendment is in search-api.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as E from '../../../utils/schemas/enterprise-api.ts';
import type { RunningServer } from '../../app.ts';
import { TestClient } from '../client.ts';
import { expectError, parsed, type ContractContext } from './context.ts';
import * as P from './published-schemas.ts';

export function amendmentsContract(ctx: ContractContext): void {
  describe('amendments (2026-12) and the published shapes', () => {
    let server: RunningServer;
    let api: TestClient;
    let token: string;
    const { factory } = ctx;
    beforeAll(() => {
      ({ server, api, token } = ctx.current());
    });

    it('/authenticate answers { success: true, jwt }', async () => {
      parsed(await api.post('/authenticate', { username: 'demo@example.com', password: 'demo-password' }), P.authenticate);
    });

    it('contact enrich nests the company* output fields in company, with locationCompanyId', async () => {
      const reply = await api.post('/enrich/contact', { matchPersonInput: [{ personId: 50001 }], outputFields: ['firstName', 'companyId', 'companyName', 'companyWebsite', 'companyCity', 'locationCompanyId'] }, token);
      const body = parsed(reply, P.enrichContact);
      const dana = body.data.result[0]?.data[0];
      expect(dana).toEqual({
        id: 50001,
        firstName: 'Dana',
        locationCompanyId: 1001,
        company: { id: 1001, name: 'Northwind Traders', website: 'https://www.northwind.io', city: 'San Francisco' },
      });
    });

    it('search accepts the published criteria and the source documents’ example values; refuses what it cannot serve, saying so', async () => {
      const contacts = (criteria: Record<string, unknown>) => api.post('/search/contact', { ...criteria, rpp: 100 }, token);
      const cLevel = parsed(await contacts({ managementLevel: 'C Level Exec' }), P.searchContact);
      expect(cLevel.data.length).toBeGreaterThan(0);
      const levels = await server.db.query<{ seniority: string }>('SELECT DISTINCT seniority FROM contacts WHERE id = ANY($1::int[])', [cLevel.data.map((c) => c.id)]);
      expect(levels.map((l) => l.seniority)).toEqual(['C-Level']);
      const ma = parsed(await api.post('/search/company', { state: 'MA', rpp: 100 }, token), P.searchCompany);
      expect(ma.data.length).toBeGreaterThan(0);
      const maRows = await ctx.companiesById(ma.data.map((c) => c.id));
      expect([...maRows.values()].every((r) => r.state === 'Massachusetts')).toBe(true);
      const published = {
        locationSearchType: 'PersonOrHQ',
        state: 'California',
        locationCompanyId: [1001],
        excludeJobTitle: 'intern',
        executivesOnly: true,
        requiredFields: 'email',
      };
      const execs = parsed(await contacts(published), P.searchContact);
      expect(execs.data.length).toBeGreaterThan(0);
      for (const c of execs.data) expect(c.company.id).toBe(1001);
      const rows = await server.db.query<{ seniority: string; email: string | null }>('SELECT seniority, email FROM contacts WHERE id = ANY($1::int[])', [execs.data.map((c) => c.id)]);
      for (const r of rows) {
        expect(['C-Level', 'VP']).toContain(r.seniority);
        expect(r.email).not.toBeNull();
      }
      const accurate = parsed(await contacts({ contactAccuracyScoreMin: '90' }), P.searchContact);
      expect(accurate.data.length).toBeGreaterThan(0);
      for (const c of accurate.data) expect(c.contactAccuracyScore).toBeGreaterThanOrEqual(90);
      expect(await contacts({ zipCodeRadiusMiles: '10' }).then((r) => expectError(r, 400, 'invalid_input'))).toMatch(/zipCodeRadiusMiles: this reference server cannot serve/);
      expect(await contacts({ noSuchCriterion: 'x' }).then((r) => expectError(r, 400, 'invalid_input'))).not.toMatch(/cannot serve/);
    });

    it('search shows employeeRange and revenueRange, exact figures only in enrich', async () => {
      const search = parsed(await api.post('/search/company', { companyId: 1001 }, token), P.searchCompany);
      expect(search.data[0]).toMatchObject({ employeeRange: '250 - 499', revenueRange: '$50 mil. - $100 mil.' });
      const enrich = parsed(await api.post('/enrich/company', { matchCompanyInput: [{ companyId: 1001 }], outputFields: ['employeeCount', 'revenue'] }, token), P.enrichCompany);
      expect(enrich.data.result[0]?.data[0]).toMatchObject({ employeeCount: 420, revenue: 61000 });
    });

    it('never pages past 10,000 results', async () => {
      parsed(await api.post('/search/company', { rpp: 100, page: 100 }, token), P.searchCompany);
      expectError(await api.post('/search/company', { rpp: 100, page: 101 }, token), 400, 'invalid_input');
      expectError(await api.post('/search/contact', { rpp: 25, page: 401 }, token), 400, 'invalid_input');
    });

    it('echoes data.outputFields as a list of lists', async () => {
      const contact = parsed(await api.post('/enrich/contact', { matchPersonInput: [{ personId: 50002 }], outputFields: ['firstName'] }, token), P.enrichContact);
      expect(contact.data.outputFields).toEqual([['firstName']]);
      const company = parsed(await api.post('/enrich/company', { matchCompanyInput: [{ companyId: 1001 }] }, token), P.enrichCompany);
      expect(company.data.outputFields).toHaveLength(1);
      expect(company.data.outputFields[0]).toContain('name');
    });

    it('answers /enrich/intent with data as a list, for the published one-company request too', async () => {
      const body = parsed(await api.post('/enrich/intent', { companyId: 1003 }, token), P.enrichIntent);
      expect(body.data.length).toBeGreaterThan(0);
      for (const s of body.data) expect(s.company.id).toBe(1003);
    });

    it('limits per account, not per token: a new token does not open a new window', async () => {
      const limited = await factory.start({ seedCompanies: 0, seedContacts: 0, ratePerSecond: 3, ratePerMinute: 100 });
      const client = new TestClient(limited);
      const first = await client.login();
      const second = await client.login();
      for (let i = 0; i < 3; i++) expect((await client.get('/lookup/departments', first)).status).toBe(200);
      expectError(await client.get('/lookup/departments', second), 429, 'rate_limited');
      // Another account keeps its own window.
      expect((await client.get('/lookup/departments', await client.oauth())).status).toBe(200);
    });

    it('looks up the published fields: values of the criteria, and input and output fields of each endpoint', async () => {
      const names = async (path: string) => parsed(await api.get(path, token), E.lookupResponse).data.map((d) => d.name);
      expect(await names('/lookup/managementLevel')).toEqual(expect.arrayContaining(['C Level Exec', 'VP Level Exec', 'Director', 'Manager', 'Non Manager']));
      expect(await names('/lookup/state')).toContain('Massachusetts');
      expect(await names('/lookup/country')).toContain('United States');
      expect(await names('/lookup/employeecount')).toContain('250 - 499');
      expect(await names('/lookup/revenuerange')).toContain('$50 mil. - $100 mil.');
      for (const path of ['/lookup/department', '/lookup/industry', '/lookup/tech/product', '/lookup/intent/topics']) expect((await names(path)).length, path).toBeGreaterThan(0);
      const fields = z.array(z.object({ fieldName: z.string(), accessGranted: z.boolean() }));
      const inputs = parsed(await api.get('/lookup/inputfields/contact/search', token), fields);
      expect(inputs).toEqual(expect.arrayContaining([expect.objectContaining({ fieldName: 'locationSearchType', accessGranted: true }), expect.objectContaining({ fieldName: 'zipCodeRadiusMiles', accessGranted: false })]));
      const outputs = parsed(await api.get('/lookup/outputfields/contact/enrich', token), fields).map((f) => f.fieldName);
      expect(outputs).toEqual(expect.arrayContaining(['companyPhone', 'companyName', 'locationCompanyId', 'email']));
      for (const target of ['company/search', 'intent/search', 'news/search', 'scoop/search', 'company/enrich', 'intent/enrich']) {
        expect(parsed(await api.get(`/lookup/outputfields/${target}`, token), fields).length, target).toBeGreaterThan(0);
      }
    });

    it('techAttributeTagList takes the technology tags the published lookup lists (parent-category.category.vendor, * for any part), not names', async () => {
      const products = parsed(await api.get('/lookup/tech/product', token), E.lookupResponse).data;
      expect(products.length).toBeGreaterThan(10);
      for (const p of products) expect(String(p.id)).toMatch(/^\d+\.\d+\.\d+$/);
      const snowflake = products.find((p) => p.name === 'Snowflake');
      const aws = products.find((p) => p.name === 'AWS');
      if (!snowflake || !aws) throw new Error('the lookup lists no Snowflake or AWS');
      const having = async (...names: string[]) =>
        (await server.db.query<{ id: number }>('SELECT id FROM companies WHERE technologies && $1::text[] ORDER BY id', [names])).map((r) => r.id);
      const search = async (tags: string) => parsed(await api.post('/search/company', { techAttributeTagList: tags, rpp: 100 }, token), P.searchCompany);

      const both = await search(`${snowflake.id}, ${aws.id}`);
      const expected = await having('Snowflake', 'AWS');
      expect(both.totalResults).toBe(expected.length);
      expect(both.data.map((c) => c.id)).toEqual(expected.slice(0, 100));
      // A wildcard vendor: every technology of Snowflake's category (and no other).
      const [parent, category] = String(snowflake.id).split('.');
      const sameCategory = products.filter((p) => String(p.id).startsWith(`${parent}.${category}.`)).map((p) => p.name);
      expect(sameCategory).toContain('Snowflake');
      expect((await search(`${parent}.${category}.*`)).totalResults).toBe((await having(...sameCategory)).length);
      expect((await search(`*.${category}.*`)).totalResults).toBe((await having(...sameCategory)).length);
      // The published description escapes the wildcard (333.202.\*): the same.
      expect((await search(`${parent}.${category}.\\*`)).totalResults).toBe((await having(...sameCategory)).length);
      expect((await search('999.999.999')).totalResults).toBe(0);
      expect(expectError(await api.post('/search/company', { techAttributeTagList: 'Snowflake' }, token), 400, 'invalid_input')).toMatch(/lookup\/tech\/product/);
      const contacts = parsed(await api.post('/search/contact', { techAttributeTagList: String(snowflake.id), companyId: 1001 }, token), P.searchContact);
      expect(contacts.data.length).toBeGreaterThan(0);
      // Enrich names each technology's tag in `attribute`, as published.
      const enriched = parsed(await api.post('/enrich/company', { matchCompanyInput: [{ companyId: 1001 }], outputFields: ['techAttributes'] }, token), E.enrichCompanyResponse);
      const tech = enriched.data.result[0]?.data[0]?.techAttributes ?? [];
      expect(tech.find((t) => t.product === 'Snowflake')).toMatchObject({ attribute: String(snowflake.id), category: 'Data Warehouse', categoryParent: 'Data and Analytics', vendor: 'Snowflake' });
    });

    it('search takes several job titles in one jobTitle joined with " OR ", and industries OR-ed or comma-separated, as published', async () => {
      const titles = ['Chief Revenue Officer', 'Finance Manager', 'VP of Engineering'];
      const expected = await server.db.query<{ id: number }>('SELECT id FROM contacts WHERE lower(job_title) = ANY($1::text[]) ORDER BY id', [titles.map((t) => t.toLowerCase())]);
      const found = await server.db.query<{ job_title: string }>('SELECT DISTINCT job_title FROM contacts WHERE id = ANY($1::int[])', [expected.map((r) => r.id)]);
      expect(found.length).toBeGreaterThan(1);
      const body = parsed(await api.post('/search/contact', { jobTitle: titles.join(' OR '), rpp: 100 }, token), P.searchContact);
      expect(body.totalResults).toBe(expected.length);
      expect(body.data.map((c) => c.id)).toEqual(expected.slice(0, 100).map((r) => r.id));
      // One title alone still matches itself only; "or" inside a title is not the operator.
      const one = parsed(await api.post('/search/contact', { jobTitle: 'chief revenue officer', rpp: 100 }, token), P.searchContact);
      expect(one.data.every((c) => c.jobTitle === 'Chief Revenue Officer')).toBe(true);
      expect(expectError(await api.post('/search/contact', { jobTitle: ' OR ' }, token), 400, 'invalid_input')).toMatch(/jobTitle/);
      // Industry keywords likewise: comma-separated (contact search) or OR-ed (company search).
      const software = await server.db.query<{ id: number }>("SELECT id FROM companies WHERE industry IN ('Software', 'Healthcare') ORDER BY id");
      for (const industryKeywords of ['Software OR Healthcare', 'software, healthcare']) {
        const companies = parsed(await api.post('/search/company', { industryKeywords, rpp: 100 }, token), P.searchCompany);
        expect(companies.totalResults, industryKeywords).toBe(software.length);
        expect(companies.data.map((c) => c.id)).toEqual(software.slice(0, 100).map((r) => r.id));
      }
    });

    it('/search/intent answers one row per signal as published, its company nested; paging and sorting walk signals', async () => {
      const topics = ['Data Warehousing', 'Zero Trust Security'];
      const all = parsed(await api.post('/search/intent', { topics, rpp: 100 }, token), P.searchIntent);
      const expected = await server.db.query<{ company_id: number; topic: string; score: number; others: boolean }>(
        `SELECT s.company_id, t.name AS topic, s.score,
                EXISTS (SELECT 1 FROM intent_signals o JOIN topics ot ON ot.id = o.topic_id WHERE o.company_id = s.company_id AND NOT ot.name = ANY($1::text[])) AS others
         FROM intent_signals s JOIN topics t ON t.id = s.topic_id WHERE t.name = ANY($1::text[])`,
        [topics],
      );
      expect(expected.length).toBeGreaterThan(2);
      expect(all.totalResults).toBe(expected.length);
      const key = (companyId: number, topic: string, score: number) => `${companyId}/${topic}/${score}`;
      expect(all.data.map((s) => key(s.company.id, s.topic, s.signalScore)).sort()).toEqual(expected.map((e) => key(e.company_id, e.topic, e.score)).sort());
      // Published default: descending.
      expect(all.data.map((s) => s.signalScore)).toEqual(all.data.map((s) => s.signalScore).sort((a, b) => b - a));
      const others = new Map(expected.map((e) => [e.company_id, e.others]));
      for (const s of all.data) expect(s.company.hasOtherTopicConsumption).toBe(others.get(s.company.id));
      const northwind = all.data.find((s) => s.company.id === 1001);
      expect(northwind).toMatchObject({ topic: 'Data Warehousing', signalScore: 71, company: { name: 'Northwind Traders', website: 'https://www.northwind.io' } });
      expect(northwind?.recommendedContacts.length).toBeGreaterThan(0);

      const paged = [];
      for (let page = 1; page <= Math.ceil(expected.length / 2); page++) {
        const body = parsed(await api.post('/search/intent', { topics, rpp: 2, page }, token), P.searchIntent);
        expect(body).toMatchObject({ maxResults: 2, totalResults: expected.length, currentPage: page });
        paged.push(...body.data);
      }
      expect(paged).toEqual(all.data);

      // Company criteria narrow the signals to those companies', as in company search.
      const narrowed = await server.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM intent_signals s JOIN topics t ON t.id = s.topic_id JOIN companies co ON co.id = s.company_id
         WHERE t.name = ANY($1::text[]) AND co.state = 'California' AND co.industry = 'Software'`,
        [topics],
      );
      const californian = parsed(await api.post('/search/intent', { topics, state: 'CA', industryKeywords: 'software', rpp: 100 }, token), P.searchIntent);
      expect(californian.totalResults).toBe(narrowed[0]?.n);
      expect(californian.data.map((s) => s.company.id)).toContain(1001);
      const rowsOf = await ctx.companiesById(californian.data.map((s) => s.company.id));
      expect([...rowsOf.values()].every((r) => r.state === 'California' && r.industry === 'Software')).toBe(true);

      const byDate = parsed(await api.post('/search/intent', { topics, rpp: 100, sortBy: 'signalDate', sortOrder: 'ascending' }, token), P.searchIntent);
      const dates = byDate.data.map((s) => s.signalDate);
      expect(dates).toEqual([...dates].sort());
      expect(byDate.data.length).toBe(all.data.length);
      expect(expectError(await api.post('/search/intent', { topics, sortBy: 'category' }, token), 400, 'invalid_input')).toMatch(/sortBy/);
      expect(expectError(await api.post('/search/intent', { topics, signalEndDate: '2026-12-01' }, token), 400, 'invalid_input')).toMatch(/signalEndDate.*cannot serve/);
      expect(expectError(await api.post('/enrich/intent', { companyId: 1001, signalScoreMin: 80 }, token), 400, 'invalid_input')).toMatch(/signalScoreMin.*cannot serve/);
      // The field lookups say the same, by the published names.
      const fields = z.array(z.object({ fieldName: z.string(), accessGranted: z.boolean() }));
      const access = async (path: string) => new Map(parsed(await api.get(path, token), fields).map((f) => [f.fieldName, f.accessGranted]));
      const outputs = await access('/lookup/outputfields/intent/search');
      for (const f of ['id', 'topic', 'signalScore', 'audienceStrength', 'signalDate', 'companyId', 'companyName', 'companyWebsite', 'companyHasOtherTopicConsumption', 'recommendedContacts']) expect(outputs.get(f), f).toBe(true);
      expect(outputs.get('category')).toBe(false);
      const inputs = await access('/lookup/inputfields/intent/search');
      expect([inputs.get('topics'), inputs.get('sortBy'), inputs.get('sortOrder'), inputs.get('signalEndDate')]).toEqual([true, true, true, false]);
      expect((await access('/lookup/inputfields/intent/enrich')).get('signalScoreMin')).toBe(false);
    });

    it('answers usage, news and scoops in the published shapes', async () => {
      parsed(await api.get('/lookup/usage', token), P.usage);
      const news = parsed(await api.post('/search/news', { companyId: 1001 }, token), P.searchNews);
      expect(news.data.length).toBeGreaterThan(0);
      for (const n of news.data) expect(n.company).toEqual([{ id: 1001, name: 'Northwind Traders' }]);
      const scoops = parsed(await api.post('/search/scoop', { companyId: 1001 }, token), P.searchScoop);
      for (const s of scoops.data) expect(s.company.id).toBe(1001);
    });

    it('entitlements: an account without intent gets the published 403 on intent, and still its news and contacts', async () => {
      const entitled = await factory.start({ seedCompanies: 0, seedContacts: 0, entitlements: 'demo@example.com=contact,company,news,scoop' });
      const client = new TestClient(entitled);
      const t = await client.login();
      for (const reply of [await client.post('/enrich/intent', { matchCompanyInput: [{ companyId: 1001 }] }, t), await client.post('/search/intent', { topics: ['Data Warehousing'] }, t)]) {
        expect(expectError(reply, 403, 'forbidden')).toBe('You do not have access to this endpoint.');
      }
      expect((await client.post('/search/news', { companyId: 1001 }, t)).status).toBe(200);
      expect((await client.post('/enrich/contact', { matchPersonInput: [{ personId: 50001 }] }, t)).status).toBe(200);
      // Another account, not named, keeps everything.
      expect((await client.post('/enrich/intent', { matchCompanyInput: [{ companyId: 1001 }] }, await client.oauth())).status).toBe(200);
    });
  });
}
