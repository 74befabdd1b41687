import { describe, expect, it } from 'vitest';
import { companySearchResult, enrichCompanyResponse, enrichContactResponse } from './enterprise-api.ts';
import { corporateHierarchyReader, intentEnrichReader, intentSearchReader, lookupReader, orgChartReader } from './enterprise-readers.ts';

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

describe('org chart enrich', () => {
  const published = {
    maxResults: 2,
    totalResults: 2,
    currentPage: 1,
    data: [
      { id: 11, firstName: 'Ada', middleName: '', lastName: 'Stone', lastUpdatedDate: '', title: 'Founder & CEO', hasEmail: true, hasDirectPhone: true, department: 'C-Suite', jobFunction: 'Executive', orgChartTier: 1, orgChartSubTier: 1, contactAccuracyScore: 96, company: { id: 5, name: 'Example' } },
      { id: -7, firstName: 'Bo', middleName: 'L.', lastName: 'Reyes', lastUpdatedDate: '1/5/2020 2:59 PM', title: 'General Counsel', hasEmail: true, hasDirectPhone: false, department: 'C-Suite', jobFunction: 'Legal Executive', orgChartTier: 2, orgChartSubTier: 1, contactAccuracyScore: 90, company: { id: 5, name: 'Example' } },
    ],
  };

  it('reads the published answer: title as the job title, tiers, no manager named', () => {
    expect(orgChartReader.parse(published)).toEqual([
      expect.objectContaining({ id: 11, jobTitle: 'Founder & CEO', department: 'C-Suite', tier: 1, subTier: 1, managerId: null, company: { id: 5, name: 'Example' } }),
      expect.objectContaining({ id: -7, jobTitle: 'General Counsel', tier: 2, managerId: null, hasDirectPhone: false }),
    ]);
  });

  it('keeps the manager and management level a provider adds', () => {
    const withManager = { ...published, data: [{ ...published.data[1], managerId: 11, managementLevel: 'C-Level' }] };
    expect(orgChartReader.parse(withManager)[0]).toMatchObject({ managerId: 11, managementLevel: 'C-Level' });
  });

  it('refuses an answer without tiers rather than guessing a tree', () => {
    expect(orgChartReader.safeParse({ data: [{ id: 1, title: 'CEO' }] }).success).toBe(false);
  });
});

describe('corporate hierarchy enrich', () => {
  const answer = (familyTree: unknown[], parentage: unknown[]) => ({ success: true, data: { outputFields: [['parentage', 'familyTree']], result: [{ input: { companyid: 20 }, data: [{ parentage, familyTree, companyId: 20 }] }] } });
  const tree = [
    {
      companyId: 10,
      name: 'Holding Inc.',
      city: 'Vancouver',
      state: 'Washington',
      familyNodes: [
        { companyId: 11, name: '', city: 'Grand Rapids', state: 'Michigan', subUnitTypeInfo: { typeId: 1, typeDescription: 'Location' } },
        {
          companyId: 20,
          name: 'Middle LLC',
          city: 'Austin',
          state: 'Texas',
          subUnitTypeInfo: { typeId: 3, typeDescription: '' },
          familyNodes: [
            { companyId: 30, name: 'Leaf Corp', city: 'Boston', state: 'Massachusetts', subUnitTypeInfo: { typeId: 4, typeDescription: '' } },
            { companyId: 31, name: '', city: 'Denver', state: 'Colorado', subUnitTypeInfo: { typeId: 1, typeDescription: 'Location' } },
          ],
        },
      ],
    },
  ];

  it('reads parents from parentage (ids as strings) and subsidiaries from the company’s own node, leaving out locations', () => {
    const family = corporateHierarchyReader(20).parse(answer(tree, [{ companyId: '10', companyName: 'Holding Inc.', city: 'Vancouver', state: 'Washington', subUnitType: '4', subUnitDesc: '', acquiredByDate: '2019-03-04T00:00:00.000Z' }]));
    expect(family).toEqual({
      parents: [{ id: 10, name: 'Holding Inc.', city: 'Vancouver', state: 'Washington' }],
      subsidiaries: [{ id: 30, name: 'Leaf Corp', city: 'Boston', state: 'Massachusetts' }],
    });
  });

  it('the ultimate parent: no parents, its children as subsidiaries; no match: an empty family', () => {
    expect(corporateHierarchyReader(10).parse(answer(tree, []))).toEqual({ parents: [], subsidiaries: [{ id: 20, name: 'Middle LLC', city: 'Austin', state: 'Texas' }] });
    expect(corporateHierarchyReader(10).parse({ success: true, data: { outputFields: [], result: [{ input: {}, data: [] }] } })).toEqual({ parents: [], subsidiaries: [] });
  });
});
