import { useState } from 'react';
import { browser } from 'wxt/browser';
import { API_KEY_PLACEMENTS, type ConnectorAction, type ConnectorAuth, type ConnectorDefinition } from '../../../utils/connectors/connector.ts';
import { logoProblem } from '../../../utils/connectors/logo.ts';
import type { ConnectorView } from '../../../utils/connectors/views.ts';
import { useSend } from '../../background.tsx';
import { CopyButton, Notice, useAction } from '../../ui.tsx';
import { siteOrigin } from '../site-list.ts';
import { ActionBuilder, emptyAction } from './action-builder.tsx';
import { SelectField, TextArea, TextField } from '../fields.tsx';

const MAX_DESCRIPTION = 250;

/** A new connector's id from its name: lower-case letters, digits and dashes. */
export function idFromName(name: string): string {
  const id = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return id || 'connector';
}

export const newConnector = (): ConnectorDefinition => ({
  id: '',
  name: '',
  description: '',
  baseUrl: 'https://',
  logo: null,
  category: 'Sales',
  auth: { type: 'apiKey', displayName: 'API key', keyName: 'api_key', placement: 'header' },
  rateLimitPerSecond: 5,
  actions: [],
});

const oauthDefaults = (): ConnectorAuth => ({ type: 'oauth2', authorizationUrl: 'https://', tokenUrl: 'https://', refreshUrl: null, scopes: '', clientId: '', hasClientSecret: false });
const apiKeyDefaults = (): ConnectorAuth => ({ type: 'apiKey', displayName: 'API key', keyName: 'api_key', placement: 'header' });

function readLogo(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => (typeof reader.result === 'string' ? resolve(reader.result) : reject(new Error('unreadable')));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(file);
  });
}

/**
 * The connector form, field for field as ZoomInfo's Data Connectors guide lists them, with its
 * actions. Secrets are write-only: a stored client secret is never shown, only that it is stored.
 */
