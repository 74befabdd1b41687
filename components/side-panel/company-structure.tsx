import { useId, useMemo, useState } from 'react';
import { buildOrgTree, headcount, treeDepth, type OrgNode } from '../../utils/company/org-tree.ts';
import type { EnrichedContact } from '../../utils/schemas/enterprise-api.ts';
import type { CorporateFamily, FamilyCompany, OrgPerson } from '../../utils/schemas/enterprise-readers.ts';
import { fullName } from '../format.ts';
import { PersonBody } from './recommended-contacts.tsx';

/** Opens a company's card by its name (the family gives names and ids, not websites). */
export type OpenCompany = (name: string) => void;

function CompanyLink({ company, onOpen }: { company: FamilyCompany; onOpen: OpenCompany | undefined }) {
  const place = [company.city, company.state].filter(Boolean).join(', ');
  return (
    <li className="family-member" data-testid="family-member">
      {onOpen ? (
        <button type="button" className="link-button" onClick={() => onOpen(company.name)}>
          {company.name}
        </button>
      ) : (
        <span>{company.name}</span>
      )}
      {place ? <span className="muted"> · {place}</span> : null}
    </li>
  );
}

/** Parent(s), nearest first, and subsidiaries: each a link to that company's card. */
export function CorporateFamilyView({ family, onOpen }: { family: CorporateFamily; onOpen: OpenCompany | undefined }) {
  const { parents, subsidiaries } = family;
  if (parents.length === 0 && subsidiaries.length === 0) return <p className="muted">No parent or subsidiaries on record.</p>;
  return (
    <dl className="family">
      {parents.length > 0 ? (
        <div data-testid="family-parents">
          <dt>{parents.length === 1 ? 'Parent' : 'Parents (nearest first)'}</dt>
          <dd>
            <ul className="family-list">
              {parents.map((p) => (
                <CompanyLink key={p.id} company={p} onOpen={onOpen} />
              ))}
            </ul>
          </dd>
        </div>
      ) : null}
      {subsidiaries.length > 0 ? (
        <div data-testid="family-subsidiaries">
          <dt>{subsidiaries.length === 1 ? 'Subsidiary' : `Subsidiaries (${subsidiaries.length})`}</dt>
          <dd>
            <ul className="family-list">
              {subsidiaries.map((s) => (
                <CompanyLink key={s.id} company={s} onOpen={onOpen} />
              ))}
            </ul>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

/** Levels open at first: the top, so the people who report to it show; the rest opens on demand. */
const OPEN_LEVELS = 1;

function OrgBranch({
  node,
  level,
  lookupOnly,
  revealed,
  onRevealed,
}: {
  node: OrgNode;
  level: number;
  lookupOnly: boolean;
  revealed: Record<number, EnrichedContact>;
  onRevealed: (id: number, contact: EnrichedContact) => void;
}) {
  const [open, setOpen] = useState(level < OPEN_LEVELS);
  const reportsId = useId();
  const p = node.person;
  const count = headcount(node);
  return (
    <li className="org-node" data-testid="org-node" data-tier={p.tier}>
      <div className="org-row">
        {node.reports.length > 0 ? (
          <button
            type="button"
            className="org-toggle"
            aria-expanded={open}
            aria-controls={reportsId}
            aria-label={`${open ? 'Hide' : 'Show'} the ${count} ${count === 1 ? 'person' : 'people'} under ${fullName(p)}`}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="org-toggle-spacer" aria-hidden="true" />
        )}
        <div className="person org-person">
          <span className="tag org-level" title="Level in the company: 1 is the top">
            L{p.tier}
          </span>
          <PersonBody person={p} lookupOnly={lookupOnly} revealed={revealed[p.id]} onRevealed={(c) => onRevealed(p.id, c)} />
        </div>
      </div>
      {node.reports.length > 0 ? (
        <ul id={reportsId} className="org-reports" hidden={!open}>
          {node.reports.map((r) => (
            <OrgBranch key={r.person.id} node={r} level={level + 1} lookupOnly={lookupOnly} revealed={revealed} onRevealed={onRevealed} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** Who reports to whom: a collapsible tree, each person previewed free and revealed on demand. */
export function OrgChartView({ people, lookupOnly }: { people: OrgPerson[]; lookupOnly: boolean }) {
  const roots = useMemo(() => buildOrgTree(people), [people]);
  const [revealed, setRevealed] = useState<Record<number, EnrichedContact>>({});
  if (roots.length === 0) return <p className="muted">No org chart for this company.</p>;
  return (
    <>
      <p className="section-hint">
        {people.length} {people.length === 1 ? 'person' : 'people'} in {treeDepth(roots)} levels. Names and titles are free; revealing an email costs a credit.
      </p>
      <ul className="org-tree" data-testid="org-tree">
        {roots.map((r) => (
          <OrgBranch key={r.person.id} node={r} level={0} lookupOnly={lookupOnly} revealed={revealed} onRevealed={(id, c) => setRevealed((all) => ({ ...all, [id]: c }))} />
        ))}
      </ul>
    </>
  );
}
