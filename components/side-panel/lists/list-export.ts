import { displayOrder } from '../../../utils/audiences/list-columns.ts';
import type { Audience, CellValue, Row, RowPage } from '../../../utils/audiences/schemas.ts';
import { toCsv, type Column } from '../search/csv.ts';

/** Rows per page while exporting: the most the Audiences API answers at once. */
export const EXPORT_PAGE = 500;

function text(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  return Array.isArray(value) ? value.join('; ') : String(value);
}

/**
 * The whole list as CSV: every row, every column (hidden ones too), name/email/company first; RFC
 * 4180 and formula-safe through the search export's writer. Pages through the rows, reporting
 * progress after each page.
 */
export async function exportListCsv(list: Audience, page: (number: number) => Promise<RowPage>, onProgress?: (done: number, total: number) => void): Promise<{ csv: string; rows: number }> {
  const rows: Row[] = [];
  for (let n = 1; ; n++) {
    const got = await page(n);
    rows.push(...got.data);
    onProgress?.(rows.length, got.meta.total);
    if (got.data.length === 0 || rows.length >= got.meta.total) break;
  }
  const columns: Column<Row>[] = displayOrder(list.attributes.columns, true).map((c) => ({
    header: c.attributes.name,
    value: (row) => text(row.attributes.values.find((v) => v.columnId === c.id)?.value),
  }));
  return { csv: toCsv(rows, columns), rows: rows.length };
}

export function listFileName(list: Audience, now = new Date()): string {
  const slug = list.attributes.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'list';
  return `sidecar-${slug}-${now.toISOString().slice(0, 10)}.csv`;
}
