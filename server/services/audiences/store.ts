/**
 * Folders, audiences, columns and match criteria of the Audiences API. Every change runs in one
 * transaction and validates before it writes, so a refused request leaves the database as it was.
 */
import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../../db/index.ts';
import { GtmFailure } from '../../audiences/errors.ts';
import type { ColumnInput, DataType, MatchField } from '../../audiences/schemas.ts';
import { dropAudienceCells, dropColumnCells } from './cells.ts';
import { knowledgeBaseSources } from './dependencies.ts';
import { compileFormula } from './formula.ts';
import { AUDIENCE_SELECT, COLUMN_SELECT, ts, userId, type AudienceRow, type ColumnRow, type FolderRow } from './model.ts';

export const newId = (): string => randomUUID();

const FOLDER_SELECT = `SELECT f.id, f.name, f.notes, f.starred, f.created_by, f.updated_by, ${ts('f.created_at')} AS created_at, ${ts('f.updated_at')} AS updated_at,
  COALESCE((SELECT array_agg(a.id ORDER BY a.created_at) FROM gtm_audiences a WHERE a.folder_id = f.id), '{}') AS audiences
  FROM gtm_folders f`;

export async function getFolder(db: Queryable, id: string): Promise<FolderRow> {
  const [folder] = await db.query<FolderRow>(`${FOLDER_SELECT} WHERE f.id = $1`, [id]);
  if (!folder) throw new GtmFailure('not_found', `No folder ${id}.`, { parameter: 'folderId' });
  return folder;
}

export async function createFolder(db: Queryable, actor: string, input: { name: string; notes?: string; starred?: boolean }): Promise<FolderRow> {
  const id = newId();
  await db.query('INSERT INTO gtm_folders (id, name, notes, starred, created_by, updated_by) VALUES ($1, $2, $3, $4, $5, $5)', [
    id, input.name, input.notes ?? null, input.starred ?? false, actor,
  ]);
  return getFolder(db, id);
}

const FOLDER_SORTS: Record<string, string> = {
  name: 'lower(f.name)',
  createdAt: 'f.created_at',
  updatedAt: 'f.updated_at',
  audienceCount: '(SELECT count(*) FROM gtm_audiences a WHERE a.folder_id = f.id)',
};

export interface ListQuery {
  page: number;
  size: number;
  sort: string | undefined;
  searchText: string | undefined;
}

function orderBy(sort: string | undefined, sorts: Record<string, string>, fallback: string): string {
  if (!sort) return fallback;
  const parts = sort.split(',').map((s) => s.trim()).filter(Boolean);
  const sql = parts.map((part) => {
    const desc = part.startsWith('-');
    const expr = sorts[desc ? part.slice(1) : part];
    if (!expr) throw new GtmFailure('invalid_input', `sort: "${part}" is not one of ${Object.keys(sorts).join(', ')} (prefix - for descending).`, { parameter: 'sort' });
    return `${expr} ${desc ? 'DESC' : 'ASC'}`;
  });
  return `${sql.join(', ')}, ${fallback}`;
}

const likeText = (s: string) => `%${s.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

export interface FolderFilters {
  createdById?: number[];
  updatedById?: number[];
  createdAfter?: string;
  createdBefore?: string;
  updatedAfter?: string;
  updatedBefore?: string;
}

export async function listFolders(db: Queryable, q: ListQuery & FolderFilters): Promise<{ rows: FolderRow[]; total: number }> {
  const where: string[] = [];
  const params: (string | number | string[])[] = [];
  // A user id is a hash of a client id (metaOf): the folders' own authors are the candidates.
  for (const [ids, column] of [[q.createdById, 'created_by'], [q.updatedById, 'updated_by']] as const) {
    if (ids === undefined) continue;
    const authors = await db.query<{ who: string }>(`SELECT DISTINCT ${column} AS who FROM gtm_folders`);
    params.push(authors.map((a) => a.who).filter((who) => ids.includes(userId(who))));
    where.push(`f.${column} = ANY($${params.length}::text[])`);
  }
  for (const [value, sql] of [[q.updatedAfter, 'f.updated_at >'], [q.updatedBefore, 'f.updated_at <']] as const) {
    if (value === undefined) continue;
    params.push(value);
    where.push(`${sql} $${params.length}::timestamptz`);
  }
  if (q.searchText) {
    params.push(likeText(q.searchText));
    where.push(`lower(f.name) LIKE $${params.length}`);
  }
  if (q.createdAfter) {
    params.push(q.createdAfter);
    where.push(`f.created_at > $${params.length}::timestamptz`);
  }
  if (q.createdBefore) {
    params.push(q.createdBefore);
    where.push(`f.created_at < $${params.length}::timestamptz`);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM gtm_folders f ${clause}`, params);
  const rows = await db.query<FolderRow>(
    `${FOLDER_SELECT} ${clause} ORDER BY ${orderBy(q.sort, FOLDER_SORTS, 'f.created_at, f.id')} LIMIT ${q.size} OFFSET ${(q.page - 1) * q.size}`,
    params,
  );
  return { rows, total: count?.n ?? 0 };
}