export function ConnectorForm({ initial, isNew, redirectUrl, secretStored, onSaved, onCancel }: { initial: ConnectorDefinition; isNew: boolean; redirectUrl: string; secretStored: boolean; onSaved: (view: ConnectorView, hostAccess: boolean) => void; onCancel: () => void }) {
  const send = useSend();
  const [form, setForm] = useState<ConnectorDefinition>(initial);
  const [clientSecret, setClientSecret] = useState('');
  const [logoError, setLogoError] = useState<string | null>(null);
  const [counter, setCounter] = useState(initial.actions.length + 1);
  const set = (patch: Partial<ConnectorDefinition>) => setForm((f) => ({ ...f, ...patch }));
  const setAuth = (patch: Partial<ConnectorAuth>) => setForm((f) => ({ ...f, auth: { ...f.auth, ...patch } as ConnectorAuth }));
  const draft = (): ConnectorDefinition => ({ ...form, id: isNew ? idFromName(form.name) : form.id });

  const save = useAction(async (granted: Promise<boolean>) => {
    const allowed = await granted;
    const view = await send('saveConnector', { connector: draft(), ...(clientSecret ? { clientSecret } : {}) });
    onSaved(view, allowed);
  });
  function onSave() {
    // Synchronously, inside the click: the browser asks the user only during a gesture.
    const origin = siteOrigin(form.baseUrl);
    const granted = origin ? browser.permissions.request({ origins: [origin.pattern] }).catch(() => false) : Promise.resolve(true);
    void save.start(granted);
  }
  async function onLogo(file: File | undefined) {
    if (!file) return;
    const dataUrl = await readLogo(file).catch(() => null);
    const problem = dataUrl ? logoProblem(dataUrl) : 'This file cannot be read.';
    setLogoError(problem);
    if (dataUrl && !problem) set({ logo: dataUrl });
  }
  const updateAction = (index: number, action: ConnectorAction) => set({ actions: form.actions.map((a, i) => (i === index ? action : a)) });
  const { auth } = form;

  return (
    <form className="connector-form" aria-label={isNew ? 'New connector' : `Edit ${initial.name}`} onSubmit={(e) => e.preventDefault()}>
      <div className="form-grid">
        <TextField label="Connector name" value={form.name} onChange={(name) => set({ name })} hint={isNew && form.name ? `Id: ${idFromName(form.name)}` : undefined} />
        <TextField label="Category" value={form.category} onChange={(category) => set({ category })} placeholder="Sales, Marketing, Data provider…" />
      </div>
      <TextArea label="Description" value={form.description} rows={2} onChange={(description) => set({ description })} hint={`${form.description.length} / ${MAX_DESCRIPTION} characters`} />
      <TextField label="Base URL" value={form.baseUrl} onChange={(baseUrl) => set({ baseUrl })} placeholder="https://api.example.com/v1" hint="Every action's endpoint stays under it. Sidecar asks for access to its site when you save." />
      <div className="form-field">
        <label htmlFor="connector-logo">Logo (PNG, SVG or GIF, up to 1 MB)</label>
        <div className="logo-row">
          {form.logo ? <img className="connector-logo large" src={form.logo} alt={`${form.name || 'Connector'} logo`} /> : null}
          <input id="connector-logo" type="file" accept="image/png,image/svg+xml,image/gif" onChange={(e) => void onLogo(e.target.files?.[0])} />
          {form.logo ? (
            <button type="button" className="button subtle small" onClick={() => set({ logo: null })}>
              Remove logo
            </button>
          ) : null}
        </div>
        {logoError ? <p className="inline-error">{logoError}</p> : null}
      </div>
      <TextField label="Requests per second" type="number" value={String(form.rateLimitPerSecond)} onChange={(v) => set({ rateLimitPerSecond: Number(v) || 0 })} hint="Sidecar never sends faster than this to the connector." />

      <fieldset className="auth">
        <legend>Authentication</legend>
        <SelectField
          label="Type"
          value={auth.type}
          options={[
            { value: 'apiKey', label: 'API key' },
            { value: 'oauth2', label: 'OAuth 2.0 (authorization code with PKCE)' },
          ]}
          onChange={(type) => set({ auth: type === 'oauth2' ? oauthDefaults() : apiKeyDefaults() })}
        />
        {auth.type === 'oauth2' ? (
          <>
            <div className="form-field">
              <span className="label">Redirect URL — register it with the system you connect</span>
              <p className="copy-row">
                <code data-testid="redirect-url">{redirectUrl}</code>
                <CopyButton value={redirectUrl} label="redirect URL" />
              </p>
            </div>
            <TextField label="Authorization URL" value={auth.authorizationUrl} onChange={(authorizationUrl) => setAuth({ authorizationUrl })} />
            <TextField label="Access token URL" value={auth.tokenUrl} onChange={(tokenUrl) => setAuth({ tokenUrl })} />
            <TextField label="Refresh token URL (optional)" value={auth.refreshUrl ?? ''} onChange={(v) => setAuth({ refreshUrl: v.trim() === '' ? null : v })} hint="Empty: refreshes go to the access token URL." />
            <TextField label="Scopes" value={auth.scopes} onChange={(scopes) => setAuth({ scopes })} hint="Space separated, up to 500 characters." />
            <TextField label="Client ID" value={auth.clientId} onChange={(clientId) => setAuth({ clientId })} />
            <TextField
              label="Client secret (optional)"
              type="password"
              value={clientSecret}
              onChange={setClientSecret}
              placeholder={secretStored ? 'Stored — type to replace' : 'Only for a confidential client'}
              hint="Kept in the browser's secret store, never shown again. PKCE (S256) and state are always used."
            />
          </>
        ) : (
          <>
            <TextField label="Display name" value={auth.displayName} onChange={(displayName) => setAuth({ displayName })} hint="What a rep is asked for when connecting." />
            <div className="form-grid">
              <TextField label="Key name" value={auth.keyName} onChange={(keyName) => setAuth({ keyName })} />
              <SelectField
                label="Placement"
                value={auth.placement}
                options={API_KEY_PLACEMENTS.map((p) => ({ value: p, label: { query: 'Query parameter', header: 'Header', body: 'Body (JSON field)' }[p] }))}
                onChange={(placement) => setAuth({ placement })}
              />
            </div>
          </>
        )}
      </fieldset>

      <h3>Actions</h3>
      {form.actions.map((action, index) => (
        <ActionBuilder key={index} action={action} draft={draft} onChange={(a) => updateAction(index, a)} onRemove={() => set({ actions: form.actions.filter((_, i) => i !== index) })} />
      ))}
      <button
        type="button"
        className="button subtle"
        onClick={() => {
          set({ actions: [...form.actions, emptyAction(counter)] });
          setCounter((n) => n + 1);
        }}
      >
        Add an action
      </button>

      {save.error ? (
        <Notice tone="error" title="Not saved as it is.">
          {save.error.message}
        </Notice>
      ) : null}
      <div className="row-actions">
        <button type="button" className="button primary" disabled={save.pending} onClick={onSave}>
          {save.pending ? 'Saving…' : 'Save connector'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Close
        </button>
      </div>
    </form>
  );
}
