/** Folders: create, list, get, update, delete. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Db } from '../db/index.ts';
import { createFolder, deleteFolder, getFolder, listFolders, updateFolder } from '../services/audiences/store.ts';
import { folderResource } from '../services/audiences/model.ts';
import type { GtmEnv } from './auth.ts';
import { jsonApi } from './errors.ts';
import { body, errors, links, ok, pageQuery, security, TAG } from './openapi.ts';
import { FolderBody, FolderCreateBody, FolderList, FolderUpdateBody } from './schemas.ts';

/** The published form: user ids (meta.createdById), comma-separated. */
const userIds = z
  .string()
  .regex(/^\d{1,10}(,\d{1,10})*$/, 'comma-separated user ids (meta.createdById / updatedById)')
  .transform((s) => s.split(',').map(Number))
  .openapi({ type: 'string', example: '1234,5678' });

const folderId = z.object({ folderId: z.string().openapi({ param: { name: 'folderId', in: 'path' } }) });

export function folderRoutes(app: OpenAPIHono<GtmEnv>, db: Db): void {
  const base = { tags: [TAG], security };
  app.openapi(
    createRoute({ ...base, method: 'post', path: '/folders', summary: 'Create a folder', request: { body: body(FolderCreateBody) }, responses: { 201: ok(FolderBody, 'The folder'), ...errors(400, 415) } }),
    async (c) => jsonApi(c, { data: folderResource(await createFolder(db, c.get('gtmClient'), c.req.valid('json').data.attributes)) }, 201),
  );
  app.openapi(
    createRoute({
      ...base,
      method: 'get',
      path: '/folders',
      summary: 'List folders (sort: name, createdAt, updatedAt, audienceCount; - for descending)',
      request: {
        query: z.object({
          ...pageQuery,
          'filter[createdById]': userIds.optional(),
          'filter[updatedById]': userIds.optional(),
          'filter[createdAfter]': z.iso.datetime().optional(),
          'filter[createdBefore]': z.iso.datetime().optional(),
          'filter[updatedAfter]': z.iso.datetime().optional(),
          'filter[updatedBefore]': z.iso.datetime().optional(),
        }),
      },
      responses: { 200: ok(FolderList, 'A page of folders'), ...errors(400) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const page = q['page[number]'];
      const size = q['page[size]'];
      const { rows, total } = await listFolders(db, {
        page, size, sort: q.sort, searchText: q['filter[searchText]'],
        createdById: q['filter[createdById]'], updatedById: q['filter[updatedById]'],
        createdAfter: q['filter[createdAfter]'], createdBefore: q['filter[createdBefore]'],
        updatedAfter: q['filter[updatedAfter]'], updatedBefore: q['filter[updatedBefore]'],
      });
      return jsonApi(c, { data: rows.map(folderResource), meta: { page: { size, number: page }, total }, links: links(c.req.url, page, size, total) }, 200);
    },
  );
  app.openapi(
    createRoute({ ...base, method: 'get', path: '/folders/{folderId}', summary: 'Get a folder', request: { params: folderId }, responses: { 200: ok(FolderBody, 'The folder'), ...errors(404) } }),
    async (c) => jsonApi(c, { data: folderResource(await getFolder(db, c.req.valid('param').folderId)) }, 200),
  );
  app.openapi(
    createRoute({ ...base, method: 'patch', path: '/folders/{folderId}', summary: 'Update a folder (only the fields sent)', request: { params: folderId, body: body(FolderUpdateBody) }, responses: { 200: ok(FolderBody, 'The folder'), ...errors(400, 404, 415) } }),
    async (c) => jsonApi(c, { data: folderResource(await updateFolder(db, c.get('gtmClient'), c.req.valid('param').folderId, c.req.valid('json').data.attributes)) }, 200),
  );
  app.openapi(
    createRoute({ ...base, method: 'delete', path: '/folders/{folderId}', summary: 'Delete an empty folder', request: { params: folderId }, responses: { 204: { description: 'Deleted' }, ...errors(404, 409) } }),
    async (c) => {
      await deleteFolder(db, c.req.valid('param').folderId);
      return c.body(null, 204);
    },
  );
}
