import { describe, expect, it } from 'vitest';
import { describeFilter, EMPTY_VIEW, filterValues, rowQueryOf, valueArity, visibleColumns } from './list-query.ts';
import type { ListColumn, OperatorMeta } from './schemas.ts';

const column = (id: string, name: string): ListColumn => ({ id, attributes: { name, dataType: 'TEXT', columnType: 'CUSTOM' } });
const columns = [column('c1', 'Company'), column('c2', 'Email'), column('c3', 'Employees')];
const one = (operator: OperatorMeta['operator'], minCharLimit?: number): OperatorMeta => ({ operator, isMultipleSupported: false, valueCountLimit: 1, minCharLimit });

describe('list filters', () => {
  it('asks for as many values as the operator takes', () => {
    expect(valueArity({ operator: 'EMPTY', isMultipleSupported: false, valueCountLimit: 0 })).toBe('none');
    expect(valueArity({ operator: 'IN_RANGE', isMultipleSupported: true, valueCountLimit: 2 })).toBe('two');
    expect(valueArity({ operator: 'HAS_ONE_OF', isMultipleSupported: true, valueCountLimit: 100 })).toBe('many');
    expect(valueArity(one('CONTAINS'))).toBe('one');
  });

  it('reads what the user typed, or says what is missing', () => {
    expect(filterValues(one('CONTAINS', 2), ['  north '])).toEqual({ values: ['north'] });
    expect(filterValues(one('CONTAINS', 2), ['n'])).toEqual({ error: 'Give at least 2 characters.' });
    expect(filterValues(one('EQUALS'), [''])).toEqual({ error: 'Give a value to compare with.' });
    expect(filterValues({ operator: 'HAS_ONE_OF', isMultipleSupported: true, valueCountLimit: 2 }, ['a, b,c'])).toEqual({ error: 'At most 2 values.' });
    expect(filterValues({ operator: 'HAS_ONE_OF', isMultipleSupported: true, valueCountLimit: 100 }, ['Acme, Globex'])).toEqual({ values: ['Acme', 'Globex'] });
    expect(filterValues({ operator: 'IN_RANGE', isMultipleSupported: true, valueCountLimit: 2 }, ['10', ''])).toEqual({ error: 'Give both ends of the range.' });
    expect(filterValues({ operator: 'NOT_EMPTY', isMultipleSupported: false, valueCountLimit: 0 }, ['ignored'])).toEqual({ values: [] });
  });

  it('says a filter as a sentence for its chip', () => {
    expect(describeFilter({ columnId: 'c1', operator: 'CONTAINS', values: ['north'] }, columns)).toBe('Company contains “north”');
    expect(describeFilter({ columnId: 'c3', operator: 'IN_RANGE', values: ['10', '50'] }, columns)).toBe('Employees is between “10” and “50”');
    expect(describeFilter({ columnId: 'c2', operator: 'EMPTY', values: [] }, columns)).toBe('Email is empty');
  });

  it('turns a view into the rows search, dropping what refers to a column the list no longer has', () => {
    const view = {
      ...EMPTY_VIEW,
      match: 'OR' as const,
      filters: [
        { columnId: 'c1', operator: 'CONTAINS' as const, values: ['north'] },
        { columnId: 'gone', operator: 'EQUALS' as const, values: ['x'] },
        { columnId: 'c2', operator: 'NOT_EMPTY' as const, values: [] },
      ],
      sort: { columnId: 'c3', descending: true },
    };
    expect(rowQueryOf(view, columns, 2, 100)).toEqual({
      page: 2,
      size: 100,
      match: 'OR',
      sort: '-c3',
      filters: [{ columnId: 'c1', filterOperator: 'CONTAINS', values: ['north'] }, { columnId: 'c2', filterOperator: 'NOT_EMPTY' }],
    });
    expect(rowQueryOf({ ...EMPTY_VIEW, sort: { columnId: 'gone', descending: false } }, columns, 1, 50)).not.toHaveProperty('sort');
  });

  it('shows every column but the ones this browser hides, in the list order', () => {
    expect(visibleColumns(columns, { ...EMPTY_VIEW, hidden: ['c2'] }).map((c) => c.id)).toEqual(['c1', 'c3']);
  });
});
