// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { EnrichedContact } from '../../utils/schemas/enterprise-api.ts';
import type { TabEntity } from '../../utils/schemas/lookup.ts';
import { ContactCard } from './contact-card.tsx';
import { EntityView } from './entity-view.tsx';
import { CompanyCard, IntentList, intentContacts } from './company-card.tsx';
import { CapabilitiesProvider } from '../background.tsx';
import { byText, click, fakeBackground, render, waitFor, type Rendered } from '../../tests/unit/testing.tsx';

const dana: EnrichedContact = {
  id: 50001,
  firstName: 'Dana',
  lastName: 'Lin',
  jobTitle: 'Chief Revenue Officer',
  email: 'dana@northwind.io',
  phone: '+1 415 555 0101',
  directPhoneDoNotCall: true,
  managementLevel: ['C-Level'],
  jobFunction: [{ name: 'Sales', department: 'Sales' }],
  externalUrls: [{ type: 'linkedin', url: 'https://www.linkedin.com/in/dana-lin-northwind' }],
  company: { id: 1001, name: 'Northwind Traders', website: 'https://www.northwind.io' },
  contactAccuracyScore: 95,
};

const entity = (state: TabEntity['state']): TabEntity => ({
  key: 'email:dana@northwind.io',
  detection: { kind: 'email', value: 'dana@northwind.io', source: 'text', confidence: 1 },
  state,
});

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
});

describe('ContactCard', () => {
  it('shows who the person is and how to reach them, with do-not-call flags', async () => {
    view = await render(<ContactCard contact={dana} revealed lookupOnly={false} />);
    const text = view.container.textContent ?? '';
    expect(view.container.querySelector('h2')?.textContent).toBe('Dana Lin');
    for (const s of ['Chief Revenue Officer', 'Northwind Traders', 'C-Level', 'Sales', 'dana@northwind.io', '+1 415 555 0101', 'Do not call', '95/100']) {
      expect(text).toContain(s);
    }
    expect(view.container.querySelector('a[href="https://www.linkedin.com/in/dana-lin-northwind"]')).not.toBeNull();
  });

  it('names the connector a waterfall filled a field from', async () => {
    view = await render(<ContactCard contact={{ ...dana, mobilePhone: '+1 415 555 0199' }} revealed lookupOnly={false} filledBy={{ mobilePhone: 'App-Z' }} />);
    const mobile = [...view.container.querySelectorAll('dd')].find((dd) => dd.textContent?.includes('+1 415 555 0199'));
    expect(mobile?.textContent).toContain('from App-Z');
    expect(view.container.textContent?.match(/from App-Z/g)).toHaveLength(1);
  });

  it('renders markup in names and titles as text, and never links javascript: URLs', async () => {
    const evil: EnrichedContact = {
      ...dana,
      firstName: '<img src=x onerror=alert(1)>',
      jobTitle: '<script>alert(2)</script>',
      externalUrls: [{ type: 'linkedin', url: 'javascript:alert(3)' }],
    };
    view = await render(<ContactCard contact={evil} revealed lookupOnly={false} />);
    expect(view.container.querySelector('img, script')).toBeNull();
    expect(view.container.textContent).toContain('<img src=x onerror=alert(1)> Lin');
    expect(view.container.textContent).toContain('<script>alert(2)</script>');
    expect(view.container.querySelector('a[href^="javascript:"]')).toBeNull();
  });

  it('preview: hides email, says what a reveal costs, and asks before spending', async () => {
    const background = fakeBackground({ revealContact: () => dana });
    view = await render(<ContactCard contact={{ ...dana, email: null, phone: null }} revealed={false} lookupOnly />, background);
    expect(view.container.textContent).not.toContain('dana@northwind.io');
    expect(view.container.textContent).toContain('Reveal email and phones — 1 credit');
    expect(view.container.textContent).toContain('1 credit (free if your account enriched this person in the last 12 months)');
    await click(byText(view.container, 'button', 'Reveal email and phones'));
    expect(background.calls).toHaveLength(0);
    await click(byText(view.container, 'button', 'Spend 1 credit'));
    await waitFor(() => expect(view?.container.textContent).toContain('dana@northwind.io'));
    expect(background.calls).toEqual([{ name: 'revealContact', input: { personId: 50001 } }]);
  });
});

