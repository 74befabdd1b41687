import { useId, useState } from 'react';
import { rowsOf } from '../../../utils/audiences/capture.ts';
import { useCapability, useSend } from '../../background.tsx';
import { formatCount } from '../../format.ts';
import { DEPARTMENTS, SENIORITIES } from '../recommended-contacts.tsx';
import { Notice, useAction } from '../../ui.tsx';
import { useLookupValues } from '../use-lookup-values.ts';
import { csvFileName, rowsToCsv } from './csv.ts';
import { download } from './download.ts';
import { AddToList } from '../lists/add-to-list.tsx';
import { ResultTable } from './result-tables.tsx';
import { EMPTY_FORM, locationToken, type SearchForm } from './search-request.ts';
import { activeFilters, fetchAll, fetchPage, hasFilter, kindsOf, MAX_EXPORT_ROWS, sourceFor, type Kind, type ResultPage, type Source } from './sources.ts';
import { searchRowsAsFields, searchSource } from './search-capture.ts';

/** A page of results, with the form that asked for it (paging keeps those filters). */
type Results = { form: SearchForm; page: ResultPage };

const KIND_LABEL: Record<Kind, string> = { contacts: 'Contacts', companies: 'Companies', intent: 'Intent' };
const NOUN: Record<Kind, readonly [one: string, many: string]> = {
  contacts: ['contact', 'contacts'],
  companies: ['company', 'companies'],
  // The published intent search pages and counts signals (a company researching two topics is two).
  intent: ['intent signal', 'intent signals'],
};

