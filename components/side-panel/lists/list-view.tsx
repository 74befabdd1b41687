import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { displayOrder, matchColumn } from '../../../utils/audiences/list-columns.ts';
import { rowQueryOf, visibleColumns } from '../../../utils/audiences/list-query.ts';
import type { Audience, FilterMetadata, RowPage } from '../../../utils/audiences/schemas.ts';
import type { EnrichPreview } from '../../../utils/messaging.ts';
import { useSend } from '../../background.tsx';
import { Notice, Skeleton, useAction } from '../../ui.tsx';
import { download } from '../search/download.ts';
import { exportListCsv, EXPORT_PAGE, listFileName } from './list-export.ts';
import { AddColumn } from './add-column.tsx';
import { ColumnPicker, ListFilters } from './list-filters.tsx';
import { ListTable } from './list-table.tsx';
import { useListView, type StoredViews } from './use-list-view.ts';

const PAGE_SIZE = 100;
/** How often a running enrichment is asked for its progress while the list is open. */
export const POLL_MS = 2000;

const MATCH_WORDS = { RESULT: 'matched', NO_RESULT: 'no match', ERROR: 'failed', LOADING: 'enriching', BLANK: 'not enriched' } as const;

/** What the cost prompt says: what enrichment will do, and at most what it costs. */
export function enrichSentence(p: EnrichPreview): string {
  const paid = p.unmatched + p.retryable;
  if (paid + p.computing === 0) return 'Every row is already enriched: nothing to spend.';
  const computing = p.computing > 0 ? `Fill in the formula and AI columns of ${p.computing} matched ${p.computing === 1 ? 'row' : 'rows'}: no credits.` : '';
  if (paid === 0) return computing;
  return `Enrich ${paid} of ${p.rows} rows not matched yet: at most ${paid} credits (records your account enriched in the last 12 months cost nothing; matched rows are never charged again).${computing ? ` ${computing}` : ''}`;
}

type Enrichment = { jobId: string; status: string; percent: number } | null;

