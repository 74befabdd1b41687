import { useState } from 'react';
import type { EnrichedContact } from '../../utils/schemas/enterprise-api.ts';
import { departmentOf, displayHost, formatDate, formatLocation, fullName, initials, linkedinOf, safeHref, seniorityOf } from '../format.ts';
import { RevealButton, revealedContact } from './reveal-button.tsx';
import { Avatar, CopyButton, ExternalLink, Field } from '../ui.tsx';

function Phone({ number, doNotCall, label }: { number: string; doNotCall: boolean | null | undefined; label: string }) {
  return (
    <span className="with-copy">
      <a href={`tel:${number.replace(/[^\d+]/g, '')}`}>{number}</a>
      {doNotCall ? (
        <span className="tag tag-warning" title="This number is on a do-not-call list">
          Do not call
        </span>
      ) : null}
      <CopyButton value={number} label={label} />
    </span>
  );
}

function Email({ address, label }: { address: string; label: string }) {
  return (
    <span className="with-copy">
      <a href={`mailto:${address}`} className="break">
        {address}
      </a>
      <CopyButton value={address} label={label} />
    </span>
  );
}

/**
 * One person: who they are, how to reach them, where the data came from. `revealed` false (look-up
 * only previews) hides email and phones behind a reveal that says what it costs.
 */
export function ContactCard({
  contact,
  revealed,
  lookupOnly,
  onViewCompany,
  keepOn,
  filledBy = {},
}: {
  contact: EnrichedContact;
  revealed: boolean;
  lookupOnly: boolean;
  onViewCompany?: (website: string) => void;
  /** The tab and entity this card shows: a reveal is kept there. */
  keepOn?: { tabId: number; key: string };
  /** Fields a connector filled where the provider had nothing (waterfall): field → source label. */
  filledBy?: Readonly<Record<string, string>>;
}) {
  const from = (field: string) => (filledBy[field] ? <span className="muted"> from {filledBy[field]}</span> : null);
  const [shown, setShown] = useState<EnrichedContact | null>(() => (revealed ? null : (revealedContact(contact.id) ?? null)));
  const c = shown ? { ...contact, ...shown } : contact;
  const isRevealed = revealed || shown !== null;
  const name = fullName(c);
  const linkedin = safeHref(linkedinOf(c));
  const website = c.company?.website ?? null;
  const hasReach = Boolean(c.email ?? c.personalEmail ?? c.phone ?? c.mobilePhone);

  return (
    <article className="card" aria-labelledby={`contact-${c.id}`}>
      <header className="card-head">
        <Avatar text={initials(name)} kind="person" />
        <div className="card-head-text">
          <h2 id={`contact-${c.id}`} className="card-title">
            {name}
          </h2>
          {c.jobTitle ? <p className="card-subtitle">{c.jobTitle}</p> : null}
          {c.company?.name ? (
            <p className="card-subtitle">
              {c.company.name}
              {website && onViewCompany ? (
                <>
                  {' · '}
                  <button type="button" className="link-button" onClick={() => onViewCompany(website)}>
                    View company
                  </button>
                </>
              ) : null}
            </p>
          ) : null}
        </div>
      </header>

      <dl className="fields">
        {isRevealed ? (
          <>
            <Field label="Work email">
              {c.email ? (
                <>
                  <Email address={c.email} label="work email" />
                  {from('email')}
                </>
              ) : null}
            </Field>
            <Field label="Personal email">{c.personalEmail ? <Email address={c.personalEmail} label="personal email" /> : null}</Field>
            <Field label="Direct phone">
              {c.phone ? (
                <>
                  <Phone number={c.phone} doNotCall={c.directPhoneDoNotCall} label="direct phone" />
                  {from('directPhone')}
                </>
              ) : null}
            </Field>
            <Field label="Mobile">
              {c.mobilePhone ? (
                <>
                  <Phone number={c.mobilePhone} doNotCall={c.mobilePhoneDoNotCall} label="mobile phone" />
                  {from('mobilePhone')}
                </>
              ) : null}
            </Field>
          </>
        ) : null}
        <Field label="Seniority">{seniorityOf(c)}</Field>
        <Field label="Department">{departmentOf(c)}</Field>
        <Field label="Company">{c.company?.name ? `${c.company.name}${website ? ` (${displayHost(website) ?? ''})` : ''}` : null}</Field>
        <Field label="LinkedIn">{linkedin ? <ExternalLink href={linkedin}>{displayHost(linkedin) === 'linkedin.com' ? new URL(linkedin).pathname : linkedin}</ExternalLink> : null}</Field>
        <Field label="Location">{formatLocation(c)}</Field>
        <Field label="Accuracy">{typeof c.contactAccuracyScore === 'number' ? `${c.contactAccuracyScore}/100` : null}</Field>
        <Field label="Last updated">{formatDate(c.lastUpdatedDate)}</Field>
      </dl>
      {isRevealed && !hasReach ? <p className="muted">The provider has no email or phone for this person.</p> : null}
      {isRevealed ? null : <RevealButton personId={c.id} name={name} lookupOnly={lookupOnly} onRevealed={setShown} keepOn={keepOn} />}
    </article>
  );
}
