/** Contract tests of the Bulk API: jobs submitted, worked in the background, read page by page. */
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import * as E from '../../../utils/schemas/enterprise-api.ts';
import type { RunningServer } from '../../app.ts';
import { NAMESAKE } from '../../seed/generate.ts';
import * as S from '../../services/bulk/schemas.ts';
import { TestClient, type Reply } from '../client.ts';
import { expectError, fingerprint, parsed, type ContractContext } from './context.ts';
import * as P from './published-schemas.ts';

export function bulkContract(ctx: ContractContext): void {
  describe('bulk jobs', () => {
    let server: RunningServer;
    let api: TestClient;
    let token: string;
    let other: string;
    beforeAll(async () => {
      // Its own server: jobs, credits and the one-job-a-second limit of these accounts stay apart from the other sections'.
      server = await ctx.factory.start({ ratePerSecond: 100_000, ratePerMinute: 1_000_000 });
      api = new TestClient(server);
      token = await api.login();
      other = await api.oauth();
    });

    /** Submits, waiting out the one-job-a-second limit (the guide's) between the tests' jobs. */
    const submit = async (path: string, body: unknown, t = token): Promise<string> => {
      for (let attempt = 0; ; attempt++) {
        const reply = await api.post(path, body, t);
        if (reply.status === 429 && attempt < 10) {
          await sleep(300);
          continue;
        }
        parsed(reply, P.bulkJob);
        return parsed(reply, S.bulkJobCreated).jobId;
      }
    };
    /**
     * Status and results are reads, so a client retries them when a kept-alive connection drops
     * (this host's load stalls the in-process server long enough for its keep-alive timer to race
     * the next request).
     */
    const read = async (path: string, body: unknown, t: string, retries = 2): Promise<Reply> => {
      try {
        return await api.post(path, body, t);
      } catch (error) {
        if (retries === 0) throw error;
        return read(path, body, t, retries - 1);
      }
    };
    const status = async (jobId: string, t = token) => {
      const reply = await read('/bulk/job/status', { jobId }, t);
      parsed(reply, P.bulkJobStatus);
      return parsed(reply, S.bulkJobStatus);
    };
    const completed = async (jobId: string, t = token) => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const s = await status(jobId, t);
        if (s.status === 'COMPLETED') return s;
        if (Date.now() > deadline) throw new Error(`job ${jobId} still ${s.status} after 30 s`);
        await sleep(100);
      }
    };
    const results = async (jobId: string, page = 1, t = token) => {
      const reply = await read('/bulk/job/results', { jobId, page }, t);
      parsed(reply, P.bulkJobResults);
      return parsed(reply, S.bulkJobResults);
    };
    const usage = async (t = token) => parsed(await api.get('/lookup/usage', t), E.usageResponse).usage[0]?.currentUsage ?? -1;
    const cost = async (path: string, body: unknown, t = token) => parsed(await api.post(`${path}/cost`, body, t), S.bulkCost);
    const jobCount = async () => (await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM bulk_jobs'))[0]?.n ?? -1;

    it('enriches contacts as a job: cost first, then status, then a page of results, each record charged once', async () => {
      const inputs = [
        { personId: 50001 },
        { emailAddress: 'priya.raman@northwind.io' },
        { personId: '50003' },
        { emailAddress: 'nobody@unknown-domain-xyz.com' },
        { firstName: NAMESAKE.firstName, lastName: NAMESAKE.lastName, companyId: 100001 },
        { personId: 50001 },
      ];
      const body = { matchPersonInput: inputs, outputFields: ['firstName', 'lastName', 'email', 'jobTitle', 'companyName'] };
      const preview = await cost('/bulk/enrich/contact', body);
      expect(preview).toMatchObject({ jobType: 'enrich', entityType: 'contact', totalRecords: 6, matchedRecords: 3, underManagement: 0, credits: 3 });
      const before = await usage();
      expect(await usage()).toBe(before); // the preview charged nothing

      const jobId = await submit('/bulk/enrich/contact', body);
      expect(jobId).toMatch(/^[0-9a-f]{40}$/);
      const done = await completed(jobId);
      expect(done).toMatchObject({ jobType: 'enrich', entityType: 'CONTACT', totalRecords: 6, totalPages: 1, successfulPagesCount: 1, successfulPages: [1], processedRecords: 6 });
      const page = await results(jobId);
      expect(page).toMatchObject({ jobType: 'enrich', entityType: 'contact', totalRecords: 6, totalPages: 1, currentPage: 1, currentResults: 6 });
      expect(page.result.map((r) => r.matchStatus)).toEqual(['FULL_MATCH', 'FULL_MATCH', 'FULL_MATCH', 'NO_MATCH', 'MULTI_MATCH', 'FULL_MATCH']);
      expect(page.result[0]).toEqual({
        input: { personId: 50001 },
        matchStatus: 'FULL_MATCH',
        data: { id: 50001, firstName: 'Dana', lastName: 'Lin', email: 'dana@northwind.io', jobTitle: 'Chief Revenue Officer', company: { id: 1001, name: 'Northwind Traders' } },
      });
      expect(page.result[1]?.data?.id).toBe(50002);
      expect(page.result[2]?.input).toEqual({ personId: '50003' });
      expect(page.result[3]?.data).toBeNull();
      expect(page.result[4]?.data).toBeNull(); // candidates are not revealed, nor charged
      expect(await usage()).toBe(before + 3);

      // The same records again, in bulk or one by one: free for 12 months.
      expect((await cost('/bulk/enrich/contact', body)).credits).toBe(0);
      await completed(await submit('/bulk/enrich/contact', body));
      const single = await api.post('/enrich/contact', { matchPersonInput: [{ personId: 50002 }] }, token);
      expect(single.status).toBe(200);
      expect(await usage()).toBe(before + 3);
    });

    it('enriches companies as a job, with the output fields asked for', async () => {
      const body = { matchCompanyInput: [{ companyId: 1001 }, { companyWebsite: 'https://www.globex-analytics.ai' }, { companyName: 'zzz no such company zzz' }], outputFields: ['name', 'website', 'employeeCount'] };
      expect((await cost('/bulk/enrich/company', body)).credits).toBe(2);
      const before = await usage();
      const jobId = await submit('/bulk/enrich/company', body);
      expect((await completed(jobId)).entityType).toBe('COMPANY');
      const page = await results(jobId);
      expect(page.result.map((r) => r.matchStatus)).toEqual(['FULL_MATCH', 'FULL_MATCH', 'NO_MATCH']);
      expect(page.result[0]?.data).toEqual({ id: 1001, name: 'Northwind Traders', website: 'https://www.northwind.io', employeeCount: ctx.demoCompany(1001).employees });
      expect(page.result[1]?.data?.id).toBe(1004);
      expect(await usage()).toBe(before + 2);
    });

    it('searches in bulk: a free preview of every match, a redeem that charges new records only', async () => {
      const [count] = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM contacts WHERE company_id = 1001');
      const before = await usage();
      const previewId = await submit('/bulk/search/contact', { query: { companyId: 1001 } });
      const done = await completed(previewId);
      expect(done).toMatchObject({ jobType: 'preview', entityType: 'CONTACT', totalRecords: count?.n });
      const preview = await results(previewId);
      expect(preview.result.map((r) => r.input.personId)).toEqual([...preview.result.map((r) => r.input.personId)].sort((a, b) => Number(a) - Number(b)));
      for (const r of preview.result) {
        expect(r.matchStatus).toBe('FULL_MATCH');
        // A preview is a search summary: never an e-mail or a phone.
        expect(r.data).toMatchObject({ company: { id: 1001 } });
        expect(r.data).not.toHaveProperty('email');
        expect(r.data).toHaveProperty('hasEmail');
      }
      expect(await usage()).toBe(before);

      const redeem = { jobType: 'redeem', query: { companyId: 1001 }, outputFields: ['email', 'jobTitle'] };
      // 50001–50003 were paid for by the enrich job above.
      const price = await cost('/bulk/search/contact', redeem);
      expect(price).toMatchObject({ totalRecords: count?.n, underManagement: 3, credits: (count?.n ?? 0) - 3 });
      const redeemId = await submit('/bulk/search/contact', redeem);
      await completed(redeemId);
      const page = await results(redeemId);
      expect(page.result.find((r) => r.data?.id === 50001)?.data).toEqual({ id: 50001, email: 'dana@northwind.io', jobTitle: 'Chief Revenue Officer' });
      expect(await usage()).toBe(before + price.credits);

      const companies = await submit('/bulk/search/company', { query: { companyId: 1002 } });
      expect((await completed(companies)).totalRecords).toBe(1);
      expect((await results(companies)).result[0]?.data).toMatchObject({ id: 1002, name: ctx.demoCompany(1002).name });
    });

    it('pages results by 500 and says which pages are ready', async () => {
      const [row] = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM contacts');
      const total = row?.n ?? 0;
      const jobId = await submit('/bulk/search/contact', { query: {} });
      const done = await completed(jobId);
      const pages = Math.ceil(total / 500);
      expect(done).toMatchObject({ totalRecords: total, totalPages: pages, successfulPagesCount: pages });
      const last = await results(jobId, pages);
      expect(last.currentResults).toBe(total - (pages - 1) * 500);
      const [second] = await server.db.query<{ id: number }>('SELECT id FROM contacts ORDER BY id OFFSET 500 LIMIT 1');
      expect((await results(jobId, 2)).result[0]?.input.personId).toBe(second?.id);
      expectError(await api.post('/bulk/job/results', { jobId, page: pages + 1 }, token), 400, 'invalid_input');
    });

    it('refuses results before a page is done, another account\'s job, and unknown or malformed ids', async () => {
      // A job another worker holds: its pages stay pending while the lease lasts.
      const jobId = 'f'.repeat(40);
      await server.db.query(`INSERT INTO bulk_jobs (id, account, entity, job_type, status, total, expires_at) VALUES ($1, 'demo@example.com', 'contact', 'enrich', 'IN_PROGRESS', 2, now() + interval '1 hour')`, [jobId]);
      await server.db.query(`INSERT INTO bulk_items (job_id, position, input, lease_owner, lease_until) VALUES ($1, 0, '{"personId": 50001}', 'elsewhere', now() + interval '1 hour'), ($1, 1, '{"personId": 50002}', 'elsewhere', now() + interval '1 hour')`, [jobId]);
      expect(await status(jobId)).toMatchObject({ status: 'IN_PROGRESS', successfulPagesCount: 0, successfulPages: [], processedRecords: 0 });
      expect(expectError(await api.post('/bulk/job/results', { jobId, page: 1 }, token), 400, 'invalid_input')).toMatch(/not ready/);

      const mine = await submit('/bulk/enrich/contact', { matchPersonInput: [{ personId: 50004 }] });
      await completed(mine);
      expectError(await api.post('/bulk/job/status', { jobId: mine }, other), 404, 'not_found');
      expectError(await api.post('/bulk/job/results', { jobId: mine, page: 1 }, other), 404, 'not_found');
      expectError(await api.post('/bulk/job/status', { jobId: 'a'.repeat(40) }, token), 404, 'not_found');
      expectError(await api.post('/bulk/job/status', { jobId: 'nope' }, token), 400, 'invalid_input');
      expectError(await api.post('/bulk/job/results', { jobId: mine, page: 0 }, token), 400, 'invalid_input');
      expectError(await api.post('/bulk/job/status', { jobId: mine }), 401, 'unauthorized');
      // An expired job is gone.
      await server.db.query(`UPDATE bulk_jobs SET expires_at = now() - interval '1 second' WHERE id = $1`, [mine]);
      expect(expectError(await api.post('/bulk/job/results', { jobId: mine, page: 1 }, token), 404, 'not_found')).toMatch(/expired/);
      await server.db.query('DELETE FROM bulk_jobs WHERE id = $1', [jobId]);
    });

    it('refuses jobs above the limits, bad input and jobs it cannot pay for, creating nothing', async () => {
      const before = await fingerprint(server);
      const jobs = await jobCount();
      const many = Array.from({ length: 10_001 }, (_, i) => ({ personId: 50001 + (i % 28) }));
      expect(expectError(await api.post('/bulk/enrich/contact', { matchPersonInput: many }, token), 400, 'invalid_input')).toMatch(/at most 10,000/);
      expect(expectError(await api.post('/bulk/enrich/contact/cost', { matchPersonInput: many }, token), 400, 'invalid_input')).toMatch(/at most 10,000/);
      expectError(await api.post('/bulk/enrich/company', { matchCompanyInput: Array.from({ length: 10_001 }, () => ({ companyId: 1001 })) }, token), 400, 'invalid_input');
      expectError(await api.post('/bulk/enrich/contact', { matchPersonInput: [] }, token), 400, 'invalid_input');
      expectError(await api.post('/bulk/enrich/contact', { matchPersonInput: [{ email: 'x@y.z' }] }, token), 400, 'invalid_input');
      expectError(await api.post('/bulk/search/contact', { jobType: 'redeem', query: { companyId: 1001 } }, token), 400, 'invalid_input');
      expectError(await api.post('/bulk/search/contact', { jobType: 'export', query: {} }, token), 400, 'invalid_input');
      expectError(await api.post('/bulk/search/contact', { query: { companyId: 1001, sortBy: 'id' } }, token), 400, 'invalid_input');
      expectError(await api.post('/bulk/search/company', {}, token), 400, 'invalid_input');
      // Fewer credits left than the job would cost: 402, nothing charged, nothing created.
      await server.db.query(`INSERT INTO accounts (account, credits_used) VALUES ('demo-client', 9999) ON CONFLICT (account) DO UPDATE SET credits_used = 9999`);
      const after = await fingerprint(server);
      const short = await api.post('/bulk/enrich/contact', { matchPersonInput: [{ personId: 50020 }, { personId: 50021 }] }, other);
      expect(expectError(short, 402, 'credits_exhausted')).toMatch(/cost 2 credit/);
      expect(short.headers.get('x-usage-record-limit-remaining')).toBe('1');
      expect(await fingerprint(server)).toBe(after);
      expect(before).not.toBe(after);
      expect(await jobCount()).toBe(jobs);
    });

    it('allows 5 active jobs per account and 1 new job a second (429, nothing created)', async () => {
      await sleep(1100);
      const jobs = await jobCount();
      const rapid = await Promise.all([1, 2].map(() => api.post('/bulk/enrich/company', { matchCompanyInput: [{ companyId: 1003 }] }, token)));
      expect(rapid.map((r) => r.status).sort()).toEqual([200, 429]);
      expectError(rapid.find((r) => r.status === 429) as Reply, 429, 'rate_limited');
      expect(await jobCount()).toBe(jobs + 1);
      // Five jobs still held by another worker count as active.
      for (let i = 0; i < 5; i++) {
        const id = String(i).repeat(40);
        await server.db.query(`INSERT INTO bulk_jobs (id, account, entity, job_type, status, total, created_at, expires_at) VALUES ($1, 'demo-client', 'company', 'enrich', 'IN_PROGRESS', 1, now() - interval '1 minute', now() + interval '1 hour')`, [id]);
        await server.db.query(`INSERT INTO bulk_items (job_id, position, input, lease_owner, lease_until) VALUES ($1, 0, '{"companyId": 1001}', 'elsewhere', now() + interval '1 hour')`, [id]);
      }
      await server.db.query(`UPDATE accounts SET credits_used = 0 WHERE account = 'demo-client'`);
      const sixth = await api.post('/bulk/enrich/company', { matchCompanyInput: [{ companyId: 1003 }] }, other);
      expect(expectError(sixth, 429, 'rate_limited')).toMatch(/5 bulk jobs/);
      expect(await jobCount()).toBe(jobs + 6);
      await server.db.query(`DELETE FROM bulk_jobs WHERE account = 'demo-client' AND total = 1 AND id ~ '^(.)\\1{39}$'`);
    });

    it('is declared in /openapi.json', async () => {
      const doc = (await api.get('/openapi.json')).body as { paths: Record<string, unknown> };
      for (const path of ['/bulk/search/contact', '/bulk/search/company', '/bulk/enrich/contact', '/bulk/enrich/company', '/bulk/enrich/contact/cost', '/bulk/job/status', '/bulk/job/results']) {
        expect(doc.paths, path).toHaveProperty([path]);
      }
    });
  });
}
