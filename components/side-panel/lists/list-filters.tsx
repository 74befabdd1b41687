import { useState } from 'react';
import { describeFilter, filterValues, OPERATOR_WORDS, operatorsOf, valueArity, type ListView } from '../../../utils/audiences/list-query.ts';
import type { FilterMetadata, ListColumn } from '../../../utils/audiences/schemas.ts';

/**
 * Which rows the table shows and in what order: filters built from the list's filter-metadata
 * (only the operators the provider allows on each column), joined by AND or OR, and a sort.
 */
export function ListFilters({
  columns,
  metadata,
  view,
  onChange,
}: {
  columns: ListColumn[];
  metadata: FilterMetadata;
  view: ListView;
  onChange: (update: (view: ListView) => ListView) => void;
}) {
  const filterable = columns.filter((c) => operatorsOf(metadata, c.id).length > 0);
  const sortable = columns.filter((c) => c.attributes.isSortable !== false);
  const [columnId, setColumnId] = useState('');
  const [operator, setOperator] = useState('');
  const [typed, setTyped] = useState<string[]>(['', '']);
  const [problem, setProblem] = useState<string | null>(null);

  const column = filterable.find((c) => c.id === columnId) ?? filterable[0];
  const operators = column ? operatorsOf(metadata, column.id) : [];
  const meta = operators.find((o) => o.operator === operator) ?? operators[0];
  const arity = meta ? valueArity(meta) : 'none';

  const add = () => {
    if (!column || !meta) return;
    const parsed = filterValues(meta, typed);
    if ('error' in parsed) {
      setProblem(parsed.error);
      return;
    }
    setProblem(null);
    setTyped(['', '']);
    onChange((v) => ({ ...v, filters: [...v.filters, { columnId: column.id, operator: meta.operator, values: parsed.values }] }));
  };

  return (
    <div className="list-filters">
      {view.filters.length > 0 ? (
        <ul className="chips" aria-label="Filters">
          {view.filters.map((f, i) => (
            <li key={`${f.columnId}-${i}`} className="chip">
              {describeFilter(f, columns)}{' '}
              <button type="button" className="link-button" aria-label={`Remove filter: ${describeFilter(f, columns)}`} onClick={() => onChange((v) => ({ ...v, filters: v.filters.filter((_, j) => j !== i) }))}>
                ×
              </button>
            </li>
          ))}
          {view.filters.length > 1 ? (
            <li>
              <label className="inline">
                <span>Rows matching</span>
                <select
                  value={view.match}
                  onChange={(e) => {
                    const match = e.target.value === 'OR' ? 'OR' : 'AND';
                    onChange((v) => ({ ...v, match }));
                  }}
                >
                  <option value="AND">every filter</option>
                  <option value="OR">any filter</option>
                </select>
              </label>
            </li>
          ) : null}
        </ul>
      ) : null}
      <details className="filters">
        <summary>Filter and sort</summary>
        <form
          className="filter-form"
          aria-label="Add a filter"
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          {column && meta ? (
            <>
              <div className="two">
                <div className="form-field">
                  <label htmlFor="filter-column">Column</label>
                  <select id="filter-column" value={column.id} onChange={(e) => { setColumnId(e.target.value); setOperator(''); }}>
                    {filterable.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.attributes.name}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="form-field">
                  <label htmlFor="filter-operator">Condition</label>
                  <select id="filter-operator" value={meta.operator} onChange={(e) => setOperator(e.target.value)}>
                    {operators.map((o) => (
                      <option key={o.operator} value={o.operator}>
                        {OPERATOR_WORDS[o.operator]}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              {arity === 'none' ? null : (
                <div className={arity === 'two' ? 'two' : undefined}>
                  {(arity === 'two' ? [0, 1] : [0]).map((i) => (
                    <div className="form-field" key={i}>
                      <label htmlFor={`filter-value-${i}`}>{arity === 'two' ? (i === 0 ? 'From' : 'To') : arity === 'many' ? 'Values (comma-separated)' : 'Value'}</label>
                      <input id={`filter-value-${i}`} type="text" value={typed[i] ?? ''} onChange={(e) => {
                          const value = e.target.value;
                          setTyped((t) => t.map((x, j) => (j === i ? value : x)));
                        }}
                      />
                    </div>
                  ))}
                </div>
              )}
              {problem ? <p className="hint" role="alert">{problem}</p> : null}
              <div className="form-actions">
                <button type="submit" className="button small">
                  Add filter
                </button>
              </div>
            </>
          ) : (
            <p className="hint">No column of this list can be filtered.</p>
          )}
          <div className="two">
            <div className="form-field">
              <label htmlFor="sort-column">Sort by</label>
              <select
                id="sort-column"
                value={view.sort?.columnId ?? ''}
                onChange={(e) => {
                  const id = e.target.value;
                  onChange((v) => ({ ...v, sort: id ? { columnId: id, descending: v.sort?.descending ?? false } : null }));
                }}
              >
                <option value="">The list's order</option>
                {sortable.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.attributes.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="form-field">
              <label htmlFor="sort-direction">Direction</label>
              <select
                id="sort-direction"
                disabled={!view.sort}
                value={view.sort?.descending ? 'desc' : 'asc'}
                onChange={(e) => {
                  // Read now: by the time the stored view is updated, React has put the controlled select back.
                  const descending = e.target.value === 'desc';
                  onChange((v) => (v.sort ? { ...v, sort: { ...v.sort, descending } } : v));
                }}
              >
                <option value="asc">A → Z, low → high</option>
                <option value="desc">Z → A, high → low</option>
              </select>
            </div>
          </div>
        </form>
      </details>
    </div>
  );
}

/** Which columns the table shows, for this browser; name, email and company first as ever. */
export function ColumnPicker({ columns, view, onChange }: { columns: ListColumn[]; view: ListView; onChange: (update: (view: ListView) => ListView) => void }) {
  const hidden = new Set(view.hidden);
  return (
    <details className="filters column-picker">
      <summary>Columns ({columns.length - columns.filter((c) => hidden.has(c.id)).length} of {columns.length})</summary>
      <div className="filter-form checks" role="group" aria-label="Columns shown">
        {columns.map((c) => (
          <label key={c.id} className="check">
            <input
              type="checkbox"
              checked={!hidden.has(c.id)}
              onChange={(e) => {
                const show = e.target.checked;
                onChange((v) => ({ ...v, hidden: show ? v.hidden.filter((id) => id !== c.id) : [...v.hidden, c.id] }));
              }}
            />
            <span>{c.attributes.name}</span>
          </label>
        ))}
      </div>
    </details>
  );
}
