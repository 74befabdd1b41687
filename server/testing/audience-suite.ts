/**
 * Contract suite of the Audiences API (api-contract.md §4), run on PGlite and on PostgreSQL: the
 * worked example of the GTM Studio guide end to end, filters, sorting, paging, bad inputs (each
 * refused with a reason and the database unchanged), scopes and jobs to their terminal states.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RunningServer } from '../app.ts';
import { serverFactory, type Backend } from './harness.ts';

const JSON_API = 'application/vnd.api+json';

// The JSON:API documents the suite reads, parsed as the API publishes them: a field absent or of
// another type fails the parse, which names it.
const Ref = z.looseObject({ id: z.string(), type: z.string() });
const Cell = z.looseObject({
  columnId: z.string(),
  value: z.unknown(),
  state: z.string(),
  errorDetails: z.looseObject({ summary: z.string(), description: z.string(), retryable: z.boolean() }).optional(),
});
const Row = z.looseObject({ id: z.string(), type: z.literal('Row'), attributes: z.looseObject({ values: z.array(Cell) }) });
const Column = z.looseObject({
  id: z.string(),
  type: z.literal('Column'),
  attributes: z.looseObject({
    name: z.string(),
    columnType: z.string(),
    matchCriteria: z.array(z.looseObject({ columnId: z.string(), mappedTo: z.string() })).optional(),
    scriptConfiguration: z.looseObject({ expression: z.string() }).optional(),
  }),
});
const Audience = z.looseObject({
  id: z.string(),
  type: z.literal('Audience'),
  attributes: z.looseObject({ type: z.string(), recordCount: z.number(), folderName: z.string(), columns: z.array(Column) }),
});
const Folder = z.looseObject({ id: z.string(), type: z.literal('Folder'), meta: z.looseObject({ createdById: z.number() }) });
const Job = z.looseObject({ id: z.string(), attributes: z.looseObject({ status: z.string(), percentProgress: z.number() }) });
const FilterMetadata = z.looseObject({
  attributes: z.looseObject({ filterMetadata: z.array(z.looseObject({ columnId: z.string(), filterOperators: z.array(z.looseObject({ operator: z.string() })) })) }),
});
const Paging = z.looseObject({
  meta: z.object({ page: z.object({ size: z.number(), number: z.number() }), total: z.number() }),
  links: z.looseObject({ next: z.string().optional() }),
});
const Errors = z.looseObject({ errors: z.array(z.looseObject({ id: z.string(), code: z.string(), status: z.string(), detail: z.string() })).min(1) });

class Reply {
  readonly status: number;
  readonly type: string | null;
  /** The body as sent: for whole-document comparisons and failure messages. */
  readonly body: unknown;

  constructor(status: number, type: string | null, body: unknown) {
    this.status = status;
    this.type = type;
    this.body = body;
  }

  /** A document of one resource. */
  one<T>(resource: z.ZodType<T>): T {
    return z.object({ data: resource }).parse(this.body).data;
  }

  /** A document of a list of resources. */
  many<T>(resource: z.ZodType<T>): T[] {
    return z.object({ data: z.array(resource) }).parse(this.body).data;
  }

  paging(): z.infer<typeof Paging> {
    return Paging.parse(this.body);
  }

  errors(): z.infer<typeof Errors>['errors'] {
    return Errors.parse(this.body).errors;
  }
}

/** The item at `i`, which the test expects to be there. */
function nth<T>(items: readonly T[], i: number): T {
  const item = items[i];
  if (item === undefined) throw new Error(`expected an item at ${i}, got ${items.length} item(s)`);
  return item;
}

const cellOf = (row: z.infer<typeof Row>, columnId: string | undefined) => row.attributes.values.find((v) => v.columnId === columnId);

function columnNamed(audience: z.infer<typeof Audience>, name: string): string {
  const column = audience.attributes.columns.find((c) => c.attributes.name === name);
  if (!column) throw new Error(`audience ${audience.id} has no column "${name}"`);
  return column.id;
}

