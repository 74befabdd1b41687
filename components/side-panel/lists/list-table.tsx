import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Cell, ListColumn, Row } from '../../../utils/audiences/schemas.ts';

const ROW_HEIGHT = 36;
const COLUMN_WIDTH = 140;
const SELECT_WIDTH = 36;

function CellView({ cell, onRetry }: { cell: Cell | undefined; onRetry?: () => void }) {
  const state = cell?.state ?? 'BLANK';
  switch (state) {
    case 'LOADING':
      return <span className="cell-state cell-LOADING">Enriching…</span>;
    case 'NO_RESULT':
      return <span className="cell-state cell-NO_RESULT">No match</span>;
    case 'ERROR':
      // The retry comes first: a narrow column cuts the summary, never the way to fix it.
      return (
        <span className="cell-state cell-ERROR" title={[cell?.errorDetails?.summary, cell?.errorDetails?.description].filter(Boolean).join(': ')}>
          {cell?.errorDetails?.retryable && onRetry ? (
            <button type="button" className="link-button" onClick={onRetry}>
              Retry
            </button>
          ) : null}{' '}
          {cell?.errorDetails?.summary ?? 'Error'}
        </span>
      );
    case 'RESULT':
    case 'BLANK': {
      const value = cell?.value;
      const text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join(', ') : String(value);
      return text ? (
        <span className="cell-value" title={text}>
          {text}
        </span>
      ) : (
        <span className="cell-state cell-BLANK" aria-label="Blank">
          —
        </span>
      );
    }
  }
}

/**
 * A page of a list's rows, virtualised both ways: rows as the user scrolls, and columns past the
 * panel's width scroll sideways (the first column stays in place). Each cell shows its state.
 */
export function ListTable({
  columns,
  rows,
  selected,
  onToggle,
  onRetryRow,
}: {
  columns: ListColumn[];
  rows: Row[];
  /** null: no selection offered (a read-only list). */
  selected: ReadonlySet<string> | null;
  onToggle: (rowId: string) => void;
  onRetryRow?: (rowId: string) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual re-renders on scroll by design; nothing here is memoised on it.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => rows[i]?.id ?? i,
    overscan: 10,
    initialRect: { width: 400, height: 480 },
  });
  const width = columns.length * COLUMN_WIDTH + (selected ? SELECT_WIDTH : 0);
  const template = `${selected ? `${SELECT_WIDTH}px ` : ''}repeat(${columns.length}, ${COLUMN_WIDTH}px)`;
  return (
    <div ref={scroller} className="list-table" role="table" aria-label="Rows" aria-rowcount={rows.length + 1} data-testid="list-table">
      <div className="list-table-head" role="row" style={{ width, gridTemplateColumns: template }}>
        {selected ? <span role="columnheader" aria-label="Select" /> : null}
        {columns.map((c) => (
          <span key={c.id} role="columnheader" className={c.attributes.columnType === 'ZOOMINFO_MATCH' ? 'match-column' : undefined}>
            {c.attributes.name}
          </span>
        ))}
      </div>
      <div className="list-table-body" style={{ height: virtualizer.getTotalSize(), width }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <div key={item.key} role="row" className="list-table-row" style={{ transform: `translateY(${item.start}px)`, gridTemplateColumns: template, width }}>
              {selected ? (
                <span role="cell">
                  <input type="checkbox" aria-label="Select row" checked={selected.has(row.id)} onChange={() => onToggle(row.id)} />
                </span>
              ) : null}
              {columns.map((c) => (
                <span key={c.id} role="cell" data-column={c.attributes.name}>
                  <CellView cell={row.attributes.values.find((v) => v.columnId === c.id)} onRetry={onRetryRow ? () => onRetryRow(row.id) : undefined} />
                </span>
              ))}
            </div>
          );
        })}
      </div>
      {rows.length === 0 ? <p className="muted pad">This list has no rows yet. Add people from a page with “Add all to list”.</p> : null}
    </div>
  );
}
