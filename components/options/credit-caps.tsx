import { useState } from 'react';
import type { Settings } from '../../utils/schemas/settings.ts';
import { Notice } from '../ui.tsx';
import { useSave } from './use-save.ts';

/** The caps on automatic enrichment (issue 17): per day (the user's local day) and per page. */
export function CreditCaps({ settings }: { settings: Settings }) {
  const save = useSave();
  const [caps, setCaps] = useState({ daily: String(settings.dailyCreditCap), page: String(settings.pageCreditCap) });
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="grid-2"
      aria-label="Credit caps"
      onSubmit={(e) => {
        e.preventDefault();
        const daily = Number(caps.daily);
        const page = Number(caps.page);
        if (!Number.isInteger(daily) || !Number.isInteger(page) || daily < 0 || page < 0) {
          setError('Caps must be whole numbers of credits, 0 or more.');
          return;
        }
        setError(null);
        void save.start({ dailyCreditCap: daily, pageCreditCap: page });
      }}
    >
      <div className="form-field">
        <label htmlFor="cap-daily">Credits a day, at most</label>
        <input id="cap-daily" type="number" min={0} value={caps.daily} onChange={(e) => setCaps({ ...caps, daily: e.target.value })} />
      </div>
      <div className="form-field">
        <label htmlFor="cap-page">Credits a page, before asking</label>
        <input id="cap-page" type="number" min={0} value={caps.page} onChange={(e) => setCaps({ ...caps, page: e.target.value })} />
      </div>
      <p className="muted" style={{ gridColumn: '1 / -1' }}>
        Past a cap the side panel shows previews and offers to enrich the rest. Records your account enriched in the last 12 months cost
        nothing and do not count.
      </p>
      <div className="row-actions" style={{ gridColumn: '1 / -1' }}>
        <button type="submit" className="button" disabled={save.pending}>
          Save caps
        </button>
      </div>
      {error ? <p className="inline-error" role="alert">{error}</p> : null}
      {save.error ? <Notice tone="error" title="Not saved.">{save.error.message}</Notice> : null}
    </form>
  );
}