export async function updateFolder(db: Db, actor: string, id: string, input: { name?: string; notes?: string; starred?: boolean }): Promise<FolderRow> {
  await getFolder(db, id);
  await db.query(
    `UPDATE gtm_folders SET name = COALESCE($2, name), notes = COALESCE($3, notes), starred = COALESCE($4, starred), updated_by = $5, updated_at = now() WHERE id = $1`,
    [id, input.name ?? null, input.notes ?? null, input.starred ?? null, actor],
  );
  return getFolder(db, id);
}

export async function deleteFolder(db: Db, id: string): Promise<void> {
  const folder = await getFolder(db, id);
  if (folder.audiences.length > 0) {
    throw new GtmFailure('conflict', `Folder ${id} still holds ${folder.audiences.length} audience(s); move or delete them first.`);
  }
  await db.query('DELETE FROM gtm_folders WHERE id = $1', [id]);
}

// ---- audiences ----

export async function getAudience(db: Queryable, id: string): Promise<AudienceRow> {
  const [audience] = await db.query<AudienceRow>(`${AUDIENCE_SELECT} WHERE a.id = $1`, [id]);
  if (!audience) throw new GtmFailure('not_found', `No audience ${id}.`, { parameter: 'audienceId' });
  return audience;
}

export function getColumns(db: Queryable, audienceId: string): Promise<ColumnRow[]> {
  return db.query<ColumnRow>(`${COLUMN_SELECT} WHERE audience_id = $1 ORDER BY position`, [audienceId]);
}

const AUDIENCE_SORTS: Record<string, string> = {
  name: 'lower(a.name)',
  createdAt: 'a.created_at',
  updatedAt: 'a.updated_at',
  recordCount: 'a.record_count',
};

