import type { TabEntity } from '../../utils/schemas/lookup.ts';
import type { EnrichedContact } from '../../utils/schemas/enterprise-api.ts';
import { useSend } from '../background.tsx';
import { CompanyCard } from './company-card.tsx';
import { ConnectorSections } from './connector-sections.tsx';
import { ContactCard } from './contact-card.tsx';
import { CostLine } from './cost-line.tsx';
import { RevealProfile } from './reveal-profile.tsx';
import { detectionLabel, fullName, initials, timeAgo } from '../format.ts';
import { Provenance } from './provenance.tsx';
import { Avatar, Notice, Skeleton, useAction } from '../ui.tsx';

function Candidates({ tabId, entityKey, candidates }: { tabId: number; entityKey: string; candidates: EnrichedContact[] }) {
  const send = useSend();
  const choose = useAction((personId: number) => send('chooseCandidate', { tabId, key: entityKey, personId }));
  return (
    <section className="section" aria-labelledby="candidates-h">
      <h2 id="candidates-h" className="card-title">
        Which one is it?
      </h2>
      <p className="section-hint">The provider found {candidates.length} people for this. Pick the right one; Sidecar remembers it.</p>
      <ul className="people">
        {candidates.map((c) => (
          <li key={c.id} className="person">
            <Avatar text={initials(fullName(c))} kind="person" />
            <div className="person-text">
              <p className="person-name">{fullName(c)}</p>
              <p className="person-meta">{[c.jobTitle, c.company?.name, [c.city, c.country].filter(Boolean).join(', ')].filter(Boolean).join(' · ')}</p>
            </div>
            <button type="button" className="button small" disabled={choose.pending} onClick={() => void choose.start(c.id)}>
              This one
            </button>
          </li>
        ))}
      </ul>
      <p className="cost">Choosing enriches that person: 1 credit, free if enriched in the last 12 months.</p>
      {choose.error ? <Notice tone="error" title="Could not use that person.">{choose.error.message}</Notice> : null}
    </section>
  );
}

/** Every lookup state's face: skeleton, nothing found, error with retry, the cards. */
export function EntityView({
  tabId,
  entity,
  lookupOnly,
  onViewCompany,
  onOpenCompany,
}: {
  tabId: number;
  entity: TabEntity;
  lookupOnly: boolean;
  onViewCompany: (website: string) => void;
  /** Opens a related company's card by name (corporate family links). */
  onOpenCompany?: (name: string) => void;
}) {
  const send = useSend();
  const retry = useAction(() => send('retryLookup', { tabId, key: entity.key }));
  const reject = useAction(() => send('rejectMatch', { tabId, key: entity.key }));
  const { state } = entity;
  const label = detectionLabel(entity.detection);

  switch (state.status) {
    case 'BLANK':
      return (
        <Notice
          tone="info"
          title={`${label} has not been looked up.`}
          action={
            <button type="button" className="button primary" disabled={retry.pending} onClick={() => void retry.start()}>
              Look up
            </button>
          }
        >
          {lookupOnly ? 'Preview: this uses free searches, never a credit.' : 'Enriching uses 1 credit unless your account enriched it in the last 12 months.'}
          {retry.error ? <p className="inline-error">{retry.error.message}</p> : null}
        </Notice>
      );
    case 'LOADING':
      return (
        <div>
          <p className="muted">Looking up {label}…</p>
          <Skeleton lines={5} label={`Looking up ${label}`} />
        </div>
      );
    case 'NO_RESULT':
      return (
        <Notice
          tone="info"
          title="Nothing found."
          action={
            <button type="button" className="button" disabled={retry.pending} onClick={() => void retry.start()}>
              Look up again
            </button>
          }
        >
          <p>
            Tried <span className="break">{state.tried}</span> · {timeAgo(state.at)}.
          </p>
        </Notice>
      );
    case 'ERROR':
      return (
        <Notice
          tone="error"
          title={`Could not look up ${label}.`}
          action={
            state.retryable ? (
              <button type="button" className="button primary" disabled={retry.pending} onClick={() => void retry.start()}>
                {retry.pending ? 'Retrying…' : 'Retry'}
              </button>
            ) : null
          }
        >
          <p>{state.message}</p>
          {retry.error ? <p className="inline-error">{retry.error.message}</p> : null}
        </Notice>
      );
    case 'RESULT': {
      const result = state.result;
      if (result.type === 'company') {
        return (
          <>
            <CompanyCard company={result.company} lookupOnly={lookupOnly} onOpenCompany={onOpenCompany} />
            {result.cost?.kind === 'preview' ? <RevealProfile tabId={tabId} entityKey={entity.key} name={result.company.name ?? 'this company'} /> : null}
            <ConnectorSections tabId={tabId} entityKey={entity.key} />
            <CostLine cost={result.cost} />
            <Provenance provenance={result.provenance} />
          </>
        );
      }
      return (
        <>
          {result.contact ? (
            <ContactCard contact={result.contact} revealed={result.revealed} lookupOnly={lookupOnly} onViewCompany={onViewCompany} keepOn={{ tabId, key: entity.key }} filledBy={result.filledBy} />
          ) : result.candidates.length > 0 ? (
            <Candidates tabId={tabId} entityKey={entity.key} candidates={result.candidates} />
          ) : (
            <Notice tone="info" title={`No person matched ${label}.`}>
              The provider knows the company behind it.
            </Notice>
          )}
          {result.company ? <CompanyCard company={result.company} lookupOnly={lookupOnly} headingLevel={result.contact ? 3 : 2} onOpenCompany={onOpenCompany} /> : null}
          {result.contact || result.company ? <ConnectorSections tabId={tabId} entityKey={entity.key} /> : null}
          <CostLine cost={result.cost} />
          <Provenance provenance={result.provenance} />
          {result.contact || result.candidates.length > 0 ? (
            <div className="row-actions end">
              <button type="button" className="button subtle" disabled={reject.pending} onClick={() => void reject.start()}>
                Not this person
              </button>
            </div>
          ) : null}
          {reject.error ? <p className="inline-error">{reject.error.message}</p> : null}
        </>
      );
    }
  }
}
