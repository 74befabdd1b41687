/**
 * App-Z's OAuth 2.0 authorization server: authorization code with PKCE S256 (RFC 6749, 7636).
 * Errors follow RFC 6749: before the client and redirect URI are trusted, an error page; after, a
 * redirect carrying `error` and the caller's `state`; the token endpoints answer
 * `{ error, error_description }`.
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppZClient, AppZConfig } from '../config.ts';
import { safeEqual } from '../auth/tokens.ts';
import { consentPage, errorPage, PAGE_HEADERS } from './consent-page.ts';
import { APPZ_SCOPES, redirectUriAllowed, type AppZOAuthStore, type AppZScope, type GrantResult } from './oauth-store.ts';
import type { AppZEnv } from './env.ts';

function htmlResponse(c: Context, status: 200 | 400, body: string): Response {
  return c.body(body, status, PAGE_HEADERS);
}

function redirectWith(redirectUri: string, params: Record<string, string>): Response {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return new Response(null, { status: 302, headers: { Location: url.href, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' } });
}

function parseScopes(raw: string | undefined): AppZScope[] | null {
  if (raw === undefined || raw.trim() === '') return [...APPZ_SCOPES];
  const asked = raw.trim().split(/\s+/);
  const known = new Set<string>(APPZ_SCOPES);
  if (!asked.every((s) => known.has(s))) return null;
  return APPZ_SCOPES.filter((s) => asked.includes(s));
}

const tokenForm = z.object({
  grant_type: z.string().optional(),
  code: z.string().optional(),
  redirect_uri: z.string().optional(),
  code_verifier: z.string().optional(),
  refresh_token: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
});
type TokenForm = z.infer<typeof tokenForm>;

const tokenResponse = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int(),
  refresh_token: z.string(),
  scope: z.string(),
});
const oauthError = z.object({ error: z.string(), error_description: z.string() });

function tokenRoute(path: '/oauth/token' | '/oauth/refresh', summary: string) {
  return createRoute({
    method: 'post',
    path,
    summary,
    tags: ['App-Z'],
    request: { body: { content: { 'application/x-www-form-urlencoded': { schema: tokenForm } }, required: true } },
    responses: {
      200: { description: 'A new access token and refresh token', content: { 'application/json': { schema: tokenResponse } } },
      400: { description: 'invalid_request, invalid_grant, unsupported_grant_type', content: { 'application/json': { schema: oauthError } } },
      401: { description: 'invalid_client', content: { 'application/json': { schema: oauthError } } },
    },
  });
}

type OAuthFailure = { status: 400 | 401; error: string; description: string };

/** Client authentication: HTTP Basic or form fields; a public client sends its id only. */
function authenticateClient(c: Context, form: TokenForm, clients: AppZClient[]): AppZClient | OAuthFailure {
  let id = form.client_id;
  let secret = form.client_secret;
  const basic = /^Basic\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    id = decodeURIComponent(decoded.slice(0, colon));
    secret = decodeURIComponent(decoded.slice(colon + 1));
  }
  const client = clients.find((k) => k.id === id);
  if (!client) return { status: 401, error: 'invalid_client', description: 'Unknown client_id.' };
  if (client.secret === null) return client;
  if (!secret || !safeEqual(client.secret, secret)) return { status: 401, error: 'invalid_client', description: 'The client secret is missing or wrong.' };
  return client;
}

function grantFor(form: TokenForm, client: AppZClient, store: AppZOAuthStore, allowCode: boolean): GrantResult | OAuthFailure {
  if (form.grant_type === 'authorization_code' && allowCode) {
    if (!form.code || !form.redirect_uri || !form.code_verifier) {
      return { status: 400, error: 'invalid_request', description: 'code, redirect_uri and code_verifier are required (PKCE is mandatory).' };
    }
    return store.exchangeCode({ code: form.code, clientId: client.id, redirectUri: form.redirect_uri, codeVerifier: form.code_verifier });
  }
  if (form.grant_type === 'refresh_token') {
    if (!form.refresh_token) return { status: 400, error: 'invalid_request', description: 'refresh_token is required.' };
    return store.refresh(form.refresh_token, client.id);
  }
  const accepted = allowCode ? 'authorization_code or refresh_token' : 'refresh_token';
  return { status: 400, error: 'unsupported_grant_type', description: `grant_type must be ${accepted}.` };
}

export function appZOAuthRoutes(app: OpenAPIHono<AppZEnv>, config: AppZConfig, store: AppZOAuthStore): void {
  app.get('/oauth/authorize', (c) => {
    const q = c.req.query();
    const client = config.clients.find((k) => k.id === q.client_id);
    if (!client) return htmlResponse(c, 400, errorPage('This application is not registered with App-Z (unknown client_id).'));
    const redirectUri = q.redirect_uri;
    if (!redirectUri || !client.redirectUris.some((p) => redirectUriAllowed(p, redirectUri))) {
      return htmlResponse(c, 400, errorPage('The redirect_uri is not registered for this application, so App-Z will not send you back to it.'));
    }
    const fail = (error: string, description: string) => redirectWith(redirectUri, { error, error_description: description, ...(q.state ? { state: q.state } : {}) });
    if (q.response_type !== 'code') return fail('unsupported_response_type', 'response_type must be code.');
    if (!q.state) return fail('invalid_request', 'state is required.');
    if (!q.code_challenge || q.code_challenge_method !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(q.code_challenge)) {
      return fail('invalid_request', 'PKCE is required: code_challenge (43 base64url characters) with code_challenge_method=S256.');
    }
    const scopes = parseScopes(q.scope);
    if (!scopes) return fail('invalid_scope', `scope must be space-separated values among: ${APPZ_SCOPES.join(' ')}.`);
    const consentId = store.openConsent({ client, redirectUri, state: q.state, scopes, codeChallenge: q.code_challenge });
    return htmlResponse(c, 200, consentPage({ consentId, clientId: client.id, redirectOrigin: new URL(redirectUri).origin, scopes }));
  });

  app.post('/oauth/authorize', async (c) => {
    const form = await c.req.parseBody();
    const consent = typeof form.consent === 'string' ? store.takeConsent(form.consent) : null;
    if (!consent) return htmlResponse(c, 400, errorPage('This authorization request is unknown, already answered or expired; start again from the application.'));
    if (form.decision !== 'approve') return redirectWith(consent.redirectUri, { error: 'access_denied', error_description: 'The user denied access.', state: consent.state });
    return redirectWith(consent.redirectUri, { code: store.issueCode(consent), state: consent.state });
  });

  for (const [path, summary, allowCode] of [
    ['/oauth/token', 'Exchange an authorization code (with its PKCE verifier) or a refresh token for tokens', true],
    ['/oauth/refresh', 'Exchange a refresh token for a new token pair (the old refresh token is spent)', false],
  ] as const) {
    app.openapi(
      tokenRoute(path, summary),
      (c) => {
        c.header('Cache-Control', 'no-store');
        const form = c.req.valid('form');
        const client = authenticateClient(c, form, config.clients);
        if ('error' in client) return c.json({ error: client.error, error_description: client.description }, client.status);
        const result = grantFor(form, client, store, allowCode);
        if ('status' in result) return c.json({ error: result.error, error_description: result.description }, result.status);
        if (!result.ok) return c.json({ error: result.error, error_description: result.description }, 400);
        return c.json(result.tokens, 200);
      },
      // RFC 6749's error shape here, not the contract's envelope of the default hook.
      (result, c) => (result.success ? undefined : c.json({ error: 'invalid_request', error_description: 'The form fields must be single text values.' }, 400)),
    );
  }
}
