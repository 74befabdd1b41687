import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../../utils/audiences/capture.ts';
import { EMPTY_FORM } from './search-request.ts';
import { searchRowsAsFields, searchSource } from './search-capture.ts';

describe('search results as list rows', () => {
  it('an enterprise contact (no email in the free preview) by name and company; the same person twice is one row', () => {
    const fields = searchRowsAsFields({
      kind: 'contacts',
      source: 'enterprise',
      rows: [
        { id: 1, firstName: 'Dana', lastName: 'Lin', company: { id: 9, name: 'Northwind Traders' } },
        { id: 1, firstName: 'Dana', lastName: 'Lin', company: { id: 9, name: 'Northwind Traders' } },
      ],
    });
    expect(fields[0]).toEqual({ name: 'Dana Lin', firstName: 'Dana', lastName: 'Lin', company: 'Northwind Traders', email: undefined, linkedin: undefined });
    expect(rowsOf(fields, 'Sidecar search: contacts', new Date(0))).toHaveLength(1);
  });

  it('a company by name and website, keyed by its domain', () => {
    const fields = searchRowsAsFields({ kind: 'companies', source: 'enterprise', rows: [{ id: 5, name: 'Quanta Cloudworks', website: 'quantacloud.io' }] });
    expect(fields).toEqual([{ company: 'Quanta Cloudworks', website: 'quantacloud.io' }]);
  });

  it('says which search, with the filters that search has, as the rows’ source', () => {
    const form = { ...EMPTY_FORM, companyName: 'North', tlds: '.io', jobTitles: 'VP Sales' };
    expect(searchSource('contacts', 'enterprise', form)).toBe('Sidecar search: contacts (jobTitles=VP Sales, companyName=North)');
    expect(searchSource('companies', 'enterprise', EMPTY_FORM)).toBe('Sidecar search: companies');
  });
});
