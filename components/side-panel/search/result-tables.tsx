import type { ReactNode } from 'react';
import type { CompanySummary, IntentCompany } from '../../../utils/schemas/enterprise-api.ts';
import { audienceLabel, displayHost, formatCount, formatDate, formatLocation, formatThousandsUsd, formatUsd, fullName, seniorityOf } from '../../format.ts';
import { CopyButton } from '../../ui.tsx';
import type { Rows } from './sources.ts';

/** The search tab's result tables: one per kind and source, every value rendered as text. */

function Table({ caption, headers, children }: { caption: string; headers: string[]; children: ReactNode }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="results">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** Search results carry ranges ("100 - 249") where enrich has exact figures; show whichever came. */
export function employeesOf(c: Pick<CompanySummary, 'employeeCount' | 'employeeRange'>): string | null {
  return formatCount(c.employeeCount) ?? c.employeeRange ?? null;
}

export function revenueOf(c: Pick<CompanySummary, 'revenue' | 'revenueRange'>): string | null {
  return formatThousandsUsd(c.revenue) ?? c.revenueRange ?? null;
}

function strongestFirst(c: IntentCompany) {
  return [...c.signals].sort((a, b) => b.signalScore - a.signalScore);
}

export function ResultTable({ result }: { result: Rows }) {
  if (result.kind === 'contacts' && result.source === 'search-api') {
    return (
      <Table caption="Contacts found" headers={['Contact', 'Company', 'Location']}>
        {result.rows.map((c) => (
          <tr key={c.id}>
            <td>
              <span className="strong">{c.full_name}</span>
              {c.is_decision_maker ? (
                <span className="tag" title="Decision maker">
                  DM
                </span>
              ) : null}
              <span className="cell-sub">{c.job_title}</span>
              {c.email ? (
                <span className="with-copy cell-email">
                  <span>{c.email}</span>
                  <CopyButton value={c.email} label={`email of ${c.full_name}`} />
                </span>
              ) : null}
            </td>
            <td>{c.company.name}</td>
            <td>{formatLocation(c.location)}</td>
          </tr>
        ))}
      </Table>
    );
  }
  if (result.kind === 'contacts') {
    return (
      <Table caption="Contacts found" headers={['Contact', 'Company', 'On file']}>
        {result.rows.map((c) => (
          <tr key={c.id}>
            <td className="wrap">
              <span className="strong">{fullName(c)}</span>
              <span className="cell-sub">{[c.jobTitle, seniorityOf(c), c.department].filter(Boolean).join(' · ')}</span>
            </td>
            <td className="wrap">{c.company?.name}</td>
            <td className="wrap cell-sub">{[c.hasEmail ? 'email' : null, c.hasDirectPhone ? 'direct phone' : null, c.hasMobilePhone ? 'mobile' : null].filter(Boolean).join(', ') || '—'}</td>
          </tr>
        ))}
      </Table>
    );
  }
  if (result.kind === 'companies' && result.source === 'search-api') {
    return (
      <Table caption="Companies found" headers={['Name', 'Domain', 'Industry', 'Employees', 'Revenue', 'HQ']}>
        {result.rows.map((c) => (
          <tr key={c.id}>
            <td className="strong">{c.name}</td>
            <td>{c.domain}</td>
            <td>{c.industry}</td>
            <td className="num">{formatCount(c.employees)}</td>
            <td className="num">{formatUsd(c.revenue_usd)}</td>
            <td>{formatLocation(c.location)}</td>
          </tr>
        ))}
      </Table>
    );
  }
  if (result.kind === 'companies') {
    return (
      <Table caption="Companies found" headers={['Company', 'Size']}>
        {result.rows.map((c) => (
          <tr key={c.id}>
            <td className="wrap">
              <span className="strong">{c.name ?? displayHost(c.website) ?? `Company ${c.id}`}</span>
              <span className="cell-sub">{[displayHost(c.website ?? c.domain), c.industry].filter(Boolean).join(' · ')}</span>
              <span className="cell-sub">{formatLocation(c)}</span>
            </td>
            <td className="num">
              {employeesOf(c) ? <span>{employeesOf(c)} people</span> : null}
              <span className="cell-sub">{revenueOf(c)}</span>
            </td>
          </tr>
        ))}
      </Table>
    );
  }
  return (
    <Table caption="Companies researching these topics" headers={['Company', 'Topics, strongest first']}>
      {result.rows.map((c) => (
        <tr key={c.id} data-testid="intent-company">
          <td className="wrap">
            <span className="strong">{c.name ?? displayHost(c.website) ?? `Company ${c.id}`}</span>
            <span className="cell-sub">{displayHost(c.website ?? c.domain)}</span>
          </td>
          <td className="wrap">
            <ul className="topic-scores">
              {strongestFirst(c).map((s) => (
                <li key={`${s.topic}-${String(s.topicId ?? '')}`}>
                  <span className="strong">{s.topic}</span> <span className="intent-score">{s.signalScore}</span>
                  <span className="cell-sub">{[audienceLabel(s.audienceStrength), formatDate(s.signalDate)].filter(Boolean).join(' · ')}</span>
                </li>
              ))}
            </ul>
          </td>
        </tr>
      ))}
    </Table>
  );
}