function TextFilter({
  label,
  hint,
  value,
  onChange,
  placeholder,
  suggestions,
  inputMode,
}: {
  label: string;
  hint?: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  /** Values the provider suggests (its lookups); any other value can be typed. */
  suggestions?: readonly string[];
  inputMode?: 'numeric';
}) {
  const id = useId();
  const list = suggestions && suggestions.length > 0 ? `${id}-list` : undefined;
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode={inputMode}
        value={value}
        placeholder={placeholder}
        list={list}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {list ? (
        <datalist id={list}>
          {suggestions?.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      ) : null}
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

/** The form fields of one search: only the filters that search has. */
function Filters({ source, kind, form, set, addLocation }: {
  source: Source;
  kind: Kind;
  form: SearchForm;
  set: <K extends keyof SearchForm>(key: K) => (value: SearchForm[K]) => void;
  addLocation: (token: string) => void;
}) {
  const has = (field: keyof SearchForm) => hasFilter(source, kind, field);
  const seniorities = useLookupValues('managementlevel', SENIORITIES);
  const departments = useLookupValues('departments', DEPARTMENTS);
  const industries = useLookupValues('industries');
  const technologies = useLookupValues('technologies');
  const topics = useLookupValues('intent/topics');
  const enterprise = sourceFor(kind, source) === 'enterprise';
  return (
    <>
      {has('topics') ? (
        <TextFilter label="Topics" hint="Comma-separated; suggestions come from your provider." value={form.topics} onChange={set('topics')} placeholder="Cloud Security" suggestions={topics} />
      ) : null}
      {has('signalScoreMin') ? (
        <TextFilter label="Minimum signal score" hint="0 to 100; higher means stronger interest." value={form.signalScoreMin} onChange={set('signalScoreMin')} placeholder="60" inputMode="numeric" />
      ) : null}
      {has('jobTitles') ? (
        <TextFilter
          label="Job titles"
          hint={enterprise ? 'Comma-separated; any of them.' : 'Comma-separated; partial match: “manager” finds Finance Manager.'}
          value={form.jobTitles}
          onChange={set('jobTitles')}
          placeholder="VP of Sales, manager"
        />
      ) : null}
      {has('companyName') ? <TextFilter label="Company name" hint="Part of the name is enough." value={form.companyName} onChange={set('companyName')} placeholder="Northwind" /> : null}
      {has('departments') ? <TextFilter label="Departments" value={form.departments} onChange={set('departments')} placeholder="Sales, Marketing" suggestions={departments} /> : null}
      {has('seniorities') ? (
        <TextFilter label={enterprise ? 'Management levels' : 'Seniorities'} value={form.seniorities} onChange={set('seniorities')} placeholder="C-Level, VP, Director" suggestions={seniorities} />
      ) : null}
      {has('hasPersonalEmails') ? (
        <div className="checks">
          <Check label="Has a personal email" checked={form.hasPersonalEmails} onChange={set('hasPersonalEmails')} />
          <Check label="Has a LinkedIn profile" checked={form.hasLinkedinProfile} onChange={set('hasLinkedinProfile')} />
          <Check label="Decision makers only" checked={form.isDecisionMaker} onChange={set('isDecisionMaker')} />
        </div>
      ) : null}
      {has('industries') ? <TextFilter label="Industries" value={form.industries} onChange={set('industries')} placeholder="Software, Manufacturing" suggestions={industries} /> : null}
      {has('functions') ? <TextFilter label="Business functions" value={form.functions} onChange={set('functions')} placeholder="Logistics" /> : null}
      {has('technologies') ? <TextFilter label="Technologies" value={form.technologies} onChange={set('technologies')} placeholder="Salesforce, Snowflake" suggestions={technologies} /> : null}
      {has('tlds') ? <TextFilter label="Domain endings (TLDs)" hint="Without the dot: io, co.uk, com.br" value={form.tlds} onChange={set('tlds')} placeholder="io, co.uk" /> : null}
      {has('state') || has('country') ? (
        <div className="two">
          <TextFilter label="HQ state" value={form.state} onChange={set('state')} placeholder="California" />
          <TextFilter label="HQ country" value={form.country} onChange={set('country')} placeholder="United States" />
        </div>
      ) : null}
      {has('employeesMin') ? (
        <div className="two">
          <TextFilter label="Employees from" value={form.employeesMin} onChange={set('employeesMin')} placeholder="50" inputMode="numeric" />
          <TextFilter label="Employees up to" value={form.employeesMax} onChange={set('employeesMax')} placeholder="1000" inputMode="numeric" />
        </div>
      ) : null}
      {has('locations') ? (
        <>
          <TextFilter
            label="Company locations"
            hint="Comma-separated tokens, e.g. country:Brazil — or build one below."
            value={form.locations}
            onChange={set('locations')}
            placeholder="state:California||United States"
          />
          <LocationBuilder onAdd={addLocation} />
        </>
      ) : null}
      {has('addedAfter') ? (
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
      ) : null}
    </>
  );
}

/**
 * Search contacts and companies (free), page through, export every matching row as CSV. With a
 * search API key: the search API and all its filters. Without one: the enterprise API's contact,
 * company and intent searches with the filters they have.
 */
export function SearchPanel() {
  const send = useSend();
  const searchApi = useCapability('searchContacts');
  const enterprise = useCapability('prospectContacts');
  const intentSearch = useCapability('intentSearch');
  const source: Source | null = searchApi ? 'search-api' : enterprise ? 'enterprise' : null;
  const [kind, setKind] = useState<Kind>('contacts');
  const [form, setForm] = useState<SearchForm>(EMPTY_FORM);
  const [open, setOpen] = useState(true);
  const [results, setResults] = useState<Results | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const set = <K extends keyof SearchForm>(key: K) => (value: SearchForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  const search = useAction(async (k: Kind, s: Source, f: SearchForm, page: number) => {
    setResults({ form: f, page: await fetchPage(send, k, s, f, page) });
    setOpen(false);
  });
  const exporting = useAction(async (k: Kind, s: Source, f: SearchForm) => {
    setProgress({ done: 0, total: 0 });
    try {
      const all = await fetchAll(send, k, s, f, (done, total) => setProgress({ done, total }));
      download(rowsToCsv(all), csvFileName(k));
    } finally {
      setProgress(null);
    }
  });

  if (!source) {
    return (
      <Notice tone="info" title="Search needs a provider.">
        Connect your enterprise account (or add a search API key) in Sidecar’s options.
      </Notice>
    );
  }

  const page = results?.page;
  const filters = activeFilters(form, source, kind);
  const needsTopic = kind === 'intent' && form.topics.trim() === '';
  return (
    <section className="search" aria-label="Search">
      <div className="segmented" role="radiogroup" aria-label="Search for">
        {kindsOf(intentSearch).map((k) => (
          <label key={k} className={`segment${kind === k ? ' selected' : ''}`}>
            <input
              type="radio"
              name="search-mode"
              value={k}
              checked={kind === k}
              onChange={() => {
                setKind(k);
                setResults(null);
                setOpen(true);
              }}
            />
            {KIND_LABEL[k]}
          </label>
        ))}
      </div>
      {kind === 'intent' ? (
        <p className="hint">Companies researching a topic right now, with their strongest signals.</p>
      ) : source === 'enterprise' ? (
        <p className="hint">Searching with your enterprise account: the filters it offers.</p>
      ) : null}

      <details className="filters" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>Filters{filters > 0 ? ` (${filters})` : ''}</summary>
        <form
          className="filter-form"
          onSubmit={(e) => {
            e.preventDefault();
            void search.start(kind, source, form, 1);
          }}
        >
          <Filters
            source={source}
            kind={kind}
            form={form}
            set={set}
            addLocation={(token) => setForm((f) => ({ ...f, locations: f.locations.trim() ? `${f.locations.trim()}, ${token}` : token }))}
          />
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
            <button type="submit" className="button primary" disabled={search.pending || needsTopic} title={needsTopic ? 'Name at least one topic' : undefined}>
              {search.pending ? 'Searching…' : kind === 'intent' ? 'Find companies' : `Search ${kind}`}
            </button>
          </div>
        </form>
      </details>

      {search.error?.id === 'forbidden' && kind === 'intent' ? (
        <p className="muted" data-testid="not-entitled">
          Your account does not include intent data.
        </p>
      ) : search.error ? (
        <Notice tone="error" title="The search failed.">
          {search.error.message}
        </Notice>
      ) : null}
      {exporting.error ? <Notice tone="error" title="The export stopped.">{exporting.error.message}</Notice> : null}

      {results && page ? (
        <div className="results-block" aria-busy={search.pending}>
          <div className="results-bar">
            <p aria-live="polite" data-testid="results-summary">
              {formatCount(page.total)} {NOUN[page.kind][page.total === 1 ? 0 : 1]} · page {page.page} of {page.totalPages}
            </p>
            {page.rows.length > 0 ? (
              <AddToList
                label={`Add all ${formatCount(Math.min(page.total, MAX_EXPORT_ROWS))} to list`}
                capture={async (listId) => {
                  const all = await fetchAll(send, page.kind, page.source, results.form, () => undefined);
                  return send('captureRowsToList', { listId, rows: rowsOf(searchRowsAsFields(all), searchSource(page.kind, page.source, results.form), new Date()) });
                }}
              />
            ) : null}
            <button
              type="button"
              className="button small nowrap"
              disabled={page.rows.length === 0 || exporting.pending}
              onClick={() => void exporting.start(page.kind, page.source, results.form)}
            >
              {progress ? `Exporting ${formatCount(progress.done)} of ${formatCount(progress.total)}…` : `Export all ${formatCount(page.total)} (CSV)`}
            </button>
          </div>
          {progress && progress.total > 0 ? <progress className="export-progress" max={progress.total} value={progress.done} aria-label="Export progress" /> : null}
          {page.rows.length === 0 ? <p className="muted">Nothing matches these filters.</p> : <ResultTable result={page} />}
          {page.totalPages > 1 ? (
            <nav className="pager" aria-label="Result pages">
              <button type="button" className="button small" disabled={page.page <= 1 || search.pending} onClick={() => void search.start(page.kind, page.source, results.form, page.page - 1)}>
                Previous
              </button>
              <span>
                Page {page.page} of {page.totalPages}
              </span>
              <button
                type="button"
                className="button small"
                disabled={page.page >= page.totalPages || search.pending}
                onClick={() => void search.start(page.kind, page.source, results.form, page.page + 1)}
              >
                Next
              </button>
            </nav>
          ) : null}
          <p className="hint">Searches are free.{page.tookMs !== null ? ` Took ${page.tookMs} ms.` : ''}</p>
        </div>
      ) : null}
    </section>
  );
}
