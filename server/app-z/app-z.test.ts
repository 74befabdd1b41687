import { createHash, randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../app.ts';
import type { AppZConfig } from '../config.ts';
import { loadConfig } from '../config.ts';
import { serverFactory } from '../testing/harness.ts';
import { createAppZ } from './app.ts';
import { REFRESH_TTL_MS, redirectUriAllowed } from './oauth-store.ts';
import type { AppZLogEntry } from './request-log.ts';

const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/app-z';
const CONFIG: AppZConfig = {
  clients: [
    { id: 'ext', secret: null, redirectUris: ['https://*.chromiumapp.org/*'] },
    { id: 'web', secret: 'web-secret', redirectUris: ['https://crm.example.com/callback'] },
  ],
  apiKeys: ['key-1'],
  tokenTtlSeconds: 60,
  ratePerSecond: 50,
};

let clock = Date.parse('2026-12-04T12:00:00Z');
let app: Hono;

beforeEach(() => {
  clock = Date.parse('2026-12-04T12:00:00Z');
  app = new Hono().route('/app-z', createAppZ(CONFIG, { now: () => clock }));
});

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(params: Record<string, string>): string {
  const url = new URL('http://appz.test/app-z/oauth/authorize');
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.href;
}

async function openConsent(overrides: Record<string, string> = {}) {
  const { verifier, challenge } = pkce();
  const response = await app.request(
    authorizeUrl({ response_type: 'code', client_id: 'ext', redirect_uri: REDIRECT, state: 'st-123', scope: 'people:read notes:write', code_challenge: challenge, code_challenge_method: 'S256', ...overrides }),
  );
  const page = await response.text();
  const consent = /name="consent" value="([^"]+)"/.exec(page)?.[1];
  return { response, page, consent, verifier };
}

async function decide(consent: string, decision: 'approve' | 'deny'): Promise<URL> {
  const response = await app.request('/app-z/oauth/authorize', { method: 'POST', body: new URLSearchParams({ consent, decision }) });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') ?? '');
}

function token(path: 'token' | 'refresh', form: Record<string, string>, headers: Record<string, string> = {}) {
  return app.request(`/app-z/oauth/${path}`, { method: 'POST', body: new URLSearchParams(form), headers });
}

async function connect(scope = 'people:read notes:write') {
  const { consent, verifier } = await openConsent({ scope });
  const back = await decide(consent ?? '', 'approve');
  const response = await token('token', { grant_type: 'authorization_code', code: back.searchParams.get('code') ?? '', redirect_uri: REDIRECT, client_id: 'ext', code_verifier: verifier });
  expect(response.status).toBe(200);
  return (await response.json()) as { access_token: string; refresh_token: string; expires_in: number; scope: string };
}

async function log(): Promise<AppZLogEntry[]> {
  return ((await (await app.request('/app-z/_admin/requests')).json()) as { requests: AppZLogEntry[] }).requests;
}

