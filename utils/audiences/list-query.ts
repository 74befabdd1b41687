import type { FilterMetadata, FilterOperator, ListColumn, OperatorMeta, RowQuery } from './schemas.ts';

/**
 * What the Lists table shows of a list: which rows (filters joined by AND or OR, as the rows search
 * takes them), in what order, and which columns. Filters and sort go to the provider; hidden
 * columns are this browser's view only.
 */
export interface ListView {
  filters: ListFilter[];
  match: 'AND' | 'OR';
  sort: { columnId: string; descending: boolean } | null;
  hidden: string[];
}

export interface ListFilter {
  columnId: string;
  operator: FilterOperator;
  values: string[];
}

export const EMPTY_VIEW: ListView = { filters: [], match: 'AND', sort: null, hidden: [] };

export const OPERATOR_WORDS: Record<FilterOperator, string> = {
  EQUALS: 'is',
  NOT_EQUALS: 'is not',
  CONTAINS: 'contains',
  DOES_NOT_CONTAINS: 'does not contain',
  CONTAINS_WORD: 'contains the word',
  DOES_NOT_CONTAIN_WORD: 'does not contain the word',
  EMPTY: 'is empty',
  NOT_EMPTY: 'is not empty',
  STARTS_WITH: 'starts with',
  DOES_NOT_START_WITH: 'does not start with',
  GREATER_THAN: 'is more than',
  LESS_THAN: 'is less than',
  GREATER_THAN_OR_EQUAL: 'is at least',
  LESS_THAN_OR_EQUAL: 'is at most',
  IN_RANGE: 'is between',
  IS_TRUE: 'is yes',
  IS_FALSE: 'is no',
  HAS_ONE_OF: 'is one of',
  HAS_NONE_OF: 'is none of',
  HAS_ALL_OF: 'has all of',
  IS_EXACT_DATE: 'is on',
  BEFORE: 'is before',
  AFTER: 'is after',
  WITHIN: 'is within the last (days)',
  ROLLING_RANGE: 'is in the rolling range',
};

/** How many values an operator takes: none (EMPTY), exactly two (a range), one, or a list. */
export function valueArity(meta: OperatorMeta): 'none' | 'one' | 'two' | 'many' {
  if (meta.valueCountLimit === 0) return 'none';
  if (meta.operator === 'IN_RANGE') return 'two';
  return meta.isMultipleSupported ? 'many' : 'one';
}

/** The operators filter-metadata allows on a column; none when it may not be filtered. */
export function operatorsOf(metadata: FilterMetadata, columnId: string): OperatorMeta[] {
  const found = metadata.find((m) => m.columnId === columnId);
  return found?.isFilterable ? found.filterOperators : [];
}

/**
 * The values a user typed, as the operator takes them, or a sentence saying what is missing.
 * A list operator takes comma-separated values.
 */
export function filterValues(meta: OperatorMeta, typed: string[]): { values: string[] } | { error: string } {
  const arity = valueArity(meta);
  if (arity === 'none') return { values: [] };
  const values = (arity === 'many' ? (typed[0] ?? '').split(',') : typed).map((v) => v.trim()).filter(Boolean);
  if (arity === 'two' && values.length !== 2) return { error: 'Give both ends of the range.' };
  if (values.length === 0) return { error: 'Give a value to compare with.' };
  const limit = meta.valueCountLimit;
  if (limit !== undefined && values.length > limit) return { error: `At most ${limit} values.` };
  const short = meta.minCharLimit !== undefined ? values.find((v) => v.length < (meta.minCharLimit ?? 0)) : undefined;
  if (short !== undefined) return { error: `Give at least ${meta.minCharLimit} characters.` };
  return { values };
}

/** A filter as a sentence, for its chip: `Company contains "north"`. */
export function describeFilter(filter: ListFilter, columns: readonly ListColumn[]): string {
  const name = columns.find((c) => c.id === filter.columnId)?.attributes.name ?? 'A column that no longer exists';
  const values = filter.values.length === 0 ? '' : ` ${filter.values.map((v) => `“${v}”`).join(filter.operator === 'IN_RANGE' ? ' and ' : ', ')}`;
  return `${name} ${OPERATOR_WORDS[filter.operator]}${values}`;
}

/** The rows search for one page of this view. Filters on columns the list no longer has are dropped. */
export function rowQueryOf(view: ListView, columns: readonly ListColumn[], page: number, size: number): RowQuery {
  const known = new Set(columns.map((c) => c.id));
  const filters = view.filters.filter((f) => known.has(f.columnId)).map((f) => ({ columnId: f.columnId, filterOperator: f.operator, ...(f.values.length > 0 ? { values: f.values } : {}) }));
  const sort = view.sort && known.has(view.sort.columnId) ? `${view.sort.descending ? '-' : ''}${view.sort.columnId}` : undefined;
  return { page, size, filters, match: view.match, ...(sort ? { sort } : {}) };
}

/** The columns the table shows: the list's display order minus what this browser hides. */
export function visibleColumns(ordered: readonly ListColumn[], view: ListView): ListColumn[] {
  const hidden = new Set(view.hidden);
  return ordered.filter((c) => !hidden.has(c.id));
}
