import { useEffect, useState, type ReactNode } from 'react';
import type { ContactSummary, EnrichedCompany, EnrichedContact, IntentSignal } from '../../utils/schemas/enterprise-api.ts';
import type { CompanyInsights } from '../../utils/messaging.ts';
import type { SectionState as Section } from '../../utils/schemas/insights.ts';
import { toSidecarError, type SidecarError } from '../../utils/errors.ts';
import { useCapability, useSend } from '../background.tsx';
import { audienceLabel, displayHost, formatCount, formatDate, formatLocation, formatThousandsUsd, industryOf, initials, safeHref } from '../format.ts';
import { CorporateFamilyView, OrgChartView, type OpenCompany } from './company-structure.tsx';
import { PersonRow, RecommendedContacts } from './recommended-contacts.tsx';
import { Avatar, ExternalLink, Field, Notice, Skeleton } from '../ui.tsx';

export function strongestFirst(signals: IntentSignal[]): IntentSignal[] {
  return [...signals].sort((a, b) => b.signalScore - a.signalScore || Number(Boolean(b.spike)) - Number(Boolean(a.spike)));
}

export function IntentList({ signals }: { signals: IntentSignal[] }) {
  if (signals.length === 0) return <p className="muted">No intent signals for this company right now.</p>;
  return (
    <ul className="intent-list">
      {strongestFirst(signals).map((s) => (
        <li key={`${s.topic}-${s.topicId ?? ''}`} className={`intent${s.spike ? ' intent-spike' : ''}`} data-testid="intent-topic">
          <div className="intent-head">
            <span className="intent-topic">{s.topic}</span>
            {s.spike ? (
              <span className="tag tag-spike" data-testid="spike" title="Score well above this company's usual level">
                ▲ Spike
              </span>
            ) : null}
            <span className="intent-score" aria-label={`Score ${s.signalScore} out of 100`}>
              {s.signalScore}
            </span>
          </div>
          <div className="bar" aria-hidden="true">
            <span className="bar-fill" style={{ width: `${Math.max(2, Math.min(100, s.signalScore))}%` }} />
          </div>
          <p className="intent-meta">
            {[audienceLabel(s.audienceStrength), formatDate(s.signalDate)]
              .filter(Boolean)
              .join(' · ')}
          </p>
        </li>
      ))}
    </ul>
  );
}

/**
 * One section of the insights: its content, a plain sentence when the account does not include it
 * (a 403 is a plan, not a fault), or its own error — never one that hides the other sections.
 */
function SectionBody<T>({ section, what, retry, children }: { section: Section<T>; what: string; retry: ReactNode; children: (items: T[]) => ReactNode }) {
  if (section.status === 'forbidden') return <p className="muted" data-testid="not-entitled">Your account does not include {what}.</p>;
  if (section.status === 'error') {
    return (
      <Notice tone="error" title={`Could not load ${what}.`} action={section.retryable ? retry : null}>
        {section.message}
      </Notice>
    );
  }
  return children(section.items);
}

/** The people the provider suggests for these topics, once each, in the provider's order. */
export function intentContacts(signals: IntentSignal[]): ContactSummary[] {
  const seen = new Map<number, ContactSummary>();
  for (const s of strongestFirst(signals)) for (const c of s.recommendedContacts ?? []) if (!seen.has(c.id)) seen.set(c.id, c);
  return [...seen.values()];
}

function IntentContacts({ people, lookupOnly }: { people: ContactSummary[]; lookupOnly: boolean }) {
  const [revealed, setRevealed] = useState<Record<number, EnrichedContact>>({});
  if (people.length === 0) return null;
  return (
    <>
      <p className="section-hint">Who to reach about these topics:</p>
      <ul className="people">
        {people.map((p) => (
          <PersonRow key={p.id} testId="intent-contact" person={p} lookupOnly={lookupOnly} revealed={revealed[p.id]} onRevealed={(c) => setRevealed((r) => ({ ...r, [p.id]: c }))} />
        ))}
      </ul>
    </>
  );
}

