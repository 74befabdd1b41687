import { lazy, Suspense, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { browser } from 'wxt/browser';
import { CapabilitiesProvider } from '../../components/background.tsx';
import { PageView } from '../../components/side-panel/page-view.tsx';
import { Onboarding } from '../../components/side-panel/onboarding.tsx';
import { SpentToday } from '../../components/credit-spend.tsx';
import { EnrichOffer } from '../../components/side-panel/enrich-offer.tsx';
import { Credits, Notice, Skeleton } from '../../components/ui.tsx';
import { bannerError, useStatus } from '../../components/use-status.ts';
import { useActiveTabId, useSelection, useSettings, useTabState } from '../../components/use-tab-state.ts';

// The search tab is not needed for the first paint: loaded when first opened.
const SearchTab = lazy(() => import('../../components/side-panel/search/search-tab.tsx').then((m) => ({ default: m.SearchTab })));

const ListsPanel = lazy(() => import('../../components/side-panel/lists/lists-panel.tsx').then((m) => ({ default: m.ListsPanel })));

type View = 'page' | 'search' | 'lists';
const VIEWS: { id: View; label: string }[] = [
  { id: 'page', label: 'This page' },
  { id: 'search', label: 'Search' },
  { id: 'lists', label: 'Lists' },
];

export function App() {
  const tabId = useActiveTabId();
  const { state, loaded } = useTabState(tabId);
  const selection = useSelection(tabId);
  const settings = useSettings();
  const { status, error: statusError } = useStatus();
  const [view, setView] = useState<View>('page');
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  // A new selection (badge click, context menu, quick lookup) brings the card to the front.
  const [seenSelection, setSeenSelection] = useState(selection);
  if (selection !== seenSelection) {
    setSeenSelection(selection);
    if (selection) setView('page');
  }

  // Measured by the e2e run (BENCHMARKS.md): the first paint with this tab's results. It never
  // waits for the worker's status (which may ask the provider for usage on a first run).
  const ready = loaded;
  useEffect(() => {
    if (ready && performance.getEntriesByName('sidecar:ready').length === 0) performance.mark('sidecar:ready');
  }, [ready]);

  const onTabKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const next = VIEWS[(VIEWS.findIndex((v) => v.id === view) + 1) % VIEWS.length];
    if (!next) return;
    setView(next.id);
    tabs.current[VIEWS.indexOf(next)]?.focus();
  };

  // Until the worker answers (first open ever): configured if a sign-in method is set.
  const configured = status?.configured ?? (settings ? settings.authMethod !== 'none' : true);
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand" aria-label="Sidecar">
          <span className="brand-mark" aria-hidden="true">
            S
          </span>
          <span className="brand-word">Sidecar</span>
        </span>
        <div className="tabs" role="tablist" aria-label="Views" onKeyDown={onTabKey}>
          {VIEWS.map((v, i) => (
            <button
              key={v.id}
              ref={(el) => {
                tabs.current[i] = el;
              }}
              type="button"
              role="tab"
              id={`tab-${v.id}`}
              aria-selected={view === v.id}
              aria-controls={`panel-${v.id}`}
              tabIndex={view === v.id ? 0 : -1}
              className="tab"
              onClick={() => setView(v.id)}
            >
              {v.label}
            </button>
          ))}
        </div>
        <Credits remaining={status?.creditsRemaining} compact />
        <button type="button" className="icon-button" aria-label="Options" title="Options" onClick={() => void browser.runtime.openOptionsPage()}>
          ⚙
        </button>
      </header>
      {configured ? (
        <div className="spend-strip">
          <SpentToday settings={settings} />
        </div>
      ) : null}
      {bannerError(status) ? (
        <Notice
          tone="warning"
          title="The provider refused the last request."
          action={
            <button type="button" className="button small" onClick={() => void browser.runtime.openOptionsPage()}>
              Check options
            </button>
          }
        >
          {bannerError(status)?.message}
        </Notice>
      ) : null}
      {statusError ? <Notice tone="error" title="Sidecar’s background is not answering.">{statusError.message}</Notice> : null}
      <CapabilitiesProvider capabilities={status?.configured ? status.capabilities : null}>
        <main className="content" id={`panel-${view}`} role="tabpanel" aria-labelledby={`tab-${view}`}>
          {!configured ? (
            <Onboarding found={state?.entities.length ?? 0} />
          ) : view === 'page' ? (
            <>
              {typeof tabId === 'number' && !selection ? <EnrichOffer tabId={tabId} state={state} settings={settings} /> : null}
              <PageView tabId={tabId ?? null} state={state} loaded={loaded && tabId !== undefined} selection={selection} lookupOnly={!(settings?.autoEnrich ?? false)} />
            </>
          ) : view === 'search' ? (
            <Suspense fallback={<Skeleton lines={4} label="Loading search" />}>
              <SearchTab />
            </Suspense>
          ) : (
            <Suspense fallback={<Skeleton lines={4} label="Loading lists" />}>
              <ListsPanel />
            </Suspense>
          )}
        </main>
      </CapabilitiesProvider>
    </div>
  );
}
