/** Contract tests of api-contract.md §3 (request log, docs, demo pages). */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../app.ts';
import type { TestClient } from '../client.ts';
import type { ContractContext } from './context.ts';

export function logDocsDemoContract(ctx: ContractContext): void {
  describe('request log, docs and demo pages', () => {
    let server: RunningServer;
    let api: TestClient;
    let token: string;
    beforeAll(() => {
      ({ server, api, token } = ctx.current());
    });

    it('logs method, path, status and inputs, in process and over HTTP', async () => {
      server.clearRequestLog();
      await api.post('/enrich/contact', { matchPersonInput: [{ personId: 50001 }, { personId: 50002 }, { personId: 50003 }] }, token);
      await api.post('/enrich/contact', { matchPersonInput: [] }, token);
      await api.get('/lookup/usage', token);
      const entries = server.requestLog;
      expect(entries.map((e) => [e.method, e.path, e.status, e.inputs])).toEqual([
        ['POST', '/enrich/contact', 200, 3],
        ['POST', '/enrich/contact', 400, 0],
        ['GET', '/lookup/usage', 200, 0],
      ]);
      expect(entries[0]?.tokenId).toMatch(/^tok_[0-9a-f]{12}$/);
      expect(JSON.stringify(entries)).not.toContain(token);
      const overHttp = await api.get<{ requests: unknown[]; stats: { enrichCalls: number; enrichInputs: number; maxPerSecond: number } }>('/_admin/requests?path=/enrich');
      expect(overHttp.status).toBe(200);
      expect(overHttp.body.requests).toHaveLength(2);
      expect(overHttp.body.stats).toMatchObject({ enrichCalls: 2, enrichInputs: 3 });
      expect((await api.raw('DELETE', '/_admin/requests')).status).toBe(204);
      expect(server.requestLog.filter((e) => e.path !== '/_admin/requests')).toEqual([]);
      const stats = await api.get<{ total: number; limits: { ratePerSecond: number } }>('/_admin/stats');
      expect(stats.body.limits.ratePerSecond).toBe(server.config.ratePerSecond);
    });

    it('serves an OpenAPI 3.1 document of every endpoint and an offline /docs page', async () => {
      const doc = await api.get<{ openapi: string; paths: Record<string, Record<string, unknown>> }>('/openapi.json');
      expect(doc.body.openapi).toBe('3.1.0');
      for (const p of ['/api/v1/contacts', '/api/v1/companies', '/authenticate', '/oauth/token', '/enrich/contact', '/enrich/company', '/enrich/intent', '/search/contact', '/search/company', '/search/intent', '/search/news', '/search/scoop', '/lookup/usage', '/usage', '/lookup/departments', '/lookup/intent/topics', '/enrich/orgchart', '/enrich/corporatehierarchy', '/enrich/location', '/enrich/tech', '/enrich/news', '/enrich/scoop']) {
        expect(Object.keys(doc.body.paths), p).toContain(p);
      }
      const docs = await api.get('/docs');
      expect(docs.status).toBe(200);
      expect(docs.text).toContain('/openapi.json');
      expect(docs.text).not.toMatch(/<script[^>]+src=|<link[^>]+href="https?:/);
    });

    it('serves the demo pages, escaped, and a page of N distinct e-mails that exist in the database', async () => {
      const index = await api.get('/demo/');
      expect(index.status).toBe(200);
      for (const href of ['/demo/companies/1001', '/demo/crm/contacts/50001', '/demo/in/dana-lin-northwind', '/demo/emails?n=60']) {
        expect(index.text).toContain(href.replace('&', '&amp;'));
        const page = await api.get(href);
        expect(page.status, href).toBe(200);
        expect(page.headers.get('content-type')).toContain('text/html');
      }
      const company = await api.get('/demo/companies/1010');
      expect(company.text).toContain('href="mailto:nadia.petrova@quantacloud.io"');
      expect(company.text).toContain('kevin.zhang@quantacloud.io');
      expect(company.text).toContain('https://www.quantacloud.io');
      const obrien = await api.get('/demo/crm/contacts/50024');
      expect(obrien.text).toContain('O&#39;Brien');
      const lumen = await api.get('/demo/companies/1006');
      expect(lumen.text).toContain('Lumen &#38; Oak Studio');
      const emails = await api.get('/demo/emails?n=60');
      const found = [...new Set(emails.text.match(/[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/gi) ?? [])];
      expect(found).toHaveLength(60);
      const rows = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM contacts WHERE lower(email) = ANY($1::text[])', [found.map((e) => e.toLowerCase())]);
      expect(rows[0]?.n).toBe(60);
      expect((await api.get('/demo/companies/9')).status).toBe(404);
    });
  });
}
