/**
 * The rows search: filter groups (AND / OR) of conditions whose operators filter-metadata allows
 * for the column's data type, sorting by columns, paging. One SQL query for the page, one for the
 * total; values are compared inside the jsonb cells.
 */
import type { Queryable, SqlParam } from '../../db/index.ts';
import { GtmFailure } from '../../audiences/errors.ts';
import type { FilterInput } from '../../audiences/schemas.ts';
import type { Cells, ColumnRow, RowRecord } from './model.ts';
import { kindOf, operatorsFor } from './values.ts';

export interface RowSearch {
  filter?: { operator: 'AND' | 'OR'; filters?: FilterInput[] };
  ids?: string[];
  sort?: string;
  page: number;
  size: number;
}

export const MAX_PAGE_SIZE = 500;

const escapeLike = (s: string) => s.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`);

export async function searchRows(db: Queryable, audienceId: string, columns: ColumnRow[], q: RowSearch): Promise<{ rows: RowRecord[]; total: number }> {
  const params: SqlParam[] = [audienceId];
  const p = (value: SqlParam) => {
    params.push(value);
    return `$${params.length}`;
  };
  const byId = new Map(columns.map((c) => [c.id, c]));
  const conditions: string[] = [];
  for (const [i, f] of (q.filter?.filters ?? []).entries()) conditions.push(condition(f, i, byId, p));
  const where = [`r.audience_id = $1`];
  if (conditions.length > 0) where.push(`(${conditions.join(q.filter?.operator === 'OR' ? ' OR ' : ' AND ')})`);
  if (q.ids !== undefined) where.push(`r.id = ANY(${p(q.ids.filter((id) => /^\d{1,18}$/.test(id)))}::bigint[])`);
  const whereParams = params.length;
  const order: string[] = [];
  for (const part of (q.sort ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const desc = part.startsWith('-');
    const id = desc ? part.slice(1) : part;
    if (!byId.has(id)) throw new GtmFailure('invalid_input', `sort: "${id}" is not a column of this audience (sort=<columnId>, -<columnId> for descending).`, { parameter: 'sort' });
    order.push(`r.cells->${p(id)}->'v' ${desc ? 'DESC NULLS LAST' : 'ASC NULLS LAST'}`);
  }
  order.push('r.id');
  const whereSql = where.join(' AND ');
  const countParams = params.slice(0, whereParams);
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM gtm_rows r WHERE ${whereSql}`, countParams);
  const rows = await db.query<{ id: string; cells: Cells }>(
    `SELECT r.id::text AS id, r.cells FROM gtm_rows r WHERE ${whereSql} ORDER BY ${order.join(', ')} LIMIT ${q.size} OFFSET ${(q.page - 1) * q.size}`,
    params,
  );
  return { rows, total: count?.n ?? 0 };
}

