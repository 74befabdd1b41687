import { describe, expect, it } from 'vitest';
import type { Detection } from '../schemas/detection.ts';
import { captureRows } from './capture.ts';

const at = new Date('2026-12-04T12:00:00Z');
const d = (kind: Detection['kind'], value: string, person?: Detection['person']): Detection => ({ kind, value, source: 'text', confidence: 0.9, person });

describe('capture rows', () => {
  it('one row per person, email or company, with the page and the time', () => {
    const rows = captureRows(
      [d('email', 'dana@northwind.io'), d('person', 'Ole Berg', { fullName: 'Ole Berg', companyName: 'Fjord AS', profileUrl: 'https://no.linkedin.com/in/oleberg/' }), d('domain', 'fjord.no'), d('company', 'Fjord AS')],
      'https://crm.example.com/list',
      at,
    );
    expect(rows.map((r) => r.key)).toEqual(['email:dana@northwind.io', 'li:https://www.linkedin.com/in/oleberg', 'domain:fjord.no', 'company:fjord']);
    expect(rows[1]).toMatchObject({ name: 'Ole Berg', firstName: 'Ole', lastName: 'Berg', company: 'Fjord AS', sourceUrl: 'https://crm.example.com/list', capturedAt: '2026-12-04T12:00:00.000Z' });
  });

  it('drops a second detection of the same email, LinkedIn profile or domain', () => {
    const rows = captureRows(
      [
        d('email', 'dana@northwind.io'),
        d('email', 'Dana@Northwind.io'),
        d('person', 'Ole Berg', { fullName: 'Ole Berg', profileUrl: 'https://www.linkedin.com/in/oleberg' }),
        d('person', 'Ole B.', { fullName: 'Ole B.', profileUrl: 'https://linkedin.com/in/OleBerg/' }),
        d('domain', 'fjord.no'),
        d('domain', 'FJORD.NO'),
      ],
      'https://x.example',
      at,
    );
    expect(rows).toHaveLength(3);
  });
});
