import { useId, useState, type ReactNode } from 'react';
import type { CompanySearchResponse, ContactSearchResponse } from '../../../utils/schemas/search-api.ts';
import { useCapability, useSend } from '../../background.tsx';
import { formatCount, formatLocation, formatUsd } from '../../format.ts';
import { CopyButton, Notice, useAction } from '../../ui.tsx';
import { COMPANY_COLUMNS, CONTACT_COLUMNS, csvFileName, toCsv } from './csv.ts';
import { download } from './download.ts';
import { activeFilterCount, companyRequest, contactRequest, EMPTY_FORM, locationToken, type SearchForm } from './search-request.ts';

type Mode = 'contacts' | 'companies';
/** A page of results, with the form that asked for it (paging keeps those filters). */
type Results = { mode: 'contacts'; form: SearchForm; response: ContactSearchResponse } | { mode: 'companies'; form: SearchForm; response: CompanySearchResponse };

function TextFilter({
  label,
  hint,
  value,
  onChange,
  placeholder,
}: {
  label: string;
  hint?: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
}) {
  const id = useId();
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" value={value} placeholder={placeholder} aria-describedby={hint ? `${id}-hint` : undefined} onChange={(e) => onChange(e.target.value)} />
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
    </label>
  );
}

function LocationBuilder({ onAdd }: { onAdd: (token: string) => void }) {
  const [parts, setParts] = useState({ city: '', state: '', country: '' });
  const token = locationToken(parts.city, parts.state, parts.country);
  return (
    <fieldset className="location-builder">
      <legend>Add a location</legend>
      <div className="three">
        <input type="text" aria-label="City" placeholder="City" value={parts.city} onChange={(e) => setParts({ ...parts, city: e.target.value })} />
        <input type="text" aria-label="State" placeholder="State" value={parts.state} onChange={(e) => setParts({ ...parts, state: e.target.value })} />
        <input type="text" aria-label="Country" placeholder="Country" value={parts.country} onChange={(e) => setParts({ ...parts, country: e.target.value })} />
      </div>
      <button
        type="button"
        className="button small"
        disabled={!token}
        onClick={() => {
          if (!token) return;
          onAdd(token);
          setParts({ city: '', state: '', country: '' });
        }}
      >
        Add location
      </button>
    </fieldset>
  );
}

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