function condition(f: FilterInput, i: number, columns: Map<string, ColumnRow>, p: (v: SqlParam) => string): string {
  const pointer = `/data/attributes/filter/filters/${i}`;
  const column = columns.get(f.columnId);
  if (!column) throw new GtmFailure('invalid_input', `filters[${i}].columnId ${f.columnId} is not a column of this audience.`, { pointer: `${pointer}/columnId` });
  const config = operatorsFor(column.data_type).find((o) => o.operator === f.filterOperator);
  if (!config) {
    throw new GtmFailure(
      'invalid_input',
      `filters[${i}]: ${f.filterOperator} does not apply to "${column.name}" (${column.data_type}); filter-metadata allows ${operatorsFor(column.data_type).map((o) => o.operator).join(', ')}.`,
      { pointer: `${pointer}/filterOperator` },
    );
  }
  const values = f.values ?? [];
  const limit = config.valueCountLimit ?? 1;
  const exact = f.filterOperator === 'IN_RANGE' ? 2 : limit === 0 ? 0 : undefined;
  if ((exact !== undefined && values.length !== exact) || (exact === undefined && (values.length < 1 || values.length > limit))) {
    const wanted = exact !== undefined ? `exactly ${exact}` : limit === 1 ? 'exactly 1' : `1 to ${limit}`;
    throw new GtmFailure('invalid_input', `filters[${i}]: ${f.filterOperator} takes ${wanted} value(s), got ${values.length}.`, { pointer: `${pointer}/values` });
  }
  if (config.minCharLimit && values.some((v) => String(v).length < (config.minCharLimit ?? 0))) {
    throw new GtmFailure('invalid_input', `filters[${i}]: ${f.filterOperator} values need at least ${config.minCharLimit} character(s).`, { pointer: `${pointer}/values` });
  }
  const kind = kindOf(column.data_type);
  const cell = `r.cells->${p(column.id)}->'v'`;
  const text = `lower(${cell} #>> '{}')`;
  const num = `(${cell})::numeric`;
  const date = `(${cell} #>> '{}')::date`;
  const needNumbers = () => {
    const nums = values.map(Number);
    if (nums.some((n) => !Number.isFinite(n))) throw new GtmFailure('invalid_input', `filters[${i}]: ${column.name} is ${column.data_type}; its values are numbers.`, { pointer: `${pointer}/values` });
    return nums;
  };
  const needDates = () => {
    for (const v of values) {
      if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(Date.parse(v))) {
        throw new GtmFailure('invalid_input', `filters[${i}]: ${f.filterOperator} on a DATE column takes dates (YYYY-MM-DD).`, { pointer: `${pointer}/values` });
      }
    }
    return values.map((v) => String(v).slice(0, 10));
  };
  const strs = () => values.map((v) => String(v).toLowerCase());
  const first = () => String(values[0]).toLowerCase();
  const isNumeric = kind === 'number';
  switch (f.filterOperator) {
    case 'EMPTY':
      return `(${cell} IS NULL)`;
    case 'NOT_EMPTY':
      return `(${cell} IS NOT NULL)`;
    case 'IS_TRUE':
      return `(${cell} = 'true'::jsonb)`;
    case 'IS_FALSE':
      return `(${cell} = 'false'::jsonb)`;
    case 'EQUALS':
      return isNumeric ? `(${num} = ${p(needNumbers()[0] ?? 0)})` : `(${text} = ${p(first())})`;
    case 'NOT_EQUALS':
      return isNumeric ? `(${cell} IS NULL OR ${num} <> ${p(needNumbers()[0] ?? 0)})` : `(${cell} IS NULL OR ${text} <> ${p(first())})`;
    case 'CONTAINS':
      return `(${text} LIKE ${p(`%${escapeLike(first())}%`)})`;
    case 'DOES_NOT_CONTAINS':
      return `(${cell} IS NULL OR ${text} NOT LIKE ${p(`%${escapeLike(first())}%`)})`;
    case 'CONTAINS_WORD':
      return `(${text} ~ ${p(`(^|[^[:alnum:]])${first().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^[:alnum:]]|$)`)})`;
    case 'DOES_NOT_CONTAIN_WORD':
      return `(${cell} IS NULL OR ${text} !~ ${p(`(^|[^[:alnum:]])${first().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^[:alnum:]]|$)`)})`;
    case 'STARTS_WITH':
      return `(${text} LIKE ${p(`${escapeLike(first())}%`)})`;
    case 'DOES_NOT_START_WITH':
      return `(${cell} IS NULL OR ${text} NOT LIKE ${p(`${escapeLike(first())}%`)})`;
    case 'GREATER_THAN':
      return `(${num} > ${p(needNumbers()[0] ?? 0)})`;
    case 'LESS_THAN':
      return `(${num} < ${p(needNumbers()[0] ?? 0)})`;
    case 'GREATER_THAN_OR_EQUAL':
      return `(${num} >= ${p(needNumbers()[0] ?? 0)})`;
    case 'LESS_THAN_OR_EQUAL':
      return `(${num} <= ${p(needNumbers()[0] ?? 0)})`;
    case 'IN_RANGE': {
      if (kind === 'date') {
        const [from, to] = needDates();
        return `(${date} BETWEEN ${p(from ?? '')}::date AND ${p(to ?? '')}::date)`;
      }
      const [lo, hi] = needNumbers();
      return `(${num} BETWEEN ${p(lo ?? 0)} AND ${p(hi ?? 0)})`;
    }
    case 'IS_EXACT_DATE':
      return `(${date} = ${p(needDates()[0] ?? '')}::date)`;
    case 'BEFORE':
      return `(${date} < ${p(needDates()[0] ?? '')}::date)`;
    case 'AFTER':
      return `(${date} > ${p(needDates()[0] ?? '')}::date)`;
    case 'WITHIN': {
      // WITHIN n: the last n days, today included.
      const [days] = needNumbers();
      return `(${date} BETWEEN current_date - ${p(Math.max(0, Math.trunc(days ?? 0)))}::int AND current_date)`;
    }
    case 'HAS_ONE_OF':
    case 'HAS_NONE_OF':
    case 'HAS_ALL_OF': {
      const list = kind === 'list' || kind === 'numberList';
      const wanted = isNumeric || kind === 'numberList' ? needNumbers().map(String) : strs();
      const arr = p([...new Set(wanted)]);
      const anyOf = list
        ? `EXISTS (SELECT 1 FROM jsonb_array_elements_text(${cell}) e WHERE lower(e) = ANY(${arr}::text[]))`
        : `(${text} = ANY(${arr}::text[]))`;
      if (f.filterOperator === 'HAS_ONE_OF') return `(${anyOf})`;
      if (f.filterOperator === 'HAS_NONE_OF') return `(${cell} IS NULL OR NOT ${anyOf})`;
      return `((SELECT count(DISTINCT lower(e)) FROM jsonb_array_elements_text(${cell}) e WHERE lower(e) = ANY(${arr}::text[])) = cardinality(${arr}::text[]))`;
    }
    default:
      throw new GtmFailure('invalid_input', `filters[${i}]: ${f.filterOperator} is not supported by this server.`, { pointer: `${pointer}/filterOperator` });
  }
}
