/** App-Z's consent page and the error page for requests it cannot redirect back. */
import { html, type SafeHtml } from '../lib/html.ts';

/**
 * Headers of every App-Z HTML page: no framing (clickjacking on Approve), no MIME sniffing, no
 * script at all. No form-action: Chromium applies it to the redirect after the POST, and that
 * redirect goes to the client's own (foreign) origin.
 */
export const PAGE_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Content-Type': 'text/html; charset=utf-8',
};

const STYLE = 'body{font:16px system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1b1f24}button{font:inherit;padding:.5rem 1.25rem;margin-right:.5rem}li{margin:.25rem 0}';

function page(title: string, body: SafeHtml): string {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><meta name="viewport" content="width=device-width"><style>${STYLE}</style></head><body>${body}</body></html>`.value;
}

export function consentPage(input: { consentId: string; clientId: string; redirectOrigin: string; scopes: string[] }): string {
  return page(
    'App-Z — authorize access',
    html`<h1>Authorize ${input.clientId}</h1>
<p>${input.clientId} (returning to ${input.redirectOrigin}) asks to use your App-Z account:</p>
<ul>${input.scopes.map((s) => html`<li><code>${s}</code></li>`)}</ul>
<form method="post" action="/app-z/oauth/authorize">
<input type="hidden" name="consent" value="${input.consentId}">
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`,
  );
}

export function errorPage(message: string): string {
  return page('App-Z — authorization failed', html`<h1>Authorization failed</h1><p>${message}</p>`);
}
