import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { TabEntity } from '../../utils/schemas/lookup.ts';
import { detectionLabel, detectionSubtitle, fullName, groupOf, industryOf, displayHost } from '../format.ts';

/**
 * The page's detections, people then companies, each with its lookup state. Virtualised: a CRM list
 * view can hold thousands of rows and the panel must stay smooth.
 */

type Row = { type: 'header'; id: string; title: string; count: number } | { type: 'entity'; id: string; entity: TabEntity; also: number };

const HEADER_HEIGHT = 34;
const ROW_HEIGHT = 56;

export const STATUS_TEXT: Record<TabEntity['state']['status'], string> = {
  BLANK: 'Not looked up',
  LOADING: 'Looking up…',
  RESULT: 'Found',
  NO_RESULT: 'Nothing found',
  ERROR: 'Error',
};

export function entitySummary(entity: TabEntity): { title: string; subtitle: string } {
  const { state, detection } = entity;
  if (state.status === 'RESULT') {
    const r = state.result;
    if (r.type === 'company') {
      return { title: r.company.name ?? detectionLabel(detection), subtitle: [industryOf(r.company), displayHost(r.company.website)].filter(Boolean).join(' · ') };
    }
    if (r.contact) {
      return { title: fullName(r.contact), subtitle: [r.contact.jobTitle, r.contact.company?.name].filter(Boolean).join(' · ') || detectionLabel(detection) };
    }
    if (r.candidates.length > 0) return { title: detectionLabel(detection), subtitle: `${r.candidates.length} possible matches — choose one` };
    if (r.company) return { title: detectionLabel(detection), subtitle: `Company only: ${r.company.name ?? ''}` };
  }
  if (state.status === 'ERROR') return { title: detectionLabel(detection), subtitle: state.message };
  return { title: detectionLabel(detection), subtitle: detectionSubtitle(detection) };
}

/** The record a result is about (`contact:50001`, `company:1001`), to show it once per page. */
export function recordOf(entity: TabEntity): string | null {
  if (entity.state.status !== 'RESULT') return null;
  const r = entity.state.result;
  if (r.type === 'company') return `company:${r.company.id}`;
  return r.contact ? `contact:${r.contact.id}` : null;
}

/**
 * One row per record: a person found by name and by email is one person. Later detections of the
 * same record fold into the first one's row (`also` counts them).
 */
export function foldDuplicates(entities: TabEntity[]): { entity: TabEntity; also: number }[] {
  const rows: { entity: TabEntity; also: number }[] = [];
  const byRecord = new Map<string, { entity: TabEntity; also: number }>();
  for (const entity of entities) {
    const record = recordOf(entity);
    const existing = record ? byRecord.get(record) : undefined;
    if (existing) {
      existing.also++;
      continue;
    }
    const row = { entity, also: 0 };
    if (record) byRecord.set(record, row);
    rows.push(row);
  }
  return rows;
}

export function buildRows(entities: TabEntity[], filter: string): Row[] {
  const needle = filter.trim().toLowerCase();
  const matches = (e: TabEntity) => {
    if (!needle) return true;
    const s = entitySummary(e);
    return `${s.title} ${s.subtitle} ${e.detection.value}`.toLowerCase().includes(needle);
  };
  const folded = foldDuplicates(entities.filter(matches));
  // A company found through a person's email (COMPANY_ONLY_MATCH) stays with the people: it is
  // that detection's row.
  const people = folded.filter((r) => groupOf(r.entity.detection) === 'people');
  const companies = folded.filter((r) => groupOf(r.entity.detection) === 'companies');
  const rows: Row[] = [];
  if (people.length > 0) rows.push({ type: 'header', id: 'h:people', title: 'People', count: people.length });
  rows.push(...people.map((r): Row => ({ type: 'entity', id: r.entity.key, entity: r.entity, also: r.also })));
  if (companies.length > 0) rows.push({ type: 'header', id: 'h:companies', title: 'Companies', count: companies.length });
  rows.push(...companies.map((r): Row => ({ type: 'entity', id: r.entity.key, entity: r.entity, also: r.also })));
  return rows;
}