export async function listAudiences(db: Queryable, q: ListQuery & { type?: string }): Promise<{ rows: AudienceRow[]; total: number }> {
  const where: string[] = [];
  const params: string[] = [];
  if (q.searchText) {
    params.push(likeText(q.searchText));
    where.push(`lower(a.name) LIKE $${params.length}`);
  }
  if (q.type) {
    params.push(q.type);
    where.push(`a.type = $${params.length}`);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM gtm_audiences a ${clause}`, params);
  const rows = await db.query<AudienceRow>(
    `${AUDIENCE_SELECT} ${clause} ORDER BY ${orderBy(q.sort, AUDIENCE_SORTS, 'a.created_at, a.id')} LIMIT ${q.size} OFFSET ${(q.page - 1) * q.size}`,
    params,
  );
  return { rows, total: count?.n ?? 0 };
}

export interface AudienceInput {
  name: string;
  notes?: string;
  type: 'CONTACT' | 'COMPANY';
  folderId?: string;
  columns?: { attributes: { name: string; dataType: DataType; isFrozen?: boolean; isHidden?: boolean } }[];
}

export async function createAudience(db: Db, actor: string, input: AudienceInput, autoMatch: boolean): Promise<string> {
  return db.transaction(async (tx) => {
    let folderId = input.folderId;
    if (folderId !== undefined) await getFolder(tx, folderId);
    else {
      // No folder named: one named after the audience (the published behaviour).
      folderId = newId();
      await tx.query('INSERT INTO gtm_folders (id, name, created_by, updated_by) VALUES ($1, $2, $3, $3)', [folderId, input.name, actor]);
    }
    const id = newId();
    await tx.query('INSERT INTO gtm_audiences (id, folder_id, name, notes, type, created_by, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $6)', [
      id, folderId, input.name, input.notes ?? null, input.type, actor,
    ]);
    const columns: ColumnInput[] = (input.columns ?? []).map((c) => ({ columnType: 'CUSTOM', ...c.attributes }));
    await insertColumns(tx, actor, id, input.type, columns);
    if (autoMatch) await inferMatchCriteria(tx, actor, id, input.type, false);
    return id;
  });
}

export async function updateAudience(db: Db, actor: string, id: string, input: { name?: string; notes?: string; folderId?: string }): Promise<void> {
  await db.transaction(async (tx) => {
    await getAudience(tx, id);
    if (input.folderId !== undefined) await getFolder(tx, input.folderId);
    await tx.query(
      `UPDATE gtm_audiences SET name = COALESCE($2, name), notes = COALESCE($3, notes), folder_id = COALESCE($4, folder_id), updated_by = $5, updated_at = now() WHERE id = $1`,
      [id, input.name ?? null, input.notes ?? null, input.folderId ?? null, actor],
    );
  });
}

/** Deleting an audience cancels its running jobs: their remaining rows are gone with it. */
export async function deleteAudience(db: Db, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    await getAudience(tx, id);
    await tx.query(
      `UPDATE gtm_jobs SET status = 'CANCELLED', finished_at = now() WHERE audience_id = $1 AND status IN ('SCHEDULED', 'RUNNING')`,
      [id],
    );
    await dropAudienceCells(tx, id);
    await tx.query('DELETE FROM gtm_audiences WHERE id = $1', [id]);
  });
}

// ---- columns ----

const MATCH_DATA_TYPE = { CONTACT: 'ZI_CONTACT_ID', COMPANY: 'ZI_COMPANY_ID' } as const;

export async function insertColumns(tx: Queryable, actor: string, audienceId: string, type: 'CONTACT' | 'COMPANY', inputs: ColumnInput[]): Promise<string[]> {
  const existing = await getColumns(tx, audienceId);
  const names = new Set(existing.map((c) => c.name.toLowerCase()));
  let hasMatch = existing.some((c) => c.column_type === 'ZOOMINFO_MATCH');
  const pending: ColumnRow[] = [...existing];
  const ids: string[] = [];
  for (const [i, input] of inputs.entries()) {
    const where = `data[${i}]`;
    if (names.has(input.name.toLowerCase())) throw new GtmFailure('invalid_input', `${where}: the audience already has a column named "${input.name}"; column names are unique.`, { pointer: `/data/${i}/attributes/name` });
    names.add(input.name.toLowerCase());
    let dataType: DataType = input.dataType ?? 'TEXT';
    let expression: string | null = null;
    let deps: ColumnRow['data_dependencies'] = null;
    if (input.columnType === 'ZOOMINFO_MATCH') {
      if (hasMatch) throw new GtmFailure('invalid_input', `${where}: an audience has one ZOOMINFO_MATCH column, and this one has it already.`, { pointer: `/data/${i}/attributes/columnType` });
      if (input.dataType !== MATCH_DATA_TYPE[type]) {
        throw new GtmFailure('invalid_input', `${where}: a ZOOMINFO_MATCH column of a ${type} audience has dataType ${MATCH_DATA_TYPE[type]}, not ${input.dataType}.`, { pointer: `/data/${i}/attributes/dataType` });
      }
      hasMatch = true;
    } else if (input.dataType === 'ZI_CONTACT_ID' || input.dataType === 'ZI_COMPANY_ID') {
      throw new GtmFailure('invalid_input', `${where}: dataType ${input.dataType} belongs to the ZOOMINFO_MATCH column only.`, { pointer: `/data/${i}/attributes/dataType` });
    }
    if (input.columnType === 'FORMULA') {
      const compiled = compileFormula(input.prompt, pending.map((c) => c.name));
      if ('error' in compiled) throw new GtmFailure('invalid_input', `${where}: ${compiled.error}`, { pointer: `/data/${i}/attributes/prompt` });
      expression = compiled.expression;
    }
    if (input.columnType === 'AI') {
      dataType = input.dataType ?? 'TEXT';
      deps = input.dataDependencies ?? [];
      const sources = new Set(knowledgeBaseSources(type).map((s) => s.id));
      for (const [j, dep] of deps.entries()) {
        const ok = dep.type === 'COLUMN' ? pending.some((c) => c.id === dep.id) : sources.has(dep.id);
        if (!ok) {
          throw new GtmFailure('invalid_input', `${where}: dataDependencies[${j}] ${dep.type} "${dep.id}" is not a source of this audience; GET …/columns/data-dependencies/{tool} lists them.`, { pointer: `/data/${i}/attributes/dataDependencies/${j}` });
        }
      }
    }
    const id = newId();
    await tx.query(
      `INSERT INTO gtm_columns (id, audience_id, name, column_type, data_type, prompt, tool, data_dependencies, expression, is_frozen, is_hidden, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $12)`,
      [
        id, audienceId, input.name, input.columnType, dataType,
        input.columnType === 'FORMULA' || input.columnType === 'AI' ? input.prompt : null,
        input.columnType === 'AI' ? (input.tool ?? 'AI_DATA_ANALYSIS') : null,
        deps === null ? null : JSON.stringify(deps), expression, input.isFrozen ?? false, input.isHidden ?? false, actor,
      ],
    );
    pending.push({ id, name: input.name, column_type: input.columnType } as ColumnRow);
    ids.push(id);
  }
  await tx.query('UPDATE gtm_audiences SET updated_at = now(), updated_by = $2 WHERE id = $1', [audienceId, actor]);
  return ids;
}

export async function addColumns(db: Db, actor: string, audienceId: string, inputs: ColumnInput[]): Promise<string[]> {
  return db.transaction(async (tx) => {
    const audience = await getAudience(tx, audienceId);
    await refuseWhileEnriching(tx, audienceId, 'add columns');
    return insertColumns(tx, actor, audienceId, audience.type, inputs);
  });
}

async function refuseWhileEnriching(tx: Queryable, audienceId: string, what: string): Promise<void> {
  const running = await tx.query("SELECT 1 FROM gtm_jobs WHERE audience_id = $1 AND kind = 'ENRICH' AND status IN ('SCHEDULED', 'RUNNING') LIMIT 1", [audienceId]);
  if (running.length > 0) throw new GtmFailure('conflict', `An enrichment job is running on audience ${audienceId}; ${what} once it ends.`);
}

async function getColumn(tx: Queryable, audienceId: string, columnId: string): Promise<ColumnRow> {
  const [column] = await tx.query<ColumnRow>(`${COLUMN_SELECT} WHERE id = $1 AND audience_id = $2`, [columnId, audienceId]);
  if (!column) throw new GtmFailure('not_found', `Audience ${audienceId} has no column ${columnId}.`, { parameter: 'columnId' });
  return column;
}

export async function updateColumn(
  db: Db,
  actor: string,
  audienceId: string,
  columnId: string,
  input: { name?: string; isFrozen?: boolean; isHidden?: boolean; prompt?: string; dataType?: string; columnType?: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    await getAudience(tx, audienceId);
    const column = await getColumn(tx, audienceId, columnId);
    if (input.prompt !== undefined && input.prompt !== column.prompt) await changePrompt(tx, audienceId, column, input.prompt);
    if (input.dataType !== undefined && input.dataType !== column.data_type) {
      throw new GtmFailure('invalid_input', `A column's dataType is fixed at creation (${column.data_type}); create a new column of type ${input.dataType} instead.`, { pointer: '/data/attributes/dataType' });
    }
    if (input.columnType !== undefined && input.columnType !== column.column_type) {
      throw new GtmFailure('invalid_input', `A column's columnType is fixed at creation (${column.column_type}).`, { pointer: '/data/attributes/columnType' });
    }
    if (input.name !== undefined && input.name.toLowerCase() !== column.name.toLowerCase()) {
      const clash = await tx.query('SELECT 1 FROM gtm_columns WHERE audience_id = $1 AND lower(name) = lower($2)', [audienceId, input.name]);
      if (clash.length > 0) throw new GtmFailure('invalid_input', `The audience already has a column named "${input.name}".`, { pointer: '/data/attributes/name' });
    }
    await tx.query(
      'UPDATE gtm_columns SET name = COALESCE($2, name), is_frozen = COALESCE($3, is_frozen), is_hidden = COALESCE($4, is_hidden), updated_by = $5, updated_at = now() WHERE id = $1',
      [columnId, input.name ?? null, input.isFrozen ?? null, input.isHidden ?? null, actor],
    );
  });
}

