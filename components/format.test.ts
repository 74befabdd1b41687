import { describe, expect, it } from 'vitest';
import { displayHost, formatDate, formatThousandsUsd, fullName, groupOf, initials, safeHref, seniorityOf, timeAgo } from './format.ts';
import { classifyQuery } from '../utils/lookup/query.ts';
import { pinnedTabId } from './use-tab-state.ts';

describe('format', () => {
  it('names and initials', () => {
    expect(fullName({ firstName: 'Dana', lastName: 'Lin' })).toBe('Dana Lin');
    expect(fullName({ firstName: null, lastName: null })).toBe('Unnamed contact');
    expect(initials('Dana Mei Lin')).toBe('DL');
    expect(initials('')).toBe('?');
  });

  it('money in thousands, dates in UTC', () => {
    expect(formatThousandsUsd(61000)).toBe('$61M');
    expect(formatThousandsUsd(null)).toBeNull();
    expect(formatDate('2026-11-10')).toBe('10 Nov 2026');
    expect(formatDate('not a date')).toBe('not a date');
  });

  it('only http(s) links are made clickable', () => {
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,x')).toBeNull();
    expect(safeHref('www.northwind.io')).toBe('https://www.northwind.io/');
    expect(displayHost('https://www.northwind.io/about')).toBe('northwind.io');
  });

  it('seniority from either shape, groups, relative time', () => {
    expect(seniorityOf({ managementLevel: ['C-Level'] })).toBe('C-Level');
    expect(seniorityOf({ managementLevel: 'VP' })).toBe('VP');
    expect(groupOf({ kind: 'person', value: 'x', source: 's', confidence: 1 })).toBe('people');
    expect(groupOf({ kind: 'domain', value: 'x.io', source: 's', confidence: 1 })).toBe('companies');
    expect(timeAgo(0, 30_000)).toBe('just now');
    expect(timeAgo(0, 5 * 60_000)).toBe('5 min ago');
  });
});

describe('classifyQuery', () => {
  it('classifies what the user typed', () => {
    expect(classifyQuery('  Dana@Northwind.io ')).toEqual({ kind: 'email', value: 'dana@northwind.io' });
    expect(classifyQuery('https://www.northwind.io/about?x=1')).toEqual({ kind: 'domain', value: 'northwind.io' });
    expect(classifyQuery('acmerobotics.com')).toEqual({ kind: 'domain', value: 'acmerobotics.com' });
    expect(classifyQuery('Lumen & Oak Studio')).toEqual({ kind: 'company', value: 'Lumen & Oak Studio' });
    expect(classifyQuery('   ')).toBeNull();
  });
});

describe('pinnedTabId', () => {
  it('reads ?tabId= and ignores anything else', () => {
    expect(pinnedTabId('?tabId=42')).toBe(42);
    expect(pinnedTabId('?tabId=-1')).toBeNull();
    expect(pinnedTabId('')).toBeNull();
  });
});