/** Search contacts and companies with every filter of the search API (free), page, export CSV. */
export function SearchPanel() {
  const send = useSend();
  const available = useCapability('searchContacts');
  const [mode, setMode] = useState<Mode>('contacts');
  const [form, setForm] = useState<SearchForm>(EMPTY_FORM);
  const [open, setOpen] = useState(true);
  const [results, setResults] = useState<Results | null>(null);
  const set = <K extends keyof SearchForm>(key: K) => (value: SearchForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  const search = useAction(async (m: Mode, f: SearchForm, page: number) => {
    if (m === 'contacts') setResults({ mode: m, form: f, response: await send('searchContacts', contactRequest(f, page)) });
    else setResults({ mode: m, form: f, response: await send('searchCompanies', companyRequest(f, page)) });
    setOpen(false);
  });

  const meta = results?.response.meta;
  const filters = activeFilterCount(form, mode);
  const exportCsv = () => {
    if (!results) return;
    const text = results.mode === 'contacts' ? toCsv(results.response.data, CONTACT_COLUMNS) : toCsv(results.response.data, COMPANY_COLUMNS);
    download(text, csvFileName(results.mode));
  };

  if (!available) {
    return (
      <Notice tone="info" title="Search needs a search API key.">
        Contacts and companies search uses the provider’s search API. Add its key in Sidecar’s options.
      </Notice>
    );
  }

  return (
    <section className="search" aria-label="Search">
      <div className="segmented" role="radiogroup" aria-label="Search for">
        {(['contacts', 'companies'] as const).map((m) => (
          <label key={m} className={`segment${mode === m ? ' selected' : ''}`}>
            <input
              type="radio"
              name="search-mode"
              value={m}
              checked={mode === m}
              onChange={() => {
                setMode(m);
                setResults(null);
                setOpen(true);
              }}
            />
            {m === 'contacts' ? 'Contacts' : 'Companies'}
          </label>
        ))}
      </div>

      <details className="filters" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          Filters{filters > 0 ? ` (${filters})` : ''}
        </summary>
        <form
          className="filter-form"
          onSubmit={(e) => {
            e.preventDefault();
            void search.start(mode, form, 1);
          }}
        >
          {mode === 'contacts' ? (
            <>
              <TextFilter label="Job titles" hint="Comma-separated; partial match: “manager” finds Finance Manager." value={form.jobTitles} onChange={set('jobTitles')} placeholder="VP of Sales, manager" />
              <TextFilter label="Departments" value={form.departments} onChange={set('departments')} placeholder="Sales, Marketing" />
              <TextFilter label="Seniorities" value={form.seniorities} onChange={set('seniorities')} placeholder="C-Level, VP, Director" />
              <div className="checks">
                <Check label="Has a personal email" checked={form.hasPersonalEmails} onChange={set('hasPersonalEmails')} />
                <Check label="Has a LinkedIn profile" checked={form.hasLinkedinProfile} onChange={set('hasLinkedinProfile')} />
                <Check label="Decision makers only" checked={form.isDecisionMaker} onChange={set('isDecisionMaker')} />
              </div>
            </>
          ) : null}
          <TextFilter label="Industries" value={form.industries} onChange={set('industries')} placeholder="Software, Manufacturing" />
          <TextFilter label="Business functions" value={form.functions} onChange={set('functions')} placeholder="Logistics" />
          <TextFilter label="Technologies" value={form.technologies} onChange={set('technologies')} placeholder="Salesforce, Snowflake" />
          <TextFilter label="Domain endings (TLDs)" hint="Without the dot: io, co.uk, com.br" value={form.tlds} onChange={set('tlds')} placeholder="io, co.uk" />
          <TextFilter
            label="Company locations"
            hint="Comma-separated tokens, e.g. country:Brazil — or build one below."
            value={form.locations}
            onChange={set('locations')}
            placeholder="state:California||United States"
          />
          <LocationBuilder onAdd={(token) => setForm((f) => ({ ...f, locations: f.locations.trim() ? `${f.locations.trim()}, ${token}` : token }))} />
          <div className="two">
            <div className="form-field">
              <label htmlFor="added-after">Company added after</label>
              <input id="added-after" type="date" value={form.addedAfter} onChange={(e) => set('addedAfter')(e.target.value)} />
            </div>
            <div className="form-field">
              <label htmlFor="added-before">Company added before</label>
              <input id="added-before" type="date" value={form.addedBefore} onChange={(e) => set('addedBefore')(e.target.value)} />
            </div>
          </div>
          <div className="form-actions">
            <label className="inline">
              <span>Per page</span>
              <select value={form.perPage} onChange={(e) => set('perPage')(Number(e.target.value))}>
                {[10, 25, 50, 100].map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="button subtle" onClick={() => setForm(EMPTY_FORM)}>
              Clear
            </button>
            <button type="submit" className="button primary" disabled={search.pending}>
              {search.pending ? 'Searching…' : `Search ${mode}`}
            </button>
          </div>
        </form>
      </details>

      {search.error ? <Notice tone="error" title="The search failed.">{search.error.message}</Notice> : null}

      {results && meta ? (
        <div className="results-block" aria-busy={search.pending}>
          <div className="results-bar">
            <p aria-live="polite" data-testid="results-summary">
              {formatCount(meta.total)} {results.mode} · page {meta.page} of {Math.max(1, meta.total_pages)}
            </p>
            <button type="button" className="button small" disabled={results.response.data.length === 0} onClick={exportCsv}>
              Export CSV ({results.response.data.length})
            </button>
          </div>
          {results.response.data.length === 0 ? (
            <p className="muted">Nothing matches these filters.</p>
          ) : results.mode === 'contacts' ? (
            <Table caption="Contacts found" headers={['Contact', 'Company', 'Location']}>
              {results.response.data.map((c) => (
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
          ) : (
            <Table caption="Companies found" headers={['Name', 'Domain', 'Industry', 'Employees', 'Revenue', 'HQ']}>
              {results.response.data.map((c) => (
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
          )}
          {meta.total_pages > 1 ? (
            <nav className="pager" aria-label="Result pages">
              <button type="button" className="button small" disabled={meta.page <= 1 || search.pending} onClick={() => void search.start(results.mode, results.form, meta.page - 1)}>
                Previous
              </button>
              <span>
                Page {meta.page} of {meta.total_pages}
              </span>
              <button
                type="button"
                className="button small"
                disabled={meta.page >= meta.total_pages || search.pending}
                onClick={() => void search.start(results.mode, results.form, meta.page + 1)}
              >
                Next
              </button>
            </nav>
          ) : null}
          <p className="hint">Searches are free. Took {meta.took_ms} ms.</p>
        </div>
      ) : null}
    </section>
  );
}