/**
 * A new prompt for an AI or FORMULA column (a FORMULA's recompiled over the other columns). The
 * column's cells described the old prompt: they become BLANK, and the next enrichment fills them.
 */
async function changePrompt(tx: Queryable, audienceId: string, column: ColumnRow, prompt: string): Promise<void> {
  if (column.column_type !== 'AI' && column.column_type !== 'FORMULA') {
    throw new GtmFailure('invalid_input', `"${column.name}" is a ${column.column_type} column; only AI and FORMULA columns have a prompt.`, { pointer: '/data/attributes/prompt' });
  }
  await refuseWhileEnriching(tx, audienceId, 'change a prompt');
  let expression: string | null = null;
  if (column.column_type === 'FORMULA') {
    const compiled = compileFormula(prompt, (await getColumns(tx, audienceId)).filter((c) => c.id !== column.id).map((c) => c.name));
    if ('error' in compiled) throw new GtmFailure('invalid_input', compiled.error, { pointer: '/data/attributes/prompt' });
    expression = compiled.expression;
  }
  await tx.query('UPDATE gtm_columns SET prompt = $2, expression = $3 WHERE id = $1', [column.id, prompt, expression]);
  await tx.query('UPDATE gtm_rows SET cells = cells - $2::text WHERE audience_id = $1 AND cells ? $2::text', [audienceId, column.id]);
  await dropColumnCells(tx, column.id);
}

