import { describe, expect, it } from 'vitest';
import type { TabEntity } from '../schemas/lookup.ts';
import { tabEntityValues } from './tab-entity-values.ts';

const provenance = { provider: 'ZoomInfo', matchedOn: 'email', matchStatus: 'FULL_MATCH' as const, accuracy: null, lastUpdated: null };

describe("a card's entity as parameter values", () => {
  it('before the lookup: what the page showed', () => {
    const entity: TabEntity = { key: 'k', detection: { kind: 'person', value: 'Priya Raman', source: 'linkedin', confidence: 1, person: { fullName: 'Priya Raman', companyName: 'Northwind', profileUrl: 'https://www.linkedin.com/in/priya' } }, state: { status: 'BLANK' } };
    expect(tabEntityValues(entity)).toEqual({ fullName: 'Priya Raman', companyName: 'Northwind', linkedinUrl: 'https://www.linkedin.com/in/priya' });
  });

  it("after it: the provider's answer, with its ids and the company's domain", () => {
    const entity: TabEntity = {
      key: 'k',
      detection: { kind: 'email', value: 'priya.raman@northwind.io', source: 'text', confidence: 1 },
      state: {
        status: 'RESULT',
        at: 1,
        result: {
          type: 'contact',
          contact: { id: 42, firstName: 'Priya', lastName: 'Raman', email: 'priya.raman@northwind.io', jobTitle: 'VP Sales', externalUrls: [{ type: 'linkedin', url: 'https://www.linkedin.com/in/priya' }] },
          candidates: [],
          company: { id: 7, name: 'Northwind Traders', website: 'https://www.northwind.io' },
          revealed: true,
          provenance,
        },
      },
    };
    expect(tabEntityValues(entity)).toEqual({
      email: 'priya.raman@northwind.io',
      domain: 'northwind.io',
      firstName: 'Priya',
      lastName: 'Raman',
      fullName: 'Priya Raman',
      jobTitle: 'VP Sales',
      linkedinUrl: 'https://www.linkedin.com/in/priya',
      providerId: '42',
      companyName: 'Northwind Traders',
      companyProviderId: '7',
    });
  });

  it('a company result: its name, domain, id and phone', () => {
    const entity: TabEntity = {
      key: 'k',
      detection: { kind: 'company', value: 'Northwind', source: 'text', confidence: 1 },
      state: { status: 'RESULT', at: 1, result: { type: 'company', company: { id: 7, name: 'Northwind Traders', website: 'northwind.io', phone: '+1 555 0100' }, provenance } },
    };
    expect(tabEntityValues(entity)).toEqual({ companyName: 'Northwind Traders', domain: 'northwind.io', companyProviderId: '7', phone: '+1 555 0100' });
  });
});
