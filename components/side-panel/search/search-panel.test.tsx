// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SidecarError } from '../../../utils/errors.ts';
import type { CompanySummary, ContactSummary } from '../../../utils/schemas/enterprise-api.ts';
import { CapabilitiesProvider } from '../../background.tsx';
import { byLabel, byText, click, fakeBackground, render, type, waitFor, type Rendered } from '../../../tests/unit/testing.tsx';
import { SearchPanel } from './search-panel.tsx';

/** An enterprise account and no search API key: what getStatus reports for such a set-up. */
const ENTERPRISE_ONLY = ['enrichContacts', 'enrichCompanies', 'intent', 'prospectContacts', 'prospectCompanies', 'intentSearch', 'news', 'scoops', 'usage', 'lookups'];

const people: ContactSummary[] = Array.from({ length: 60 }, (_, i) => ({
  id: 70000 + i,
  firstName: i === 0 ? '=HYPERLINK("http://evil")' : `Person${i}`,
  lastName: 'Tester',
  jobTitle: 'VP of Sales',
  hasEmail: true,
  company: { id: 1001, name: 'Northwind Traders' },
}));

function enterpriseBackground(lookups: 'ok' | 'fail' = 'ok') {
  return fakeBackground({
    prospectContacts: (c) => {
      const rpp = c.rpp ?? 25;
      const page = c.page ?? 1;
      return { maxResults: rpp, totalResults: people.length, currentPage: page, data: people.slice((page - 1) * rpp, page * rpp) };
    },
    prospectCompanies: () => ({
      maxResults: 25,
      totalResults: 1,
      currentPage: 1,
      data: [{ id: 1001, name: 'Northwind Traders', website: 'www.northwind.io', industry: 'Software', employeeRange: '250 - 499', revenueRange: '$50 mil. - $100 mil.', city: 'San Francisco', country: 'United States' } satisfies CompanySummary],
    }),
    intentSearch: (r) => ({
      maxResults: 25,
      totalResults: 1,
      currentPage: 1,
      data: [{ id: 1001, name: 'Northwind Traders', website: 'https://www.northwind.io', signals: r.topics.map((topic) => ({ companyId: 1001, topic, signalScore: 91, audienceStrength: 'A' })) }],
    }),
    lookupValues: ({ field }) => {
      if (lookups === 'fail') throw new SidecarError('not_found', 'The enterprise API has no such endpoint.');
      return field === 'intent/topics' ? ['Data Warehousing', 'Cloud Security'] : field === 'managementlevel' ? ['C Level Exec', 'VP Level Exec'] : ['Software'];
    },
  });
}

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
  vi.restoreAllMocks();
});

const options = (id: string | null | undefined) => [...(view?.container.querySelectorAll(`datalist[id="${id ?? ''}"] option`) ?? [])].map((o) => o.getAttribute('value'));