export async function deleteColumn(db: Db, audienceId: string, columnId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await getAudience(tx, audienceId);
    await getColumn(tx, audienceId, columnId);
    await refuseWhileEnriching(tx, audienceId, 'delete columns');
    const dependents = await tx.query<{ name: string }>(
      `SELECT name FROM gtm_columns WHERE audience_id = $1 AND data_dependencies @> $2::jsonb`,
      [audienceId, JSON.stringify([{ id: columnId, type: 'COLUMN' }])],
    );
    if (dependents.length > 0) {
      throw new GtmFailure('conflict', `AI column(s) ${dependents.map((d) => `"${d.name}"`).join(', ')} depend on this column; delete them or their dependency first.`);
    }
    await dropColumnCells(tx, columnId);
    await tx.query('DELETE FROM gtm_columns WHERE id = $1', [columnId]);
    await tx.query('UPDATE gtm_rows SET cells = cells - $2::text WHERE audience_id = $1 AND cells ? $2::text', [audienceId, columnId]);
  });
}

// ---- match criteria ----

const CONTACT_FIELDS: ReadonlySet<MatchField> = new Set<MatchField>([
  'CONTACT_EMAIL', 'CONTACT_HASHED_EMAILS', 'CONTACT_FIRST_NAME', 'CONTACT_LAST_NAME', 'COMPANY_NAME', 'ZOOMINFO_CONTACT_ID',
  'CONTACT_ZOOMINFO_COMPANY_ID', 'CONTACT_LINKEDIN_URL', 'DIRECT_PHONE', 'MOBILE_PHONE',
]);
const COMPANY_FIELDS: ReadonlySet<MatchField> = new Set<MatchField>(['COMPANY_WEBSITE', 'COMPANY_NAME', 'ZOOMINFO_COMPANY_ID', 'COMPANY_TICKER']);

/** The match fields this server resolves rows by, per audience type. */
export function matchFieldsFor(type: 'CONTACT' | 'COMPANY'): ReadonlySet<MatchField> {
  return type === 'CONTACT' ? CONTACT_FIELDS : COMPANY_FIELDS;
}

/** The inferred mapping of a column, from its data type and name; null when nothing fits. */
export function inferField(type: 'CONTACT' | 'COMPANY', column: Pick<ColumnRow, 'name' | 'data_type'>): MatchField | null {
  const n = column.name.toLowerCase();
  if (type === 'CONTACT') {
    if (/e-?mail/.test(n) && /hash|sha|md5/.test(n)) return 'CONTACT_HASHED_EMAILS';
    if (column.data_type === 'EMAIL' || /e-?mail/.test(n)) return 'CONTACT_EMAIL';
    if (/linked-?in/.test(n)) return 'CONTACT_LINKEDIN_URL';
    if (/first.?name|given.?name/.test(n)) return 'CONTACT_FIRST_NAME';
    if (/last.?name|surname|family.?name/.test(n)) return 'CONTACT_LAST_NAME';
    if (/mobile|cell/.test(n)) return 'MOBILE_PHONE';
    if (column.data_type === 'PHONE' || /phone/.test(n)) return 'DIRECT_PHONE';
    if (/^(company|account|organi[sz]ation|employer)( name)?$/.test(n)) return 'COMPANY_NAME';
    return null;
  }
  if (/ticker|symbol/.test(n)) return 'COMPANY_TICKER';
  if (column.data_type === 'URL' || /website|domain|url/.test(n)) return 'COMPANY_WEBSITE';
  if (/^(company|account|organi[sz]ation)?\s*name$|^company$|^account$/.test(n)) return 'COMPANY_NAME';
  return null;
}

