/**
 * A Retrieve action's answer as a table: every output whose path goes through a list (`[]`) is a
 * column with one row per item; a scalar output is repeated on every row.
 */
import type { ActionOutput } from './connector.ts';
import { valueAt } from './outputs.ts';
import type { JsonValue } from './template.ts';
import type { RetrieveTable } from './views.ts';

export function retrieveTableOf(json: JsonValue | null, outputs: readonly ActionOutput[]): Pick<RetrieveTable, 'columns' | 'rows'> {
  const columns = outputs.map(({ label, path }) => ({ label, path }));
  if (json === null) return { columns, rows: [] };
  type Cell = { kind: 'list'; items: JsonValue[] } | { kind: 'scalar'; value: JsonValue };
  const cells = outputs.map((output): Cell => {
    const value = valueAt(json, output.path);
    return output.path.includes('[]') ? { kind: 'list', items: Array.isArray(value) ? value : [] } : { kind: 'scalar', value };
  });
  const lists = cells.flatMap((cell) => (cell.kind === 'list' ? [cell.items.length] : []));
  // Scalars only: one row; otherwise as many rows as the longest list.
  const rowCount = lists.length === 0 ? (cells.length > 0 ? 1 : 0) : Math.max(...lists);
  const rows = Array.from({ length: rowCount }, (_, row) => cells.map((cell) => (cell.kind === 'list' ? (cell.items[row] ?? null) : cell.value)));
  return { columns, rows };
}
