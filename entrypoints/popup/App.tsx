import { useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import type { LookupQuery } from '../../utils/messaging.ts';
import { openSidePanel } from '../../utils/side-panel.ts';
import { classifyQuery } from '../../utils/lookup/query.ts';
import { useSend } from '../../components/background.tsx';
import { groupOf } from '../../components/format.ts';
import { Credits, Notice, useAction } from '../../components/ui.tsx';
import { bannerError, useStatus } from '../../components/use-status.ts';
import { useActiveTabId, useSettings, useTabState } from '../../components/use-tab-state.ts';
import { SpentToday } from '../../components/credit-spend.tsx';

export function App() {
  const send = useSend();
  const tabId = useActiveTabId();
  const { state } = useTabState(tabId);
  const settings = useSettings();
  const { status, error: statusError } = useStatus();
  const [query, setQuery] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const counts = useMemo(() => {
    const entities = state?.entities ?? [];
    const people = entities.filter((e) => groupOf(e.detection) === 'people').length;
    return { total: entities.length, people, companies: entities.length - people };
  }, [state]);

  /** Opens the panel first, synchronously: sidePanel.open must run inside the click. */
  const openPanel = () => openSidePanel(tabId ?? undefined).catch(() => undefined);

  const lookup = useAction(async (q: LookupQuery, opening: Promise<void>) => {
    if (typeof tabId !== 'number') throw new Error('No tab to look up on.');
    await send('lookup', { tabId, query: q });
    await opening;
    window.close();
  });
  const scan = useAction(async () => {
    if (typeof tabId === 'number') await send('scanTab', { tabId });
  });

  const connection = !status
    ? { text: statusError ? 'Background not answering' : 'Checking…', tone: statusError ? 'error' : '' }
    : !status.configured
      ? { text: 'Not set up', tone: '' }
      : bannerError(status)
        ? { text: 'Problem', tone: 'error' }
        : { text: 'Connected', tone: 'ok' };

  return (
    <main className="popup">
      <div className="popup-head">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true">
            S
          </span>
          Sidecar
        </span>
        <Credits remaining={status?.creditsRemaining} />
        <button type="button" className="icon-button" aria-label="Options" title="Options" onClick={() => void browser.runtime.openOptionsPage()}>
          ⚙
        </button>
      </div>
      <dl className="status-grid">
        <dt className="muted">Connection</dt>
        <dd className={`connection connection-${connection.tone}`} data-testid="connection">
          {connection.text}
        </dd>
        <dt className="muted">Provider</dt>
        <dd data-testid="provider">{status ? (status.configured ? status.provider.charAt(0).toUpperCase() + status.provider.slice(1) : 'none') : '…'}</dd>
        <dt className="muted">Credits left</dt>
        <dd>{typeof status?.creditsRemaining === 'number' ? status.creditsRemaining.toLocaleString('en-US') : 'unknown'}</dd>
        <dt className="muted">Spent today</dt>
        <dd>
          <SpentToday settings={settings} compact />
          <span className="muted">{settings?.autoEnrich ? ' · automatic enrichment on' : ' · preview: only clicks spend'}</span>
        </dd>
        <dt className="muted">On this tab</dt>
        <dd data-testid="found">
          {counts.total === 0 ? 'nothing found' : `${counts.people} ${counts.people === 1 ? 'person' : 'people'}, ${counts.companies} ${counts.companies === 1 ? 'company' : 'companies'}`}
        </dd>
      </dl>
      {bannerError(status) ? <Notice tone="warning" title="The provider refused the last request.">{bannerError(status)?.message}</Notice> : null}
      {status && !status.configured ? (
        <Notice
          tone="info"
          title="Connect a data provider to start."
          action={
            <button type="button" className="button primary" onClick={() => void browser.runtime.openOptionsPage()}>
              Open options
            </button>
          }
        />
      ) : null}
      <div className="row-actions">
        <button
          type="button"
          className="button primary"
          onClick={() => {
            void openPanel().then(() => window.close());
          }}
        >
          Open side panel
        </button>
        {counts.total === 0 && typeof tabId === 'number' ? (
          <button type="button" className="button" disabled={scan.pending} onClick={() => void scan.start()}>
            {scan.pending ? 'Scanning…' : 'Scan this page'}
          </button>
        ) : null}
      </div>
      {scan.error ? <p className="inline-error">{scan.error.message}</p> : null}
      <form
        className="quick"
        onSubmit={(e) => {
          e.preventDefault();
          const q = classifyQuery(query);
          if (!q) {
            setProblem('Type an email, a domain or a company name.');
            return;
          }
          setProblem(null);
          const opening = openPanel();
          void lookup.start(q, opening);
        }}
      >
        <label htmlFor="quick" className="strong">
          Quick lookup
        </label>
        <div className="quick-row">
          <input id="quick" type="text" value={query} placeholder="Email, domain or company name" autoComplete="off" onChange={(e) => setQuery(e.target.value)} />
          <button type="submit" className="button" disabled={lookup.pending}>
            Look up
          </button>
        </div>
        {problem ?? lookup.error ? <p className="inline-error" role="alert">{problem ?? lookup.error?.message}</p> : null}
      </form>
    </main>
  );
}