export function EntityList({
  entities,
  onSelect,
  onRetry,
  focusKey = null,
  actions,
}: {
  entities: TabEntity[];
  /** More buttons for the toolbar (Add all to list). */
  actions?: ReactNode;
  onSelect: (key: string) => void;
  /** Retry these lookups (the failed ones a retry can help). */
  onRetry?: (keys: string[]) => void;
  focusKey?: string | null;
}) {
  const [filter, setFilter] = useState('');
  const rows = useMemo(() => buildRows(entities, filter), [entities, filter]);
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual re-renders on scroll by design; nothing here is memoised on it.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (rows[i]?.type === 'header' ? HEADER_HEIGHT : ROW_HEIGHT),
    getItemKey: (i) => rows[i]?.id ?? i,
    overscan: 8,
    // Until the scroller is measured (and in tests, where nothing has a size) assume a panel's size.
    initialRect: { width: 400, height: 640 },
  });
  // Back from a card: bring its row into view and focus it (once, when the list mounts).
  const focused = useRef(false);
  useEffect(() => {
    if (focused.current || !focusKey) return;
    focused.current = true;
    const index = rows.findIndex((r) => r.id === focusKey);
    if (index < 0) return;
    virtualizer.scrollToIndex(index, { align: 'auto' });
    requestAnimationFrame(() => {
      const button = [...(scroller.current?.querySelectorAll<HTMLButtonElement>('.entity-button') ?? [])].find((b) => b.dataset.key === focusKey);
      button?.focus();
    });
  }, [focusKey, rows, virtualizer]);

  const counts = useMemo(() => {
    const c = { LOADING: 0, RESULT: 0, ERROR: 0 };
    for (const e of entities) if (e.state.status in c) c[e.state.status as keyof typeof c]++;
    return c;
  }, [entities]);
  const retryable = useMemo(() => entities.filter((e) => e.state.status === 'ERROR' && e.state.retryable).map((e) => e.key), [entities]);

  return (
    <section className="entity-list" aria-label="Found on this page">
      <div className="list-toolbar">
        <p className="list-summary" aria-live="polite">
          {entities.length} found{counts.LOADING > 0 ? ` · ${counts.LOADING} looking up` : ''}
          {counts.ERROR > 0 ? ` · ${counts.ERROR} failed` : ''}
        </p>
        {onRetry && retryable.length > 0 ? (
          <button type="button" className="button small" onClick={() => onRetry(retryable)}>
            Retry {retryable.length} failed
          </button>
        ) : null}
        {actions}
        {entities.length > 8 ? (
          <input
            type="search"
            className="list-filter"
            placeholder="Filter"
            aria-label="Filter what was found"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        ) : null}
      </div>
      <div ref={scroller} className="list-scroller" data-testid="entity-scroller">
        <ul className="list-inner" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const style = { transform: `translateY(${item.start}px)`, height: item.size };
            if (row.type === 'header') {
              return (
                <li key={item.key} className="list-header" style={style}>
                  <h2>
                    {row.title} <span className="count">{row.count}</span>
                  </h2>
                </li>
              );
            }
            const { entity, also } = row;
            const summary = entitySummary(entity);
            return (
              <li key={item.key} className="list-row" style={style}>
                <button type="button" className="entity-button" onClick={() => onSelect(entity.key)} data-key={entity.key}>
                  <span className={`status-dot status-${entity.state.status}`} aria-hidden="true" />
                  <span className="entity-text">
                    <span className="entity-title">{summary.title}</span>
                    <span className="entity-subtitle">
                      {summary.subtitle}
                      {also > 0 ? ` · found ${also + 1}× on this page` : ''}
                    </span>
                  </span>
                  <span className={`status-label status-text-${entity.state.status}`}>
                    {entity.state.status === 'RESULT' && entity.state.result.cost?.kind === 'preview' ? 'Preview' : STATUS_TEXT[entity.state.status]}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
        {rows.length === 0 && filter ? <p className="muted pad">Nothing matches “{filter}”.</p> : null}
      </div>
    </section>
  );
}