/** `known`: the list as the Lists tab last read it; its columns let the first rows be asked at once. */
export function ListView({ listId, known, storedViews, canChange, onBack }: { listId: string; known?: Audience; storedViews: StoredViews; canChange: boolean; onBack: () => void }) {
  const send = useSend();
  const [fresh, setFresh] = useState<Audience | null>(null);
  const [metadata, setMetadata] = useState<FilterMetadata>([]);
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<RowPage | null>(null);
  const { view, loaded: viewLoaded, change: changeView } = useListView(listId, storedViews);
  // The stored view is a new object on every write: the rows are asked again only when it differs.
  const viewKey = JSON.stringify(view);
  const stableView = useMemo(() => view, [viewKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [preview, setPreview] = useState<EnrichPreview | null>(null);
  const [enrichment, setEnrichment] = useState<Enrichment>(null);
  const [exporting, setExporting] = useState<{ done: number; total: number } | null>(null);

  // Only the latest load is shown: a filter changed twice quickly must not show the first answer last.
  const latest = useRef(0);
  const load = useAction(
    useCallback(async () => {
      if (!viewLoaded) return;
      const ticket = ++latest.current;
      const current = () => ticket === latest.current;
      // The table needs only the columns and a page of rows. With the columns known, the rows are
      // asked alone and shown as soon as they come, and only then the list's own answer and its
      // filter-metadata (for the filters): asked together, the three share the provider's time
      // and the rows come last (bench:ui).
      const columns = (fresh ?? known)?.attributes.columns;
      const r = columns
        ? await send('listRows', { listId, query: rowQueryOf(stableView, columns, page, PAGE_SIZE) })
        : await send('listRows', { listId, query: rowQueryOf(stableView, (await send('getList', { listId })).attributes.columns, page, PAGE_SIZE) });
      if (!current()) return;
      // bench:ui splits the first render here: the rows' arrival, then the panel's rendering of them.
      performance.mark('sidecar:list-rows');
      setRows(r);
      const [l, m] = await Promise.all([send('getList', { listId }), send('listFilterMetadata', { listId })]);
      if (!current()) return;
      setFresh(l);
      setMetadata(m);
    }, [send, listId, page, stableView, viewLoaded]), // eslint-disable-line react-hooks/exhaustive-deps -- `fresh`/`known` only speed the first ask; a new list object must not reload the rows.
  );
  const reload = load.start;
  useEffect(() => {
    void reload();
  }, [reload]);
  const shown = rows !== null;
  useEffect(() => {
    if (shown) performance.mark('sidecar:list-ready');
  }, [shown]);
  const changeRows = useCallback(
    (update: Parameters<typeof changeView>[0]) => {
      setPage(1);
      void changeView(update);
    },
    [changeView],
  );

  // While an enrichment runs: its progress every 2 s, and the rows once it ends.
  useEffect(() => {
    if (!enrichment || !['SCHEDULED', 'RUNNING'].includes(enrichment.status)) return;
    const timer = setInterval(() => {
      void send('enrichStatus', { listId, jobId: enrichment.jobId }).then(async (s) => {
        setEnrichment({ jobId: enrichment.jobId, status: s.status, percent: s.percentProgress });
        await reload();
      });
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [enrichment, send, listId, reload]);

  const ask = useAction(async () => setPreview(await send('enrichPreview', { listId })));
  const enrich = useAction(async (rowIds?: string[]) => {
    setPreview(null);
    const { jobId } = await send('enrichList', { listId, rowIds });
    // The job's state first, then the rows: the rows shown are never older than the progress.
    if (jobId) {
      const s = await send('enrichStatus', { listId, jobId });
      setEnrichment({ jobId, status: s.status, percent: s.percentProgress });
    }
    await reload();
  });
  const remove = useAction(async () => {
    await send('removeRows', { listId, rowIds: [...selected] });
    setSelected(new Set());
    await reload();
  });
  const exportCsv = useAction(async () => {
    if (!list) return;
    setExporting({ done: 0, total: list.attributes.recordCount });
    try {
      const { csv } = await exportListCsv(list, (n) => send('listRows', { listId, query: { page: n, size: EXPORT_PAGE } }), (done, total) => setExporting({ done, total }));
      download(csv, listFileName(list));
    } finally {
      setExporting(null);
    }
  });

  // Until the list's own answer comes, the Lists tab's copy of it (its columns and name) will do.
  const list = fresh ?? known ?? null;
  if (!list || !rows) return load.error ? <Notice tone="error" title="Could not open the list.">{load.error.message}</Notice> : <Skeleton lines={5} label="Loading the list" />;
  const total = rows.meta.total;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const running = enrichment && ['SCHEDULED', 'RUNNING'].includes(enrichment.status);
  const error = ask.error ?? enrich.error ?? remove.error ?? exportCsv.error ?? load.error;
  const matchId = matchColumn(list)?.id;
  const states = new Map<string, number>();
  for (const row of rows.data) {
    const state = row.attributes.values.find((v) => v.columnId === matchId)?.state ?? 'BLANK';
    states.set(state, (states.get(state) ?? 0) + 1);
  }
  const matchSummary = matchId && rows.data.length > 0
    ? (['RESULT', 'NO_RESULT', 'ERROR', 'LOADING', 'BLANK'] as const)
        .filter((s) => states.get(s))
        .map((s) => `${states.get(s)} ${MATCH_WORDS[s]}`)
        .join(' · ') + (pages > 1 ? ' on this page' : '')
    : null;
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <section className="list-view" aria-label={list.attributes.name}>
      <div className="list-view-head">
        <button type="button" className="button small subtle" onClick={onBack}>
          ← Lists
        </button>
        <h2 className="list-title">{list.attributes.name}</h2>
        <span className="muted nowrap">{stableView.filters.length > 0 ? `${total} of ${list.attributes.recordCount} rows` : `${total} rows`}</span>
      </div>
      {matchSummary ? <p className="muted list-match-summary">{matchSummary}</p> : null}
      {canChange ? null : <p className="muted list-match-summary">Read-only: this GTM Studio client may not change lists.</p>}
      <div className="row-actions list-actions">
        {canChange ? (
          <button type="button" className="button small primary" disabled={Boolean(running) || ask.pending || total === 0} onClick={() => void ask.start()}>
            Enrich list
          </button>
        ) : null}
        <button type="button" className="button small" disabled={exporting !== null || total === 0} onClick={() => void exportCsv.start()}>
          {exporting ? `Exporting ${exporting.done} of ${exporting.total}…` : 'Export CSV'}
        </button>
        {canChange && selected.size > 0 ? (
          <button type="button" className="button small" disabled={remove.pending} onClick={() => void remove.start()}>
            Remove {selected.size} {selected.size === 1 ? 'row' : 'rows'}
          </button>
        ) : null}
      </div>
      {preview ? (
        <div className="cost-prompt" role="dialog" aria-label="Enrich list">
          <p>{enrichSentence(preview)}</p>
          <div className="row-actions">
            {preview.unmatched + preview.retryable + preview.computing > 0 ? (
              <button type="button" className="button small primary" onClick={() => void enrich.start()}>
                Start enrichment
              </button>
            ) : null}
            <button type="button" className="button small" onClick={() => setPreview(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      {enrichment ? (
        <div className="enrich-progress" aria-live="polite">
          <progress max={100} value={enrichment.percent} aria-label="Enrichment progress" />
          <span className="muted">{running ? `Enriching… ${enrichment.percent}%` : `Enrichment ${enrichment.status.toLowerCase().replace('_', ' ')}`}</span>
          {!running && canChange && (enrichment.status === 'PARTIALLY_SUCCEEDED' || enrichment.status === 'FAILED') ? (
            <button type="button" className="button small" onClick={() => void enrich.start()}>
              Retry failed
            </button>
          ) : null}
        </div>
      ) : null}
      {error ? <Notice tone="error" title="That did not work.">{error.message}</Notice> : null}
      <ListFilters columns={displayOrder(list.attributes.columns)} metadata={metadata} view={stableView} onChange={changeRows} />
      <ColumnPicker columns={displayOrder(list.attributes.columns)} view={stableView} onChange={(update) => void changeView(update)} />
      {canChange ? <AddColumn list={list} onAdded={setFresh} /> : null}
      <ListTable
        columns={visibleColumns(displayOrder(list.attributes.columns), stableView)}
        rows={rows.data}
        selected={canChange ? selected : null}
        onToggle={toggle}
        onRetryRow={canChange ? (rowId) => void enrich.start([rowId]) : undefined}
      />
      {pages > 1 ? (
        <nav className="pager" aria-label="Pages">
          <button type="button" className="button small" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Previous
          </button>
          <span className="muted">
            Page {page} of {pages}
          </span>
          <button type="button" className="button small" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            Next
          </button>
        </nav>
      ) : null}
    </section>
  );
}
