import { describe, expect, it } from 'vitest';
import { queryFromMenuClick } from './query.ts';

describe('queryFromMenuClick', () => {
  it('"Enrich this email" takes the email out of a selection or a mailto: link', () => {
    expect(queryFromMenuClick({ menuItemId: 'enrich-email-selection', selectionText: ' write to Dana@Northwind.io today ' })).toEqual({ kind: 'email', value: 'dana@northwind.io' });
    expect(queryFromMenuClick({ menuItemId: 'enrich-email-link', linkUrl: 'mailto:dana%40northwind.io?subject=Hi' })).toEqual({ kind: 'email', value: 'dana@northwind.io' });
  });

  it('"Enrich this email" does nothing on a selection without an email', () => {
    expect(queryFromMenuClick({ menuItemId: 'enrich-email-selection', selectionText: 'Northwind Traders' })).toBeNull();
  });

  it('"Look up this company" takes a link\'s registrable domain, a selected domain, or a selected name', () => {
    expect(queryFromMenuClick({ menuItemId: 'lookup-company-link', linkUrl: 'https://www.northwind.io/about?x=1' })).toEqual({ kind: 'domain', value: 'northwind.io' });
    expect(queryFromMenuClick({ menuItemId: 'lookup-company-selection', selectionText: 'shop.acme.co.uk' })).toEqual({ kind: 'domain', value: 'acme.co.uk' });
    expect(queryFromMenuClick({ menuItemId: 'lookup-company-selection', selectionText: 'Northwind Traders' })).toEqual({ kind: 'company', value: 'Northwind Traders' });
    expect(queryFromMenuClick({ menuItemId: 'lookup-company-selection', selectionText: 'dana@northwind.io' })).toEqual({ kind: 'domain', value: 'northwind.io' });
  });
});