function Insights({ companyId, lookupOnly, onOpenCompany }: { companyId: number; lookupOnly: boolean; onOpenCompany: OpenCompany | undefined }) {
  const send = useSend();
  const show = {
    intent: useCapability('intent'),
    news: useCapability('news'),
    scoops: useCapability('scoops'),
    orgChart: useCapability('orgChart'),
    corporateFamily: useCapability('corporateFamily'),
  };
  const [state, setState] = useState<{ id: number; data: CompanyInsights | null; error: SidecarError | null } | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    send('companyInsights', { companyId }).then(
      (data) => live && setState({ id: companyId, data, error: null }),
      (e: unknown) => live && setState({ id: companyId, data: null, error: toSidecarError(e) }),
    );
    return () => {
      live = false;
    };
  }, [send, companyId, attempt]);
  const current = state?.id === companyId ? state : null;
  const retry = (
    <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
      Try again
    </button>
  );
  if (!current) {
    return (
      <section className="section" aria-label="Intent, news and scoops">
        <h3>Intent</h3>
        <Skeleton lines={2} label="Loading intent, news and scoops" />
      </section>
    );
  }
  if (current.error || !current.data) {
    return (
      <section className="section">
        <h3>Intent</h3>
        <Notice tone="error" title="Could not load intent, news and scoops." action={current.error?.retryable !== false ? retry : null}>
          {current.error?.message}
        </Notice>
      </section>
    );
  }
  const { intent, news, scoops, orgChart, corporateFamily } = current.data;
  return (
    <>
      {show.corporateFamily ? (
        <section className="section" aria-labelledby={`family-h-${companyId}`} data-testid="family-section">
          <h3 id={`family-h-${companyId}`}>Corporate family</h3>
          <SectionBody section={corporateFamily} what="corporate hierarchy data" retry={retry}>
            {([family]) => (family ? <CorporateFamilyView family={family} onOpen={onOpenCompany} /> : <p className="muted">No parent or subsidiaries on record.</p>)}
          </SectionBody>
        </section>
      ) : null}
      {show.intent ? (
        <section className="section" aria-labelledby="intent-h" data-testid="intent-section">
          <h3 id="intent-h">Intent</h3>
          <SectionBody section={intent} what="intent data" retry={retry}>
            {(signals) => (
              <>
                <p className="section-hint">Topics this company is researching now, strongest first.</p>
                <IntentList signals={signals} />
                <IntentContacts people={intentContacts(signals)} lookupOnly={lookupOnly} />
              </>
            )}
          </SectionBody>
        </section>
      ) : null}
      {show.news ? (
        <section className="section" aria-labelledby="news-h" data-testid="news-section">
          <h3 id="news-h">News</h3>
          <SectionBody section={news} what="company news" retry={retry}>
            {(articles) =>
              articles.length === 0 ? (
                <p className="muted">No recent news.</p>
              ) : (
                <ul className="feed">
                  {articles.map((n) => {
                    const href = safeHref(n.url);
                    return (
                      <li key={String(n.id)}>
                        <p className="feed-title">{href ? <ExternalLink href={href}>{n.headline}</ExternalLink> : n.headline}</p>
                        <p className="feed-meta">{[n.category, formatDate(n.publishedDate)].filter(Boolean).join(' · ')}</p>
                      </li>
                    );
                  })}
                </ul>
              )
            }
          </SectionBody>
        </section>
      ) : null}
      {show.scoops ? (
        <section className="section" aria-labelledby="scoops-h" data-testid="scoops-section">
          <h3 id="scoops-h">Scoops</h3>
          <SectionBody section={scoops} what="scoops" retry={retry}>
            {(items) =>
              items.length === 0 ? (
                <p className="muted">No scoops.</p>
              ) : (
                <ul className="feed">
                  {items.map((sc) => (
                    <li key={String(sc.id)}>
                      <p className="feed-title">{sc.description}</p>
                      <p className="feed-meta">{[sc.type, formatDate(sc.publishedDate)].filter(Boolean).join(' · ')}</p>
                    </li>
                  ))}
                </ul>
              )
            }
          </SectionBody>
        </section>
      ) : null}
      {show.orgChart ? (
        <section className="section" aria-labelledby={`org-h-${companyId}`} data-testid="org-section">
          <h3 id={`org-h-${companyId}`}>Org chart</h3>
          <SectionBody section={orgChart} what="org charts" retry={retry}>
            {(people) => <OrgChartView people={people} lookupOnly={lookupOnly} />}
          </SectionBody>
        </section>
      ) : null}
    </>
  );
}