describe('App-Z OAuth 2.0 (authorization code + PKCE S256)', () => {
  it('shows a consent page that cannot be framed or sniffed, then completes the dance', async () => {
    const { response, page, consent, verifier } = await openConsent();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page).toContain('Approve');
    expect(page).toContain('people:read');
    const back = await decide(consent ?? '', 'approve');
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('st-123');
    const exchanged = await token('token', { grant_type: 'authorization_code', code: back.searchParams.get('code') ?? '', redirect_uri: REDIRECT, client_id: 'ext', code_verifier: verifier });
    expect(exchanged.status).toBe(200);
    expect(exchanged.headers.get('cache-control')).toBe('no-store');
    const tokens = (await exchanged.json()) as { access_token: string; refresh_token: string; expires_in: number; scope: string };
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 60, scope: 'people:read notes:write' });
    const person = await app.request('/app-z/api/v1/people?email=priya.raman%40northwind.io', { headers: { Authorization: `Bearer ${tokens.access_token}` } });
    expect(person.status).toBe(200);
  });

  it('refuses a code redeemed with the wrong verifier, and spends the code', async () => {
    const { consent, verifier } = await openConsent();
    const back = await decide(consent ?? '', 'approve');
    const code = back.searchParams.get('code') ?? '';
    const wrong = await token('token', { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: 'ext', code_verifier: pkce().verifier });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant', error_description: expect.stringContaining('code_verifier') });
    const retry = await token('token', { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: 'ext', code_verifier: verifier });
    expect(await retry.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('echoes the caller state exactly, so a client can spot a state that is not its own', async () => {
    const { consent } = await openConsent({ state: 'mine & yours?#' });
    const back = await decide(consent ?? '', 'approve');
    expect(back.searchParams.get('state')).toBe('mine & yours?#');
    expect(back.searchParams.get('state')).not.toBe('st-123');
  });

  it('redirects a denied consent with error=access_denied and no code', async () => {
    const { consent } = await openConsent();
    const back = await decide(consent ?? '', 'deny');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('st-123');
    expect(back.searchParams.has('code')).toBe(false);
    const again = await app.request('/app-z/oauth/authorize', { method: 'POST', body: new URLSearchParams({ consent: consent ?? '', decision: 'approve' }) });
    expect(again.status).toBe(400);
  });

  it('never redirects to an unregistered redirect_uri or for an unknown client', async () => {
    const evil = await openConsent({ redirect_uri: 'https://evil.example/app-z' });
    expect(evil.response.status).toBe(400);
    expect(evil.response.headers.get('location')).toBeNull();
    expect(evil.page).toContain('redirect_uri is not registered');
    const unknown = await openConsent({ client_id: 'nobody' });
    expect(unknown.response.status).toBe(400);
    expect(unknown.page).toContain('unknown client_id');
  });

  it('redirects back with an error when PKCE, state or scope are wrong', async () => {
    for (const [override, error] of [
      [{ code_challenge_method: 'plain' }, 'invalid_request'],
      [{ state: '' }, 'invalid_request'],
      [{ scope: 'people:read admin' }, 'invalid_scope'],
      [{ response_type: 'token' }, 'unsupported_response_type'],
    ] as const) {
      const { response } = await openConsent(override);
      expect(response.status).toBe(302);
      expect(new URL(response.headers.get('location') ?? '').searchParams.get('error')).toBe(error);
    }
  });

  it('rotates refresh tokens: the new pair works, the spent refresh token does not', async () => {
    const first = await connect();
    const refreshed = await token('refresh', { grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: 'ext' });
    expect(refreshed.status).toBe(200);
    const second = (await refreshed.json()) as { access_token: string; refresh_token: string };
    expect(second.refresh_token).not.toBe(first.refresh_token);
    const reuse = await token('refresh', { grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: 'ext' });
    expect(await reuse.json()).toMatchObject({ error: 'invalid_grant' });
    const call = await app.request('/app-z/api/v1/people?email=dana%40northwind.io', { headers: { Authorization: `Bearer ${second.access_token}` } });
    expect(call.status).toBe(200);
  });

  it('answers 401 to an expired access token and invalid_grant to an expired refresh token', async () => {
    const tokens = await connect();
    clock += 61_000;
    const expired = await app.request('/app-z/api/v1/people?email=dana%40northwind.io', { headers: { Authorization: `Bearer ${tokens.access_token}` } });
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toContain('invalid_token');
    expect(await expired.json()).toMatchObject({ errors: [{ id: 'unauthorized', details: expect.stringContaining('expired') }] });
    clock += REFRESH_TTL_MS;
    const refresh = await token('refresh', { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: 'ext' });
    expect(refresh.status).toBe(400);
    expect(await refresh.json()).toMatchObject({ error: 'invalid_grant', error_description: expect.stringContaining('expired') });
  });

  it('holds a token to its scopes', async () => {
    const tokens = await connect('people:read');
    const note = await app.request('/app-z/api/v1/notes', {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokens.access_token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ about: 'northwind.io', text: 'hi' }),
    });
    expect(note.status).toBe(403);
  });

  it('answers a JSON token request in the OAuth error shape', async () => {
    const response = await app.request('/app-z/oauth/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"grant_type":"refresh_token"}' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
    expect(await (await token('token', { grant_type: 'password', client_id: 'ext' })).json()).toMatchObject({ error: 'unsupported_grant_type' });
    expect(await (await token('refresh', { grant_type: 'authorization_code', client_id: 'ext' })).json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('authenticates a confidential client by its secret', async () => {
    const { verifier, challenge } = pkce();
    const page = await (
      await app.request(authorizeUrl({ response_type: 'code', client_id: 'web', redirect_uri: 'https://crm.example.com/callback', state: 's', code_challenge: challenge, code_challenge_method: 'S256' }))
    ).text();
    const back = await decide(/name="consent" value="([^"]+)"/.exec(page)?.[1] ?? '', 'approve');
    const form = { grant_type: 'authorization_code', code: back.searchParams.get('code') ?? '', redirect_uri: 'https://crm.example.com/callback', client_id: 'web', code_verifier: verifier };
    expect((await token('token', { ...form, client_secret: 'wrong' })).status).toBe(401);
    const basic = `Basic ${Buffer.from('web:web-secret').toString('base64')}`;
    expect((await token('token', { ...form, client_id: '' }, { Authorization: basic })).status).toBe(200);
  });
});

describe('App-Z configuration', () => {
  it('parses APPZ_CLIENTS: public and confidential clients, several redirect URIs per client', () => {
    const { appZ } = loadConfig({ APPZ_CLIENTS: 'pub::https://*.chromiumapp.org/*,pub::http://127.0.0.1/*,conf:s3cret:https://crm.example.com/cb', APPZ_TOKEN_TTL_SECONDS: '5' });
    expect(appZ.clients).toEqual([
      { id: 'pub', secret: null, redirectUris: ['https://*.chromiumapp.org/*', 'http://127.0.0.1/*'] },
      { id: 'conf', secret: 's3cret', redirectUris: ['https://crm.example.com/cb'] },
    ]);
    expect(appZ.tokenTtlSeconds).toBe(5);
    expect(appZ.ratePerSecond).toBe(10);
    expect(() => loadConfig({ APPZ_CLIENTS: 'broken' })).toThrow(/APPZ_CLIENTS/);
    expect(() => loadConfig({ APPZ_CLIENTS: 'a:x:https://a.example/,a:y:https://b.example/' })).toThrow(/two different secrets/);
  });

  it('describes its API in OpenAPI', async () => {
    const doc = (await (await app.request('/app-z/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).sort()).toEqual(['/api/v1/accounts', '/api/v1/companies/{domain}/competitors', '/api/v1/notes', '/api/v1/people', '/oauth/refresh', '/oauth/token']);
  });
});

describe('redirect URI patterns', () => {
  it('matches one extension-id label, a path prefix and any loopback port', () => {
    expect(redirectUriAllowed('https://*.chromiumapp.org/*', 'https://abc.chromiumapp.org/')).toBe(true);
    expect(redirectUriAllowed('https://*.chromiumapp.org/*', 'https://a.b.chromiumapp.org/')).toBe(false);
    expect(redirectUriAllowed('https://*.chromiumapp.org/*', 'https://evilchromiumapp.org/')).toBe(false);
    expect(redirectUriAllowed('https://*.chromiumapp.org/*', 'https://abc.chromiumapp.org.evil.com/')).toBe(false);
    expect(redirectUriAllowed('https://*.chromiumapp.org/*', 'https://x@abc.chromiumapp.org/')).toBe(false);
    expect(redirectUriAllowed('http://127.0.0.1/*', 'http://127.0.0.1:5123/cb')).toBe(true);
    expect(redirectUriAllowed('https://crm.example.com/callback', 'https://crm.example.com/callback/x')).toBe(false);
    expect(redirectUriAllowed('https://crm.example.com/callback', 'https://crm.example.com:444/callback')).toBe(false);
  });
});

describe('App-Z API keys', () => {
  const url = '/app-z/api/v1/companies/northwind.io/competitors';
  it.each([
    ['query', `${url}?api_key=key-1`, {}],
    ['header', url, { 'X-Api-Key': 'key-1' }],
  ] as const)('accepts the key in the %s, and logs only where it came from', async (placement, path, headers) => {
    const response = await app.request(path, { headers });
    expect(response.status).toBe(200);
    const entries = await log();
    expect(entries.at(-1)).toMatchObject({ method: 'GET', path: url, status: 200, credential: placement });
    expect(JSON.stringify(entries)).not.toContain('key-1');
  });

  it('accepts the key in the JSON body', async () => {
    const response = await app.request('/app-z/api/v1/notes', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ about: 'priya.raman@northwind.io', text: 'Asked for a demo', apiKey: 'key-1' }),
    });
    expect(response.status).toBe(201);
    expect((await log()).at(-1)).toMatchObject({ path: '/app-z/api/v1/notes', credential: 'body' });
  });

  it('limits each credential to APPZ_RATE_PER_SECOND, answering 429 with Retry-After', async () => {
    const limited = new Hono().route('/app-z', createAppZ({ ...CONFIG, ratePerSecond: 2 }, { now: () => clock }));
    const call = (key: string) => limited.request(`${url}?api_key=${key}`);
    expect((await call('key-1')).headers.get('x-ratelimit-limit')).toBe('2');
    expect((await call('key-1')).status).toBe(200);
    const refused = await call('key-1');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toMatchObject({ errors: [{ id: 'rate_limited' }] });
    clock += 1_000;
    expect((await call('key-1')).status).toBe(200);
  });

  it('refuses a missing or unknown key with 401 and says how to send one', async () => {
    const none = await app.request(url);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ errors: [{ id: 'unauthorized', details: expect.stringContaining('X-Api-Key') }] });
    expect((await app.request(url, { headers: { 'X-Api-Key': 'nope' } })).status).toBe(401);
  });
});