describe('Search tab with an enterprise account and no search API key', () => {
  it('searches contacts with the enterprise search, offering only the filters it has', async () => {
    const background = enterpriseBackground();
    view = await render(
      <CapabilitiesProvider capabilities={ENTERPRISE_ONLY}>
        <SearchPanel />
      </CapabilitiesProvider>,
      background,
    );
    const text = view.container.textContent ?? '';
    expect(text).not.toContain('Search needs');
    expect(byLabel(view.container, 'Company name')).toBeDefined();
    expect(byLabel(view.container, 'Domain endings (TLDs)')).toBeUndefined();
    expect(text).not.toContain('Decision makers only');
    await waitFor(() => expect(options(byLabel(view?.container ?? document, 'Management levels')?.getAttribute('list'))).toEqual(['C Level Exec', 'VP Level Exec']));

    await type(byLabel(view.container, 'Job titles'), 'VP of Sales');
    await type(byLabel(view.container, 'Company name'), 'Northwind');
    await click(byText(view.container, 'button', 'Search contacts'));
    await waitFor(() => expect(view?.container.querySelector('[data-testid="results-summary"]')?.textContent).toBe('60 contacts · page 1 of 3'));
    expect(background.calls.find((c) => c.name === 'prospectContacts')?.input).toEqual({ jobTitle: 'VP of Sales', companyName: 'Northwind', rpp: 25, page: 1 });
    expect(background.calls.some((c) => c.name === 'searchContacts')).toBe(false);
    expect(view.container.querySelectorAll('tbody tr')).toHaveLength(25);
  });

  it('exports all 60 matching rows, not the 25 on screen, with formulas defused', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return 'blob:test';
    });
    const background = enterpriseBackground();
    view = await render(
      <CapabilitiesProvider capabilities={ENTERPRISE_ONLY}>
        <SearchPanel />
      </CapabilitiesProvider>,
      background,
    );
    await click(byText(view.container, 'button', 'Search contacts'));
    await waitFor(() => expect(byText(view?.container ?? document, 'button', 'Export all 60 (CSV)')).toBeDefined());
    await click(byText(view.container, 'button', 'Export all 60 (CSV)'));
    await waitFor(() => expect(blobs).toHaveLength(1));
    const lines = (await blobs[0]?.text())?.split('\r\n') ?? [];
    expect(lines[0]).toBe('id,first_name,last_name,job_title,management_level,department,has_email,has_direct_phone,has_mobile_phone,accuracy_score,company_id,company_name');
    expect(lines.filter(Boolean)).toHaveLength(61);
    expect(lines[1]).toContain('"\'=HYPERLINK(""http://evil"")"');
    expect(lines[60]?.startsWith('70059,Person59,')).toBe(true);
  });

  it('finds companies by industry and location, showing ranges where the search gives them', async () => {
    const background = enterpriseBackground();
    view = await render(
      <CapabilitiesProvider capabilities={ENTERPRISE_ONLY}>
        <SearchPanel />
      </CapabilitiesProvider>,
      background,
    );
    await click(view.container.querySelector('input[value="companies"]'));
    await type(byLabel(view.container, 'Industries'), 'Software');
    await type(byLabel(view.container, 'HQ country'), 'United States');
    await click(byText(view.container, 'button', 'Search companies'));
    await waitFor(() => expect(view?.container.textContent).toContain('250 - 499'));
    expect(view.container.textContent).toContain('$50 mil. - $100 mil.');
    expect(background.calls.find((c) => c.name === 'prospectCompanies')?.input).toEqual({ industryKeywords: 'Software', country: 'United States', rpp: 25, page: 1 });
  });

  it('finds companies researching a topic, topics suggested from the provider', async () => {
    const background = enterpriseBackground();
    view = await render(
      <CapabilitiesProvider capabilities={ENTERPRISE_ONLY}>
        <SearchPanel />
      </CapabilitiesProvider>,
      background,
    );
    await click(view.container.querySelector('input[value="intent"]'));
    expect((byText(view.container, 'button', 'Find companies') as HTMLButtonElement).disabled).toBe(true);
    await waitFor(() => expect(options(byLabel(view?.container ?? document, 'Topics')?.getAttribute('list'))).toEqual(['Data Warehousing', 'Cloud Security']));
    await type(byLabel(view.container, 'Topics'), 'Data Warehousing');
    await click(byText(view.container, 'button', 'Find companies'));
    await waitFor(() => expect(view?.container.querySelector('[data-testid="intent-company"]')?.textContent).toContain('Data Warehousing 91'));
    expect(view.container.textContent).toContain('Audience A');
    expect(view.container.querySelector('[data-testid="results-summary"]')?.textContent).toMatch(/^\d+ intent signals? · page 1 of 1$/);
    expect(background.calls.find((c) => c.name === 'intentSearch')?.input).toEqual({ topics: ['Data Warehousing'], rpp: 25, page: 1 });
  });

  it('says in a sentence that the account has no intent when intent search is refused (403)', async () => {
    const background = fakeBackground({
      intentSearch: () => {
        throw new SidecarError('forbidden', 'You do not have access to this endpoint.');
      },
      lookupValues: () => [],
    });
    view = await render(
      <CapabilitiesProvider capabilities={ENTERPRISE_ONLY}>
        <SearchPanel />
      </CapabilitiesProvider>,
      background,
    );
    await click(view.container.querySelector('input[value="intent"]'));
    await type(byLabel(view.container, 'Topics'), 'Data Warehousing');
    await click(byText(view.container, 'button', 'Find companies'));
    await waitFor(() => expect(view?.container.querySelector('[data-testid="not-entitled"]')?.textContent).toBe('Your account does not include intent data.'));
    expect(view.container.textContent).not.toContain('The search failed.');
  });

  it('falls back to the built-in suggestions when the provider’s lookup fails', async () => {
    view = await render(
      <CapabilitiesProvider capabilities={ENTERPRISE_ONLY}>
        <SearchPanel />
      </CapabilitiesProvider>,
      enterpriseBackground('fail'),
    );
    await waitFor(() => expect(options(byLabel(view?.container ?? document, 'Management levels')?.getAttribute('list'))).toContain('C-Level'));
    expect(view.container.querySelector('[role="alert"]')).toBeNull();
  });

  it('with a search API key, keeps the search API and all its filters', async () => {
    const background = fakeBackground({
      searchContacts: () => ({ data: [], meta: { page: 1, per_page: 25, total: 0, total_pages: 0, took_ms: 3 }, errors: [] }),
      lookupValues: () => [],
    });
    view = await render(
      <CapabilitiesProvider capabilities={['searchContacts', 'searchCompanies', ...ENTERPRISE_ONLY]}>
        <SearchPanel />
      </CapabilitiesProvider>,
      background,
    );
    expect(byLabel(view.container, 'Domain endings (TLDs)')).toBeDefined();
    await click(byText(view.container, 'button', 'Search contacts'));
    await waitFor(() => expect(view?.container.textContent).toContain('Nothing matches these filters.'));
    expect(background.calls.some((c) => c.name === 'searchContacts')).toBe(true);
    expect(background.calls.some((c) => c.name === 'prospectContacts')).toBe(false);
  });
});