/** One company: firmographics, then its corporate family, intent, news, scoops, org chart and people to talk to there. */
export function CompanyCard({
  company,
  lookupOnly,
  headingLevel = 2,
  onOpenCompany,
}: {
  company: EnrichedCompany;
  lookupOnly: boolean;
  headingLevel?: 2 | 3;
  /** Opens another company's card (a parent or subsidiary). */
  onOpenCompany?: OpenCompany;
}) {
  const name = company.name ?? displayHost(company.website) ?? 'Unnamed company';
  const website = safeHref(company.website);
  const description = company.descriptionList?.map((d) => d.description).find(Boolean);
  const linkedin = safeHref(company.socialMediaUrls?.find((u) => /linkedin/i.test(u.type ?? u.url))?.url);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const intent = useCapability('intent');
  const news = useCapability('news');
  const scoops = useCapability('scoops');
  const orgChart = useCapability('orgChart');
  const family = useCapability('corporateFamily');
  const insights = intent || news || scoops || orgChart || family;
  const prospects = useCapability('prospectContacts');
  const employees = formatCount(company.employeeCount) ?? company.employeeRange ?? null;
  const revenue = formatThousandsUsd(company.revenue) ?? company.revenueRange ?? null;
  const funding = formatThousandsUsd(company.totalFundingAmount);
  return (
    <article className="card" aria-labelledby={`company-${company.id}`}>
      <header className="card-head">
        <Avatar text={initials(name)} kind="company" />
        <div className="card-head-text">
          <Heading id={`company-${company.id}`} className="card-title">
            {name}
          </Heading>
          <p className="card-subtitle">
            {[industryOf(company), company.ticker ? `Ticker ${company.ticker}` : null].filter(Boolean).join(' · ')}
          </p>
        </div>
      </header>
      <dl className="fields">
        <Field label="Website">{website ? <ExternalLink href={website}>{displayHost(website)}</ExternalLink> : null}</Field>
        <Field label="Employees">{employees}</Field>
        <Field label="Revenue">{revenue}</Field>
        <Field label="HQ">{formatLocation(company)}</Field>
        <Field label="Founded">{company.foundedYear ? String(company.foundedYear) : null}</Field>
        <Field label="Funding">{funding ? `${funding}${company.recentFundingDate ? ` (latest ${formatDate(company.recentFundingDate) ?? ''})` : ''}` : null}</Field>
        <Field label="Phone">{company.phone}</Field>
        <Field label="LinkedIn">{linkedin ? <ExternalLink href={linkedin}>{new URL(linkedin).pathname}</ExternalLink> : null}</Field>
      </dl>
      {description ? <p className="description">{description}</p> : null}
      {company.techAttributes && company.techAttributes.length > 0 ? (
        <section className="section" aria-labelledby={`tech-${company.id}`}>
          <h3 id={`tech-${company.id}`}>Technologies</h3>
          <ul className="chips">
            {company.techAttributes.map((t) => (
              <li key={t.tag} className="chip" title={t.category ?? undefined}>
                {t.tag}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {insights ? <Insights companyId={company.id} lookupOnly={lookupOnly} onOpenCompany={onOpenCompany} /> : null}
      {prospects ? <RecommendedContacts companyId={company.id} companyName={name} lookupOnly={lookupOnly} /> : null}
    </article>
  );
}