describe('EntityView: every state has its face', () => {
  it('LOADING is a skeleton', async () => {
    view = await render(<EntityView tabId={1} entity={entity({ status: 'LOADING', since: 0 })} lookupOnly={false} onViewCompany={() => undefined} />, fakeBackground({}));
    expect(view.container.querySelector('[role="status"][aria-label^="Looking up"]')).not.toBeNull();
  });

  it('NO_RESULT says what was tried', async () => {
    view = await render(
      <EntityView tabId={1} entity={entity({ status: 'NO_RESULT', tried: 'email dana@northwind.io', at: Date.now() })} lookupOnly={false} onViewCompany={() => undefined} />,
      fakeBackground({}),
    );
    expect(view.container.textContent).toContain('Nothing found.');
    expect(view.container.textContent).toContain('Tried email dana@northwind.io');
  });

  it('a retryable ERROR shows its sentence and a Retry that asks the background', async () => {
    const background = fakeBackground({ retryLookup: () => ({ ok: true }) });
    view = await render(
      <EntityView
        tabId={7}
        entity={entity({ status: 'ERROR', errorId: 'network', message: 'The provider could not be reached.', retryable: true, at: 0 })}
        lookupOnly={false}
        onViewCompany={() => undefined}
      />,
      background,
    );
    expect(view.container.textContent).toContain('The provider could not be reached.');
    await click(byText(view.container, 'button', 'Retry'));
    expect(background.calls).toEqual([{ name: 'retryLookup', input: { tabId: 7, key: 'email:dana@northwind.io' } }]);
  });

  it('a non-retryable ERROR has no Retry', async () => {
    view = await render(
      <EntityView tabId={7} entity={entity({ status: 'ERROR', errorId: 'unauthorized', message: 'Sign-in failed.', retryable: false, at: 0 })} lookupOnly={false} onViewCompany={() => undefined} />,
      fakeBackground({}),
    );
    expect(byText(view.container, 'button', 'Retry')).toBeUndefined();
  });

  it('MULTI_MATCH lets the user pick; "Not this person" rejects', async () => {
    const background = fakeBackground({ chooseCandidate: () => ({ ok: true }), rejectMatch: () => ({ ok: true }) });
    const provenance = { provider: 'the enterprise API', matchedOn: 'fullName: Dana Lin', matchStatus: 'MULTI_MATCH' as const, accuracy: null, lastUpdated: null };
    view = await render(
      <EntityView
        tabId={3}
        entity={entity({
          status: 'RESULT',
          at: 0,
          result: { type: 'contact', contact: null, candidates: [dana, { ...dana, id: 50099, company: { id: 2, name: 'Other Co', website: null } }], company: null, revealed: true, provenance },
        })}
        lookupOnly={false}
        onViewCompany={() => undefined}
      />,
      background,
    );
    expect(view.container.textContent).toContain('Which one is it?');
    expect(view.container.textContent).toContain('Several possible matches');
    const buttons = [...view.container.querySelectorAll('button')].filter((b) => b.textContent === 'This one');
    await click(buttons[1]);
    await click(byText(view.container, 'button', 'Not this person'));
    expect(background.calls).toEqual([
      { name: 'chooseCandidate', input: { tabId: 3, key: 'email:dana@northwind.io', personId: 50099 } },
      { name: 'rejectMatch', input: { tabId: 3, key: 'email:dana@northwind.io' } },
    ]);
  });
});

describe('IntentList', () => {
  it('orders topics strongest first and marks spikes', async () => {
    view = await render(
      <IntentList
        signals={[
          { companyId: 1, topic: 'Data Warehousing', signalScore: 71, spike: false, audienceStrength: 'medium' },
          { companyId: 1, topic: 'Supply Chain Visibility', signalScore: 92, spike: true, audienceStrength: 'high', signalDate: '2026-11-10' },
        ]}
      />,
    );
    const items = [...view.container.querySelectorAll('[data-testid="intent-topic"]')];
    expect(items.map((i) => i.querySelector('.intent-topic')?.textContent)).toEqual(['Supply Chain Visibility', 'Data Warehousing']);
    expect(items[0]?.querySelector('[data-testid="spike"]')).not.toBeNull();
    expect(items[1]?.querySelector('[data-testid="spike"]')).toBeNull();
    expect(items[0]?.textContent).toContain('High audience · 10 Nov 2026');
  });
});

describe('intentContacts', () => {
  it('lists the people suggested for the topics once each, strongest topic first', () => {
    const person = (id: number) => ({ id, firstName: `P${id}`, lastName: 'X' });
    expect(
      intentContacts([
        { companyId: 1, topic: 'Weak', signalScore: 10, recommendedContacts: [person(3), person(1)] },
        { companyId: 1, topic: 'Strong', signalScore: 90, recommendedContacts: [person(1), person(2)] },
      ]).map((p) => p.id),
    ).toEqual([1, 2, 3]);
  });
});

