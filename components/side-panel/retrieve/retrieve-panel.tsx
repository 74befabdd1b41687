import { useState } from 'react';
import { browser } from 'wxt/browser';
import { rowsOf } from '../../../utils/audiences/capture.ts';
import type { ConnectorAction } from '../../../utils/connectors/connector.ts';
import { canCapture, retrieveRowsAsFields } from '../../../utils/connectors/retrieve-capture.ts';
import type { ConnectorView, RetrieveTable } from '../../../utils/connectors/views.ts';
import { useSend } from '../../background.tsx';
import { formatCount } from '../../format.ts';
import { Notice, useAction } from '../../ui.tsx';
import { outputText } from '../connector-sections.tsx';
import { AddToList } from '../lists/add-to-list.tsx';
import { toCsv } from '../search/csv.ts';
import { download } from '../search/download.ts';

/** A Retrieve action and the connector it belongs to. */
export interface RetrieveChoice {
  connector: ConnectorView;
  action: ConnectorAction;
}

export function retrieveChoices(connectors: readonly ConnectorView[]): RetrieveChoice[] {
  return connectors.flatMap((connector) => connector.definition.actions.filter((action) => action.category === 'Retrieve').map((action) => ({ connector, action })));
}

const keyOf = (choice: RetrieveChoice) => `${choice.connector.definition.id}/${choice.action.id}`;

function csvOf(table: RetrieveTable): string {
  return toCsv(
    table.rows,
    table.columns.map((column, index) => ({ header: column.label, value: (row: RetrieveTable['rows'][number]) => outputText(row[index] ?? null) })),
  );
}

function ResultTable({ table, caption }: { table: RetrieveTable; caption: string }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="results" data-testid="retrieve-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th key={column.path} scope="col">
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            // The rows are the answer's items in order: their position is their identity.
            <tr key={r}>
              {table.columns.map((column, c) => (
                <td key={column.path}>{outputText(row[c] ?? null)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Retrieve actions run from the side panel (issue 14): pick one, fill its parameters (its sample
 * values to start with), run it in the worker; the answer as a table, exported as CSV, and its
 * rows added to a list when its outputs say what they are (an email, a domain, a company name…).
 */
export function RetrievePanel({ choices }: { choices: RetrieveChoice[] }) {
  const send = useSend();
  const [selected, setSelected] = useState(choices[0] ? keyOf(choices[0]) : '');
  const choice = choices.find((c) => keyOf(c) === selected) ?? choices[0];
  const [values, setValues] = useState<Record<string, Record<string, string>>>({});
  const [result, setResult] = useState<{ key: string; name: string; table: RetrieveTable } | null>(null);
  const run = useAction(async (picked: RetrieveChoice, given: Record<string, string>) => {
    const table = await send('runRetrieveAction', { connectorId: picked.connector.definition.id, actionId: picked.action.id, values: given });
    setResult({ key: keyOf(picked), name: `${picked.connector.definition.name}: ${picked.action.name}`, table });
  });
  if (!choice) return null;

  const { connector, action } = choice;
  const current = Object.fromEntries(action.parameters.map((p) => [p.name, values[keyOf(choice)]?.[p.name] ?? p.sample]));
  const setValue = (name: string, value: string) => setValues((all) => ({ ...all, [keyOf(choice)]: { ...current, [name]: value } }));
  const shown = result?.key === keyOf(choice) ? result : null;
  // The list rows, each identity once; stamped with the time of the click that adds them.
  const captured = shown ? retrieveRowsAsFields(shown.table) : [];
  const capturable = shown ? rowsOf(captured, shown.name, new Date(0)).length : 0;
  const fileName = `${connector.definition.id}-${action.id}-${new Date().toISOString().slice(0, 10)}.csv`;

  return (
    <section className="search retrieve" aria-label="Retrieve from your connectors">
      <form
        className="filters filter-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run.start(choice, current);
        }}
      >
        <div className="form-field">
          <label htmlFor="retrieve-action">Action</label>
          <select id="retrieve-action" value={keyOf(choice)} onChange={(e) => setSelected(e.target.value)}>
            {choices.map((c) => (
              <option key={keyOf(c)} value={keyOf(c)}>
                {c.connector.definition.name} · {c.action.name}
              </option>
            ))}
          </select>
          {action.description ? <p className="hint">{action.description}</p> : null}
        </div>
        {action.parameters.map((p) => (
          <div className="form-field" key={p.name}>
            <label htmlFor={`retrieve-${p.name}`}>{p.name}</label>
            <input id={`retrieve-${p.name}`} type="text" value={current[p.name] ?? ''} onChange={(e) => setValue(p.name, e.target.value)} />
            {p.description ? <p className="hint">{p.description}</p> : null}
          </div>
        ))}
        {connector.status !== 'connected' ? (
          <Notice
            tone="warning"
            title={`${connector.definition.name} is not connected.`}
            action={
              <button type="button" className="button small" onClick={() => void browser.runtime.openOptionsPage()}>
                Open options
              </button>
            }
          >
            Connect it in Sidecar’s options (Connectors) first.
          </Notice>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={run.pending || connector.status !== 'connected'}>
            {run.pending ? 'Running…' : `Run ${action.name}`}
          </button>
        </div>
      </form>

      {run.error ? (
        <Notice tone="error" title={`${action.name} failed.`}>
          {run.error.message}
        </Notice>
      ) : null}
      {shown ? (
        <div className="results-block" aria-busy={run.pending}>
          <div className="results-bar">
            <p aria-live="polite" data-testid="retrieve-summary">
              {formatCount(shown.table.rows.length)} {shown.table.rows.length === 1 ? 'row' : 'rows'} · HTTP {shown.table.status} · {Math.round(shown.table.durationMs)} ms
            </p>
            {capturable > 0 ? (
              <AddToList label={`Add ${formatCount(capturable)} to list`} capture={(listId) => send('captureRowsToList', { listId, rows: rowsOf(captured, shown.name, new Date()) })} />
            ) : null}
            <button type="button" className="button small nowrap" disabled={shown.table.rows.length === 0} onClick={() => download(csvOf(shown.table), fileName)}>
              Export CSV
            </button>
          </div>
          {shown.table.rows.length === 0 ? <p className="muted">{connector.definition.name} returned no rows.</p> : <ResultTable table={shown.table} caption={shown.name} />}
          {shown.table.rows.length > 0 && !canCapture(shown.table) ? (
            <p className="hint">To add these rows to a list, say in Options what this action’s outputs are (an email, a domain, a company name…).</p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
