import { Fragment, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { DEFAULT_BASE_URL, type AuthMethod, type Settings } from '../../utils/schemas/settings.ts';
import type { CredentialSummary } from '../../utils/messaging.ts';
import { RECORD_LIMIT_TYPE, type UsageEntry } from '../../utils/schemas/enterprise-api.ts';
import { SidecarError, toSidecarError } from '../../utils/errors.ts';
import { useSend } from '../background.tsx';
import { Notice } from '../ui.tsx';
import { TextField } from './fields.tsx';
import { PolicyProblems } from './policy-problems.tsx';
import { siteOrigin } from './site-list.ts';
import { managedFieldNames, NO_MANAGED_SETTINGS, withManagedSettings, type ManagedSecretField, type ManagedSettingField, type ManagedSettings } from '../../utils/stores/managed-settings.ts';
import { AUTH_OPTIONS, GTM_REFERENCE_CLIENT, PROVIDER_CATALOG, type AuthOption, type SecretName } from '../../utils/schemas/provider-catalog.ts';

const PROVIDERS = [
  { id: 'reference', label: 'Sidecar reference server (local demo)', baseUrl: DEFAULT_BASE_URL },
  { id: 'zoominfo', label: 'ZoomInfo Enterprise API', baseUrl: 'https://api.zoominfo.com' },
  { id: 'custom', label: 'Another ZoomInfo-compatible API', baseUrl: '' },
] as const;

/** The enterprise API's ways of signing in (the provider catalog), then none: the search API alone. */
const AUTH_METHODS: { id: AuthMethod; label: string }[] = [
  ...PROVIDER_CATALOG.enterprise.auth.map((id) => ({ id, label: AUTH_OPTIONS[id].label })),
  { id: 'none', label: 'None (search API only)' },
];

interface Form {
  baseUrl: string;
  searchBaseUrl: string;
  authMethod: AuthMethod;
  username: string;
  clientId: string;
  tokenUrl: string;
  gtmBaseUrl: string;
  gtmClientId: string;
  secrets: Record<SecretName, string>;
}

const SET_BY_ORGANISATION = 'Set by your organisation.';

const NO_SECRETS: Record<SecretName, string> = { password: '', privateKeyPem: '', clientSecret: '', apiKey: '', searchApiKey: '', gtmClientSecret: '' };

function providerOf(baseUrl: string): (typeof PROVIDERS)[number]['id'] {
  return PROVIDERS.find((p) => p.baseUrl && p.baseUrl === baseUrl.replace(/\/+$/, ''))?.id ?? 'custom';
}

/** A provider field; one fixed by the organisation's policy is shown, not editable. */
function Input({ managed = false, hint, ...field }: Omit<Parameters<typeof TextField>[0], 'readOnly' | 'disabled'> & { hint?: string; managed?: boolean }) {
  return <TextField {...field} hint={managed ? SET_BY_ORGANISATION : hint} readOnly={managed} />;
}

type TestResult = { ok: true; who: string; provider: string; usage: UsageEntry[] } | { ok: false; error: SidecarError };

/**
 * Provider, base URL, how to sign in, the secrets (write-only), and "Test connection". Fields the
 * organisation's policy fixes show its value, read-only; its keys show only that they are set.
 */
export function ConnectionSection({ settings: own, managed = NO_MANAGED_SETTINGS }: { settings: Settings; managed?: ManagedSettings }) {
  const send = useSend();
  const settings = withManagedSettings(own, managed);
  const fixed = managedFieldNames(managed);
  const isManaged = (name: ManagedSettingField | ManagedSecretField) => fixed.has(name);
  const [summary, setSummary] = useState<CredentialSummary | null>(null);
  const [initial, setInitial] = useState<Form>(() => ({
    baseUrl: settings.baseUrl,
    searchBaseUrl: settings.searchBaseUrl,
    authMethod: settings.authMethod,
    username: settings.username,
    clientId: settings.clientId,
    tokenUrl: settings.tokenUrl,
    gtmBaseUrl: settings.gtmBaseUrl,
    gtmClientId: settings.gtmClientId,
    secrets: NO_SECRETS,
  }));
  const [form, setForm] = useState<Form>(initial);
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<SidecarError | null>(null);
  const [test, setTest] = useState<TestResult | null>(null);

  useEffect(() => {
    let live = true;
    send('getCredentials', {}).then(
      (s) => live && setSummary(s),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [send]);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setSecret = (key: SecretName, value: string) => setForm((f) => ({ ...f, secrets: { ...f.secrets, [key]: value } }));
  const isStored = (key: SecretName) => summary?.stored.includes(key) ?? false;
  const provider = providerOf(form.baseUrl);

  /** Must start inside the click: permissions.request needs the user gesture. */
  function requestOrigins(): Promise<boolean> {
    const origins = [form.baseUrl, form.searchBaseUrl, form.tokenUrl, form.gtmBaseUrl].flatMap((u) => {
      const o = u ? siteOrigin(u) : null;
      return o ? [o.pattern] : [];
    });
    if (origins.length === 0) return Promise.resolve(true);
    return browser.permissions.request({ origins }).catch(() => false);
  }

  async function save(granted: Promise<boolean>): Promise<boolean> {
    setError(null);
    setSaved(null);
    try {
      if (!(await granted)) {
        setError(new SidecarError('refused', 'Sidecar needs permission to reach that address. Save again and allow it.'));
        return false;
      }
      // Only what changed: every save makes the background rebuild its provider.
      const urls = { baseUrl: form.baseUrl.trim(), searchBaseUrl: form.searchBaseUrl.trim(), gtmBaseUrl: form.gtmBaseUrl.trim(), gtmClientId: form.gtmClientId.trim() };
      if ((Object.keys(urls) as (keyof typeof urls)[]).some((k) => urls[k] !== initial[k])) await send('saveSettings', urls);
      const secrets = Object.fromEntries(Object.entries(form.secrets).filter(([, v]) => v.trim() !== '')) as Partial<Record<SecretName, string>>;
      const next = await send('saveCredentials', {
        authMethod: form.authMethod,
        username: form.username.trim(),
        clientId: form.clientId.trim(),
        tokenUrl: form.tokenUrl.trim(),
        secrets,
      });
      setSummary(next);
      const kept = { ...form, secrets: NO_SECRETS };
      setForm(kept);
      setInitial(kept);
      setSaved('Saved.');
      return true;
    } catch (e) {
      setError(toSidecarError(e));
      return false;
    }
  }

  const onSave = () => {
    const granted = requestOrigins();
    setBusy('save');
    setTest(null);
    void save(granted).finally(() => setBusy(null));
  };

  // Unchanged credentials are tested as they are: saving them again would drop the current token
  // and sign in anew (and /authenticate allows one sign-in a second).
  const dirty = JSON.stringify(form) !== JSON.stringify(initial);

  const onTest = () => {
    const granted = dirty ? requestOrigins() : Promise.resolve(true);
    setBusy('test');
    setTest(null);
    void (async () => {
      if (dirty && !(await save(granted))) return;
      setSaved(null);
      try {
        const r = await send('testConnection', {});
        setTest({ ok: true, ...r });
      } catch (e) {
        setTest({ ok: false, error: toSidecarError(e) });
      }
    })().finally(() => setBusy(null));
  };

  const secret = (key: SecretName, label: string, multiline = false) => {
    if ((fixed as ReadonlySet<string>).has(key)) return <Input label={label} type="password" value="" placeholder="••••••••" managed onChange={() => undefined} />;
    const stored = isStored(key);
    const placeholder = stored ? 'Stored — leave empty to keep it' : '';
    if (multiline) {
      return (
        <div className="form-field">
          <label htmlFor={`secret-${key}`}>{label}</label>
          <textarea id={`secret-${key}`} rows={5} value={form.secrets[key]} placeholder={stored ? placeholder : '-----BEGIN PRIVATE KEY-----'} spellCheck={false} onChange={(e) => setSecret(key, e.target.value)} />
          {stored ? <p className="stored">✓ A key is stored in this browser.</p> : null}
        </div>
      );
    }
    return <Input label={label} type="password" value={form.secrets[key]} placeholder={placeholder} autoComplete="new-password" onChange={(v) => setSecret(key, v)} hint={stored ? '✓ Stored in this browser; never shown again.' : undefined} />;
  };

  /** One input of a sign-in method, as the provider catalog lists them. */
  const signInInput = (input: AuthOption['inputs'][number]) => {
    if ('secret' in input) return <Fragment key={input.secret}>{secret(input.secret, input.label, input.multiline === true)}</Fragment>;
    switch (input.field) {
      case 'username':
        return <Input key="username" label="Username" value={form.username} autoComplete="username" onChange={(v) => set('username', v)} />;
      case 'clientId':
        return <Input key="clientId" label="Client ID" value={form.clientId} managed={isManaged('clientId')} onChange={(v) => set('clientId', v)} />;
      case 'gtmClientId':
        return (
          <Input key="gtmClientId" label="GTM Studio client ID (lists)" value={form.gtmClientId} managed={isManaged('gtmClientId')} onChange={(v) => set('gtmClientId', v)} hint={`The reference server’s: ${GTM_REFERENCE_CLIENT.id} / ${GTM_REFERENCE_CLIENT.secret}.`} />
        );
      case 'tokenUrl':
        return (
          <Input key="tokenUrl" label="Token URL" type="url" value={form.tokenUrl} managed={isManaged('tokenUrl')} placeholder={`${form.baseUrl.replace(/\/+$/, '')}/oauth/token`} onChange={(v) => set('tokenUrl', v)} hint="Empty: the base URL’s /oauth/token." />
        );
    }
  };

  return (
    <section className="panel" aria-labelledby="connection-h">
      <h2 id="connection-h">Provider and sign-in</h2>
      <p className="panel-intro">Credentials stay in this browser’s extension storage and are sent only to the provider’s address below.</p>
      <PolicyProblems title="Some of your organisation’s settings were not applied." problems={managed.problems} />
      <form
        className="grid-2"
        onSubmit={(e) => {
          e.preventDefault();
          onSave();
        }}
      >
        <div className="form-field">
          <label htmlFor="provider">Provider</label>
          <select
            id="provider"
            value={provider}
            disabled={isManaged('baseUrl')}
            aria-describedby={isManaged('baseUrl') ? 'provider-managed' : undefined}
            onChange={(e) => {
              const p = PROVIDERS.find((x) => x.id === e.target.value);
              if (p?.baseUrl) set('baseUrl', p.baseUrl);
              else if (p) set('baseUrl', '');
            }}
          >
            {PROVIDERS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
          {isManaged('baseUrl') ? (
            <p className="hint" id="provider-managed">
              {SET_BY_ORGANISATION}
            </p>
          ) : null}
        </div>
        <Input label="Base URL" type="url" value={form.baseUrl} managed={isManaged('baseUrl')} placeholder="https://api.example.com" onChange={(v) => set('baseUrl', v)} />
        <div className="form-field">
          <label htmlFor="auth-method">Sign in with</label>
          <select
            id="auth-method"
            value={form.authMethod}
            disabled={isManaged('authMethod')}
            aria-describedby={isManaged('authMethod') ? 'auth-method-managed' : undefined}
            onChange={(e) => set('authMethod', e.target.value as AuthMethod)}
          >
            {AUTH_METHODS.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
          {isManaged('authMethod') ? (
            <p className="hint" id="auth-method-managed">
              {SET_BY_ORGANISATION}
            </p>
          ) : null}
        </div>
        {form.authMethod === 'none' ? null : AUTH_OPTIONS[form.authMethod].inputs.map(signInInput)}
        {AUTH_OPTIONS.searchApiKey.inputs.map(signInInput)}
        <Input label="Search API base URL" type="url" value={form.searchBaseUrl} managed={isManaged('searchBaseUrl')} placeholder="Same as the base URL" onChange={(v) => set('searchBaseUrl', v)} />
        {AUTH_OPTIONS.gtmStudio.inputs.map(signInInput)}
        <Input label="GTM Studio base URL" type="url" value={form.gtmBaseUrl} managed={isManaged('gtmBaseUrl')} placeholder="Same as the base URL" onChange={(v) => set('gtmBaseUrl', v)} />
        <div className="row-actions" style={{ gridColumn: '1 / -1' }}>
          <button type="submit" className="button" disabled={busy !== null}>
            {busy === 'save' ? 'Saving…' : 'Save'}
          </button>
          <button type="button" className="button primary" disabled={busy !== null} onClick={onTest}>
            {busy === 'test' ? 'Testing…' : 'Test connection'}
          </button>
          {saved ? (
            <span className="saved" role="status">
              {saved}
            </span>
          ) : null}
        </div>
      </form>
      {error ? <Notice tone="error" title="Not saved.">{error.message}</Notice> : null}
      {test?.ok === true ? (
        <Notice tone="success" title={`Connected as ${test.who}.`}>
          <p>Provider: {test.provider}.</p>
          {test.usage.length > 0 ? (
            <ul className="usage" data-testid="usage" aria-label="Usage">
              {test.usage.map((u) => (
                <li key={u.limitType} title={u.description ?? undefined}>
                  <span className="strong">{u.limitType === RECORD_LIMIT_TYPE ? 'Enrich credits' : u.limitType}</span>: {u.currentUsage.toLocaleString('en-US')} used, {u.usageRemaining.toLocaleString('en-US')} left of{' '}
                  {u.limit.toLocaleString('en-US')}
                </li>
              ))}
            </ul>
          ) : null}
        </Notice>
      ) : null}
      {test?.ok === false ? (
        <Notice tone="error" title="Connection failed.">
          <p data-testid="test-error">{test.error.message}</p>
        </Notice>
      ) : null}
    </section>
  );
}
