import type { AudiencesClient } from '../audiences/client.ts';
import { CAPTURE_JOB } from '../audiences/capture-job.ts';
import { ENRICH_WATCH_JOB, type EnrichWatchItem } from '../audiences/enrich-watch-job.ts';
import { captureRows } from '../audiences/capture.ts';
import { matchColumn } from '../audiences/list-columns.ts';
import type { Cell } from '../audiences/schemas.ts';
import { SidecarError } from '../errors.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import type { JobRecord, JobStore } from '../jobs/job-store.ts';
import type { ListJob } from '../messaging.ts';
import { GTM_REFERENCE_CLIENT } from '../schemas/provider-catalog.ts';
import type { BackgroundContext, HandlerGroup } from './context.ts';

type ListMessages =
  | 'listsOverview'
  | 'createFolder'
  | 'renameFolder'
  | 'deleteFolder'
  | 'createList'
  | 'updateList'
  | 'deleteList'
  | 'getList'
  | 'listRows'
  | 'removeRows'
  | 'captureToList'
  | 'captureRowsToList'
  | 'captureStatus'
  | 'enrichPreview'
  | 'enrichList'
  | 'enrichStatus'
  | 'listFilterMetadata'
  | 'listAiTools'
  | 'addListColumn';

export const LISTS_NEED =
  `Lists live with GTM Studio (the Audiences API). Add its client id and secret in Sidecar's options — the reference server's are ${GTM_REFERENCE_CLIENT.id} / ${GTM_REFERENCE_CLIENT.secret}.`;

export function jobView(job: JobRecord): ListJob {
  return { jobId: job.id, state: job.state, done: job.cursor, total: job.items.length, error: job.error };
}

/** Lists (GTM Studio audiences): folders, lists, rows, capture as a job, enrichment. */
export function listHandlers(ctx: BackgroundContext, jobs: { runner: JobRunner; store: JobStore }): HandlerGroup<ListMessages> {
  const { providers, noteError } = ctx;

  async function client(): Promise<AudiencesClient> {
    const [provider] = (await providers()).providersFor('audiences');
    if (!provider) throw new SidecarError('not_configured', LISTS_NEED);
    return provider.audiences();
  }
  /** A change: refused here, with a sentence, when the token may only read. */
  async function manager(): Promise<AudiencesClient> {
    const c = await client();
    if ((await c.access()) !== 'manage') throw new SidecarError('forbidden', 'This GTM Studio client may only read lists (scope api:audience:read).');
    return c;
  }
  const guarded = <T>(run: () => Promise<T>): Promise<T> => run().catch(noteError);

  return {
    listsOverview: () =>
      guarded(async () => {
        const [provider] = (await providers()).providersFor('audiences');
        if (!provider) return { access: null, needs: LISTS_NEED, folders: [], lists: [] };
        const c = await provider.audiences();
        const [access, folders, lists] = await Promise.all([c.access(), c.folders(), c.lists()]);
        return { access, needs: null, folders, lists };
      }),
    createFolder: ({ name }) => guarded(async () => (await manager()).createFolder(name)),
    renameFolder: ({ folderId, name }) => guarded(async () => (await manager()).renameFolder(folderId, name)),
    deleteFolder: ({ folderId }) => guarded(async () => ((await (await manager()).deleteFolder(folderId)), { ok: true as const })),
    createList: ({ name, folderId }) => guarded(async () => (await manager()).createList(name, folderId)),
    updateList: ({ listId, name, folderId }) => guarded(async () => (await manager()).updateList(listId, { name, folderId })),
    deleteList: ({ listId }) => guarded(async () => ((await (await manager()).deleteList(listId)), { ok: true as const })),
    getList: ({ listId }) => guarded(async () => (await client()).list(listId)),
    listRows: ({ listId, query }) => guarded(async () => (await client()).rows(listId, query)),
    removeRows: ({ listId, rowIds }) => guarded(async () => ((await (await manager()).removeRows(listId, rowIds)), { ok: true as const })),
    captureToList: ({ listId, tabId, keys }) =>
      guarded(async () => {
        await manager();
        const state = await ctx.tabs.get(tabId);
        const entities = (state?.entities ?? []).filter((e) => !keys || keys.includes(e.key));
        const rows = captureRows(entities.map((e) => e.detection), state?.url ?? '', new Date());
        if (rows.length === 0) throw new SidecarError('invalid_input', 'This tab holds no person, email or company to add.');
        const job = await jobs.runner.start(CAPTURE_JOB, rows.map((row) => ({ listId, row })));
        return jobView(job);
      }),
    captureRowsToList: ({ listId, rows }) =>
      guarded(async () => {
        await manager();
        return jobView(await jobs.runner.start(CAPTURE_JOB, rows.map((row) => ({ listId, row }))));
      }),
    async captureStatus({ jobId }) {
      const job = await jobs.store.get(jobId);
      if (!job) throw new SidecarError('not_found', 'That capture is no longer known; open the list to see what it added.');
      return jobView(job);
    },
    enrichPreview: ({ listId }) =>
      guarded(async () => {
        const c = await client();
        const list = await c.list(listId);
        const match = matchColumn(list);
        const computed = list.attributes.columns.filter((col) => col.attributes.columnType === 'FORMULA' || col.attributes.columnType === 'AI');
        if (!match && computed.length === 0) throw new SidecarError('invalid_input', 'This list has no match, formula or AI column, so there is nothing to enrich.');
        const open = (cell: Cell | undefined) => !cell || cell.state === 'BLANK' || cell.state === 'LOADING';
        const retry = (cell: Cell | undefined) => cell?.state === 'ERROR' && cell.errorDetails?.retryable === true;
        let rows = 0;
        let unmatched = 0;
        let retryable = 0;
        let computing = 0;
        const ids = [...(match ? [match.id] : []), ...computed.map((col) => col.id)];
        for (let page = 1; ; page++) {
          const found = await c.rows(listId, { page, size: 500 }, ids);
          for (const row of found.data) {
            const cellOf = (id: string) => row.attributes.values.find((v) => v.columnId === id);
            const matchCell = match ? cellOf(match.id) : undefined;
            rows++;
            if (match && open(matchCell)) unmatched++;
            else if (match && retry(matchCell)) retryable++;
            else if (computed.some((col) => open(cellOf(col.id)) || retry(cellOf(col.id)))) computing++;
          }
          if (found.data.length === 0 || page * 500 >= found.meta.total) break;
        }
        return { rows, unmatched, retryable, computing };
      }),
    enrichList: ({ listId, rowIds }) =>
      guarded(async () => {
        const c = await manager();
        const jobId = await c.enrich(listId, rowIds);
        // Followed by the worker too, so the end is noticed (and told) with the panel closed.
        if (jobId) await jobs.runner.start(ENRICH_WATCH_JOB, [{ listId, jobId, listName: (await c.list(listId)).attributes.name, startedAt: Date.now() } satisfies EnrichWatchItem]);
        return { jobId };
      }),
    enrichStatus: ({ listId, jobId }) => guarded(async () => (await client()).job(listId, jobId)),
    listFilterMetadata: ({ listId }) => guarded(async () => (await client()).filterMetadata(listId)),
    listAiTools: ({ listId }) => guarded(async () => (await client()).aiTools(listId)),
    addListColumn: ({ listId, column }) => guarded(async () => (await manager()).addColumn(listId, column)),
  };
}
