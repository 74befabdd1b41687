import { useEffect, useState } from 'react';
import { exportConnector, importConnector, type ConnectorDefinition } from '../../../utils/connectors/connector.ts';
import type { ConnectorsOverview, ConnectorView } from '../../../utils/connectors/views.ts';
import { toSidecarError, type SidecarError } from '../../../utils/errors.ts';
import { useSend } from '../../background.tsx';
import { Notice, Skeleton, useAction } from '../../ui.tsx';
import { PolicyProblems } from '../policy-problems.tsx';
import { ConnectorForm, newConnector } from './connector-form.tsx';
import { WaterfallEditor } from './waterfall-editor.tsx';

const STATUS_LABEL = { connected: 'Connected', reconnect_needed: 'Reconnect needed', not_connected: 'Not connected' } as const;

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

type Editing = { definition: ConnectorDefinition; isNew: boolean; secretStored: boolean } | null;

function ConnectorRow({ view, onEdit, onChanged }: { view: ConnectorView; onEdit: () => void; onChanged: () => void }) {
  const send = useSend();
  const { definition, status, readOnly, keyManaged } = view;
  const [asking, setAsking] = useState(false);
  const [apiKey, setApiKey] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const connect = useAction(async (key?: string) => {
    await send('connectConnector', { connectorId: definition.id, ...(key ? { apiKey: key } : {}) });
    setAsking(false);
    setApiKey('');
    onChanged();
  });
  const disconnect = useAction(async () => {
    await send('disconnectConnector', { connectorId: definition.id });
    onChanged();
  });
  const remove = useAction(async () => {
    await send('deleteConnector', { connectorId: definition.id });
    onChanged();
  });
  const error = connect.error ?? disconnect.error ?? remove.error;
  const keyLabel = definition.auth.type === 'apiKey' ? definition.auth.displayName : null;

  return (
    <li className="connector-row" data-testid="connector-row" data-status={status}>
      <div className="connector-head">
        {definition.logo ? <img className="connector-logo large" src={definition.logo} alt="" /> : <span className="connector-logo large placeholder" aria-hidden="true" />}
        <div>
          <p className="connector-name">{definition.name}</p>
          <p className="muted">
            {definition.category} · {definition.actions.length} action{definition.actions.length === 1 ? '' : 's'} · <span className={`status ${status}`}>{STATUS_LABEL[status]}</span>
            {readOnly ? <span className="badge"> · Set by your organisation</span> : null}
            {keyManaged ? <span className="badge"> · Key set by your organisation</span> : null}
          </p>
        </div>
      </div>
      {asking ? (
        <form
          className="row-actions"
          onSubmit={(e) => {
            e.preventDefault();
            void connect.start(apiKey);
          }}
        >
          <input type="password" aria-label={keyLabel ?? 'API key'} placeholder={keyLabel ?? ''} value={apiKey} autoComplete="off" onChange={(e) => setApiKey(e.target.value)} />
          <button type="submit" className="button primary small" disabled={!apiKey || connect.pending}>
            Connect
          </button>
          <button type="button" className="button small" onClick={() => setAsking(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <div className="row-actions">
          {keyManaged ? null : status !== 'connected' ? (
            <button type="button" className="button primary small" disabled={connect.pending} onClick={() => (keyLabel !== null ? setAsking(true) : void connect.start())}>
              {status === 'reconnect_needed' ? 'Reconnect' : 'Connect'}
            </button>
          ) : (
            <button type="button" className="button small" disabled={disconnect.pending} onClick={() => void disconnect.start()}>
              Disconnect
            </button>
          )}
          {readOnly ? null : (
            <button type="button" className="button small" onClick={onEdit}>
              Edit
            </button>
          )}
          <button type="button" className="button subtle small" onClick={() => download(`${definition.id}.sidecar-connector.json`, exportConnector(definition))}>
            Export
          </button>
          {readOnly ? null : confirmDelete ? (
            <>
              <button type="button" className="button danger small" disabled={remove.pending} onClick={() => void remove.start()}>
                Delete {definition.name}
              </button>
              <button type="button" className="button small" onClick={() => setConfirmDelete(false)}>
                Keep it
              </button>
            </>
          ) : (
            <button type="button" className="button subtle small" onClick={() => setConfirmDelete(true)}>
              Delete
            </button>
          )}
        </div>
      )}
      {error ? <p className="inline-error">{error.message}</p> : null}
    </li>
  );
}

/**
 * Options → Connectors (issue 14): the organisation's systems as data sources. The rep's own
 * connectors are edited here; those deployed by browser policy are listed read-only. Under them,
 * the waterfall.
 */
export function ConnectorsSection() {
  const send = useSend();
  const [overview, setOverview] = useState<ConnectorsOverview | null>(null);
  const [loadError, setLoadError] = useState<SidecarError | null>(null);
  const [generation, setGeneration] = useState(0);
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<{ tone: 'info' | 'warning' | 'error'; text: string } | null>(null);

  useEffect(() => {
    let live = true;
    send('connectorsOverview', {}).then(
      (o) => live && (setOverview(o), setLoadError(null)),
      (e: unknown) => live && setLoadError(toSidecarError(e)),
    );
    return () => {
      live = false;
    };
  }, [send, generation]);
  const reload = () => setGeneration((n) => n + 1);

  async function onImport(file: File | undefined) {
    if (!file) return;
    try {
      const definition = importConnector(await file.text());
      setEditing({ definition, isNew: false, secretStored: false });
      setNotice({ tone: 'info', text: `${definition.name} read from ${file.name}: check it, then save.` });
    } catch (e) {
      setNotice({ tone: 'error', text: toSidecarError(e).message });
    }
  }

  return (
    <section className="panel" aria-labelledby="connectors-h">
      <h2 id="connectors-h">Connectors</h2>
      <p className="section-hint">Bring the systems your team already uses into Sidecar: any HTTP API, with an API key or OAuth 2.0. Enrich actions add sections to cards, Connect actions send to them, Retrieve actions fetch tables.</p>
      {loadError ? <Notice tone="error" title="Could not load the connectors.">{loadError.message}</Notice> : null}
      <PolicyProblems title="Some connectors from your organisation's policy were skipped." problems={overview?.problems ?? []} />
      {notice ? <Notice tone={notice.tone} title={notice.text} /> : null}
      {overview === null && !loadError ? <Skeleton lines={2} label="Loading connectors" /> : null}
      {overview ? (
        overview.connectors.length === 0 ? (
          <p className="muted">No connectors yet.</p>
        ) : (
          <ul className="connector-list">
            {overview.connectors.map((view) => (
              <ConnectorRow key={view.definition.id} view={view} onChanged={reload} onEdit={() => (setNotice(null), setEditing({ definition: view.definition, isNew: false, secretStored: view.secretStored }))} />
            ))}
          </ul>
        )
      ) : null}
      {editing ? (
        <ConnectorForm
          key={`${editing.definition.id}/${String(editing.isNew)}`}
          initial={editing.definition}
          isNew={editing.isNew}
          redirectUrl={overview?.redirectUrl ?? ''}
          secretStored={editing.secretStored}
          onCancel={() => setEditing(null)}
          onSaved={(view, hostAccess) => {
            setEditing(null);
            setNotice(
              hostAccess
                ? { tone: 'info', text: `${view.definition.name} saved.` }
                : { tone: 'warning', text: `${view.definition.name} saved, but Sidecar may not call ${new URL(view.definition.baseUrl).origin} until you allow it: save again and accept the browser's prompt.` },
            );
            reload();
          }}
        />
      ) : (
        <div className="row-actions">
          <button type="button" className="button primary" onClick={() => (setNotice(null), setEditing({ definition: newConnector(), isNew: true, secretStored: false }))}>
            New connector
          </button>
          <label className="button file-button">
            Import…
            <input type="file" accept="application/json,.json" className="visually-hidden" aria-label="Import a connector file" onChange={(e) => void onImport(e.target.files?.[0])} />
          </label>
        </div>
      )}
      {overview ? <WaterfallEditor connectors={overview.connectors.map((c) => c.definition)} waterfall={overview.waterfall} managed={overview.waterfallManaged} /> : null}
    </section>
  );
}