export function audienceSuite(backend: Backend): void {
  describe(`Audiences API on ${backend}`, () => {
    const factory = serverFactory(backend);
    let server: RunningServer;
    let token = '';
    let readToken = '';
    let ai: http.Server;
    let aiCalls = 0;

    const call = async (method: string, path: string, body?: unknown, options: { token?: string; headers?: Record<string, string> } = {}): Promise<Reply> => {
      const res = await fetch(`${server.url}/gtm/studio/v1${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${options.token ?? token}`,
          Accept: JSON_API,
          ...(body !== undefined ? { 'Content-Type': JSON_API } : {}),
          ...options.headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return new Reply(res.status, res.headers.get('content-type'), text ? (JSON.parse(text) as unknown) : null);
    };
    const mint = async (id: string, secret: string) => {
      const res = await fetch(`${server.url}/gtm/oauth/v1/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: id, client_secret: secret }),
      });
      return { status: res.status, body: (await res.json()) as { access_token: string; scope: string; token_type: string } };
    };
    const snapshot = async () => {
      const [counts] = await server.db.query<Record<string, number>>(
        `SELECT (SELECT count(*)::int FROM gtm_folders) AS folders, (SELECT count(*)::int FROM gtm_audiences) AS audiences,
                (SELECT count(*)::int FROM gtm_columns) AS columns, (SELECT count(*)::int FROM gtm_jobs) AS jobs,
                (SELECT md5(string_agg(id::text || cells::text, ',' ORDER BY id)) FROM gtm_rows) AS rows,
                (SELECT md5(string_agg(id || name || data_type || coalesce(mapped_to, ''), ',' ORDER BY id)) FROM gtm_columns) AS defs`,
      );
      return counts;
    };
    const poll = async (audienceId: string, jobId: string) => {
      for (let i = 0; i < 200; i++) {
        const r = await call('GET', `/audiences/${audienceId}/jobs/${jobId}`);
        const { attributes } = r.one(Job);
        if (!['SCHEDULED', 'RUNNING'].includes(attributes.status)) return attributes;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('job did not end');
    };

    beforeAll(async () => {
      ai = http.createServer((req, res) => {
        let raw = '';
        req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
        req.on('end', () => {
          aiCalls++;
          const body = JSON.parse(raw) as { messages: { content: string }[] };
          const data = body.messages[1]?.content ?? '';
          const company = /"Company":"([^"]+)"/.exec(data)?.[1] ?? 'them';
          // A prompt saying SLOW keeps its job running long enough to be seen running.
          setTimeout(() => {
            if (data.startsWith('FAIL')) {
              res.writeHead(503).end();
              return;
            }
            res.writeHead(200, { 'Content-Type': 'application/json' });
            res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: `Open with ${company}'s growth.` } }] }));
          }, data.startsWith('SLOW') ? 1500 : 0);
        });
      });
      await new Promise<void>((resolve) => ai.listen(0, '127.0.0.1', resolve));
      // Rate limits are their own test below: this suite calls faster than 25 per second.
      server = await factory.start({ ratePerSecond: 100000, ratePerMinute: 1000000, ai: { baseUrl: `http://127.0.0.1:${(ai.address() as AddressInfo).port}`, model: 'test', apiKey: undefined } });
      token = (await mint('demo-client', 'demo-secret')).body.access_token;
      readToken = (await mint('demo-reader', 'demo-reader-secret')).body.access_token;
    }, 120000);
    afterAll(async () => {
      await factory.stopAll();
      await new Promise((resolve) => ai.close(resolve));
    });

    it('mints tokens by client credentials with the client scopes, and refuses bad clients', async () => {
      const manage = await mint('demo-client', 'demo-secret');
      expect(manage.status).toBe(200);
      expect(manage.body.token_type).toBe('Bearer');
      expect(manage.body.scope).toBe('api:audience:read api:audience:manage');
      expect((await mint('demo-reader', 'demo-reader-secret')).body.scope).toBe('api:audience:read');
      expect((await mint('demo-client', 'wrong')).status).toBe(401);
      const json = await fetch(`${server.url}/gtm/oauth/v1/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      expect(json.status).toBe(415);
    });

    it('serves its OpenAPI document, generated from the route declarations', async () => {
      const doc = (await (await fetch(`${server.url}/gtm/studio/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/oauth/v1/token', '/studio/v1/folders', '/studio/v1/audiences/{audienceId}/rows/actions/search', '/studio/v1/audiences/{audienceId}/actions/enrich']));
      expect(Object.keys(doc.paths['/studio/v1/audiences/{audienceId}/rows/actions/bulk/delete'] ?? {})).toEqual(['delete']);
      // ZoomInfo publishes GTM Studio as a description of its own: /docs links it beside the main one.
      expect(await (await fetch(`${server.url}/docs`)).text()).toContain('href="/gtm/studio/v1/openapi.json"');
    });

    it('limits each client to the §2 rates, with the headers', async () => {
      // Three a second and three a minute: the fourth call is refused, and stays refused for a minute.
      const limited = await factory.start({ ratePerSecond: 3, ratePerMinute: 3 });
      const tok = (await (await fetch(`${limited.url}/gtm/oauth/v1/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret' })).json()) as { access_token: string };
      const replies = [];
      for (let i = 0; i < 4; i++) replies.push(await fetch(`${limited.url}/gtm/studio/v1/folders`, { headers: { Authorization: `Bearer ${tok.access_token}` } }));
      expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 429]);
      expect(replies[0]?.headers.get('x-ratelimit-limit')).toBe('3');
      expect(Number(replies[3]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(((await replies[3]?.json()) as { errors: { id: string }[] }).errors[0]?.id).toBe('rate_limited');
      // Per client, not per token: a new token opens no new window.
      const again = (await (await fetch(`${limited.url}/gtm/oauth/v1/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret' })).json()) as { access_token: string };
      expect((await fetch(`${limited.url}/gtm/studio/v1/folders`, { headers: { Authorization: `Bearer ${again.access_token}` } })).status).toBe(429);
    });

    it('filters folders by author and by update time, as the published description does', async () => {
      const folder = (await call('POST', '/folders', { data: { type: 'Folder', attributes: { name: 'Filtered folder' } } })).one(Folder);
      const listed = async (query: string) => {
        const r = await call('GET', `/folders?page[size]=100&${query}`);
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        return r.many(Ref).map((x) => x.id);
      };
      const me = folder.meta.createdById;
      expect(await listed(`filter[createdById]=${me}`)).toContain(folder.id);
      expect(await listed(`filter[updatedById]=1,${me}`)).toContain(folder.id);
      expect(await listed(`filter[createdById]=${me + 1}`)).not.toContain(folder.id);
      expect(await listed(`filter[updatedBefore]=2999-01-01T00:00:00Z&filter[updatedAfter]=2000-01-01T00:00:00Z`)).toContain(folder.id);
      expect(await listed('filter[updatedAfter]=2999-01-01T00:00:00Z')).toEqual([]);
      expect((await call('GET', '/folders?filter[createdById]=me')).status).toBe(400);
      expect((await call('DELETE', `/folders/${folder.id}`)).status).toBe(204);
    });

    it('serves the demo audience, already enriched', async () => {
      const list = await call('GET', '/audiences?filter[searchText]=demo');
      expect(list.status).toBe(200);
      expect(list.type).toContain(JSON_API);
      const demo = list.many(Audience).find((a) => a.attributes.folderName === 'Demo');
      if (!demo) throw new Error('no demo audience');
      expect(demo.attributes.type).toBe('CONTACT');
      expect(demo.attributes.recordCount).toBeGreaterThan(0);
      const match = demo.attributes.columns.find((c) => c.attributes.columnType === 'ZOOMINFO_MATCH');
      const rows = await call('POST', `/audiences/${demo.id}/rows/actions/search`, { data: { type: 'RowSearch', attributes: {} } });
      const cell = cellOf(nth(rows.many(Row), 0), match?.id);
      expect(cell?.state).toBe('RESULT');
      expect(typeof cell?.value).toBe('number');
    });

    it('runs the worked example end to end (steps 1–7)', async () => {
      // 1. the audience with its input columns, match criteria inferred
      const created = await call('POST', '/audiences?autoMatchCriteria=true', {
        data: {
          type: 'Audience',
          attributes: {
            name: 'SaaStr 2026 Booth Scans',
            type: 'CONTACT',
            origin: 'CUSTOM',
            columns: [
              { type: 'Column', attributes: { columnType: 'CUSTOM', name: 'Email', dataType: 'EMAIL' } },
              { type: 'Column', attributes: { columnType: 'CUSTOM', name: 'Full Name', dataType: 'TEXT' } },
              { type: 'Column', attributes: { columnType: 'CUSTOM', name: 'Company', dataType: 'TEXT' } },
            ],
          },
        },
      });
      expect(created.status).toBe(201);
      const audience = created.one(Audience);
      expect(audience.attributes).toMatchObject({ name: 'SaaStr 2026 Booth Scans', type: 'CONTACT', origin: 'CUSTOM', recordCount: 0, folderName: 'SaaStr 2026 Booth Scans' });
      const [email, name, company] = [columnNamed(audience, 'Email'), columnNamed(audience, 'Full Name'), columnNamed(audience, 'Company')];

      // 2. the grounding column and the research column
      const added = await call('POST', `/audiences/${audience.id}/columns/actions/bulk/create`, {
        data: [
          { type: 'Column', attributes: { columnType: 'ZOOMINFO_MATCH', name: 'ZoomInfo Contact', dataType: 'ZI_CONTACT_ID' } },
          { type: 'Column', attributes: { columnType: 'AI', name: 'Follow-up Angle', tool: 'AI_WEB_RESEARCH', prompt: 'In one sentence, suggest a relevant opening angle for a sales follow-up with this contact based on their company and recent activity.' } },
        ],
      });
      expect(added.status).toBe(201);
      const [match, angle] = added.many(Column).map((c) => c.id);
      expect(nth(added.many(Column), 0).attributes.matchCriteria).toEqual([{ columnId: email, mappedTo: 'CONTACT_EMAIL' }, { columnId: company, mappedTo: 'COMPANY_NAME' }]);

      // 3. explicit match criteria
      const criteria = await call('POST', `/audiences/${audience.id}/actions/match-criteria`, {
        data: { type: 'UpsertMatchCriteria', attributes: { matchCriteria: [{ columnId: email, mappedTo: 'CONTACT_EMAIL' }] } },
      });
      expect(criteria.status).toBe(200);
      expect(criteria.one(Column).id).toBe(match);
      expect(criteria.one(Column).attributes.matchCriteria).toEqual([{ columnId: email, mappedTo: 'CONTACT_EMAIL' }]);

      // 4. seed rows (plus one nobody knows)
      const rows = [
        ['dana@northwind.io', 'Dana Lin', 'Northwind'],
        ['marco@brightloom.com', 'Marco Reyes', 'Brightloom'],
        ['nobody@nowhere-at-all.example', 'No Body', 'Nowhere'],
      ];
      const upserted = await call('POST', `/audiences/${audience.id}/rows/actions/bulk/upsert`, {
        data: rows.map(([e, n, co]) => ({ type: 'Row', attributes: { values: [{ columnId: email, value: e }, { columnId: name, value: n }, { columnId: company, value: co }] } })),
      });
      expect(upserted.status).toBe(200);
      expect(upserted.many(Row)).toHaveLength(3);
      const blank = cellOf(nth(upserted.many(Row), 0), match);
      expect(blank).toEqual({ columnId: match, value: null, state: 'BLANK' });

      // 5. enrichment
      const [before] = await server.db.query<{ credits_used: number }>("SELECT credits_used FROM accounts WHERE account = 'demo-client'");
      const enrich = await call('POST', `/audiences/${audience.id}/actions/enrich`, { data: { type: 'AudienceEnrichment', attributes: { scope: 'AUDIENCE' } } });
      expect(enrich.status).toBe(202);
      expect(enrich.one(Ref).type).toBe('EnrichJob');

      // 6. poll
      const status = await poll(audience.id, enrich.one(Ref).id);
      expect(status).toEqual({ status: 'PARTIALLY_SUCCEEDED', percentProgress: 100 });

      // 7. read
      const read = await call('POST', `/audiences/${audience.id}/rows/actions/search`, { data: { type: 'RowSearch', attributes: {} } });
      expect(read.status).toBe(200);
      expect(read.paging().meta).toEqual({ page: { size: 25, number: 1 }, total: 3 });
      const readRows = read.many(Row);
      expect(cellOf(nth(readRows, 0), match)).toMatchObject({ value: 50001, state: 'RESULT' });
      expect(cellOf(nth(readRows, 1), match)?.state).toBe('RESULT');
      expect(cellOf(nth(readRows, 2), match)).toMatchObject({ value: null, state: 'NO_RESULT' });
      expect(cellOf(nth(readRows, 0), angle)).toMatchObject({ value: "Open with Northwind's growth.", state: 'RESULT' });
      const [after] = await server.db.query<{ credits_used: number }>("SELECT credits_used FROM accounts WHERE account = 'demo-client'");
      expect((after?.credits_used ?? 0) - (before?.credits_used ?? 0)).toBeLessThanOrEqual(2);

      // Nothing left to enrich: 204; and a rerun of the rows never charges again.
      const again = await call('POST', `/audiences/${audience.id}/actions/enrich`, { data: { type: 'AudienceEnrichment', attributes: { scope: 'AUDIENCE' } } });
      expect(again.status).toBe(204);
      const ids = readRows.map((r) => r.id);
      const rerun = await call('POST', `/audiences/${audience.id}/actions/enrich`, { data: { type: 'AudienceEnrichment', attributes: { scope: 'ROW', rows: ids } } });
      expect(rerun.status).toBe(202);
      await poll(audience.id, rerun.one(Ref).id);
      const [final] = await server.db.query<{ credits_used: number }>("SELECT credits_used FROM accounts WHERE account = 'demo-client'");
      expect(final?.credits_used).toBe(after?.credits_used);
      expect(aiCalls).toBeGreaterThanOrEqual(6);
    });

    describe('rows search', () => {
      let audienceId = '';
      const c: Record<string, string> = {};
      beforeAll(async () => {
        const created = await call('POST', '/audiences', {
          data: {
            type: 'Audience',
            attributes: {
              name: 'Filters',
              type: 'COMPANY',
              columns: [
                ['Name', 'TEXT'], ['Employees', 'INTEGER'], ['Public', 'BOOLEAN'], ['Founded', 'DATE'], ['Tags', 'STRING_LIST'],
              ].map(([n, t]) => ({ type: 'Column', attributes: { columnType: 'CUSTOM', name: n, dataType: t } })),
            },
          },
        });
        const audience = created.one(Audience);
        audienceId = audience.id;
        for (const col of audience.attributes.columns) c[col.attributes.name] = col.id;
        const data: [string, number, boolean, string, string[]][] = [
          ['Acme Software', 500, true, '2001-05-01', ['saas', 'b2b']],
          ['Brightloom', 40, false, '2015-02-10', ['b2b']],
          ['Northwind Traders', 1200, true, '1998-11-30', ['logistics', 'saas']],
          ['Zeta', 5, false, '2024-01-01', []],
        ];
        await call('POST', `/audiences/${audienceId}/rows/actions/upsert`, {
          data: data.map(([n, e, p, f, t]) => ({
            type: 'Row',
            attributes: { values: [{ columnId: c.Name, value: n }, { columnId: c.Employees, value: e }, { columnId: c.Public, value: p }, { columnId: c.Founded, value: f }, { columnId: c.Tags, value: t }] },
          })),
        });
      });
      const names = async (filters: object[], operator = 'AND', query = '') => {
        const r = await call('POST', `/audiences/${audienceId}/rows/actions/search${query}`, { data: { type: 'RowSearch', attributes: { filter: { operator, filters } } } });
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        return r.many(Row).map((row) => cellOf(row, c.Name)?.value);
      };
      const f = (col: string, filterOperator: string, values?: (string | number)[]) => ({ type: 'Filter', columnId: c[col], filterOperator, ...(values ? { values } : {}) });

      it('applies every operator to the column types it is offered on', async () => {
        expect(await names([f('Name', 'EQUALS', ['brightloom'])])).toEqual(['Brightloom']);
        expect(await names([f('Name', 'NOT_EQUALS', ['Brightloom'])])).toEqual(['Acme Software', 'Northwind Traders', 'Zeta']);
        expect(await names([f('Name', 'CONTAINS', ['wind'])])).toEqual(['Northwind Traders']);
        expect(await names([f('Name', 'DOES_NOT_CONTAINS', ['o'])])).toEqual(['Zeta']);
        expect(await names([f('Name', 'CONTAINS_WORD', ['software'])])).toEqual(['Acme Software']);
        expect(await names([f('Name', 'DOES_NOT_CONTAIN_WORD', ['traders'])])).toEqual(['Acme Software', 'Brightloom', 'Zeta']);
        expect(await names([f('Name', 'STARTS_WITH', ['north'])])).toEqual(['Northwind Traders']);
        expect(await names([f('Name', 'DOES_NOT_START_WITH', ['a'])])).toEqual(['Brightloom', 'Northwind Traders', 'Zeta']);
        expect(await names([f('Name', 'HAS_ONE_OF', ['zeta', 'acme software'])])).toEqual(['Acme Software', 'Zeta']);
        expect(await names([f('Name', 'HAS_NONE_OF', ['zeta'])])).toHaveLength(3);
        expect(await names([f('Employees', 'EQUALS', [40])])).toEqual(['Brightloom']);
        expect(await names([f('Employees', 'NOT_EQUALS', [40])])).toHaveLength(3);
        expect(await names([f('Employees', 'GREATER_THAN', [500])])).toEqual(['Northwind Traders']);
        expect(await names([f('Employees', 'GREATER_THAN_OR_EQUAL', [500])])).toEqual(['Acme Software', 'Northwind Traders']);
        expect(await names([f('Employees', 'LESS_THAN', [40])])).toEqual(['Zeta']);
        expect(await names([f('Employees', 'LESS_THAN_OR_EQUAL', [40])])).toEqual(['Brightloom', 'Zeta']);
        expect(await names([f('Employees', 'IN_RANGE', [10, 600])])).toEqual(['Acme Software', 'Brightloom']);
        expect(await names([f('Employees', 'HAS_ONE_OF', [5, 1200])])).toEqual(['Northwind Traders', 'Zeta']);
        expect(await names([f('Public', 'IS_TRUE')])).toEqual(['Acme Software', 'Northwind Traders']);
        expect(await names([f('Public', 'IS_FALSE')])).toEqual(['Brightloom', 'Zeta']);
        expect(await names([f('Founded', 'BEFORE', ['2001-01-01'])])).toEqual(['Northwind Traders']);
        expect(await names([f('Founded', 'AFTER', ['2015-02-10'])])).toEqual(['Zeta']);
        expect(await names([f('Founded', 'IS_EXACT_DATE', ['2015-02-10'])])).toEqual(['Brightloom']);
        expect(await names([f('Founded', 'IN_RANGE', ['2000-01-01', '2016-01-01'])])).toEqual(['Acme Software', 'Brightloom']);
        expect(await names([f('Founded', 'WITHIN', [365000])])).toHaveLength(4);
        expect(await names([f('Tags', 'HAS_ONE_OF', ['SaaS'])])).toEqual(['Acme Software', 'Northwind Traders']);
        expect(await names([f('Tags', 'HAS_ALL_OF', ['saas', 'b2b'])])).toEqual(['Acme Software']);
        expect(await names([f('Tags', 'HAS_NONE_OF', ['saas'])])).toEqual(['Brightloom', 'Zeta']);
        expect(await names([f('Tags', 'EMPTY')])).toEqual(['Zeta']);
        expect(await names([f('Tags', 'NOT_EMPTY')])).toHaveLength(3);
        expect(await names([f('Public', 'IS_TRUE'), f('Employees', 'LESS_THAN', [10])], 'OR')).toEqual(['Acme Software', 'Northwind Traders', 'Zeta']);
      });

      it('sorts, pages and narrows columns', async () => {
        expect(await names([], 'AND', `?sort=-${c.Employees}`)).toEqual(['Northwind Traders', 'Acme Software', 'Brightloom', 'Zeta']);
        expect(await names([], 'AND', `?sort=${c.Name}&page[size]=2&page[number]=2`)).toEqual(['Northwind Traders', 'Zeta']);
        const page = await call('POST', `/audiences/${audienceId}/rows/actions/search?page[size]=1&columns=${c.Name}`, { data: { type: 'RowSearch', attributes: {} } });
        expect(page.paging().meta.total).toBe(4);
        expect(nth(page.many(Row), 0).attributes.values).toHaveLength(1);
        expect(page.paging().links.next).toContain('page%5Bnumber%5D=2');
      });

      it('pages a filtered, sorted search: equal values in row order, the same total on every page and past the last', async () => {
        const created = await call('POST', '/audiences', {
          data: { type: 'Audience', attributes: { name: 'Pages', type: 'COMPANY', columns: [['Name', 'TEXT'], ['Size', 'INTEGER'], ['Note', 'TEXT']].map(([n, t]) => ({ type: 'Column', attributes: { columnType: 'CUSTOM', name: n, dataType: t } })) } },
        });
        const audience = created.one(Audience);
        const id = audience.id;
        const col = (name: string): string => columnNamed(audience, name);
        const sizes: [string, number, string][] = [['A', 30, 'x'], ['B', 10, 'x'], ['C', 30, 'x'], ['D', 20, 'y'], ['E', 30, 'x'], ['F', 20, 'x'], ['G', 5, 'x']];
        const rows = sizes.map(([name, size, note]) => ({ type: 'Row', attributes: { values: [{ columnId: col('Name'), value: name }, { columnId: col('Size'), value: size }, { columnId: col('Note'), value: note }] } }));
        expect((await call('POST', `/audiences/${id}/rows/actions/upsert`, { data: rows })).status).toBe(200);
        const filter = { operator: 'AND', filters: [{ type: 'Filter', columnId: col('Note'), filterOperator: 'EQUALS', values: ['x'] }, { type: 'Filter', columnId: col('Size'), filterOperator: 'GREATER_THAN', values: [5] }] };
        const page = async (sort: string, number: number, filtered = true) => {
          const r = await call('POST', `/audiences/${id}/rows/actions/search?sort=${sort}&page[size]=2&page[number]=${number}`, { data: { type: 'RowSearch', attributes: filtered ? { filter } : {} } });
          expect(r.status, JSON.stringify(r.body)).toBe(200);
          const names = r.many(Row).map((x) => cellOf(x, col('Name'))?.value);
          return { names, total: r.paging().meta.total };
        };
        const desc = `-${col('Size')}`;
        expect([await page(desc, 1), await page(desc, 2), await page(desc, 3), await page(desc, 4)]).toEqual([
          { names: ['A', 'C'], total: 5 },
          { names: ['E', 'F'], total: 5 },
          { names: ['B'], total: 5 },
          { names: [], total: 5 },
        ]);
        expect(await page(col('Size'), 1)).toEqual({ names: ['B', 'F'], total: 5 });
        expect(await page(desc, 4, false)).toEqual({ names: ['G'], total: 7 });
        expect(await page(desc, 5, false)).toEqual({ names: [], total: 7 });
      });

      it('searches the values as they are now: after an update, a deleted row and a deleted column', async () => {
        const created = await call('POST', '/audiences', {
          data: { type: 'Audience', attributes: { name: 'Follows writes', type: 'COMPANY', columns: [['Name', 'TEXT'], ['Size', 'INTEGER'], ['Note', 'TEXT']].map(([n, t]) => ({ type: 'Column', attributes: { columnType: 'CUSTOM', name: n, dataType: t } })) } },
        });
        const audience = created.one(Audience);
        const id = audience.id;
        const col = (name: string): string => columnNamed(audience, name);
        const upsert = (rows: object[]) => call('POST', `/audiences/${id}/rows/actions/upsert`, { data: rows });
        const row = (values: [string, string | number][], rowId?: string) => ({ type: 'Row', ...(rowId ? { id: rowId } : {}), attributes: { values: values.map(([n, v]) => ({ columnId: col(n), value: v })) } });
        const rows = (await upsert([row([['Name', 'Alpha'], ['Size', 10], ['Note', 'x']]), row([['Name', 'Beta'], ['Size', 20], ['Note', 'y']]), row([['Name', 'Gamma'], ['Size', 30], ['Note', 'x']])])).many(Row).map((r) => r.id);
        const found = async (filters: object[], query = '') => {
          const r = await call('POST', `/audiences/${id}/rows/actions/search${query}`, { data: { type: 'RowSearch', attributes: { filter: { operator: 'AND', filters } } } });
          expect(r.status, JSON.stringify(r.body)).toBe(200);
          return r.many(Row).map((x) => cellOf(x, col('Name'))?.value);
        };
        const where = (name: string, filterOperator: string, values: (string | number)[]) => ({ type: 'Filter', columnId: col(name), filterOperator, values });
        await upsert([row([['Size', 5], ['Note', 'X']], rows[1])]);
        expect(await found([where('Note', 'EQUALS', ['x']), where('Size', 'GREATER_THAN', [1])], `?sort=-${col('Size')}`)).toEqual(['Gamma', 'Alpha', 'Beta']);
        expect(await found([where('Size', 'EQUALS', [20])])).toEqual([]);
        expect(await found([where('Note', 'EQUALS', ['y'])])).toEqual([]);
        await call('DELETE', `/audiences/${id}/rows/actions/bulk/delete`, { data: [{ type: 'Row', id: rows[0] }] });
        expect(await found([where('Note', 'EQUALS', ['x'])], `?sort=${col('Size')}`)).toEqual(['Beta', 'Gamma']);
        const note = col('Note');
        expect((await call('DELETE', `/audiences/${id}/columns/${note}`)).status).toBe(204);
        const [left] = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM gtm_cells g JOIN gtm_rows r ON r.id = g.row_id WHERE r.audience_id = $1', [id]);
        expect(left?.n).toBe(4);
        expect((await call('DELETE', `/audiences/${id}`)).status).toBe(204);
        const [none] = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM gtm_cells WHERE row_id = ANY($1::bigint[])', [rows]);
        expect(none?.n).toBe(0);
      });

      it('lists each column\'s operators in filter-metadata', async () => {
        const meta = await call('GET', `/audiences/${audienceId}/filter-metadata`);
        const of = (col: string) => meta.one(FilterMetadata).attributes.filterMetadata.find((m) => m.columnId === c[col])?.filterOperators.map((o) => o.operator);
        expect(of('Public')).toEqual(['IS_TRUE', 'IS_FALSE', 'EMPTY', 'NOT_EMPTY']);
        expect(of('Tags')).toContain('HAS_ALL_OF');
        expect(of('Name')).not.toContain('GREATER_THAN');
      });

      it('refuses bad input with a reason and changes nothing', async () => {
        const before = await snapshot();
        const other = nth((await call('GET', '/audiences?filter[searchText]=SaaStr')).many(Audience), 0);
        const otherCol = nth(other.attributes.columns, 0).id;
        const otherRow = nth((await call('POST', `/audiences/${other.id}/rows/actions/search`, { data: { type: 'RowSearch', attributes: {} } })).many(Row), 0).id;
        const row = (values: object[], id?: string) => ({ type: 'Row', ...(id ? { id } : {}), attributes: { values } });
        const cases: [string, Promise<Reply>, number][] = [
          ['501 rows', call('POST', `/audiences/${audienceId}/rows/actions/bulk/upsert`, { data: Array.from({ length: 501 }, () => row([{ columnId: c.Name, value: 'x' }])) }), 400],
          ['51 rows in an upsert', call('POST', `/audiences/${audienceId}/rows/actions/upsert`, { data: Array.from({ length: 51 }, () => row([{ columnId: c.Name, value: 'x' }])) }), 400],
          ['a value that does not fit', call('POST', `/audiences/${audienceId}/rows/actions/upsert`, { data: [row([{ columnId: c.Name, value: 'ok' }]), row([{ columnId: c.Employees, value: 'many' }])] }), 400],
          ['a column of another audience', call('POST', `/audiences/${audienceId}/rows/actions/upsert`, { data: [row([{ columnId: otherCol, value: 'x' }])] }), 400],
          ['a row of another audience', call('POST', `/audiences/${audienceId}/rows/actions/upsert`, { data: [row([{ columnId: c.Name, value: 'x' }], otherRow)] }), 404],
          ['a row of another audience, deleted', call('DELETE', `/audiences/${audienceId}/rows/actions/bulk/delete`, { data: [{ type: 'Row', id: otherRow }] }), 404],
          ['a TEXT match column', call('POST', `/audiences/${audienceId}/columns/actions/bulk/create`, { data: [{ type: 'Column', attributes: { columnType: 'ZOOMINFO_MATCH', name: 'M', dataType: 'TEXT' } }] }), 400],
          ['a second match column', call('POST', `/audiences/${other.id}/columns/actions/bulk/create`, { data: [{ type: 'Column', attributes: { columnType: 'ZOOMINFO_MATCH', name: 'M2', dataType: 'ZI_CONTACT_ID' } }] }), 400],
          ['a dataType change', call('PATCH', `/audiences/${audienceId}/columns/${c.Name}`, { data: { type: 'Column', attributes: { dataType: 'INTEGER' } } }), 400],
          ['an operator the column does not allow', call('POST', `/audiences/${audienceId}/rows/actions/search`, { data: { type: 'RowSearch', attributes: { filter: { operator: 'AND', filters: [f('Public', 'GREATER_THAN', [1])] } } } }), 400],
          ['page[size] 501', call('POST', `/audiences/${audienceId}/rows/actions/search?page[size]=501`, { data: { type: 'RowSearch', attributes: {} } }), 400],
          ['a body that is not JSON:API', call('POST', `/audiences/${audienceId}/rows/actions/upsert`, JSON.stringify({ data: [] }), { headers: { 'Content-Type': 'application/json' } }), 415],
          ['a payload without data', call('POST', '/folders', { name: 'x' }), 400],
          ['an Accept without JSON:API', call('GET', '/audiences', undefined, { headers: { Accept: 'text/html' } }), 406],
          ['a read-only token changing', call('POST', '/folders', { data: { type: 'Folder', attributes: { name: 'x' } } }, { token: readToken }), 403],
          ['no token', call('GET', '/audiences', undefined, { token: 'nope' }), 401],
          ['an unknown audience', call('GET', '/audiences/does-not-exist'), 404],
          ['an unknown row', call('GET', `/audiences/${audienceId}/rows/999999999`), 404],
        ];
        for (const [what, reply, status] of cases) {
          const r = await reply;
          expect(r.status, what).toBe(status);
          expect(r.type, what).toContain(JSON_API);
          expect(nth(r.errors(), 0).detail.length, what).toBeGreaterThan(10);
          expect(nth(r.errors(), 0).status, what).toBe(String(status));
        }
        expect(await snapshot()).toEqual(before);
        const read = await call('GET', `/audiences/${audienceId}`, undefined, { token: readToken });
        expect(read.status).toBe(200);
      });
    });

    describe('jobs', () => {
      it('ends FAILED when every row errors, SUCCEEDED with formulas, and ERROR cells for a runaway formula; a second enrich is 409', async () => {
        const created = await call('POST', '/audiences?autoMatchCriteria=true', {
          data: { type: 'Audience', attributes: { name: 'Formulas', type: 'CONTACT', columns: [{ type: 'Column', attributes: { name: 'First', dataType: 'TEXT' } }, { type: 'Column', attributes: { name: 'N', dataType: 'INTEGER' } }] } },
        });
        const audience = created.one(Audience);
        const id = audience.id;
        const [first, n] = [columnNamed(audience, 'First'), columnNamed(audience, 'N')];
        const cols = await call('POST', `/audiences/${id}/columns/actions/bulk/create`, {
          data: [
            { type: 'Column', attributes: { columnType: 'FORMULA', name: 'Greeting', prompt: '"Hi " + {First} + " x" + ({N} * 2)' } },
            { type: 'Column', attributes: { columnType: 'FORMULA', name: 'Risky', prompt: '{N} === 1 ? (() => { while (true) {} })() : {N} === 2 ? "x".repeat(1e9) : {N} === 3 ? (() => { throw new Error("bad row") })() : "fine"' } },
          ],
        });
        expect(cols.status, JSON.stringify(cols.body)).toBe(201);
        const [greeting, risky] = cols.many(Column).map((c) => c.id);
        await call('POST', `/audiences/${id}/rows/actions/upsert`, {
          data: [1, 2, 3, 4].map((k) => ({ type: 'Row', attributes: { values: [{ columnId: first, value: `P${k}` }, { columnId: n, value: k }] } })),
        });
        const job = await call('POST', `/audiences/${id}/actions/enrich`, { data: { type: 'AudienceEnrichment', attributes: { scope: 'AUDIENCE' } } });
        expect(job.status).toBe(202);
        expect(await poll(id, job.one(Ref).id)).toEqual({ status: 'PARTIALLY_SUCCEEDED', percentProgress: 100 });
        const rows = (await call('POST', `/audiences/${id}/rows/actions/search`, { data: { type: 'RowSearch', attributes: {} } })).many(Row);
        const cell = (r: number, col: string | undefined) => cellOf(nth(rows, r), col);
        expect(cell(0, greeting), JSON.stringify(cell(0, greeting))).toMatchObject({ value: 'Hi P1 x2', state: 'RESULT' });
        expect(cell(0, risky)).toMatchObject({ state: 'ERROR', errorDetails: { retryable: false } });
        expect(cell(1, risky)).toMatchObject({ state: 'ERROR', errorDetails: { retryable: false } });
        expect(cell(2, risky)?.errorDetails?.description).toContain('bad row');
        expect(cell(3, risky)).toMatchObject({ value: 'fine', state: 'RESULT' });

        // A new prompt: the column's cells go BLANK, and the next enrichment fills them from it.
        const patched = await call('PATCH', `/audiences/${id}/columns/${greeting}`, { data: { type: 'Column', attributes: { prompt: '"Bye " + {First}' } } });
        expect(patched.status, JSON.stringify(patched.body)).toBe(200);
        expect(patched.one(Column).attributes.scriptConfiguration?.expression).toContain('Bye');
        const firstRow = nth(rows, 0).id;
        const blank = cellOf((await call('GET', `/audiences/${id}/rows/${firstRow}`)).one(Row), greeting);
        expect(blank).toMatchObject({ state: 'BLANK', value: null });
        expect((await call('PATCH', `/audiences/${id}/columns/${first}`, { data: { type: 'Column', attributes: { prompt: '1' } } })).status).toBe(400);
        const rerun = await call('POST', `/audiences/${id}/actions/enrich`, { data: { type: 'AudienceEnrichment', attributes: { scope: 'AUDIENCE' } } });
        expect(rerun.status).toBe(202);
        await poll(id, rerun.one(Ref).id);
        const after = cellOf((await call('GET', `/audiences/${id}/rows/${firstRow}`)).one(Row), greeting);
        expect(after).toMatchObject({ state: 'RESULT', value: 'Bye P1' });

        const failing = await call('POST', '/audiences', { data: { type: 'Audience', attributes: { name: 'Unmatched', type: 'CONTACT', columns: [{ type: 'Column', attributes: { name: 'Note', dataType: 'TEXT' } }] } } });
        const fid = failing.one(Audience).id;
        await call('POST', `/audiences/${fid}/rows/actions/upsert`, { data: [{ type: 'Row', attributes: { values: [{ columnId: columnNamed(failing.one(Audience), 'Note'), value: 'x' }] } }] });
        await call('POST', `/audiences/${fid}/actions/match-criteria`);
        const failed = await call('POST', `/audiences/${fid}/actions/enrich`, { data: { type: 'AudienceEnrichment', attributes: { scope: 'AUDIENCE' } } });
        expect(await poll(fid, failed.one(Ref).id)).toEqual({ status: 'FAILED', percentProgress: 100 });
      });

      it('refuses a second enrichment while one runs (409), and ends AI cells ERROR retryable when the model fails', async () => {
        const created = await call('POST', '/audiences', { data: { type: 'Audience', attributes: { name: 'Slow', type: 'COMPANY', columns: [{ type: 'Column', attributes: { name: 'Company', dataType: 'TEXT' } }] } } });
        const audience = created.one(Audience);
        const id = audience.id;
        const company = columnNamed(audience, 'Company');
        const cols = await call('POST', `/audiences/${id}/columns/actions/bulk/create`, {
          data: [
            { type: 'Column', attributes: { columnType: 'AI', name: 'Slow note', prompt: 'SLOW: a note', dataDependencies: [{ id: company, type: 'COLUMN' }] } },
            { type: 'Column', attributes: { columnType: 'AI', name: 'Broken note', prompt: 'FAIL: a note' } },
          ],
        });
        const [slow, broken] = cols.many(Column).map((c) => c.id);
        await call('POST', `/audiences/${id}/rows/actions/upsert`, { data: [{ type: 'Row', attributes: { values: [{ columnId: company, value: 'Acme' }] } }] });
        const enrich = { data: { type: 'AudienceEnrichment', attributes: { scope: 'AUDIENCE' } } };
        const job = await call('POST', `/audiences/${id}/actions/enrich`, enrich);
        expect(job.status).toBe(202);
        const search = async () => nth((await call('POST', `/audiences/${id}/rows/actions/search`, { data: { type: 'RowSearch', attributes: {} } })).many(Row), 0);
        expect(cellOf(await search(), slow)?.state).toBe('LOADING');
        const second = await call('POST', `/audiences/${id}/actions/enrich`, enrich);
        expect(second.status).toBe(409);
        expect(nth(second.errors(), 0).detail).toContain(job.one(Ref).id);
        expect(await poll(id, job.one(Ref).id)).toEqual({ status: 'PARTIALLY_SUCCEEDED', percentProgress: 100 });
        const done = await search();
        expect(cellOf(done, slow)).toMatchObject({ value: "Open with Acme's growth.", state: 'RESULT' });
        expect(cellOf(done, broken)).toMatchObject({ state: 'ERROR', errorDetails: { retryable: true } });
      });

      it('deletes rows as a job and cancels a job whose audience is deleted', async () => {
        const created = await call('POST', '/audiences', { data: { type: 'Audience', attributes: { name: 'Deletes', type: 'CONTACT', columns: [{ type: 'Column', attributes: { name: 'Email', dataType: 'EMAIL' } }] } } });
        const audience = created.one(Audience);
        const id = audience.id;
        const email = columnNamed(audience, 'Email');
        const rows = await call('POST', `/audiences/${id}/rows/actions/bulk/upsert`, { data: Array.from({ length: 3 }, (_, k) => ({ type: 'Row', attributes: { values: [{ columnId: email, value: `p${k}@example.com` }] } })) });
        const del = await call('DELETE', `/audiences/${id}/rows/actions/bulk/delete`, { data: [{ type: 'Row', id: nth(rows.many(Row), 0).id }] });
        expect(del.status).toBe(202);
        expect((await call('GET', `/audiences/${id}/jobs/${del.one(Ref).id}`)).one(Job).attributes).toEqual({ status: 'SUCCEEDED', percentProgress: 100 });
        expect((await call('GET', `/audiences/${id}`)).one(Audience).attributes.recordCount).toBe(2);
      });
    });
  });
}
