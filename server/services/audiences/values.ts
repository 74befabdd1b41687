/**
 * What a cell of each data type holds, and which filter operators apply to it. One table serves
 * upsert validation, filter-metadata and the rows search, so the three can never disagree.
 */
import type { CellValueT, DataType, FilterOperator } from '../../audiences/schemas.ts';

export type ValueKind = 'text' | 'number' | 'boolean' | 'date' | 'list' | 'numberList';

export function kindOf(dataType: DataType): ValueKind {
  switch (dataType) {
    case 'INTEGER': case 'DECIMAL': case 'PERCENT': case 'CURRENCY': case 'ORDINAL_IDENTIFIER': case 'ZI_CONTACT_ID': case 'ZI_COMPANY_ID':
      return 'number';
    case 'BOOLEAN': case 'CHECKBOX':
      return 'boolean';
    case 'DATE':
      return 'date';
    case 'STRING_LIST': case 'EMAIL_LIST': case 'PHONE_LIST': case 'URL_LIST': case 'MULTIPICKLIST':
      return 'list';
    case 'NUMBER_LIST':
      return 'numberList';
    default:
      return 'text';
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const TEXT_MAX = 2000;
const LARGE_TEXT_MAX = 100000;

function isUrl(s: string): boolean {
  try {
    const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `https://${s}`);
    return u.hostname.includes('.');
  } catch {
    return false;
  }
}

/** The reason `value` does not fit `dataType`, or null when it does. `null` always fits (it clears). */
export function misfit(dataType: DataType, value: CellValueT): string | null {
  if (value === null) return null;
  const kind = kindOf(dataType);
  if (kind === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return `a ${dataType} cell takes a number`;
    const whole = dataType === 'INTEGER' || dataType === 'ORDINAL_IDENTIFIER' || dataType === 'ZI_CONTACT_ID' || dataType === 'ZI_COMPANY_ID';
    return whole && !Number.isInteger(value) ? `a ${dataType} cell takes a whole number` : null;
  }
  if (kind === 'boolean') return typeof value === 'boolean' ? null : `a ${dataType} cell takes true or false`;
  if (kind === 'list' || kind === 'numberList') {
    if (!Array.isArray(value)) return `a ${dataType} cell takes a list`;
    if (value.length > 1000) return `a ${dataType} cell holds at most 1000 items`;
    if (kind === 'numberList') return value.every((v) => typeof v === 'number') ? null : 'a NUMBER_LIST cell takes a list of numbers';
    for (const item of value) {
      if (typeof item !== 'string') return `a ${dataType} cell takes a list of strings`;
      if (dataType === 'EMAIL_LIST' && !EMAIL.test(item)) return `"${item.slice(0, 80)}" is not an e-mail address`;
      if (dataType === 'URL_LIST' && !isUrl(item)) return `"${item.slice(0, 80)}" is not a URL`;
    }
    return null;
  }
  if (typeof value !== 'string') return `a ${dataType} cell takes a string`;
  if (kind === 'date') return DATE.test(value) && !Number.isNaN(Date.parse(value)) ? null : 'a DATE cell takes an ISO 8601 date (YYYY-MM-DD, optionally with a time)';
  if (value.length > (dataType === 'LARGE_TEXT' || dataType === 'MARKUP' || dataType === 'OBJECT' ? LARGE_TEXT_MAX : TEXT_MAX)) {
    return `the text is longer than ${dataType === 'LARGE_TEXT' ? LARGE_TEXT_MAX : TEXT_MAX} characters (use LARGE_TEXT)`;
  }
  if (dataType === 'EMAIL' && !EMAIL.test(value)) return `"${value.slice(0, 80)}" is not an e-mail address`;
  if (dataType === 'URL' && !isUrl(value)) return `"${value.slice(0, 80)}" is not a URL or domain`;
  if (dataType === 'PHONE' && value.replace(/\D/g, '').length < 6) return `"${value.slice(0, 80)}" has fewer than 6 digits`;
  return null;
}

/** An empty string or list is no value: it clears the cell. */
export function isEmptyValue(value: CellValueT): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

export interface OperatorConfig {
  operator: FilterOperator;
  isMultipleSupported: boolean;
  valueCountLimit?: number;
  minCharLimit?: number;
}

const MULTI = 100;
const one = (operator: FilterOperator, minCharLimit?: number): OperatorConfig => ({ operator, isMultipleSupported: false, valueCountLimit: 1, ...(minCharLimit ? { minCharLimit } : {}) });
const many = (operator: FilterOperator, limit = MULTI): OperatorConfig => ({ operator, isMultipleSupported: true, valueCountLimit: limit });
const none = (operator: FilterOperator): OperatorConfig => ({ operator, isMultipleSupported: false, valueCountLimit: 0 });
const presence = [none('EMPTY'), none('NOT_EMPTY')];

const OPERATORS: Record<ValueKind, OperatorConfig[]> = {
  text: [
    one('EQUALS'), one('NOT_EQUALS'), one('CONTAINS', 1), one('DOES_NOT_CONTAINS', 1), one('CONTAINS_WORD', 1), one('DOES_NOT_CONTAIN_WORD', 1),
    one('STARTS_WITH', 1), one('DOES_NOT_START_WITH', 1), many('HAS_ONE_OF'), many('HAS_NONE_OF'), ...presence,
  ],
  number: [
    one('EQUALS'), one('NOT_EQUALS'), one('GREATER_THAN'), one('LESS_THAN'), one('GREATER_THAN_OR_EQUAL'), one('LESS_THAN_OR_EQUAL'),
    many('IN_RANGE', 2), many('HAS_ONE_OF'), many('HAS_NONE_OF'), ...presence,
  ],
  boolean: [none('IS_TRUE'), none('IS_FALSE'), ...presence],
  date: [one('IS_EXACT_DATE'), one('BEFORE'), one('AFTER'), many('IN_RANGE', 2), one('WITHIN'), ...presence],
  list: [many('HAS_ONE_OF'), many('HAS_NONE_OF'), many('HAS_ALL_OF'), ...presence],
  numberList: [many('HAS_ONE_OF'), many('HAS_NONE_OF'), many('HAS_ALL_OF'), ...presence],
};

export function operatorsFor(dataType: DataType): OperatorConfig[] {
  return OPERATORS[kindOf(dataType)];
}
