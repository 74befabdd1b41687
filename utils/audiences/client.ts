import { SidecarError } from '../errors.ts';
import type { HttpMethod, ProviderHttp } from '../http/client.ts';
import type { z } from 'zod';
import { LIST_COLUMNS } from './list-columns.ts';
import {
  JSON_API,
  AI_TOOLS,
  audienceBody,
  audienceList,
  columnList,
  dataDependencies,
  folderBody,
  filterMetadataBody,
  folderList,
  idBody,
  jobBody,
  noContent,
  rowList,
  rowPage,
  rowQuery,
  type AiTool,
  type Audience,
  type CellValue,
  type FilterMetadata,
  type Folder,
  type JobState,
  type NewColumn,
  type Row,
  type RowPage,
  type RowQuery,
} from './schemas.ts';

/** What a token may do: read lists, or also change them (scope api:audience:manage). */
export type AudienceAccess = 'read' | 'manage';

export const MAX_BULK_UPSERT = 500;
export const MAX_BULK_DELETE = 1000;
const PAGE = 100;

export interface RowInput {
  values: { columnId: string; value: CellValue }[];
}

/** A typed client of the Audiences API (api-contract.md §4) over the provider HTTP client. */
export class AudiencesClient {
  private readonly http: ProviderHttp;
  readonly access: () => Promise<AudienceAccess>;

  constructor(http: ProviderHttp, access: () => Promise<AudienceAccess>) {
    this.http = http;
    this.access = access;
  }

  private async call<T extends z.ZodType>(method: HttpMethod, path: string, schema: T, body?: unknown): Promise<z.infer<T>> {
    const headers: Record<string, string> = { accept: JSON_API, ...(body === undefined ? {} : { 'content-type': JSON_API }) };
    return (await this.http.request(method, path, body, schema, { headers })).data;
  }

  async folders(): Promise<Folder[]> {
    return this.everyPage((page) => this.call('GET', `folders?${pageQuery(page)}`, folderList));
  }

  async createFolder(name: string): Promise<Folder> {
    return (await this.call('POST', 'folders', folderBody, { data: { type: 'Folder', attributes: { name } } })).data;
  }

  async renameFolder(id: string, name: string): Promise<Folder> {
    return (await this.call('PATCH', `folders/${enc(id)}`, folderBody, { data: { type: 'Folder', id, attributes: { name } } })).data;
  }

  async deleteFolder(id: string): Promise<void> {
    await this.call('DELETE', `folders/${enc(id)}`, noContent);
  }

  async lists(): Promise<Audience[]> {
    return this.everyPage((page) => this.call('GET', `audiences?${pageQuery(page)}`, audienceList));
  }

  async list(id: string): Promise<Audience> {
    return (await this.call('GET', `audiences/${enc(id)}`, audienceBody)).data;
  }

  /** A CONTACT list with Sidecar's columns, its match criteria mapped (which creates the match column). */
  async createList(name: string, folderId?: string): Promise<Audience> {
    const columns = LIST_COLUMNS.map((c) => ({ type: 'Column', attributes: { columnType: 'CUSTOM', name: c.name, dataType: c.dataType } }));
    const created = await this.call('POST', 'audiences', audienceBody, {
      data: { type: 'Audience', attributes: { name, type: 'CONTACT', ...(folderId ? { folderId } : {}), columns } },
    });
    const byName = new Map(created.data.attributes.columns.map((c) => [c.attributes.name, c.id]));
    const matchCriteria = LIST_COLUMNS.flatMap((c) => {
      const columnId = byName.get(c.name);
      return 'mappedTo' in c && columnId ? [{ columnId, mappedTo: c.mappedTo }] : [];
    });
    await this.call('POST', `audiences/${enc(created.data.id)}/actions/match-criteria`, idBody, {
      data: { type: 'UpsertMatchCriteria', attributes: { matchCriteria } },
    });
    return this.list(created.data.id);
  }

  /** Rename and/or move to another folder. */
  async updateList(id: string, change: { name?: string; folderId?: string }): Promise<Audience> {
    return (await this.call('PATCH', `audiences/${enc(id)}`, audienceBody, { data: { type: 'Audience', id, attributes: change } })).data;
  }

  async deleteList(id: string): Promise<void> {
    await this.call('DELETE', `audiences/${enc(id)}`, noContent);
  }

