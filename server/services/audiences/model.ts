/** The stored shapes of the Audiences API and their JSON:API form. */
import type { AI_TOOLS, CellError, CellState, CellValueT, ColumnType, DataType, MatchField } from '../../audiences/schemas.ts';

export interface FolderRow {
  id: string;
  name: string;
  notes: string | null;
  starred: boolean;
  created_by: string;
  updated_by: string;
  created_at: string;
  updated_at: string;
  audiences: string[];
}

export interface AudienceRow {
  id: string;
  folder_id: string;
  folder_name: string;
  name: string;
  notes: string | null;
  type: 'CONTACT' | 'COMPANY';
  record_count: number;
  created_by: string;
  updated_by: string;
  created_at: string;
  updated_at: string;
}

export interface Dependency {
  id: string;
  type: 'COLUMN' | 'KNOWLEDGE_BASE';
}

export interface ColumnRow {
  id: string;
  audience_id: string;
  /** The column's key in gtm_cells (unique across audiences). */
  position: number;
  name: string;
  column_type: ColumnType;
  data_type: DataType;
  prompt: string | null;
  tool: (typeof AI_TOOLS)[number] | null;
  data_dependencies: Dependency[] | null;
  expression: string | null;
  mapped_to: MatchField | null;
  is_frozen: boolean;
  is_hidden: boolean;
  created_by: string;
  updated_by: string;
  created_at: string;
  updated_at: string;
}

/** A stored cell: `v` the value (absent: none), `s` the state, `e` why it is ERROR. */
export interface StoredCell {
  v?: CellValueT;
  s: CellState;
  e?: CellError;
}

export type Cells = Record<string, StoredCell>;

export interface RowRecord {
  id: string;
  cells: Cells;
}

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
export const ts = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', ${ISO})`;

export const COLUMN_SELECT = `SELECT id, audience_id, position, name, column_type, data_type, prompt, tool, data_dependencies, expression, mapped_to,
  is_frozen, is_hidden, created_by, updated_by, ${ts('created_at')} AS created_at, ${ts('updated_at')} AS updated_at
  FROM gtm_columns`;

export const AUDIENCE_SELECT = `SELECT a.id, a.folder_id, f.name AS folder_name, a.name, a.notes, a.type, a.record_count, a.created_by, a.updated_by,
  ${ts('a.created_at')} AS created_at, ${ts('a.updated_at')} AS updated_at
  FROM gtm_audiences a JOIN gtm_folders f ON f.id = a.folder_id`;

/** A stable numeric id for a client id (the published meta carries numeric user ids). */
export function userId(clientId: string): number {
  let h = 0;
  for (const ch of clientId) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
  return h;
}

export function metaOf(r: { created_by: string; updated_by: string; created_at: string; updated_at: string }) {
  return {
    createdAt: r.created_at,
    createdById: userId(r.created_by),
    createdByName: r.created_by,
    updatedAt: r.updated_at,
    updatedById: userId(r.updated_by),
    updatedByName: r.updated_by,
  };
}

export function folderResource(f: FolderRow) {
  return {
    id: f.id,
    type: 'Folder' as const,
    attributes: { name: f.name, ...(f.notes !== null ? { notes: f.notes } : {}), starred: f.starred, audiences: f.audiences },
    meta: metaOf(f),
  };
}

export function columnResource(col: ColumnRow, all: ColumnRow[]) {
  const computed = col.column_type !== 'CUSTOM';
  const criteria = col.column_type === 'ZOOMINFO_MATCH'
    ? all.filter((c) => c.mapped_to !== null).map((c) => ({ columnId: c.id, mappedTo: c.mapped_to as MatchField }))
    : undefined;
  return {
    id: col.id,
    type: 'Column' as const,
    attributes: {
      name: col.name,
      dataType: col.data_type,
      isDeletable: true,
      isEditable: !computed,
      isExportable: true,
      isFilterable: true,
      isFrozen: col.is_frozen,
      isHidden: col.is_hidden,
      isSortable: true,
      columnType: col.column_type,
      ...(col.prompt !== null ? { prompt: col.prompt } : {}),
      ...(col.tool !== null ? { tool: col.tool } : {}),
      ...(col.data_dependencies !== null ? { dataDependencies: col.data_dependencies } : {}),
      ...(col.expression !== null ? { scriptConfiguration: { language: 'JAVASCRIPT' as const, expression: col.expression } } : {}),
      ...(criteria ? { matchCriteria: criteria } : {}),
    },
    meta: metaOf(col),
  };
}

export function audienceResource(a: AudienceRow, columns: ColumnRow[]) {
  return {
    id: a.id,
    type: 'Audience' as const,
    attributes: {
      name: a.name,
      ...(a.notes !== null ? { notes: a.notes } : {}),
      recordCount: a.record_count,
      type: a.type,
      folderId: a.folder_id,
      origin: 'CUSTOM' as const,
      folderName: a.folder_name,
      columns: columns.map((c) => columnResource(c, columns)),
    },
    meta: metaOf(a),
  };
}

export function rowResource(row: RowRecord, columns: ColumnRow[]) {
  return {
    id: row.id,
    type: 'Row' as const,
    attributes: {
      values: columns.map((col) => {
        const cell = row.cells[col.id];
        return {
          columnId: col.id,
          value: cell?.v ?? null,
          state: cell?.s ?? ('BLANK' as const),
          ...(cell?.e ? { errorDetails: cell.e } : {}),
        };
      }),
    },
  };
}

/** Columns whose cells an enrichment job fills. */
export const ENRICHED_TYPES: readonly ColumnType[] = ['ZOOMINFO_MATCH', 'FORMULA', 'AI'];
