import { useEffect, useMemo, useRef, useState } from 'react';
import type { LookupQuery } from '../../utils/messaging.ts';
import type { TabState } from '../../utils/schemas/lookup.ts';
import { useSend } from '../background.tsx';
import { EntityList } from './entity-list.tsx';
import { EntityView } from './entity-view.tsx';
import { AddToList } from './lists/add-to-list.tsx';
import { Notice, Skeleton, useAction } from '../ui.tsx';

/** "This page": the tab's detections, or the selected one's card. */
export function PageView({
  tabId,
  state,
  loaded,
  selection,
  lookupOnly,
}: {
  tabId: number | null;
  state: TabState | null;
  loaded: boolean;
  selection: string | null;
  lookupOnly: boolean;
}) {
  const send = useSend();
  const select = useAction(async (key: string | null) => {
    if (tabId !== null) await send('selectEntity', { tabId, key });
  });
  const retryAll = useAction(async (keys: string[]) => {
    if (tabId === null) return;
    for (const key of keys) await send('retryLookup', { tabId, key });
  });
  const scan = useAction(() => (tabId === null ? Promise.resolve({ tracked: 0 }) : send('scanTab', { tabId })));
  const viewCompany = useAction(async (query: LookupQuery) => {
    if (tabId !== null) await send('lookup', { tabId, query });
  });
  const entities = useMemo(() => state?.entities ?? [], [state]);
  const selected = selection ? entities.find((e) => e.key === selection) : undefined;

  // Keyboard use: opening a card moves focus to its "back" button; going back returns focus to
  // the row the card came from.
  const back = useRef<HTMLButtonElement>(null);
  const [returnTo, setReturnTo] = useState<string | null>(null);
  const selectedKey = selected?.key ?? null;
  if (selectedKey && selectedKey !== returnTo) setReturnTo(selectedKey);
  useEffect(() => {
    if (selectedKey) back.current?.focus();
  }, [selectedKey]);

  if (tabId === null) {
    return <Notice tone="info" title="No tab to look at.">Switch to a tab with a web page.</Notice>;
  }
  if (!loaded) return <Skeleton lines={4} label="Reading this page's results" />;

  if (selected) {
    return (
      <div className="detail">
        <button ref={back} type="button" className="link-button back" onClick={() => void select.start(null)}>
          ← All on this page ({entities.length})
        </button>
        <EntityView
          key={selected.key}
          tabId={tabId}
          entity={selected}
          lookupOnly={lookupOnly}
          onViewCompany={(w) => void viewCompany.start({ kind: 'domain', value: w })}
          onOpenCompany={(name) => void viewCompany.start({ kind: 'company', value: name })}
        />
        <AddToList label="Add to list" capture={(listId) => send('captureToList', { listId, tabId, keys: [selected.key] })} />
        {viewCompany.error ? <Notice tone="error" title="Could not open the company.">{viewCompany.error.message}</Notice> : null}
      </div>
    );
  }

  if (entities.length === 0) {
    return (
      <div className="empty">
        <h2>Nothing found on this page yet</h2>
        <p className="muted">
          Sidecar reads LinkedIn, Salesforce, HubSpot, Pipedrive, Dynamics and Gmail by itself. On any other page, scan it once — or look something up from the toolbar button.
        </p>
        <button type="button" className="button primary" disabled={scan.pending} onClick={() => void scan.start()}>
          {scan.pending ? 'Scanning…' : 'Scan this page'}
        </button>
        {scan.error ? <Notice tone="error" title="Could not scan this page.">{scan.error.message}</Notice> : null}
      </div>
    );
  }
  return (
    <>
      <EntityList
        entities={entities}
        focusKey={returnTo}
        actions={<AddToList label="Add all to list" capture={(listId) => send('captureToList', { listId, tabId })} />}
        onSelect={(key) => void select.start(key)} onRetry={retryAll.pending ? undefined : (keys) => void retryAll.start(keys)} />
      {retryAll.error ? <Notice tone="error" title="Could not retry.">{retryAll.error.message}</Notice> : null}
    </>
  );
}
