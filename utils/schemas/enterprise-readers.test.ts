import { describe, expect, it } from 'vitest';
import { companySearchResult, enrichCompanyResponse, enrichContactResponse } from './enterprise-api.ts';
import { intentEnrichReader, intentSearchReader, lookupReader } from './enterprise-readers.ts';

/** Shapes written from the published descriptions (contract Amendments) next to the reference server's first ones. */

const publishedSignal = {
  id: 'd3ac21f6-f9f4-4a71-8ca9-8f4125937d2c',
  category: 'Cyber Security',
  topic: 'Mobile Security',
  signalScore: 83,
  audienceStrength: 'C',
  newSignal: true,
  signalDate: '7/5/2020 12:00 AM',
  trend: 24,
  recommendedContacts: [{ id: -1766367996, firstName: 'David', lastName: 'Fike', jobTitle: 'President', jobFunction: [{ name: 'Executive', department: 'C-Suite' }] }],
  company: { id: 118998385, name: 'Golden Gate University', website: 'www.ggu.edu', hasOtherTopicConsumption: true },
};

describe('intent enrich', () => {
  it('reads the published answer, whose data is a list of signals naming their company', () => {
    const signals = intentEnrichReader(0).parse({ success: true, data: [publishedSignal] });
    expect(signals).toEqual([
      expect.objectContaining({ companyId: 118998385, topic: 'Mobile Security', topicId: publishedSignal.id, signalScore: 83, audienceStrength: 'C' }),
    ]);
    expect(signals[0]?.recommendedContacts?.[0]).toMatchObject({ id: -1766367996, firstName: 'David' });
  });

  it('still reads the older { result: [ { data } ] } answer, filling in the company asked about', () => {
    const body = { success: true, data: { result: [{ input: { companyId: 1001 }, matchStatus: 'FULL_MATCH', data: [{ topic: 'Data Warehousing', signalScore: 91, audienceStrength: 'high', spike: true }] }] } };
    expect(intentEnrichReader(1001).parse(body)).toEqual([expect.objectContaining({ companyId: 1001, topic: 'Data Warehousing', audienceStrength: 'high', spike: true })]);
  });
});

describe('intent search', () => {
  it('groups the published one-row-per-signal answer by company, in order of appearance', () => {
    const second = { ...publishedSignal, id: 'x2', topic: 'Cloud Security', signalScore: 90 };
    const other = { ...publishedSignal, id: 'x3', company: { id: 53923462, name: 'UC Hastings College of the Law', website: 'www.uchastings.edu' } };
    const page = intentSearchReader.parse({ maxResults: 19, totalResults: 19, currentPage: 1, data: [publishedSignal, other, second] });
    expect(page.totalResults).toBe(19);
    expect(page.data.map((c) => [c.id, c.name, c.signals.map((s) => s.topic)])).toEqual([
      [118998385, 'Golden Gate University', ['Mobile Security', 'Cloud Security']],
      [53923462, 'UC Hastings College of the Law', ['Mobile Security']],
    ]);
  });

  it('reads the reference server’s companies-with-signals answer', () => {
    const page = intentSearchReader.parse({
      maxResults: 25,
      totalResults: 1,
      currentPage: 1,
      data: [{ id: 1001, name: 'Northwind Traders', employeeCount: 420, signals: [{ companyId: 1001, topic: 'Data Warehousing', signalScore: 91 }] }],
    });
    expect(page.data[0]).toMatchObject({ id: 1001, employeeCount: 420, signals: [{ companyId: 1001, topic: 'Data Warehousing' }] });
  });
});

describe('lookups', () => {
  it('reads { data: [ { id, name } ] }, published [ { Id, Name } ], topics [ { Name, Category } ] and plain strings', () => {
    expect(lookupReader.parse({ data: [{ id: 1, name: 'Sales' }] })).toEqual([{ id: 1, name: 'Sales' }]);
    expect(lookupReader.parse([{ Id: 'fortune500', Name: 'Fortune 500' }])).toEqual([{ id: 'fortune500', name: 'Fortune 500' }]);
    expect(lookupReader.parse([{ Name: 'Affordable Care Act (ACA)', Category: 'Compensation & Benefits' }])).toEqual([{ id: 'Affordable Care Act (ACA)', name: 'Affordable Care Act (ACA)' }]);
    expect(lookupReader.parse(['FUNDING', 'PRODUCT'])).toEqual([
      { id: 'FUNDING', name: 'FUNDING' },
      { id: 'PRODUCT', name: 'PRODUCT' },
    ]);
  });
});

describe('published enrich and search shapes', () => {
  it('accepts outputFields as a list of lists (published) and as one list (older)', () => {
    const result = [{ input: { emailAddress: 'dana@northwind.io' }, matchStatus: 'FULL_MATCH', data: [{ id: 50001, company: { id: 1001, name: 'Northwind Traders' } }] }];
    expect(enrichContactResponse.safeParse({ success: true, data: { outputFields: [['id', 'companyId', 'companyName']], result } }).success).toBe(true);
    expect(enrichContactResponse.safeParse({ success: true, data: { outputFields: ['id', 'company'], result } }).success).toBe(true);
    expect(enrichCompanyResponse.safeParse({ success: true, data: { outputFields: [['id', 'name']], result: [] } }).success).toBe(true);
  });

  it('search results may carry only id and name, or ranges instead of exact figures', () => {
    const page = companySearchResult.parse({
      maxResults: 15,
      totalResults: 15,
      currentPage: 1,
      data: [{ id: 114804067, name: 'Holy Names University' }, { id: 1001, name: 'Northwind Traders', employeeRange: '250 - 499', revenueRange: '$50 mil. - $100 mil.' }],
    });
    expect(page.data[1]).toMatchObject({ employeeRange: '250 - 499', revenueRange: '$50 mil. - $100 mil.' });
  });
});
