import { useCallback, useEffect, useId, useState } from 'react';
import type { ContactSearchResult, ContactSummary, EnrichedContact } from '../../utils/schemas/enterprise-api.ts';
import { useSend } from '../background.tsx';
import { fullName, seniorityOf } from '../format.ts';
import { REVEAL_COST, RevealButton, revealedContact } from './reveal-button.tsx';
import { CopyButton, Notice, Skeleton, useAction } from '../ui.tsx';
import { useLookupValues } from './use-lookup-values.ts';

/** Suggestions while the provider's lookups load or when they fail; any other value can be typed. */
export const SENIORITIES = ['C-Level', 'VP', 'Director', 'Manager', 'Senior', 'Individual Contributor', 'Entry'];
export const DEPARTMENTS = [
  'Sales',
  'Marketing',
  'Engineering',
  'Information Technology',
  'Finance',
  'Operations',
  'Human Resources',
  'Legal',
  'Customer Success',
  'Product',
];

/** One person from a contact search: who they are, what the provider has, and a reveal on demand. */
export function PersonRow({
  testId = 'recommended-contact',
  ...props
}: {
  testId?: string;
  person: ContactSummary;
  lookupOnly: boolean;
  revealed: EnrichedContact | undefined;
  onRevealed: (contact: EnrichedContact) => void;
}) {
  return (
    <li className="person" data-testid={testId}>
      <PersonBody {...props} />
    </li>
  );
}

/** A person row's content, for lists that hold more than the row (the org chart's tree). */
export function PersonBody({
  person: p,
  lookupOnly,
  revealed,
  onRevealed,
}: {
  person: ContactSummary;
  lookupOnly: boolean;
  revealed: EnrichedContact | undefined;
  onRevealed: (contact: EnrichedContact) => void;
}) {
  const name = fullName(p);
  const shown = revealed ?? revealedContact(p.id);
  return (
    <>
      <div className="person-text">
        <p className="person-name">{name}</p>
        <p className="person-meta">{[p.jobTitle, seniorityOf(p), p.department].filter(Boolean).join(' · ')}</p>
        {shown ? (
          <p className="person-reach">
            {shown.email ? (
              <span className="with-copy">
                <a href={`mailto:${shown.email}`}>{shown.email}</a>
                <CopyButton value={shown.email} label={`email of ${name}`} />
              </span>
            ) : (
              <span className="muted">No email</span>
            )}
            {(shown.phone ?? shown.mobilePhone) ? <span>{shown.phone ?? shown.mobilePhone}</span> : null}
          </p>
        ) : (
          <p className="person-has">
            {[p.hasEmail ? 'email' : null, p.hasDirectPhone ? 'direct phone' : null, p.hasMobilePhone ? 'mobile' : null].filter(Boolean).join(', ') ||
              'no email or phone on file'}
          </p>
        )}
      </div>
      {shown ? null : <RevealButton compact personId={p.id} name={name} lookupOnly={lookupOnly} onRevealed={onRevealed} />}
    </>
  );
}

interface Filters {
  managementLevel: string;
  department: string;
  jobTitle: string;
}

const PAGE_SIZE = 10;

/**
 * Who else to talk to at a company: the enterprise contact search (free, never returns emails),
 * each row revealing email and phone on demand — saying first that it costs a credit.
 */
export function RecommendedContacts({ companyId, companyName, lookupOnly }: { companyId: number; companyName: string; lookupOnly: boolean }) {
  const send = useSend();
  const id = useId();
  const seniorities = useLookupValues('managementlevel', SENIORITIES);
  const departments = useLookupValues('departments', DEPARTMENTS);
  const [filters, setFilters] = useState<Filters>({ managementLevel: '', department: '', jobTitle: '' });
  const [page, setPage] = useState(1);
  const [result, setResult] = useState<ContactSearchResult | null>(null);
  const [revealed, setRevealed] = useState<Record<number, EnrichedContact>>({});
  const search = useAction(
    useCallback(
      async (f: Filters, p: number) => {
        const r = await send('recommendedContacts', {
          companyId,
          managementLevel: f.managementLevel.trim() || undefined,
          department: f.department.trim() || undefined,
          jobTitle: f.jobTitle.trim() || undefined,
          rpp: PAGE_SIZE,
          page: p,
        });
        setResult(r);
        setPage(p);
      },
      [send, companyId],
    ),
  );
  const { start } = search;
  useEffect(() => {
    void start({ managementLevel: '', department: '', jobTitle: '' }, 1);
  }, [start]);

  const totalPages = result ? Math.max(1, Math.ceil(result.totalResults / PAGE_SIZE)) : 1;
  return (
    <section className="section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>People to talk to at {companyName}</h3>
      <form
        className="inline-filters"
        onSubmit={(e) => {
          e.preventDefault();
          void search.start(filters, 1);
        }}
      >
        <label>
          <span>Seniority</span>
          <input type="text" list={`${id}-seniorities`} value={filters.managementLevel} placeholder="Any" onChange={(e) => setFilters({ ...filters, managementLevel: e.target.value })} />
          <datalist id={`${id}-seniorities`}>
            {seniorities.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </label>
        <label>
          <span>Department</span>
          <input type="text" list={`${id}-departments`} value={filters.department} placeholder="Any" onChange={(e) => setFilters({ ...filters, department: e.target.value })} />
          <datalist id={`${id}-departments`}>
            {departments.map((d) => (
              <option key={d} value={d} />
            ))}
          </datalist>
        </label>
        <label className="grow">
          <span>Exact title</span>
          <input type="text" value={filters.jobTitle} placeholder="e.g. VP of Sales" onChange={(e) => setFilters({ ...filters, jobTitle: e.target.value })} />
        </label>
        <button type="submit" className="button" disabled={search.pending}>
          Find people
        </button>
      </form>
      <p className="cost">Searching is free. Revealing a person’s email and phone costs {REVEAL_COST}.</p>
      {search.error?.id === 'forbidden' ? (
        <p className="muted">Your account does not include contact search.</p>
      ) : search.error ? (
        <Notice tone="error" title="Could not search contacts.">
          {search.error.message}
        </Notice>
      ) : null}
      {search.pending && !result ? <Skeleton lines={2} label="Searching contacts" /> : null}
      {result ? (
        result.data.length === 0 ? (
          <p className="muted">Nobody at {companyName} matches these filters.</p>
        ) : (
          <>
            <ul className="people" aria-busy={search.pending}>
              {result.data.map((p) => (
                <PersonRow key={p.id} person={p} lookupOnly={lookupOnly} revealed={revealed[p.id]} onRevealed={(c) => setRevealed((r) => ({ ...r, [p.id]: c }))} />
              ))}
            </ul>
            {totalPages > 1 ? (
              <nav className="pager" aria-label="Pages of people">
                <button type="button" className="button small" disabled={page <= 1 || search.pending} onClick={() => void search.start(filters, page - 1)}>
                  Previous
                </button>
                <span>
                  Page {page} of {totalPages} · {result.totalResults} people
                </span>
                <button type="button" className="button small" disabled={page >= totalPages || search.pending} onClick={() => void search.start(filters, page + 1)}>
                  Next
                </button>
              </nav>
            ) : null}
          </>
        )
      ) : null}
    </section>
  );
}
