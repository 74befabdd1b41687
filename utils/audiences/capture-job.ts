import type { JobHandler } from '../jobs/job-runner.ts';
import { MAX_BULK_UPSERT, type AudiencesClient } from './client.ts';
import { captureItem, identities, storedIdentities, toRowInput, type CaptureRow } from './capture.ts';
import { columnsByRole, type ColumnRole } from './list-columns.ts';
import type { RowFilter } from './schemas.ts';

export const CAPTURE_JOB = 'list-capture';
/** HAS_ONE_OF takes at most this many values (the filter-metadata's valueCountLimit). */
const FILTER_VALUES = 100;

/**
 * Writes captured rows into a list, ≤ 500 per bulk upsert. Each chunk first asks the list which of
 * its rows are there already (by client key, email or LinkedIn URL), so a chunk done again after
 * the worker stopped mid-way, or a second capture of the same page, adds nothing twice.
 */
export function captureJobHandler(audiences: () => Promise<AudiencesClient>): JobHandler {
  return {
    kind: CAPTURE_JOB,
    chunkSize: MAX_BULK_UPSERT,
    async process(items) {
      const parsed = items.map((item) => captureItem.parse(item));
      const listId = parsed[0]?.listId;
      if (!listId) return;
      const client = await audiences();
      const roles = columnsByRole((await client.list(listId)).attributes.columns);
      const rows = parsed.map((p) => p.row);
      const present = await presentIdentities(client, listId, roles, rows);
      const fresh = rows.filter((r) => ![r.key, ...identities(r)].some((id) => present.has(id)));
      await client.upsertRows(listId, fresh.map((r) => toRowInput(r, roles)));
    },
  };
}

async function presentIdentities(client: AudiencesClient, listId: string, roles: Partial<Record<ColumnRole, string>>, rows: CaptureRow[]): Promise<Set<string>> {
  const present = new Set<string>();
  for (let i = 0; i < rows.length; i += FILTER_VALUES) {
    const group = rows.slice(i, i + FILTER_VALUES);
    const filters: RowFilter[] = [];
    const anyOf = (role: ColumnRole, values: (string | undefined)[]) => {
      const columnId = roles[role];
      const set = [...new Set(values.filter((v): v is string => Boolean(v)))];
      if (columnId && set.length > 0) filters.push({ columnId, filterOperator: 'HAS_ONE_OF', values: set });
    };
    anyOf('key', group.map((r) => r.key));
    anyOf('email', group.map((r) => r.email));
    anyOf('linkedin', group.map((r) => r.linkedin));
    if (filters.length === 0) continue;
    for (let page = 1; ; page++) {
      const found = await client.rows(listId, { page, size: 500, filters, match: 'OR' });
      for (const row of found.data) for (const id of storedIdentities(row, roles)) present.add(id);
      if (found.data.length === 0 || page * 500 >= found.meta.total) break;
    }
  }
  return present;
}
