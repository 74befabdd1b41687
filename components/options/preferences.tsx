import { useEffect, useId, useState } from 'react';
import { browser } from 'wxt/browser';
import type { Settings } from '../../utils/schemas/settings.ts';
import { toSidecarError } from '../../utils/errors.ts';
import { useSend } from '../background.tsx';
import { Notice, useAction } from '../ui.tsx';
import { CreditCaps } from './credit-caps.tsx';
import { useSave } from './use-save.ts';
import { siteOrigin, SUPPORTED_SITES } from './site-list.ts';

/** Shows the new position at once (optimistic) and follows the stored value when it arrives. */
function Switch({ label, detail, checked, onChange, disabled }: { label: string; detail?: string; checked: boolean; onChange: (v: boolean) => void; disabled?: boolean }) {
  const id = useId();
  const [shown, setShown] = useState(checked);
  const [stored, setStored] = useState(checked);
  if (checked !== stored) {
    setStored(checked);
    setShown(checked);
  }
  return (
    <li>
      <span className="toggle-text">
        <label htmlFor={id}>{label}</label>
        {detail ? <small id={`${id}-d`}>{detail}</small> : null}
      </span>
      <input
        id={id}
        type="checkbox"
        role="switch"
        className="switch"
        checked={shown}
        disabled={disabled}
        aria-describedby={detail ? `${id}-d` : undefined}
        onChange={(e) => {
          setShown(e.target.checked);
          onChange(e.target.checked);
        }}
      />
    </li>
  );
}