  /** Which operators each column may be filtered with (and whether it may be filtered at all). */
  async filterMetadata(id: string): Promise<FilterMetadata> {
    return (await this.call('GET', `audiences/${enc(id)}/filter-metadata`, filterMetadataBody)).data.attributes.filterMetadata;
  }

  /**
   * The AI tools this provider serves, asked of each tool's data-dependencies: a provider that
   * does not know a tool answers it with an error, and that tool is not offered.
   */
  async aiTools(id: string): Promise<AiTool[]> {
    const served = await Promise.all(
      AI_TOOLS.map((tool) =>
        this.call('GET', `audiences/${enc(id)}/columns/data-dependencies/${tool}`, dataDependencies).then(
          () => tool,
          () => null,
        ),
      ),
    );
    return served.filter((t): t is AiTool => t !== null);
  }

  /** Adds a column; a FORMULA or AI column is computed by the next enrichment of the list. */
  async addColumn(id: string, column: NewColumn): Promise<Audience> {
    await this.call('POST', `audiences/${enc(id)}/columns/actions/bulk/create`, columnList, { data: [{ type: 'Column', attributes: column }] });
    return this.list(id);
  }

  /** A page of rows; `columns` limits the cells answered (default: every column). */
  async rows(id: string, query: RowQuery = {}, columns?: string[]): Promise<RowPage> {
    const q = rowQuery.parse(query);
    const params = new URLSearchParams({ 'page[number]': String(q.page), 'page[size]': String(q.size) });
    if (q.sort) params.set('sort', q.sort);
    if (columns) params.set('columns', columns.join(','));
    const filter = q.filters.length > 0 ? { filter: { operator: q.match, filters: q.filters } } : {};
    return this.call('POST', `audiences/${enc(id)}/rows/actions/search?${params.toString()}`, rowPage, { data: { type: 'RowSearch', attributes: filter } });
  }

  /** Creates (no id) or updates (id) ≤ 500 rows in one call. */
  async upsertRows(id: string, rows: (RowInput & { id?: string })[]): Promise<Row[]> {
    if (rows.length === 0) return [];
    if (rows.length > MAX_BULK_UPSERT) throw new SidecarError('invalid_input', `A bulk upsert takes at most ${MAX_BULK_UPSERT} rows, not ${rows.length}.`);
    const data = rows.map((r) => ({ type: 'Row', ...(r.id ? { id: r.id } : {}), attributes: { values: r.values } }));
    return (await this.call('POST', `audiences/${enc(id)}/rows/actions/bulk/upsert`, rowList, { data })).data;
  }

  async removeRows(id: string, rowIds: string[]): Promise<void> {
    for (let i = 0; i < rowIds.length; i += MAX_BULK_DELETE) {
      const data = rowIds.slice(i, i + MAX_BULK_DELETE).map((rowId) => ({ type: 'Row', id: rowId }));
      await this.call('DELETE', `audiences/${enc(id)}/rows/actions/bulk/delete`, idBody, { data });
    }
  }

  /** Starts enrichment of the whole list, or of some rows; null when nothing needs it (204). */
  async enrich(id: string, rowIds?: string[]): Promise<string | null> {
    const attributes = rowIds ? { scope: 'ROW', rowIds } : { scope: 'AUDIENCE' };
    const answer = await this.call('POST', `audiences/${enc(id)}/actions/enrich`, idBody.or(noContent), { data: { type: 'AudienceEnrichment', attributes } });
    return answer?.data.id ?? null;
  }

  async job(id: string, jobId: string): Promise<JobState> {
    return (await this.call('GET', `audiences/${enc(id)}/jobs/${enc(jobId)}`, jobBody)).data.attributes;
  }

  private async everyPage<T>(fetchPage: (page: number) => Promise<{ data: T[]; meta: { total: number } }>): Promise<T[]> {
    const all: T[] = [];
    for (let page = 1; ; page++) {
      const { data, meta } = await fetchPage(page);
      all.push(...data);
      if (data.length === 0 || all.length >= meta.total) return all;
    }
  }
}

function enc(id: string): string {
  return encodeURIComponent(id);
}

function pageQuery(page: number): string {
  return new URLSearchParams({ 'page[number]': String(page), 'page[size]': String(PAGE) }).toString();
}