const noStructure = { orgChart: { status: 'ok' as const, items: [] }, corporateFamily: { status: 'ok' as const, items: [] } };

describe('CompanyCard', () => {
  const company = { id: 1001, name: '<b>Northwind</b>', website: 'https://www.northwind.io', employeeCount: 420, revenue: 61000, city: 'San Francisco', country: 'United States' };

  it('renders headlines, scoops and names as text, and links only http(s) news', async () => {
    const background = fakeBackground({
      companyInsights: () => ({
        intent: { status: 'ok', items: [] },
        news: { status: 'ok', items: [{ id: 1, companyId: 1001, headline: '<img src=x onerror=alert(1)>Raises $45M', url: 'javascript:alert(1)' }] },
        scoops: { status: 'ok', items: [{ id: 2, companyId: 1001, description: '<script>alert(2)</script>' }] },
        ...noStructure,
      }),
      recommendedContacts: () => ({ maxResults: 10, totalResults: 0, currentPage: 1, data: [] }),
    });
    view = await render(<CompanyCard company={company} lookupOnly={false} />, background);
    await waitFor(() => expect(view?.container.textContent).toContain('<img src=x onerror=alert(1)>Raises $45M'));
    expect(view.container.textContent).toContain('<script>alert(2)</script>');
    expect(view.container.querySelector('h2')?.textContent).toBe('<b>Northwind</b>');
    expect(view.container.querySelector('img, script, b')).toBeNull();
    expect(view.container.querySelector('a[href^="javascript:"]')).toBeNull();
    expect(view.container.textContent).toContain('$61M');
  });

  it('an account without intent: the intent section says so in a sentence, news, scoops and people still show', async () => {
    const background = fakeBackground({
      companyInsights: () => ({
        intent: { status: 'forbidden' },
        news: { status: 'ok', items: [{ id: 1, companyId: 1001, headline: 'Northwind opens a Lisbon office' }] },
        scoops: { status: 'ok', items: [{ id: 2, companyId: 1001, type: 'Hiring', description: 'Hiring 12 sales engineers' }] },
        ...noStructure,
      }),
      recommendedContacts: () => ({ maxResults: 10, totalResults: 1, currentPage: 1, data: [{ id: 7, firstName: 'Ana', lastName: 'Silva', jobTitle: 'VP Sales', hasEmail: true }] }),
    });
    view = await render(<CompanyCard company={company} lookupOnly={false} />, background);
    await waitFor(() => expect(view?.container.textContent).toContain('Northwind opens a Lisbon office'));
    const intent = view.container.querySelector('[data-testid="intent-section"]');
    expect(intent?.textContent).toContain('Your account does not include intent data.');
    expect(intent?.querySelector('[role="alert"], button')).toBeNull();
    expect(view.container.textContent).toContain('Hiring 12 sales engineers');
    await waitFor(() => expect(view?.container.textContent).toContain('Ana Silva'));
    expect(view.container.querySelector('[role="alert"]')).toBeNull();
  });

  it('one failing section keeps its own error and retry; the others still show', async () => {
    let calls = 0;
    const background = fakeBackground({
      companyInsights: () => {
        calls++;
        return {
          intent: { status: 'ok', items: [{ companyId: 1001, topic: 'Data Warehousing', signalScore: 88 }] },
          news: calls === 1 ? { status: 'error', message: 'The enterprise API had a problem (HTTP 503).', retryable: true } : { status: 'ok', items: [] },
          scoops: { status: 'ok', items: [] },
          ...noStructure,
        };
      },
      recommendedContacts: () => ({ maxResults: 10, totalResults: 0, currentPage: 1, data: [] }),
    });
    view = await render(<CompanyCard company={company} lookupOnly={false} />, background);
    await waitFor(() => expect(view?.container.textContent).toContain('Data Warehousing'));
    const news = view.container.querySelector('[data-testid="news-section"]');
    expect(news?.textContent).toContain('Could not load company news.');
    await click(byText(news ?? view.container, 'button', 'Try again'));
    await waitFor(() => expect(view?.container.textContent).toContain('No recent news.'));
    expect(calls).toBe(2);
  });

  it('offers only what the provider can do', async () => {
    const background = fakeBackground({});
    view = await render(
      <CapabilitiesProvider capabilities={['enrichCompanies']}>
        <CompanyCard company={company} lookupOnly={false} />
      </CapabilitiesProvider>,
      background,
    );
    expect(view.container.textContent).not.toContain('Intent');
    expect(view.container.textContent).not.toContain('People to talk to');
    expect(background.calls).toEqual([]);
  });

  const person = (id: number, tier: number, managerId: number | null, jobTitle: string, managementLevel: string) => ({
    id,
    firstName: `P${id}`,
    lastName: 'Org',
    jobTitle,
    managementLevel,
    department: 'Sales',
    hasEmail: true,
    tier,
    subTier: 1,
    managerId,
  });

  it('shows the corporate family as links to each card; an account without org charts is told so, and the rest stays', async () => {
    const opened: string[] = [];
    const background = fakeBackground({
      companyInsights: () => ({
        intent: { status: 'ok', items: [] },
        news: { status: 'ok', items: [{ id: 1, companyId: 1001, headline: 'Northwind opens a Lisbon office' }] },
        scoops: { status: 'ok', items: [] },
        orgChart: { status: 'forbidden' },
        corporateFamily: {
          status: 'ok',
          items: [{ parents: [{ id: 1010, name: 'Quanta Cloudworks', city: 'San Francisco', state: 'California' }], subsidiaries: [{ id: 1002, name: 'Brightloom', city: 'Seattle', state: null }] }],
        },
      }),
      recommendedContacts: () => ({ maxResults: 10, totalResults: 0, currentPage: 1, data: [] }),
    });
    view = await render(<CompanyCard company={company} lookupOnly={false} onOpenCompany={(name) => opened.push(name)} />, background);
    await waitFor(() => expect(view?.container.textContent).toContain('Quanta Cloudworks'));
    const family = view.container.querySelector('[data-testid="family-section"]');
    expect(family?.querySelector('[data-testid="family-parents"]')?.textContent).toContain('Quanta Cloudworks · San Francisco, California');
    await click(byText(family ?? view.container, 'button', 'Brightloom'));
    expect(opened).toEqual(['Brightloom']);
    const org = view.container.querySelector('[data-testid="org-section"]');
    expect(org?.textContent).toContain('Your account does not include org charts.');
    expect(org?.querySelector('[role="alert"], button')).toBeNull();
    expect(view.container.textContent).toContain('Northwind opens a Lisbon office');
  });

  it('the org chart is a reports-to tree: levels shown, deeper levels collapsed until opened, each person revealable', async () => {
    const background = fakeBackground({
      companyInsights: () => ({
        intent: { status: 'ok', items: [] },
        news: { status: 'ok', items: [] },
        scoops: { status: 'ok', items: [] },
        orgChart: {
          status: 'ok',
          items: [person(1, 1, null, 'Chief Executive Officer', 'C-Level'), person(2, 2, 1, 'Chief Revenue Officer', 'C-Level'), person(3, 3, 2, 'Director of Sales', 'Director'), person(4, 4, 3, 'Sales Manager', 'Manager')],
        },
        corporateFamily: { status: 'ok', items: [] },
      }),
      recommendedContacts: () => ({ maxResults: 10, totalResults: 0, currentPage: 1, data: [] }),
    });
    view = await render(<CompanyCard company={company} lookupOnly={false} />, background);
    await waitFor(() => expect(view?.container.querySelector('[data-testid="org-tree"]')).not.toBeNull());
    const org = view.container.querySelector('[data-testid="org-section"]');
    expect(org?.textContent).toContain('4 people in 4 levels');
    const visible = () => [...(org?.querySelectorAll('[data-testid="org-node"]') ?? [])].filter((n) => !n.closest('[hidden]')).map((n) => n.querySelector('.person-meta')?.textContent);
    expect(visible()).toEqual(['Chief Executive Officer · C-Level · Sales', 'Chief Revenue Officer · C-Level · Sales']);
    const toggle = org?.querySelector<HTMLButtonElement>('[aria-label^="Show the 2 people under P2 Org"]');
    expect(toggle?.getAttribute('aria-expanded')).toBe('false');
    if (toggle) await click(toggle);
    expect(visible()).toEqual(['Chief Executive Officer · C-Level · Sales', 'Chief Revenue Officer · C-Level · Sales', 'Director of Sales · Director · Sales']);
    expect(org?.querySelectorAll('.org-level')[2]?.textContent).toBe('L3');
    expect(org?.querySelector('button[aria-label^="Reveal email and phone of P1 Org"]')).not.toBeNull();
  });
});
