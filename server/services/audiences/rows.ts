/**
 * Rows: upsert (set-based: one INSERT and one UPDATE per call, whatever the row count, answered
 * from what those returned), get, bulk delete and search. A CUSTOM cell written is RESULT; changing a row's inputs makes its
 * enriched cells BLANK again (they described the old inputs).
 */
import type { Db, Queryable } from '../../db/index.ts';
import { GtmFailure } from '../../audiences/errors.ts';
import type { UpsertRowInput } from '../../audiences/schemas.ts';
import { ENRICHED_TYPES, type Cells, type ColumnRow, type RowRecord, type StoredCell } from './model.ts';
import { dropRowCells, indexCells, NEW_ROW_CELLS } from './cells.ts';
import { getAudience, getColumns, newId } from './store.ts';
import { isEmptyValue, misfit } from './values.ts';

const ROW_ID = /^\d{1,18}$/;

export async function getRows(db: Queryable, audienceId: string, ids: string[]): Promise<RowRecord[]> {
  const valid = ids.filter((id) => ROW_ID.test(id));
  if (valid.length === 0) return [];
  const rows = await db.query<{ id: string; cells: Cells }>(
    'SELECT id::text AS id, cells FROM gtm_rows WHERE audience_id = $1 AND id = ANY($2::bigint[])',
    [audienceId, valid],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function getRow(db: Queryable, audienceId: string, rowId: string): Promise<RowRecord> {
  await getAudience(db, audienceId);
  const [row] = await getRows(db, audienceId, [rowId]);
  if (!row) throw new GtmFailure('not_found', `Audience ${audienceId} has no row ${rowId}.`, { parameter: 'rowId' });
  return row;
}

/** Checks that every id is a row of this audience (not of another one); throws naming the first that is not. */
async function ownRows(tx: Queryable, audienceId: string, ids: string[], pointer: (i: number) => string): Promise<void> {
  for (const [i, id] of ids.entries()) {
    if (!ROW_ID.test(id)) throw new GtmFailure('not_found', `Row id "${id}" is not a row of audience ${audienceId}.`, { pointer: pointer(i) });
  }
  const found = await tx.query<{ id: string }>('SELECT id::text AS id FROM gtm_rows WHERE audience_id = $1 AND id = ANY($2::bigint[])', [audienceId, ids]);
  const have = new Set(found.map((r) => r.id));
  const missing = ids.findIndex((id) => !have.has(id));
  if (missing >= 0) throw new GtmFailure('not_found', `Row ${ids[missing]} is not a row of audience ${audienceId}.`, { pointer: pointer(missing) });
}

export interface UpsertResult {
  /** The rows as stored, in the order of the call. */
  rows: RowRecord[];
  columns: ColumnRow[];
}

export async function upsertRows(db: Db, audienceId: string, rows: UpsertRowInput[], maxRows: number): Promise<UpsertResult> {
  return db.transaction(async (tx) => {
    // Locks the audience: concurrent upserts of one audience count its rows one after the other.
    const [audience] = await tx.query<{ record_count: number }>('SELECT record_count FROM gtm_audiences WHERE id = $1 FOR UPDATE', [audienceId]);
    if (!audience) throw new GtmFailure('not_found', `No audience ${audienceId}.`, { parameter: 'audienceId' });
    const columns = await getColumns(tx, audienceId);
    const byId = new Map(columns.map((c) => [c.id, c]));
    const enriched = columns.filter((c) => ENRICHED_TYPES.includes(c.column_type)).map((c) => c.id);
    const patches: { id: string | undefined; set: Cells; clear: string[] }[] = [];
    const seen = new Set<string>();
    for (const [i, row] of rows.entries()) {
      if (row.id !== undefined) {
        if (seen.has(row.id)) throw new GtmFailure('invalid_input', `data[${i}]: row ${row.id} appears twice in this call.`, { pointer: `/data/${i}/id` });
        seen.add(row.id);
      }
      const set: Cells = {};
      const clear: string[] = [];
      for (const [j, cell] of row.attributes.values.entries()) {
        const pointer = `/data/${i}/attributes/values/${j}`;
        const column = byId.get(cell.columnId);
        if (!column) throw new GtmFailure('invalid_input', `data[${i}].values[${j}]: column ${cell.columnId} is not a column of audience ${audienceId}.`, { pointer: `${pointer}/columnId` });
        if (column.column_type !== 'CUSTOM') {
          throw new GtmFailure('invalid_input', `data[${i}].values[${j}]: "${column.name}" is a ${column.column_type} column; enrichment fills it, only CUSTOM cells are written.`, { pointer: `${pointer}/columnId` });
        }
        const why = misfit(column.data_type, cell.value);
        if (why) throw new GtmFailure('invalid_input', `data[${i}].values[${j}] ("${column.name}", ${column.data_type}): ${why}.`, { pointer: `${pointer}/value` });
        if (isEmptyValue(cell.value)) clear.push(column.id);
        else set[column.id] = { v: cell.value, s: 'RESULT' } satisfies StoredCell;
      }
      patches.push({ id: row.id, set, clear: row.id === undefined ? [] : [...clear, ...enriched] });
    }
    const updates = patches.filter((p) => p.id !== undefined);
    const inserts = patches.filter((p) => p.id === undefined);
    await ownRows(tx, audienceId, updates.map((u) => u.id as string), (k) => `/data/${patches.indexOf(updates[k] as (typeof patches)[number])}/id`);
    if (audience.record_count + inserts.length > maxRows) {
      throw new GtmFailure('invalid_input', `An audience holds at most ${maxRows} rows (AUDIENCE_MAX_ROWS); it has ${audience.record_count} and this call adds ${inserts.length}.`);
    }
    const stored = new Map<string, Cells>();
    if (updates.length > 0) {
      const updated = await tx.query<{ id: string; cells: Cells }>(
        `UPDATE gtm_rows r SET cells = (r.cells - ARRAY(SELECT jsonb_array_elements_text(u.clear::jsonb))) || u.set::jsonb, updated_at = now()
         FROM unnest($2::bigint[], $3::text[], $4::text[]) AS u(id, set, clear)
         WHERE r.id = u.id AND r.audience_id = $1
         RETURNING r.id::text AS id, r.cells`,
        [audienceId, updates.map((u) => u.id as string), updates.map((u) => JSON.stringify(u.set)), updates.map((u) => JSON.stringify(u.clear))],
      );
      for (const row of updated) stored.set(row.id, row.cells);
    }
    let inserted: string[] = [];
    if (inserts.length > 0) {
      const created = await tx.query<{ id: string }>(
        `WITH created AS (
           INSERT INTO gtm_rows (audience_id, cells)
           SELECT $1, u.set::jsonb FROM unnest($2::text[]) WITH ORDINALITY AS u(set, n) ORDER BY u.n
           RETURNING id, cells),
         indexed AS (${NEW_ROW_CELLS('created')})
         SELECT id::text AS id FROM created`,
        [audienceId, inserts.map((p) => JSON.stringify(p.set))],
      );
      inserted = created.map((r) => r.id).sort((a, b) => Number(a) - Number(b));
      for (const [k, id] of inserted.entries()) stored.set(id, (inserts[k] as (typeof inserts)[number]).set);
      await tx.query('UPDATE gtm_audiences SET record_count = record_count + $2, updated_at = now() WHERE id = $1', [audienceId, inserts.length]);
    }
    await indexCells(tx, updates.map((u) => u.id as string));
    let next = 0;
    const ids = patches.map((p) => p.id ?? (inserted[next++] as string));
    return { rows: ids.map((id) => ({ id, cells: stored.get(id) ?? {} })), columns };
  });
}

/** Deletes the rows (all of this audience, or nothing); the result is recorded as a finished job. */
export async function deleteRows(db: Db, account: string, audienceId: string, ids: string[]): Promise<string> {
  return db.transaction(async (tx) => {
    await getAudience(tx, audienceId);
    const unique = [...new Set(ids)];
    await ownRows(tx, audienceId, unique, (i) => `/data/${ids.indexOf(unique[i] as string)}/id`);
    await tx.query('DELETE FROM gtm_rows WHERE audience_id = $1 AND id = ANY($2::bigint[])', [audienceId, unique]);
    await dropRowCells(tx, unique);
    await tx.query('UPDATE gtm_audiences SET record_count = record_count - $2, updated_at = now() WHERE id = $1', [audienceId, unique.length]);
    const jobId = newId();
    await tx.query(
      `INSERT INTO gtm_jobs (id, audience_id, kind, account, status, total, processed, finished_at)
       VALUES ($1, $2, 'DELETE_ROWS', $3, 'SUCCEEDED', $4, $4, now())`,
      [jobId, audienceId, account, unique.length],
    );
    return jobId;
  });
}

export type { ColumnRow };