export function SitesSection({ settings }: { settings: Settings }) {
  const save = useSave();
  const [site, setSite] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [granted, setGranted] = useState<Record<string, boolean>>({});

  useEffect(() => {
    let live = true;
    void Promise.all(
      settings.customSites.map(async (origin) => {
        const o = siteOrigin(origin);
        const ok = o ? await browser.permissions.contains({ origins: [o.pattern] }).catch(() => false) : false;
        return [origin, ok] as const;
      }),
    ).then((entries) => live && setGranted(Object.fromEntries(entries)));
    return () => {
      live = false;
    };
  }, [settings.customSites]);

  const add = () => {
    const o = siteOrigin(site);
    if (!o) {
      setProblem('Enter a web address such as https://crm.example.com.');
      return;
    }
    setProblem(null);
    // Synchronously, inside the click: the browser asks the user only during a gesture.
    const request = browser.permissions.request({ origins: [o.pattern] });
    void request.then(
      async (ok) => {
        if (!ok) {
          setProblem(`Permission for ${o.origin} was not granted, so Sidecar will not run there.`);
          return;
        }
        await save.start((current) => ({ customSites: [...new Set([...current.customSites, o.origin])] }));
        setSite('');
      },
      (e: unknown) => setProblem(toSidecarError(e).message),
    );
  };

  const remove = (origin: string) => {
    const o = siteOrigin(origin);
    void save.start((current) => ({ customSites: current.customSites.filter((s) => s !== origin) }));
    if (o) void browser.permissions.remove({ origins: [o.pattern] }).catch(() => undefined);
  };

  return (
    <section className="panel" aria-labelledby="sites-h">
      <h2 id="sites-h">Where Sidecar runs</h2>
      <p className="panel-intro">Sidecar reads these sites by itself. Switch one off and it no longer looks at its pages.</p>
      <ul className="toggle-list">
        {SUPPORTED_SITES.map((s) => (
          <Switch key={s.id} label={s.label} detail={s.where} checked={settings.sites[s.id] !== false} onChange={(on) => void save.start((current) => ({ sites: { ...current.sites, [s.id]: on } }))} />
        ))}
      </ul>
      <h3 className="section-title">Other sites</h3>
      <p className="panel-intro">Add a site to have it read every time; your browser asks for permission when you add it. Anywhere else, use the toolbar button to scan a page once.</p>
      {settings.customSites.length > 0 ? (
        <ul className="toggle-list">
          {settings.customSites.map((origin) => (
            <li key={origin}>
              <span className="toggle-text">
                {origin}
                {granted[origin] === false ? <small>Permission not granted — Sidecar does not run here.</small> : null}
              </span>
              <button type="button" className="button small" onClick={() => remove(origin)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form
        className="quick-row"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <input type="text" aria-label="Site to add" placeholder="https://crm.example.com" value={site} onChange={(e) => setSite(e.target.value)} />
        <button type="submit" className="button">
          Add site
        </button>
      </form>
      {problem ? <p className="inline-error" role="alert">{problem}</p> : null}
      {save.error ? <Notice tone="error" title="Not saved.">{save.error.message}</Notice> : null}
    </section>
  );
}

export function BehaviourSection({ settings }: { settings: Settings }) {
  const save = useSave();
  return (
    <section className="panel" aria-labelledby="behaviour-h">
      <h2 id="behaviour-h">Lookups and credits</h2>
      <ul className="toggle-list">
        <Switch
          label="Preview what each page shows"
          detail="Free searches only: name, title, company, whether an email or phone exists. Off: nothing is looked up until you open it in the side panel."
          checked={settings.autoLookup}
          onChange={(v) => void save.start({ autoLookup: v })}
        />
        <Switch
          label="Enrich what I open automatically"
          detail="Spends credits without a click, within the caps below. Off: every reveal is a click that says what it costs."
          checked={settings.autoEnrich}
          onChange={(v) => void save.start({ autoEnrich: v })}
        />
        <Switch label="Badges on the page" detail="A small marker next to each email, person or company Sidecar found." checked={settings.badges} onChange={(v) => void save.start({ badges: v })} />
        <Switch
          label="Badges on LinkedIn too"
          detail="Off: on LinkedIn, results appear only in the side panel and Sidecar adds nothing to the page (LinkedIn looks for extensions that change its pages)."
          checked={settings.linkedinBadges}
          disabled={!settings.badges}
          onChange={(v) => void save.start({ linkedinBadges: v })}
        />
        <Switch
          label="Hashed email lookups"
          detail="Send the SHA-256 of an address instead of the address itself."
          checked={settings.hashedEmails}
          onChange={(v) => void save.start({ hashedEmails: v })}
        />
      </ul>
      {settings.autoEnrich ? <CreditCaps settings={settings} /> : null}
      {save.error ? <Notice tone="error" title="Not saved.">{save.error.message}</Notice> : null}
    </section>
  );
}

export function CacheSection({ settings }: { settings: Settings }) {
  const send = useSend();
  const save = useSave();
  const [ttl, setTtl] = useState({ positive: String(settings.cacheTtlHours), negative: String(settings.negativeCacheTtlHours) });
  const [cleared, setCleared] = useState<string | null>(null);
  const clear = useAction(async () => {
    const { cleared: n } = await send('clearCache', {});
    setCleared(`Cleared ${n} cached ${n === 1 ? 'lookup' : 'lookups'}.`);
  });
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="panel" aria-labelledby="cache-h">
      <h2 id="cache-h">Cache</h2>
      <p className="panel-intro">Results are kept in this browser so a record you have already seen costs nothing and shows at once.</p>
      <form
        className="grid-2"
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          const positive = Number(ttl.positive);
          const negative = Number(ttl.negative);
          if (!Number.isFinite(positive) || !Number.isFinite(negative) || positive < 0 || negative < 0) {
            setError('Cache times must be numbers of hours, 0 or more.');
            return;
          }
          void save.start({ cacheTtlHours: positive, negativeCacheTtlHours: negative });
        }}
      >
        <div className="form-field">
          <label htmlFor="ttl-positive">Keep results for (hours)</label>
          <input id="ttl-positive" type="number" min={0} max={8760} value={ttl.positive} onChange={(e) => setTtl({ ...ttl, positive: e.target.value })} />
        </div>
        <div className="form-field">
          <label htmlFor="ttl-negative">Keep “nothing found” for (hours)</label>
          <input id="ttl-negative" type="number" min={0} max={8760} value={ttl.negative} onChange={(e) => setTtl({ ...ttl, negative: e.target.value })} />
        </div>
        <div className="row-actions" style={{ gridColumn: '1 / -1' }}>
          <button type="submit" className="button" disabled={save.pending}>
            Save cache times
          </button>
          <button type="button" className="button" disabled={clear.pending} onClick={() => void clear.start()}>
            Clear cache
          </button>
          {cleared ? (
            <span className="saved" role="status">
              {cleared}
            </span>
          ) : null}
        </div>
      </form>
      {error ?? save.error?.message ?? clear.error?.message ? (
        <Notice tone="error" title="That did not work.">
          {error ?? save.error?.message ?? clear.error?.message}
        </Notice>
      ) : null}
    </section>
  );
}

export function ShortcutSection() {
  const [shortcut, setShortcut] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    browser.commands.getAll().then(
      (commands) => live && setShortcut(commands.find((c) => c.name === 'open-side-panel')?.shortcut || null),
      () => live && setShortcut(null),
    );
    return () => {
      live = false;
    };
  }, []);
  const firefox = import.meta.env.FIREFOX;
  return (
    <section className="panel" aria-labelledby="shortcut-h">
      <h2 id="shortcut-h">Keyboard shortcut</h2>
      <p>
        Open the side panel:{' '}
        {shortcut ? (
          <kbd className="kbd" data-testid="shortcut">
            {shortcut}
          </kbd>
        ) : shortcut === null ? (
          <span className="muted">not set</span>
        ) : (
          <span className="muted">…</span>
        )}
      </p>
      {firefox ? (
        <p className="panel-intro">Change it in Add-ons and themes → the gear menu → Manage extension shortcuts.</p>
      ) : (
        <button type="button" className="button" onClick={() => void browser.tabs.create({ url: 'chrome://extensions/shortcuts' })}>
          Change shortcut
        </button>
      )}
    </section>
  );
}
