/** Contract tests of api-contract.md §2 "Enrich". */
import { beforeAll, describe, expect, it } from 'vitest';
import * as E from '../../../utils/schemas/enterprise-api.ts';
import type { RunningServer } from '../../app.ts';
import { NAMESAKE, NAMESAKE_IDS } from '../../seed/generate.ts';
import { TestClient } from '../client.ts';
import { expectError, fingerprint, parsed, sha256, type ContractContext } from './context.ts';

export function enrichContract(ctx: ContractContext): void {
  describe('enrich (§2)', () => {
    let server: RunningServer;
    let api: TestClient;
    let token: string;
    const { factory, demo, demoCompany } = ctx;
    beforeAll(() => {
      ({ server, api, token } = ctx.current());
    });

    type ContactResult = E.EnrichContactResponse['data']['result'][number];
    const enrichContacts = async (inputs: unknown[], outputFields?: string[], t = token) => {
      const reply = await api.post('/enrich/contact', outputFields ? { matchPersonInput: inputs, outputFields } : { matchPersonInput: inputs }, t);
      return { reply, body: parsed(reply, E.enrichContactResponse) };
    };
    const only = (r: ContactResult | undefined) => {
      expect(r?.data).toHaveLength(1);
      return r?.data[0];
    };

    it('matches people by every kind of input', async () => {
      const dana = demo.contacts.find((c) => c.id === 50001);
      const cases: [unknown, number][] = [
        [{ emailAddress: 'DANA@Northwind.IO' }, 50001],
        [{ emailAddress: 'dana.lin.home@gmail.com' }, 50001],
        [{ hashedEmail: sha256(' Dana@northwind.io ') }, 50001],
        [{ personId: 50002 }, 50002],
        [{ personId: '50002' }, 50002],
        [{ phone: '+1 (415) 555-0103' }, 50003],
        [{ phone: '415.555.0103' }, 50003],
        [{ firstName: 'priya', lastName: 'RAMAN', companyName: 'northwind' }, 50002],
        [{ firstName: 'Zoë', lastName: 'Müller-Hart', companyId: 1006 }, 50013],
        [{ fullName: 'Gregory  Adeyemi', companyId: 1003 }, 50006],
        [{ fullName: 'Gregory Adeyemi', companyName: 'Acme Robotics' }, 50006],
        [{ externalURL: 'https://www.linkedin.com/in/dana-lin-northwind' }, 50001],
        [{ externalURL: 'http://linkedin.com/in/Dana-Lin-Northwind/' }, 50001],
        [{ externalURL: 'https://uk.linkedin.com/in/dana-lin-northwind?trk=x' }, 50001],
      ];
      const { body, reply } = await enrichContacts(cases.map(([input]) => input));
      expect(body.success).toBe(true);
      expect(reply.headers.get('x-usage-record-limit-remaining')).toMatch(/^\d+$/);
      body.data.result.forEach((r, i) => {
        expect(r.matchStatus, JSON.stringify(cases[i]?.[0])).toBe('FULL_MATCH');
        expect(only(r)?.id).toBe(cases[i]?.[1]);
        expect(r.input).toEqual(cases[i]?.[0]);
      });
      const full = only(body.data.result[0]);
      expect(full).toMatchObject({
        id: 50001, firstName: 'Dana', lastName: 'Lin', email: 'dana@northwind.io', personalEmail: 'dana.lin.home@gmail.com',
        phone: dana?.phone, mobilePhone: dana?.mobile_phone, jobTitle: 'Chief Revenue Officer', managementLevel: ['C-Level'],
        jobFunction: [{ name: 'Sales', department: 'Sales' }], city: 'San Francisco', state: 'California', country: 'United States',
        externalUrls: [{ type: 'linkedin', url: dana?.linkedin_url }], company: { id: 1001, name: 'Northwind Traders', website: 'https://www.northwind.io' },
      });
    });

    it('answers COMPANY_ONLY, CONTACT_ONLY, MULTI, NO_MATCH and BAD_DATA in one 200 batch', async () => {
      const { body, reply } = await enrichContacts([
        { emailAddress: 'someone.new@northwind.io' },
        { emailAddress: 'dana@northwind.io', companyId: 1002 },
        { firstName: NAMESAKE.firstName, lastName: NAMESAKE.lastName, companyId: 100001 },
        { emailAddress: 'nobody@unknown-domain-xyz.com' },
        { emailAddress: 'not-an-email' },
        { hashedEmail: 'ABC' },
        { firstName: 'Dana' },
        { companyName: 'Northwind' },
        {},
        { phone: 'call me' },
        { externalURL: 'https://example.com/in/dana' },
      ]);
      const statuses = body.data.result.map((r) => r.matchStatus);
      expect(statuses).toEqual(['COMPANY_ONLY_MATCH', 'CONTACT_ONLY_MATCH', 'MULTI_MATCH', 'NO_MATCH', 'BAD_DATA', 'BAD_DATA', 'BAD_DATA', 'BAD_DATA', 'BAD_DATA', 'BAD_DATA', 'BAD_DATA']);
      expect(body.data.result[0]?.data).toEqual([]);
      // The raw answer also names the company the domain belongs to.
      expect((reply.body as { data: { result: { company?: unknown }[] } }).data.result[0]?.company).toEqual({ id: 1001, name: 'Northwind Traders', website: 'https://www.northwind.io' });
      const multi = body.data.result[2];
      expect(multi?.data.map((c) => c.id)).toEqual(NAMESAKE_IDS);
      expect(multi?.data.length).toBeLessThanOrEqual(5);
      for (const candidate of multi?.data ?? []) {
        expect(candidate.email).toBeNull();
        expect(candidate.phone).toBeNull();
      }
      for (const r of body.data.result.slice(4)) {
        expect(r.data).toEqual([]);
        expect(typeof r.input.reason).toBe('string');
        expect(String(r.input.reason).length).toBeGreaterThan(5);
      }
    });

    it('filters outputFields: unknown names ignored, known but empty is null, id always', async () => {
      const { body } = await enrichContacts([{ personId: 50002 }], ['firstName', 'personalEmail', 'picture', 'mobilePhone', 'noSuchField', 'companyRevenueNum']);
      // Published: a list of lists, the requested names echoed (Amendments).
      expect(body.data.outputFields).toEqual([['firstName', 'personalEmail', 'picture', 'mobilePhone', 'noSuchField', 'companyRevenueNum']]);
      expect(body.data.result[0]?.data[0]).toEqual({ id: 50002, firstName: 'Priya', personalEmail: null, mobilePhone: null, picture: null });
    });

    it('refuses 26 inputs (413), none, unknown fields and wrong types (400), and changes nothing', async () => {
      const before = await fingerprint(server);
      const many = Array.from({ length: 26 }, (_, i) => ({ personId: 50001 + (i % 28) }));
      expectError(await api.post('/enrich/contact', { matchPersonInput: many }, token), 413, 'payload_too_large');
      expectError(await api.post('/enrich/company', { matchCompanyInput: Array.from({ length: 26 }, () => ({ companyId: 1001 })) }, token), 413, 'payload_too_large');
      expectError(await api.post('/enrich/intent', { matchCompanyInput: Array.from({ length: 26 }, () => ({ companyId: 1001 })) }, token), 413, 'payload_too_large');
      expectError(await api.post('/enrich/contact', { matchPersonInput: [] }, token), 400, 'invalid_input');
      expectError(await api.post('/enrich/contact', {}, token), 400, 'invalid_input');
      expectError(await api.post('/enrich/contact', { matchPersonInput: [{ email: 'dana@northwind.io' }] }, token), 400, 'invalid_input');
      expectError(await api.post('/enrich/contact', { matchPersonInput: [{ personId: 'abc' }] }, token), 400, 'invalid_input');
      expectError(await api.post('/enrich/contact', { matchPersonInput: [{ emailAddress: 42 }] }, token), 400, 'invalid_input');
      expectError(await api.post('/enrich/contact', { matchPersonInput: [{ firstName: 'x'.repeat(501), lastName: 'y', companyId: 1 }] }, token), 400, 'invalid_input');
      expectError(await api.post('/enrich/contact', { matchPersonInput: [{ personId: 50001 }], extra: 1 }, token), 400, 'invalid_input');
      expectError(await api.post('/enrich/company', { matchCompanyInput: [{ domain: 'x.com' }] }, token), 400, 'invalid_input');
      expectError(await api.raw('POST', '/enrich/contact', { body: '{"matchPersonInput": [', headers: { Authorization: `Bearer ${token}` } }), 400, 'invalid_input');
      expectError(await api.raw('POST', '/enrich/contact', { body: JSON.stringify({ matchPersonInput: [{ fullName: 'x'.repeat(2_100_000) }] }), headers: { Authorization: `Bearer ${token}` } }), 413, 'payload_too_large');
      expect(await fingerprint(server)).toBe(before);
    });

    it('treats SQL metacharacters in every enrich text field as plain text', async () => {
      const before = await fingerprint(server);
      const s = "x' OR '1'='1; DROP TABLE contacts; --%_\\";
      const { body } = await enrichContacts([
        { firstName: s, lastName: s, companyName: s },
        { fullName: s, companyName: s },
        { phone: `${s} 12345678` },
      ]);
      expect(body.data.result.map((r) => r.matchStatus)).toEqual(['NO_MATCH', 'NO_MATCH', 'NO_MATCH']);
      const companies = parsed(await api.post('/enrich/company', { matchCompanyInput: [{ companyName: s }, { companyWebsite: `${s}.com` }] }, token), E.enrichCompanyResponse);
      expect(companies.data.result.every((r) => r.matchStatus === 'NO_MATCH' || r.matchStatus === 'BAD_DATA')).toBe(true);
      expect(await fingerprint(server)).toBe(before);
    });

    it('charges one credit per new record, nothing again within 12 months, and reports it truthfully', async () => {
      const t = await api.oauth();
      const usage = async () => parsed(await api.get('/lookup/usage', t), E.usageResponse).usage.find((u) => u.limitType === E.RECORD_LIMIT_TYPE);
      const start = await usage();
      expect(start).toEqual({ limitType: 'RecordLimit', description: expect.any(String), limit: 10000, currentUsage: 0, usageRemaining: 10000 });
      const first = await enrichContacts([{ personId: 50010 }, { emailAddress: 'andre.silva@globex-analytics.ai' }, { personId: 99999999 }, { firstName: NAMESAKE.firstName, lastName: NAMESAKE.lastName, companyId: 100001 }], undefined, t);
      expect(first.reply.headers.get('x-usage-record-limit-remaining')).toBe('9999');
      expect((await usage())?.currentUsage).toBe(1);
      const again = await enrichContacts([{ personId: 50010 }], undefined, t);
      expect(again.reply.headers.get('x-usage-record-limit-remaining')).toBe('9999');
      const company = await api.post('/enrich/company', { matchCompanyInput: [{ companyId: 1004 }, { companyWebsite: 'globex-analytics.ai' }] }, t);
      parsed(company, E.enrichCompanyResponse);
      expect(company.headers.get('x-usage-record-limit-remaining')).toBe('9998');
      const viaUsage = parsed(await api.get('/usage', t), E.usageResponse).usage[0];
      expect(viaUsage).toMatchObject({ currentUsage: 2, usageRemaining: 9998 });
      // Searches, lookups and intent are free.
      await api.post('/search/contact', { companyId: 1004 }, t);
      await api.post('/enrich/intent', { matchCompanyInput: [{ companyId: 1004 }] }, t);
      expect((await usage())?.currentUsage).toBe(2);
      // 13 months later the record costs again.
      await server.db.query("UPDATE record_charges SET charged_at = now() - interval '13 months' WHERE account = 'demo-client' AND record_id = 50010");
      const later = await enrichContacts([{ personId: 50010 }], undefined, t);
      expect(later.reply.headers.get('x-usage-record-limit-remaining')).toBe('9997');
    });

    it('answers 402 credits_exhausted spending nothing, while free re-enrichment still works', async () => {
      const poor = await factory.start({ credits: 2, seedCompanies: 0, seedContacts: 0 });
      const c = new TestClient(poor);
      const t = await c.login();
      const ok = await c.post('/enrich/contact', { matchPersonInput: [{ personId: 50001 }] }, t);
      expect(ok.headers.get('x-usage-record-limit-remaining')).toBe('1');
      const before = await fingerprint(poor);
      const tooMany = await c.post('/enrich/contact', { matchPersonInput: [{ personId: 50002 }, { personId: 50003 }] }, t);
      expectError(tooMany, 402, 'credits_exhausted');
      expect(tooMany.headers.get('x-usage-record-limit-remaining')).toBe('1');
      expect(await fingerprint(poor)).toBe(before);
      const usage = parsed(await c.get('/lookup/usage', t), E.usageResponse).usage[0];
      expect(usage).toMatchObject({ limit: 2, currentUsage: 1, usageRemaining: 1 });
      const free = await c.post('/enrich/contact', { matchPersonInput: [{ personId: 50001 }, { emailAddress: 'dana@northwind.io' }] }, t);
      parsed(free, E.enrichContactResponse);
      const last = await c.post('/enrich/company', { matchCompanyInput: [{ companyId: 1001 }] }, t);
      expect(last.headers.get('x-usage-record-limit-remaining')).toBe('0');
      expectError(await c.post('/enrich/company', { matchCompanyInput: [{ companyId: 1002 }] }, t), 402, 'credits_exhausted');
    });

    it('enriches companies by id, any website form, and name, with the demo values mapped', async () => {
      const inputs = [
        { companyId: 1001 },
        { companyWebsite: 'https://www.northwind.io/about?x=1' },
        { companyWebsite: 'NORTHWIND.IO' },
        { companyWebsite: 'http://shop.northwind.io' },
        { companyName: 'northwind traders' },
        { companyName: 'Kessler' },
        { companyWebsite: 'lumenoak.co.uk' },
        { companyWebsite: 'localhost' },
        { companyName: 'zzz-no-such-company' },
        {},
      ];
      const body = parsed(await api.post('/enrich/company', { matchCompanyInput: inputs }, token), E.enrichCompanyResponse);
      expect(body.data.result.map((r) => r.matchStatus)).toEqual(['FULL_MATCH', 'FULL_MATCH', 'FULL_MATCH', 'FULL_MATCH', 'FULL_MATCH', 'FULL_MATCH', 'FULL_MATCH', 'BAD_DATA', 'NO_MATCH', 'BAD_DATA']);
      expect(body.data.result.slice(0, 5).map((r) => r.data[0]?.id)).toEqual([1001, 1001, 1001, 1001, 1001]);
      expect(body.data.result[5]?.data[0]?.id).toBe(1008);
      expect(body.data.result[6]?.data[0]?.id).toBe(1006);
      const c = body.data.result[0]?.data[0];
      const d = demoCompany(1001);
      expect(c).toMatchObject({
        id: 1001, name: d.name, website: d.website, domainList: [d.domain], primaryIndustry: [d.industry], industries: [d.industry, d.sub_industry],
        employeeCount: d.employees, revenue: (d.revenue_usd ?? 0) / 1000, city: d.location.city, state: d.location.state,
        country: d.location.country, ticker: null, foundedYear: d.founded_year, createdDate: d.created_at,
        socialMediaUrls: [{ type: 'linkedin', url: d.linkedin_url }],
      });
      expect(c?.techAttributes?.map((t) => t.tag)).toEqual(d.technologies);
      const multi = parsed(await api.post('/enrich/company', { matchCompanyInput: [{ companyName: 'a' }] }, token), E.enrichCompanyResponse);
      expect(multi.data.result[0]?.matchStatus).toBe('MULTI_MATCH');
      expect(multi.data.result[0]?.data.length).toBe(5);
      for (const candidate of multi.data.result[0]?.data ?? []) {
        expect(Object.keys(candidate).sort()).toEqual(['city', 'country', 'domainList', 'id', 'name', 'state', 'website']);
      }
      expect(multi.data.result[0]?.input).toEqual({ companyName: 'a' });
    });

    it('returns intent signals with recommended contacts that never reveal e-mail or phone', async () => {
      const body = parsed(await api.post('/enrich/intent', { matchCompanyInput: [{ companyId: 1003 }, { companyWebsite: 'northwind.io' }, { companyId: 1006 }] }, token), E.intentEnrichResult);
      const acme = body.data.filter((s) => s.company.id === 1003);
      expect(acme.map((s) => [s.topic, s.signalScore, s.newSignal, s.signalDate, s.audienceStrength])).toEqual(
        // Published grades: A (the largest audience) to E; this data's high, medium and low are A, C and E.
        demoCompany(1003).intent.map((s) => [s.topic, s.score, s.spike, s.signal_date, { high: 'A', medium: 'C', low: 'E' }[s.audience_strength]]),
      );
      for (const s of acme) {
        expect(s.company).toMatchObject({ id: 1003, name: demoCompany(1003).name });
        expect(s.recommendedContacts?.length).toBeGreaterThan(0);
        for (const rc of s.recommendedContacts ?? []) {
          expect(Object.keys(rc).some((k) => /email|phone/i.test(k) && !/^has/.test(k))).toBe(false);
          expect(JSON.stringify(rc)).not.toMatch(/@|\+1 /);
        }
      }
      expect(body.data.filter((s) => s.company.id === 1006)).toEqual([]);
      const filtered = parsed(await api.post('/enrich/intent', { matchCompanyInput: [{ companyId: 1001 }], topics: ['data warehousing'] }, token), E.intentEnrichResult);
      expect(filtered.data.map((s) => s.topic)).toEqual(['Data Warehousing']);
    });
  });
}
