/** Rows: get, search, upsert (≤ 50), bulk upsert (≤ 500), bulk delete (≤ 1,000, as a job). */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { ServerConfig } from '../config.ts';
import type { Db } from '../db/index.ts';
import { startEnrichment, type AudienceWorker } from '../services/audiences/jobs.ts';
import { rowResource } from '../services/audiences/model.ts';
import { deleteRows, getRow, getRows, upsertRows } from '../services/audiences/rows.ts';
import { MAX_PAGE_SIZE, searchRows } from '../services/audiences/search.ts';
import { getAudience, getColumns } from '../services/audiences/store.ts';
import type { GtmEnv } from './auth.ts';
import { GtmFailure, jsonApi } from './errors.ts';
import { audienceId, body, errors, links, ok, security, TAG } from './openapi.ts';
import { RowBody, RowBulkUpsertBody, RowDeleteBody, RowJobBody, RowList, RowPage, RowSearchBody, RowUpsertBody, type UpsertRowInput } from './schemas.ts';

const columnsParam = z.string().max(20000).optional().openapi({ description: 'Comma-separated column ids to return (default: all)' });

function pickColumns<T extends { id: string }>(all: T[], wanted: string | undefined): T[] {
  if (!wanted) return all;
  const ids = wanted.split(',').map((s) => s.trim()).filter(Boolean);
  const missing = ids.find((id) => !all.some((c) => c.id === id));
  if (missing) throw new GtmFailure('invalid_input', `columns: ${missing} is not a column of this audience.`, { parameter: 'columns' });
  return all.filter((c) => ids.includes(c.id));
}

export function rowRoutes(app: OpenAPIHono<GtmEnv>, db: Db, config: ServerConfig, worker: AudienceWorker): void {
  const base = { tags: [TAG], security };
  app.openapi(
    createRoute({
      ...base, method: 'get', path: '/audiences/{audienceId}/rows/{rowId}', summary: 'Get one row',
      request: { params: audienceId.extend({ rowId: z.string().openapi({ param: { name: 'rowId', in: 'path' } }) }), query: z.object({ columns: columnsParam }) },
      responses: { 200: ok(RowBody, 'The row, each cell with its state'), ...errors(400, 404) },
    }),
    async (c) => {
      const { audienceId: id, rowId } = c.req.valid('param');
      const row = await getRow(db, id, rowId);
      return jsonApi(c, { data: rowResource(row, pickColumns(await getColumns(db, id), c.req.valid('query').columns)) }, 200);
    },
  );
  app.openapi(
    createRoute({
      ...base, method: 'post', path: '/audiences/{audienceId}/rows/actions/search',
      summary: `Search rows: filter groups in the body; sort=<columnId> or -<columnId>, page[number], page[size] ≤ ${MAX_PAGE_SIZE}, columns`,
      request: {
        params: audienceId,
        query: z.object({
          'page[number]': z.coerce.number().int().min(1).default(1),
          'page[size]': z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(25),
          sort: z.string().max(2000).optional(),
          columns: columnsParam,
        }),
        body: body(RowSearchBody, false),
      },
      responses: { 200: ok(RowPage, 'A page of rows'), ...errors(400, 404, 415) },
    }),
    async (c) => {
      const { audienceId: id } = c.req.valid('param');
      const q = c.req.valid('query');
      const sent = c.req.valid('json') as Partial<z.infer<typeof RowSearchBody>>;
      const columns = await getColumns(db, id);
      // An audience with columns exists; only one without needs the second read (404 or no rows).
      if (columns.length === 0) await getAudience(db, id);
      const page = q['page[number]'];
      const size = q['page[size]'];
      const attributes = sent.data?.attributes ?? {};
      const { rows, total } = await searchRows(db, id, columns, { ...attributes, sort: q.sort, page, size });
      const shown = pickColumns(columns, q.columns);
      return jsonApi(c, { data: rows.map((r) => rowResource(r, shown)), meta: { page: { size, number: page }, total }, links: links(c.req.url, page, size, total) }, 200);
    },
  );
  const upsert = async (id: string, rows: UpsertRowInput[], run: boolean, account: string) => {
    const stored = await upsertRows(db, id, rows, config.audienceMaxRows);
    let answer = stored.rows;
    if (run) {
      const ids = stored.rows.map((r) => r.id);
      const job = await startEnrichment(db, account, config.credits, id, 'ROW', ids);
      // The job made the enriched cells LOADING: answer with them as they are now.
      if (job) {
        worker.wake();
        answer = await getRows(db, id, ids);
      }
    }
    return { data: answer.map((r) => rowResource(r, stored.columns)) };
  };
  const runQuery = z.object({ runEnrichment: z.enum(['true', 'false']).optional() });
  app.openapi(
    createRoute({
      ...base, method: 'post', path: '/audiences/{audienceId}/rows/actions/upsert', summary: 'Create (no id) or update (id) up to 50 rows; runEnrichment=true enriches them',
      request: { params: audienceId, query: runQuery, body: body(RowUpsertBody) }, responses: { 200: ok(RowList, 'The rows as stored'), ...errors(400, 402, 404, 409, 415) },
    }),
    async (c) => jsonApi(c, await upsert(c.req.valid('param').audienceId, c.req.valid('json').data, c.req.valid('query').runEnrichment === 'true', c.get('gtmClient')), 200),
  );
  app.openapi(
    createRoute({
      ...base, method: 'post', path: '/audiences/{audienceId}/rows/actions/bulk/upsert', summary: 'Create or update up to 500 rows; runEnrichment=true enriches them',
      request: { params: audienceId, query: runQuery, body: body(RowBulkUpsertBody) }, responses: { 200: ok(RowList, 'The rows as stored'), ...errors(400, 402, 404, 409, 415) },
    }),
    async (c) => jsonApi(c, await upsert(c.req.valid('param').audienceId, c.req.valid('json').data, c.req.valid('query').runEnrichment === 'true', c.get('gtmClient')), 200),
  );
  app.openapi(
    createRoute({
      ...base, method: 'delete', path: '/audiences/{audienceId}/rows/actions/bulk/delete', summary: 'Delete up to 1,000 rows (all of this audience, or none); answered as a finished job',
      request: { params: audienceId, body: body(RowDeleteBody) }, responses: { 202: ok(RowJobBody, 'The job'), ...errors(400, 404, 415) },
    }),
    async (c) => {
      const jobId = await deleteRows(db, c.get('gtmClient'), c.req.valid('param').audienceId, c.req.valid('json').data.map((r) => r.id));
      return jsonApi(c, { data: { id: jobId, type: 'RowAsyncJob' as const } }, 202);
    },
  );
}
