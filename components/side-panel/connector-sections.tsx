import { useEffect, useState } from 'react';
import type { JsonValue } from '../../utils/connectors/template.ts';
import type { ConnectPreview, ConnectorSection } from '../../utils/connectors/views.ts';
import { toSidecarError, type SidecarError } from '../../utils/errors.ts';
import { useSend } from '../background.tsx';
import { timeAgo } from '../format.ts';
import { Field, Notice, useAction } from '../ui.tsx';

/** An output value as text: scalars as they are, lists of scalars joined, anything deeper as JSON. */
export function outputText(value: JsonValue): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.every((v) => v === null || typeof v !== 'object') ? value.filter((v) => v !== null).join(', ') : JSON.stringify(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A JSON body laid out for reading (the request sends it as it is); anything else unchanged. */
function readableBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function Logo({ section }: { section: ConnectorSection }) {
  // A data: URL in an <img>: an SVG rendered this way never runs script (and logo.ts refused any at save).
  return section.logo ? <img className="connector-logo" src={section.logo} alt="" width={16} height={16} /> : null;
}

function EnrichSection({ section }: { section: ConnectorSection }) {
  const filled = (section.outputs ?? []).filter((o) => outputText(o.value) !== '');
  return (
    <section className="section" aria-label={`${section.connectorName}: ${section.actionName}`} data-testid="connector-section">
      <h3 className="connector-title">
        <Logo section={section} />
        {section.connectorName}
        <span className="muted"> · {section.actionName}</span>
      </h3>
      {section.error ? (
        <Notice tone="error" title={`${section.connectorName} did not answer.`}>
          {section.error.message}
        </Notice>
      ) : filled.length === 0 ? (
        <p className="muted">{section.connectorName} has nothing on this.</p>
      ) : (
        <dl className="fields">
          {filled.map((o) => (
            <Field key={o.path} label={o.label}>
              {outputText(o.value)}
            </Field>
          ))}
        </dl>
      )}
      {section.at ? <p className="feed-meta">Fetched {timeAgo(section.at)}</p> : null}
    </section>
  );
}

/** "Send to …": shows exactly what will be sent (credential left out) and sends only once the rep agrees. */
function ConnectButton({ tabId, entityKey, section }: { tabId: number; entityKey: string; section: ConnectorSection }) {
  const send = useSend();
  const ref = { tabId, key: entityKey, connectorId: section.connectorId, actionId: section.actionId };
  const [preview, setPreview] = useState<ConnectPreview | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const open = useAction(async () => setPreview(await send('previewConnectAction', ref)));
  const confirm = useAction(async () => {
    const answer = await send('runConnectAction', ref);
    setPreview(null);
    setSent(`Sent to ${section.connectorName} (HTTP ${answer.status}).`);
  });
  const label = `${section.actionName} — send to ${section.connectorName}`;
  return (
    <div className="connect-action">
      {preview ? (
        <div className="confirm" role="group" aria-label={`Confirm: ${label}`}>
          <p>This will be sent to {section.connectorName}:</p>
          <pre className="request-preview" data-testid="connect-preview">
            {[`${preview.method} ${preview.url}`, ...preview.headers.map((h) => `${h.name}: ${h.value}`), ...(preview.body ? ['', readableBody(preview.body)] : [])].join('\n')}
          </pre>
          <div className="row-actions">
            <button type="button" className="button primary" disabled={confirm.pending} onClick={() => void confirm.start()}>
              {confirm.pending ? 'Sending…' : 'Send'}
            </button>
            <button type="button" className="button" onClick={() => setPreview(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="button small" disabled={open.pending} onClick={() => (setSent(null), void open.start())}>
          <Logo section={section} />
          {section.actionName}
        </button>
      )}
      {sent ? <p className="muted" role="status">{sent}</p> : null}
      {open.error || confirm.error ? <p className="inline-error">{(open.error ?? confirm.error)?.message}</p> : null}
    </div>
  );
}

/**
 * A card's data from the organisation's connectors: a section per Enrich action whose parameters
 * this entity fills (run in the worker, cached like lookups), and a button per Connect action.
 * Nothing shows when no connector applies.
 */
export function ConnectorSections({ tabId, entityKey }: { tabId: number; entityKey: string }) {
  const send = useSend();
  const entity = `${tabId}/${entityKey}`;
  const [request, setRequest] = useState({ attempt: 0, refresh: false });
  const [answer, setAnswer] = useState<{ entity: string; attempt: number; sections: ConnectorSection[] | null; error: SidecarError | null } | null>(null);
  useEffect(() => {
    let live = true;
    const done = (sections: ConnectorSection[] | null, error: SidecarError | null) => live && setAnswer({ entity, attempt: request.attempt, sections, error });
    send('connectorSections', { tabId, key: entityKey, refresh: request.refresh }).then(
      (sections) => done(sections, null),
      (e: unknown) => done(null, toSidecarError(e)),
    );
    return () => {
      live = false;
    };
  }, [send, tabId, entityKey, entity, request]);
  const reload = () => setRequest((r) => ({ attempt: r.attempt + 1, refresh: true }));
  // A refresh keeps the last answer on screen; another entity's answer is never shown.
  const current = answer?.entity === entity ? answer : null;
  const loading = current?.attempt !== request.attempt;

  if (current?.error) {
    return (
      <Notice tone="error" title="Could not load your connectors." action={<button type="button" className="button" disabled={loading} onClick={reload}>Retry</button>}>
        {current.error.message}
      </Notice>
    );
  }
  const sections = current?.sections ?? null;
  // Nothing until the first answer: most cards have no connector, and a placeholder on each would only flicker.
  if (sections === null) return null;
  const enrich = sections.filter((s) => s.category === 'Enrich');
  const connect = sections.filter((s) => s.category === 'Connect');
  if (enrich.length === 0 && connect.length === 0) return null;
  return (
    <div className="connector-sections" aria-busy={loading}>
      {enrich.map((s) => (
        <EnrichSection key={`${s.connectorId}/${s.actionId}`} section={s} />
      ))}
      {connect.length > 0 ? (
        <section className="section" aria-label="Send to your systems">
          <h3>Send to</h3>
          <div className="connect-actions">
            {connect.map((s) => (
              <ConnectButton key={`${s.connectorId}/${s.actionId}`} tabId={tabId} entityKey={entityKey} section={s} />
            ))}
          </div>
        </section>
      ) : null}
      {enrich.length > 0 ? (
        <div className="row-actions end">
          <button type="button" className="button subtle small" disabled={loading} onClick={reload}>
            {loading ? 'Refreshing…' : 'Refresh connector data'}
          </button>
        </div>
      ) : null}
    </div>
  );
}
