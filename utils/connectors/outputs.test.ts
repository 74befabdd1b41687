import { describe, expect, it } from 'vitest';
import { extractOutputs, outputFields, parsePath, valueAt } from './outputs.ts';
import type { JsonValue } from './template.ts';

const response: JsonValue = {
  domain: 'northwind.io',
  company: 'Northwind Traders',
  competitors: [
    { name: 'Brightloom', winRate: 0.41, tags: ['saas'] },
    { name: 'Globex Analytics', winRate: 0.6 },
  ],
  meta: { page: 1, 'odd.key': true },
};

describe('output extraction', () => {
  it('reads nested keys, indexes and every item of a list', () => {
    expect(
      extractOutputs(response, [
        { path: 'company', label: 'Company' },
        { path: 'competitors[].name', label: 'Competitors' },
        { path: 'competitors[1].winRate', label: 'Win rate' },
        { path: 'competitors[].tags[]', label: 'Tags' },
      ]),
    ).toEqual([
      { label: 'Company', path: 'company', value: 'Northwind Traders' },
      { label: 'Competitors', path: 'competitors[].name', value: ['Brightloom', 'Globex Analytics'] },
      { label: 'Win rate', path: 'competitors[1].winRate', value: 0.6 },
      { label: 'Tags', path: 'competitors[].tags[]', value: [['saas']] },
    ]);
  });

  it('gives null for what is not there, and for malformed paths', () => {
    expect(valueAt(response, 'competitors[5].name')).toBeNull();
    expect(valueAt(response, 'company.name')).toBeNull();
    expect(valueAt(response, 'constructor')).toBeNull();
    expect(parsePath('a..b')).toBeNull();
    expect(parsePath('.a')).toBeNull();
    expect(parsePath('a.')).toBeNull();
  });
});

describe('output fields from a sample', () => {
  it('lists every leaf path with a label to start from', () => {
    expect(outputFields(response).map((f) => [f.path, f.suggestedLabel])).toEqual([
      ['domain', 'Domain'],
      ['company', 'Company'],
      ['competitors[].name', 'Name'],
      ['competitors[].winRate', 'Win Rate'],
      ['competitors[].tags', 'Tags'],
      ['meta.page', 'Page'],
    ]);
  });

  it('offers paths that extract what the sample shows', () => {
    for (const field of outputFields(response)) expect(valueAt(response, field.path)).not.toBeNull();
  });
});
