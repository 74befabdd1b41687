import { browser } from 'wxt/browser';

/** What the panel shows before any provider is set up. */
export function Onboarding({ found }: { found: number }) {
  return (
    <section className="onboarding" aria-labelledby="onboarding-h">
      <h2 id="onboarding-h">Connect a data provider</h2>
      <p>Sidecar looks up the people and companies on the pages you visit with your own B2B data provider. Nothing is looked up until you connect one.</p>
      <ol className="steps">
        <li>
          Open <strong>Options</strong> and enter your provider’s base URL — or keep the reference server, <code>http://localhost:8787</code>.
        </li>
        <li>Choose how to sign in (username and password, PKI key, OAuth client or API key) and press <strong>Test connection</strong>.</li>
        <li>Visit a LinkedIn profile or a CRM record: what Sidecar finds appears here.</li>
      </ol>
      <button type="button" className="button primary" onClick={() => void browser.runtime.openOptionsPage()}>
        Open options
      </button>
      {found > 0 ? (
        <p className="muted">
          {found} {found === 1 ? 'thing was' : 'things were'} found on this page already: connect a provider, then retry them from this panel.
        </p>
      ) : null}
    </section>
  );
}
