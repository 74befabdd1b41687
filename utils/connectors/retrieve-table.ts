/**
 * A Retrieve action's answer as a table: every output whose path goes through a list (`[]`) is a
 * column with one row per item; a scalar output is repeated on every row.
 */
import type { ActionOutput } from './connector.ts';
import { valueAt } from './outputs.ts';
import type { JsonValue } from './template.ts';
import type { RetrieveTable } from './views.ts';

export function retrieveTableOf(json: JsonValue | null, outputs: readonly ActionOutput[]): Pick<RetrieveTable, 'columns' | 'rows'> {
  const columns = outputs.map(({ label, path, entityField }) => ({ label, path, ...(entityField ? { entityField } : {}) }));
  if (json === null) return { columns, rows: [] };
  type Cell = { kind: 'list'; items: JsonValue[] } | { kind: 'scalar'; value: JsonValue };
  const cells = outputs.map((output): Cell => {
    const at = output.path.indexOf('[]');
    if (at === -1) return { kind: 'scalar', value: valueAt(json, output.path) };
    // Item by item, so an item without the field keeps its row (a `[]` path skips such items).
    const list = at === 0 ? json : valueAt(json, output.path.slice(0, at));
    const rest = output.path.slice(at + 2).replace(/^\./, '');
    const items = Array.isArray(list) ? list.map((item) => (rest ? valueAt(item, rest) : item)) : [];
    return { kind: 'list', items };
  });
  const lists = cells.flatMap((cell) => (cell.kind === 'list' ? [cell.items.length] : []));
  // Scalars only: one row; otherwise as many rows as the longest list.
  const rowCount = lists.length === 0 ? (cells.length > 0 ? 1 : 0) : Math.max(...lists);
  const rows = Array.from({ length: rowCount }, (_, row) => cells.map((cell) => (cell.kind === 'list' ? (cell.items[row] ?? null) : cell.value)));
  return { columns, rows };
}