describe('App-Z endpoints', () => {
  const key = { 'X-Api-Key': 'key-1' };
  it('lists competitors of a demo company, same industry first, the same every time', async () => {
    const body = (await (await app.request('/app-z/api/v1/companies/northwind.io/competitors', { headers: key })).json()) as { company: string; competitors: { name: string; winRate: number }[] };
    expect(body.company).toBe('Northwind Traders');
    expect(body.competitors).toHaveLength(3);
    for (const c of body.competitors) expect(c.winRate).toBeGreaterThan(0);
    const again = await (await app.request('/app-z/api/v1/companies/NORTHWIND.IO/competitors', { headers: key })).json();
    expect(again).toMatchObject({ competitors: body.competitors });
    expect((await app.request('/app-z/api/v1/companies/unknown.example/competitors', { headers: key })).status).toBe(404);
  });

  it('has a mobile phone for a demo person the enterprise API has none for', async () => {
    const response = await app.request('/app-z/api/v1/people?email=priya.raman@northwind.io', { headers: key });
    const person = (await response.json()) as { mobilePhone: string | null; dealStage: string };
    expect(person.mobilePhone).toMatch(/^\+1 \d{3} 555 \d{4}$/);
    expect(person.dealStage).toBeTruthy();
    const without = (await (await app.request('/app-z/api/v1/people?email=tom.okafor@northwind.io', { headers: key })).json()) as { mobilePhone: string | null };
    expect(without.mobilePhone).toBeNull();
    expect((await app.request('/app-z/api/v1/people?email=not-an-email', { headers: key })).status).toBe(400);
    expect((await app.request('/app-z/api/v1/people?email=nobody@northwind.io', { headers: key })).status).toBe(404);
  });

  it('creates notes with ids, and refuses unknown fields', async () => {
    const post = (body: unknown) => app.request('/app-z/api/v1/notes', { method: 'POST', headers: { ...key, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const first = await post({ about: 'northwind.io', text: 'Renewal in Q3' });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ id: 'note_1', aboutType: 'company', text: 'Renewal in Q3', createdAt: '2026-12-04T12:00:00.000Z' });
    expect(await (await post({ about: 'dana@northwind.io', text: 'x' })).json()).toMatchObject({ id: 'note_2', aboutType: 'person' });
    const extra = await post({ about: 'northwind.io', text: 'x', owner: 'me' });
    expect(extra.status).toBe(400);
    expect(await extra.json()).toMatchObject({ errors: [{ id: 'invalid_input' }] });
    expect((await post({ about: 'nobody.example', text: 'x' })).status).toBe(404);
  });

  it('pages through the accounts', async () => {
    const page = async (n: string) => (await (await app.request(`/app-z/api/v1/accounts?page=${n}`, { headers: key })).json()) as { data: { id: string }[]; total: number; totalPages: number };
    const first = await page('1');
    expect(first).toMatchObject({ total: 12, totalPages: 3 });
    expect(first.data.map((a) => a.id)).toEqual(['acc_1001', 'acc_1002', 'acc_1003', 'acc_1004', 'acc_1005']);
    expect((await page('3')).data).toHaveLength(2);
    expect((await page('4')).data).toHaveLength(0);
    expect((await app.request('/app-z/api/v1/accounts?page=0', { headers: key })).status).toBe(400);
  });
});

describe('App-Z in the reference server', () => {
  const servers = serverFactory('pglite');
  let server: RunningServer;
  // Started in a hook: its timeout allows for a slow, shared machine.
  beforeAll(async () => {
    server = await servers.start({ seedCompanies: 0, seedContacts: 0, appZ: loadConfig({}).appZ });
  });
  afterAll(() => servers.stopAll());

  it('is mounted at /app-z with the default demo client and key', async () => {
    const competitors = await fetch(`${server.url}/app-z/api/v1/companies/northwind.io/competitors?api_key=appz-demo-key`);
    expect(competitors.status).toBe(200);
    const { challenge } = pkce();
    const consent = await fetch(
      `${server.url}/app-z/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: 'appz-demo', redirect_uri: 'https://abcdef.chromiumapp.org/', state: 's', code_challenge: challenge, code_challenge_method: 'S256' })}`,
    );
    expect(consent.status).toBe(200);
    expect(consent.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('answers a body of the wrong type with 400, not a server error', async () => {
    const note = await fetch(`${server.url}/app-z/api/v1/notes?api_key=appz-demo-key`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'hello' });
    expect(note.status).toBe(400);
    expect(await note.json()).toMatchObject({ errors: [{ id: 'invalid_input', details: expect.stringContaining('application/json') }] });
    const malformed = await fetch(`${server.url}/app-z/api/v1/notes?api_key=appz-demo-key`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"about":' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ errors: [{ id: 'invalid_input', details: 'The request body is not valid JSON.' }] });
    const token = await fetch(`${server.url}/app-z/oauth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(token.status).toBe(400);
    expect(await token.json()).toMatchObject({ error: 'invalid_request' });
  });
});
