/** Audiences, their columns, match criteria, filter-metadata, data-dependencies, enrichment and jobs. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { ServerConfig } from '../config.ts';
import type { Db } from '../db/index.ts';
import { knowledgeBaseSources } from '../services/audiences/dependencies.ts';
import { jobStatus, startEnrichment, type AudienceWorker } from '../services/audiences/jobs.ts';
import { audienceResource, columnResource } from '../services/audiences/model.ts';
import {
  addColumns, createAudience, deleteAudience, deleteColumn, getAudience, getColumns, listAudiences, updateAudience, updateColumn, upsertMatchCriteria,
} from '../services/audiences/store.ts';
import { operatorsFor } from '../services/audiences/values.ts';
import type { GtmEnv } from './auth.ts';
import { GtmFailure, jsonApi } from './errors.ts';
import { audienceId, body, errors, links, ok, pageQuery, security, TAG } from './openapi.ts';
import {
  AiTool, AudienceBody, AudienceCreateBody, AudienceList, AudienceType, AudienceUpdateBody, ColumnBody, ColumnCreateBody, ColumnList, ColumnUpdateBody,
  DataDependencyList, EnrichBody, EnrichJobBody, FilterMetadataBody, JobStatusBody, MatchCriteriaBody,
} from './schemas.ts';

const columnParams = audienceId.extend({ columnId: z.string().openapi({ param: { name: 'columnId', in: 'path' } }) });

export async function audienceDocument(db: Db, id: string) {
  const audience = await getAudience(db, id);
  return { data: audienceResource(audience, await getColumns(db, id)) };
}

export function audienceRoutes(app: OpenAPIHono<GtmEnv>, db: Db, config: ServerConfig, worker: AudienceWorker): void {
  const base = { tags: [TAG], security };
  app.openapi(
    createRoute({
      ...base,
      method: 'post',
      path: '/audiences',
      summary: 'Create an audience, optionally with CUSTOM columns; autoMatchCriteria=true maps them to match fields',
      request: { query: z.object({ autoMatchCriteria: z.enum(['true', 'false']).optional() }), body: body(AudienceCreateBody) },
      responses: { 201: ok(AudienceBody, 'The audience with its columns'), ...errors(400, 404, 415) },
    }),
    async (c) => {
      const id = await createAudience(db, c.get('gtmClient'), c.req.valid('json').data.attributes, c.req.valid('query').autoMatchCriteria === 'true');
      return jsonApi(c, await audienceDocument(db, id), 201);
    },
  );
  app.openapi(
    createRoute({
      ...base,
      method: 'get',
      path: '/audiences',
      summary: 'List audiences (sort: name, createdAt, updatedAt, recordCount)',
      request: { query: z.object({ ...pageQuery, 'filter[type]': AudienceType.optional() }) },
      responses: { 200: ok(AudienceList, 'A page of audiences'), ...errors(400) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const page = q['page[number]'];
      const size = q['page[size]'];
      const { rows, total } = await listAudiences(db, { page, size, sort: q.sort, searchText: q['filter[searchText]'], type: q['filter[type]'] });
      const data = [];
      for (const a of rows) data.push(audienceResource(a, await getColumns(db, a.id)));
      return jsonApi(c, { data, meta: { page: { size, number: page }, total }, links: links(c.req.url, page, size, total) }, 200);
    },
  );
  app.openapi(
    createRoute({ ...base, method: 'get', path: '/audiences/{audienceId}', summary: 'Get an audience with its columns', request: { params: audienceId }, responses: { 200: ok(AudienceBody, 'The audience'), ...errors(404) } }),
    async (c) => jsonApi(c, await audienceDocument(db, c.req.valid('param').audienceId), 200),
  );
  app.openapi(
    createRoute({
      ...base, method: 'patch', path: '/audiences/{audienceId}', summary: 'Rename, move to a folder, edit notes (only the fields sent)',
      request: { params: audienceId, body: body(AudienceUpdateBody) }, responses: { 200: ok(AudienceBody, 'The audience'), ...errors(400, 404, 415) },
    }),
    async (c) => {
      const { audienceId: id } = c.req.valid('param');
      await updateAudience(db, c.get('gtmClient'), id, c.req.valid('json').data.attributes);
      return jsonApi(c, await audienceDocument(db, id), 200);
    },
  );
  app.openapi(
    createRoute({ ...base, method: 'delete', path: '/audiences/{audienceId}', summary: 'Delete an audience (cancels its running jobs)', request: { params: audienceId }, responses: { 204: { description: 'Deleted' }, ...errors(404) } }),
    async (c) => {
      await deleteAudience(db, c.req.valid('param').audienceId);
      return c.body(null, 204);
    },
  );
  app.openapi(
    createRoute({
      ...base, method: 'get', path: '/audiences/{audienceId}/filter-metadata', summary: 'The filter operators each column allows',
      request: { params: audienceId }, responses: { 200: ok(FilterMetadataBody, 'Per column: operators and their limits'), ...errors(404) },
    }),
    async (c) => {
      const { audienceId: id } = c.req.valid('param');
      await getAudience(db, id);
      const filterMetadata = (await getColumns(db, id)).map((col) => ({ columnId: col.id, isFilterable: true, filterOperators: operatorsFor(col.data_type) }));
      return jsonApi(c, { data: { id, type: 'AudienceFilterMetadata' as const, attributes: { filterMetadata } } }, 200);
    },
  );
  app.openapi(
    createRoute({
      ...base, method: 'post', path: '/audiences/{audienceId}/actions/match-criteria',
      summary: 'Map input columns to match fields; an empty body infers the mapping. Creates the match column if missing',
      request: { params: audienceId, body: body(MatchCriteriaBody, false) }, responses: { 200: ok(ColumnBody, 'The match column with its criteria'), ...errors(400, 404, 409, 415) },
    }),
    async (c) => {
      const { audienceId: id } = c.req.valid('param');
      const sent = c.req.valid('json') as Partial<z.infer<typeof MatchCriteriaBody>>;
      const matchId = await upsertMatchCriteria(db, c.get('gtmClient'), id, sent.data?.attributes.matchCriteria);
      const columns = await getColumns(db, id);
      const match = columns.find((col) => col.id === matchId);
      if (!match) throw new GtmFailure('internal', 'The match column vanished while it was written.');
      return jsonApi(c, { data: columnResource(match, columns) }, 200);
    },
  );
  app.openapi(
    createRoute({
      ...base, method: 'post', path: '/audiences/{audienceId}/actions/enrich',
      summary: 'Start enrichment (202 with a job id; 204 when nothing needs it; 402 when credits cannot cover it; 409 while another runs)',
      request: { params: audienceId, body: body(EnrichBody) },
      responses: { 202: ok(EnrichJobBody, 'The job to poll'), 204: { description: 'Nothing needs enrichment' }, ...errors(400, 402, 404, 409, 415) },
    }),
    async (c) => {
      const { audienceId: id } = c.req.valid('param');
      const { scope, rows, rowIds } = c.req.valid('json').data.attributes;
      const jobId = await startEnrichment(db, c.get('gtmClient'), config.credits, id, scope, rows ?? rowIds);
      if (jobId === null) return c.body(null, 204);
      worker.wake();
      return jsonApi(c, { data: { id: jobId, type: 'EnrichJob' as const } }, 202);
    },
  );
  app.openapi(
    createRoute({
      ...base, method: 'get', path: '/audiences/{audienceId}/jobs/{jobId}', summary: 'Status of an enrichment or bulk-delete job',
      request: { params: audienceId.extend({ jobId: z.string().openapi({ param: { name: 'jobId', in: 'path' } }) }) },
      responses: { 200: ok(JobStatusBody, 'Status and percentProgress'), ...errors(404) },
    }),
    async (c) => {
      const { audienceId: id, jobId } = c.req.valid('param');
      return jsonApi(c, { data: { id: jobId, type: 'JobStatus' as const, attributes: await jobStatus(db, id, jobId) } }, 200);
    },
  );

  // ---- columns ----
  app.openapi(
    createRoute({
      ...base, method: 'post', path: '/audiences/{audienceId}/columns/actions/bulk/create', summary: 'Add CUSTOM, ZOOMINFO_MATCH, FORMULA and AI columns (all or none)',
      request: { params: audienceId, body: body(ColumnCreateBody) }, responses: { 201: ok(ColumnList, 'The new columns'), ...errors(400, 404, 409, 415) },
    }),
    async (c) => {
      const { audienceId: id } = c.req.valid('param');
      const ids = await addColumns(db, c.get('gtmClient'), id, c.req.valid('json').data.map((d) => d.attributes));
      const columns = await getColumns(db, id);
      return jsonApi(c, { data: ids.flatMap((cid) => columns.filter((col) => col.id === cid)).map((col) => columnResource(col, columns)) }, 201);
    },
  );
  app.openapi(
    createRoute({
      ...base, method: 'get', path: '/audiences/{audienceId}/columns/data-dependencies/{tool}', summary: 'What an AI column of this tool can be grounded in',
      request: { params: audienceId.extend({ tool: AiTool.openapi({ param: { name: 'tool', in: 'path' } }) }) },
      responses: { 200: ok(DataDependencyList, 'The sources'), ...errors(400, 404) },
    }),
    async (c) => {
      const { audienceId: id } = c.req.valid('param');
      const audience = await getAudience(db, id);
      const columns = (await getColumns(db, id)).filter((col) => col.column_type !== 'AI');
      const attributes = [
        ...columns.map((col) => ({ id: col.id, name: col.name, dataType: col.data_type, type: 'COLUMN' as const })),
        ...knowledgeBaseSources(audience.type),
      ];
      return jsonApi(c, { data: { type: 'ColumnDataDependencyList' as const, attributes } }, 200);
    },
  );
  app.openapi(
    createRoute({
      ...base, method: 'patch', path: '/audiences/{audienceId}/columns/{columnId}', summary: 'Rename, freeze or hide a column (dataType and columnType are fixed)',
      request: { params: columnParams, body: body(ColumnUpdateBody) }, responses: { 200: ok(ColumnBody, 'The column'), ...errors(400, 404, 415) },
    }),
    async (c) => {
      const { audienceId: id, columnId } = c.req.valid('param');
      await updateColumn(db, c.get('gtmClient'), id, columnId, c.req.valid('json').data.attributes);
      const columns = await getColumns(db, id);
      const column = columns.find((col) => col.id === columnId);
      if (!column) throw new GtmFailure('not_found', `Audience ${id} has no column ${columnId}.`);
      return jsonApi(c, { data: columnResource(column, columns) }, 200);
    },
  );
  app.openapi(
    createRoute({ ...base, method: 'delete', path: '/audiences/{audienceId}/columns/{columnId}', summary: 'Delete a column and its cells', request: { params: columnParams }, responses: { 204: { description: 'Deleted' }, ...errors(404, 409) } }),
    async (c) => {
      const { audienceId: id, columnId } = c.req.valid('param');
      await deleteColumn(db, id, columnId);
      return c.body(null, 204);
    },
  );
}
