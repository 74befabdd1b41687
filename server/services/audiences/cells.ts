/**
 * gtm_cells (migration 21): the typed, indexed copy of cell values the rows search reads. Every
 * write of gtm_rows.cells calls one of these in its transaction; the entries come from the stored
 * jsonb through gtm_cell_entries, so they cannot disagree with it.
 */
import type { Queryable } from '../../db/index.ts';

/** Rewrites the entries of these rows: of every column, or only of the columns `columnIds`. */
export async function indexCells(tx: Queryable, rowIds: readonly string[], columnIds?: readonly string[]): Promise<void> {
  if (rowIds.length === 0 || columnIds?.length === 0) return;
  const only = columnIds === undefined;
  await tx.query(
    `WITH gone AS (DELETE FROM gtm_cells WHERE row_id = ANY($1::bigint[])${only ? '' : ' AND col IN (SELECT position FROM gtm_columns WHERE id = ANY($2::text[]))'})
     INSERT INTO gtm_cells (row_id, col, t, n)
     SELECT f.* FROM gtm_rows r, jsonb_each(r.cells) e, gtm_cell_entries(r.id, e.key, e.value->'v') f
     WHERE r.id = ANY($1::bigint[])${only ? '' : ' AND e.key = ANY($2::text[])'}`,
    only ? [rowIds] : [rowIds, columnIds],
  );
}

/** An enrichment job made these columns' cells LOADING (no value) on its rows. */
export async function dropJobCells(tx: Queryable, jobId: string, columnIds: readonly string[]): Promise<void> {
  await tx.query(
    `DELETE FROM gtm_cells WHERE col IN (SELECT position FROM gtm_columns WHERE id = ANY($2::text[]))
       AND row_id IN (SELECT id FROM gtm_rows WHERE pending_job = $1)`,
    [jobId, columnIds],
  );
}

/** The INSERT of the entries of new rows, as a CTE over the relation `rows` (id, cells) of an INSERT … RETURNING. */
export const NEW_ROW_CELLS = (rows: string) =>
  `INSERT INTO gtm_cells (row_id, col, t, n) SELECT f.* FROM ${rows} r, jsonb_each(r.cells) e, gtm_cell_entries(r.id, e.key, e.value->'v') f`;

/** Forgets the entries of these rows (deleted, or their values cleared). */
export async function dropRowCells(tx: Queryable, rowIds: readonly string[]): Promise<void> {
  if (rowIds.length > 0) await tx.query('DELETE FROM gtm_cells WHERE row_id = ANY($1::bigint[])', [rowIds]);
}

/** Forgets the entries of a deleted column. */
export async function dropColumnCells(tx: Queryable, columnId: string): Promise<void> {
  await tx.query('DELETE FROM gtm_cells WHERE col = (SELECT position FROM gtm_columns WHERE id = $1)', [columnId]);
}

/** Forgets the entries of an audience about to be deleted. */
export async function dropAudienceCells(tx: Queryable, audienceId: string): Promise<void> {
  await tx.query('DELETE FROM gtm_cells WHERE col IN (SELECT position FROM gtm_columns WHERE audience_id = $1)', [audienceId]);
}
