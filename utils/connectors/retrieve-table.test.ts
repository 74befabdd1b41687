import { describe, expect, it } from 'vitest';
import { retrieveTableOf } from './retrieve-table.ts';
import type { JsonValue } from './template.ts';

describe('a Retrieve answer as a table', () => {
  const outputs = [
    { path: 'data[].name', label: 'Name' },
    { path: 'data[].owner.name', label: 'Owner' },
    { path: 'total', label: 'Total' },
  ];

  it('one row per item of the list outputs, scalars repeated, a missing cell empty', () => {
    const json: JsonValue = { total: 2, data: [{ name: 'Brightloom' }, { name: 'Acme', owner: { name: 'Avery' } }] };
    expect(retrieveTableOf(json, outputs)).toEqual({
      columns: [
        { label: 'Name', path: 'data[].name' },
        { label: 'Owner', path: 'data[].owner.name' },
        { label: 'Total', path: 'total' },
      ],
      rows: [
        ['Brightloom', null, 2],
        ['Acme', 'Avery', 2],
      ],
    });
  });

  it('a list of scalars is a column too', () => {
    expect(retrieveTableOf({ tags: ['a', 'b'] }, [{ path: 'tags[]', label: 'Tag' }]).rows).toEqual([['a'], ['b']]);
  });

  it('scalar outputs only: one row; an empty answer: none', () => {
    expect(retrieveTableOf({ total: 7 }, [{ path: 'total', label: 'Total' }]).rows).toEqual([[7]]);
    expect(retrieveTableOf(null, outputs).rows).toEqual([]);
  });
});
