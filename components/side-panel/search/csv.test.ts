import { describe, expect, it } from 'vitest';
import { csvCell, toCsv, CONTACT_COLUMNS, csvFileName, rowsToCsv } from './csv.ts';
import type { SearchContact } from '../../../utils/schemas/search-api.ts';

const contact = (over: Partial<SearchContact> = {}): SearchContact => ({
  id: 50001,
  first_name: 'Dana',
  last_name: 'Lin',
  full_name: 'Dana Lin',
  job_title: 'Chief Revenue Officer',
  department: 'Sales',
  seniority: 'C-Level',
  is_decision_maker: true,
  email: 'dana@northwind.io',
  personal_email: null,
  phone: '+1 415 555 0101',
  mobile_phone: null,
  linkedin_url: 'https://www.linkedin.com/in/dana-lin-northwind',
  location: { city: 'San Francisco', state: 'California', country: 'United States' },
  company: { id: 1001, name: 'Northwind Traders', domain: 'northwind.io' },
  ...over,
});

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('writes null and undefined as empty cells, numbers and booleans as text', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(-3.5)).toBe('-3.5');
    expect(csvCell(true)).toBe('true');
  });

  it('defuses cells a spreadsheet would run as formulas, but keeps phone numbers', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('+1 415 555 0101')).toBe('+1 415 555 0101');
  });
});

describe('toCsv', () => {
  it('writes a header row and one row per record, CRLF-separated, in order', () => {
    const text = toCsv([contact(), contact({ id: 50002, first_name: 'Priya', last_name: 'Raman, PhD', email: null })], CONTACT_COLUMNS);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(CONTACT_COLUMNS.map((c) => c.header).join(','));
    expect(lines[1]?.startsWith('50001,Dana,Lin,Chief Revenue Officer,Sales,C-Level,true,dana@northwind.io,,+1 415 555 0101,')).toBe(true);
    expect(lines[2]?.startsWith('50002,Priya,"Raman, PhD",')).toBe(true);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
  });

  it('names files by kind and time', () => {
    expect(csvFileName('contacts', new Date('2026-11-22T10:11:12Z'))).toBe('sidecar-contacts-2026-11-22-10-11-12.csv');
  });
});

describe('rowsToCsv: the enterprise searches', () => {
  it('companies: exact figures where given (revenue from thousands to dollars), else the published ranges', () => {
    const text = rowsToCsv({
      kind: 'companies',
      source: 'enterprise',
      rows: [
        { id: 1001, name: 'Northwind Traders', website: 'https://www.northwind.io', industry: 'Software', employeeCount: 420, revenue: 61000, city: 'San Francisco', state: 'California', country: 'United States' },
        { id: 114804067, name: 'Holy Names University', employeeRange: '100 - 249', revenueRange: '$10 mil. - $25 mil.' },
      ],
    });
    expect(text.split('\r\n')).toEqual([
      'id,name,website,industry,employees,revenue_usd,city,state,country',
      '1001,Northwind Traders,https://www.northwind.io,Software,420,61000000,San Francisco,California,United States',
      '114804067,Holy Names University,,,100 - 249,$10 mil. - $25 mil.,,,',
      '',
    ]);
  });

  it('companies researching a topic: one row per company, topics strongest first', () => {
    const text = rowsToCsv({
      kind: 'intent',
      source: 'enterprise',
      rows: [
        {
          id: 1001,
          name: 'Northwind Traders',
          website: 'https://www.northwind.io',
          signals: [
            { companyId: 1001, topic: 'Data Warehousing', signalScore: 71, signalDate: '2026-11-03' },
            { companyId: 1001, topic: 'Supply Chain Visibility', signalScore: 92, signalDate: '2026-11-20' },
          ],
        },
      ],
    });
    expect(text.split('\r\n')[1]).toBe('1001,Northwind Traders,https://www.northwind.io,Supply Chain Visibility (92); Data Warehousing (71),92,2026-11-20');
  });
});
