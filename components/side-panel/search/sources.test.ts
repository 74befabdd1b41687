import { describe, expect, it } from 'vitest';
import type { ContactSummary } from '../../../utils/schemas/enterprise-api.ts';
import type { Send } from '../../background.tsx';
import { fakeBackground } from '../../../tests/unit/testing.tsx';
import { EMPTY_FORM } from './search-request.ts';
import { fetchAll, fetchPage, hasFilter, MAX_EXPORT_ROWS } from './sources.ts';

const people = (n: number): ContactSummary[] => Array.from({ length: n }, (_, i) => ({ id: 60000 + i, firstName: `P${i}`, lastName: 'Tester', jobTitle: 'Analyst' }));

function prospects(all: ContactSummary[], total = all.length): Send {
  return fakeBackground({
    prospectContacts: (c) => {
      const rpp = c.rpp ?? 25;
      const page = c.page ?? 1;
      return { maxResults: rpp, totalResults: total, currentPage: page, data: all.slice((page - 1) * rpp, page * rpp) };
    },
  }).send;
}

describe('search sources', () => {
  it('without a search key, contacts come from the enterprise search, with its paging', async () => {
    const page = await fetchPage(prospects(people(60)), 'contacts', 'enterprise', EMPTY_FORM, 2);
    expect(page).toMatchObject({ kind: 'contacts', source: 'enterprise', page: 2, totalPages: 3, total: 60 });
    expect(page.rows.map((r) => r.id)).toEqual(people(60).slice(25, 50).map((p) => p.id));
  });

  it('exports every matching row, a page of 100 at a time, reporting progress', async () => {
    const background = fakeBackground({
      prospectContacts: (c) => ({ maxResults: c.rpp ?? 25, totalResults: 230, currentPage: c.page ?? 1, data: people(230).slice(((c.page ?? 1) - 1) * 100, (c.page ?? 1) * 100) }),
    });
    const progress: [number, number][] = [];
    const all = await fetchAll(background.send, 'contacts', 'enterprise', EMPTY_FORM, (done, total) => progress.push([done, total]));
    expect(all.rows).toHaveLength(230);
    expect(new Set(all.rows.map((r) => r.id)).size).toBe(230);
    expect(background.calls.map((c) => (c.input as { page: number; rpp: number }).page)).toEqual([1, 2, 3]);
    expect(background.calls.every((c) => (c.input as { rpp: number }).rpp === 100)).toBe(true);
    expect(progress).toEqual([
      [100, 230],
      [200, 230],
      [230, 230],
    ]);
    expect(all.truncated).toBe(false);
  });

  it('stops at 10,000 rows, where the published search stops paging, and says so', async () => {
    const many = people(MAX_EXPORT_ROWS + 50);
    const all = await fetchAll(prospects(many, 250_000), 'contacts', 'enterprise', EMPTY_FORM, () => undefined);
    expect(all.rows).toHaveLength(MAX_EXPORT_ROWS);
    expect(all.truncated).toBe(true);
  });

  it('shows only the filters each search has', () => {
    expect(hasFilter('enterprise', 'contacts', 'companyName')).toBe(true);
    expect(hasFilter('enterprise', 'contacts', 'tlds')).toBe(false);
    expect(hasFilter('enterprise', 'contacts', 'isDecisionMaker')).toBe(false);
    expect(hasFilter('search-api', 'contacts', 'tlds')).toBe(true);
    expect(hasFilter('search-api', 'contacts', 'companyName')).toBe(false);
    expect(hasFilter('search-api', 'intent', 'topics')).toBe(true);
  });
});