async function ensureMatchColumn(tx: Queryable, actor: string, audienceId: string, type: 'CONTACT' | 'COMPANY'): Promise<string> {
  const [match] = await tx.query<{ id: string }>("SELECT id FROM gtm_columns WHERE audience_id = $1 AND column_type = 'ZOOMINFO_MATCH'", [audienceId]);
  if (match) return match.id;
  const base = type === 'CONTACT' ? 'ZoomInfo Contact' : 'ZoomInfo Company';
  const taken = new Set((await getColumns(tx, audienceId)).map((c) => c.name.toLowerCase()));
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base} ${i}`;
  const [id] = await insertColumns(tx, actor, audienceId, type, [{ columnType: 'ZOOMINFO_MATCH', name, dataType: MATCH_DATA_TYPE[type] }]);
  return id as string;
}

async function inferMatchCriteria(tx: Queryable, actor: string, audienceId: string, type: 'CONTACT' | 'COMPANY', createMatch: boolean): Promise<void> {
  const columns = (await getColumns(tx, audienceId)).filter((c) => c.column_type === 'CUSTOM');
  const used = new Set<MatchField>();
  for (const column of columns) {
    const field = inferField(type, column);
    const mapped = field !== null && !used.has(field) ? field : null;
    if (mapped) used.add(mapped);
    await tx.query('UPDATE gtm_columns SET mapped_to = $2 WHERE id = $1', [column.id, mapped]);
  }
  if (createMatch) await ensureMatchColumn(tx, actor, audienceId, type);
}

/** Explicit criteria replace the mapping; none infers it. Either way the match column exists after. Returns its id. */
export async function upsertMatchCriteria(db: Db, actor: string, audienceId: string, criteria: { columnId: string; mappedTo: MatchField }[] | undefined): Promise<string> {
  return db.transaction(async (tx) => {
    const audience = await getAudience(tx, audienceId);
    await refuseWhileEnriching(tx, audienceId, 'change the match criteria');
    if (criteria === undefined || criteria.length === 0) {
      await inferMatchCriteria(tx, actor, audienceId, audience.type, true);
    } else {
      const columns = await getColumns(tx, audienceId);
      const allowed = matchFieldsFor(audience.type);
      const seen = new Set<string>();
      for (const [i, c] of criteria.entries()) {
        const column = columns.find((col) => col.id === c.columnId);
        const pointer = `/data/attributes/matchCriteria/${i}`;
        if (!column) throw new GtmFailure('invalid_input', `matchCriteria[${i}].columnId ${c.columnId} is not a column of audience ${audienceId}.`, { pointer });
        if (column.column_type !== 'CUSTOM') throw new GtmFailure('invalid_input', `matchCriteria[${i}]: only CUSTOM columns (your inputs) can be mapped; "${column.name}" is ${column.column_type}.`, { pointer });
        if (!allowed.has(c.mappedTo)) {
          throw new GtmFailure('invalid_input', `matchCriteria[${i}].mappedTo ${c.mappedTo} does not resolve ${audience.type} rows here; use one of ${[...allowed].join(', ')}.`, { pointer });
        }
        if (seen.has(c.columnId)) throw new GtmFailure('invalid_input', `matchCriteria[${i}]: column ${c.columnId} is mapped twice.`, { pointer });
        seen.add(c.columnId);
      }
      await tx.query("UPDATE gtm_columns SET mapped_to = NULL WHERE audience_id = $1 AND column_type = 'CUSTOM'", [audienceId]);
      for (const c of criteria) await tx.query('UPDATE gtm_columns SET mapped_to = $2 WHERE id = $1', [c.columnId, c.mappedTo]);
    }
    return ensureMatchColumn(tx, actor, audienceId, audience.type);
  });
}
