/**
 * The connector OAuth flow against App-Z's real routes (server/app-z), in process: the App-Z app
 * answers fetch directly, with a clock the tests move; one test goes over HTTP to a started
 * reference server. The "browser" here is the consent page itself: fetched, then Approve or Deny.
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app.ts';
import { createAppZ } from '../../server/app-z/app.ts';
import type { AppZLogEntry } from '../../server/app-z/request-log.ts';
import { serverFactory } from '../../server/testing/harness.ts';
import { ConnectorError } from './errors.ts';
import { completeAuthorization, OAuthSession, refreshTokenSet, startAuthorization, type ConnectionState, type ConnectionStore, type OAuthSettings, type TokenSet } from './oauth.ts';

const ORIGIN = 'https://appz.test';
const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/connector';

function settings(origin: string): OAuthSettings {
  return {
    authorizationUrl: `${origin}/app-z/oauth/authorize`,
    tokenUrl: `${origin}/app-z/oauth/token`,
    refreshUrl: `${origin}/app-z/oauth/refresh`,
    scopes: 'people:read notes:write',
    clientId: 'sidecar',
    redirectUri: REDIRECT,
  };
}

let clock = 0;
let appFetch: typeof fetch;

beforeEach(() => {
  clock = Date.parse('2026-12-04T12:00:00Z');
  const app = new Hono().route(
    '/app-z',
    createAppZ({ clients: [{ id: 'sidecar', secret: null, redirectUris: ['https://*.chromiumapp.org/*'] }], apiKeys: [], tokenTtlSeconds: 60, ratePerSecond: 50 }, { now: () => clock }),
  );
  appFetch = async (input, init) => app.fetch(new Request(input, init));
});

/** What the auth window does: load the consent page, press a button, report where it went. */
async function consent(url: URL, decision: 'approve' | 'deny', fetchFn: typeof fetch = appFetch): Promise<string> {
  const page = await (await fetchFn(url.href)).text();
  const id = /name="consent" value="([^"]+)"/.exec(page)?.[1] ?? '';
  const answer = await fetchFn(new URL('/app-z/oauth/authorize', url).href, { method: 'POST', body: new URLSearchParams({ consent: id, decision }), redirect: 'manual' });
  return answer.headers.get('location') ?? '';
}

async function log(fetchFn: typeof fetch = appFetch, origin = ORIGIN): Promise<string[]> {
  const { requests } = (await (await fetchFn(`${origin}/app-z/_admin/requests`)).json()) as { requests: AppZLogEntry[] };
  return requests.map((r) => `${r.method} ${r.path} ${r.status}`);
}

function memoryStore(tokens: TokenSet): ConnectionStore & { state: ConnectionState; readonly current: TokenSet | null } {
  return {
    state: { status: 'connected', tokens },
    get current() {
      return this.state.status === 'connected' ? this.state.tokens : null;
    },
    async load() {
      return this.state;
    },
    async save(state) {
      this.state = state;
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected a ConnectorError');
}

async function connect(): Promise<TokenSet> {
  const { url, pending } = await startAuthorization(settings(ORIGIN));
  return completeAuthorization(settings(ORIGIN), pending, await consent(url, 'approve'), { fetch: appFetch, now: () => clock });
}

const person = (fetchFn: typeof fetch) => (token: string) => fetchFn(`${ORIGIN}/app-z/api/v1/people?email=priya.raman%40northwind.io`, { headers: { Authorization: `Bearer ${token}` } });

describe('connector OAuth against App-Z', () => {
  it('sends PKCE S256 and state, and exchanges the code for tokens', async () => {
    const { url, pending } = await startAuthorization(settings(ORIGIN));
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toBe(pending.state);
    expect(url.searchParams.get('code_challenge')).not.toBe(pending.codeVerifier);
    const tokens = await completeAuthorization(settings(ORIGIN), pending, await consent(url, 'approve'), { fetch: appFetch, now: () => clock });
    expect(tokens).toMatchObject({ expiresAt: clock + 60_000, scope: 'people:read notes:write' });
    expect(tokens.refreshToken).toBeTruthy();
    expect((await person(appFetch)(tokens.accessToken)).status).toBe(200);
  });

  it('refuses an answer whose state is not ours, and exchanges nothing', async () => {
    const first = await startAuthorization(settings(ORIGIN));
    const second = await startAuthorization(settings(ORIGIN));
    const redirect = await consent(first.url, 'approve');
    const error = await failure(completeAuthorization(settings(ORIGIN), second.pending, redirect, { fetch: appFetch }));
    expect(error.id).toBe('state_mismatch');
    expect((await log()).some((line) => line.includes('/oauth/token'))).toBe(false);
  });

  it('reports a denied consent in a plain sentence, and exchanges nothing', async () => {
    const { url, pending } = await startAuthorization(settings(ORIGIN));
    const error = await failure(completeAuthorization(settings(ORIGIN), pending, await consent(url, 'deny'), { fetch: appFetch }));
    expect(error).toMatchObject({ id: 'access_denied', message: 'You declined the connection, so the connector stays unconnected. Choose Connect again to retry.' });
    expect((await log()).some((line) => line.includes('/oauth/token'))).toBe(false);
  });

  it('refreshes before the access token expires, at the refresh URL', async () => {
    const store = memoryStore(await connect());
    const session = new OAuthSession({ settings: settings(ORIGIN), store, fetch: appFetch, now: () => clock });
    const before = store.current?.accessToken;
    clock += 55_000; // 5 s left of 60: inside the refresh margin (a tenth of the lifetime)
    expect((await session.call(person(appFetch))).status).toBe(200);
    expect(store.current?.accessToken).not.toBe(before);
    expect((await log()).slice(-2)).toEqual(['POST /app-z/oauth/refresh 200', 'GET /app-z/api/v1/people 200']);
  });

  it('lets concurrent calls share one refresh (refresh tokens rotate)', async () => {
    const store = memoryStore(await connect());
    const session = new OAuthSession({ settings: settings(ORIGIN), store, fetch: appFetch, now: () => clock });
    clock += 58_000;
    const statuses = await Promise.all([1, 2, 3].map(() => session.call(person(appFetch)).then((r) => r.status)));
    expect(statuses).toEqual([200, 200, 200]);
    expect((await log()).filter((line) => line.includes('/oauth/refresh'))).toEqual(['POST /app-z/oauth/refresh 200']);
  });

  it('does not refresh a token with time left', async () => {
    const store = memoryStore(await connect());
    const session = new OAuthSession({ settings: settings(ORIGIN), store, fetch: appFetch, now: () => clock });
    clock += 30_000;
    await session.call(person(appFetch));
    expect((await log()).filter((line) => line.includes('/oauth/refresh'))).toEqual([]);
  });

  it('on a 401, refreshes once and sends once more', async () => {
    const tokens = await connect();
    clock += 61_000; // App-Z says expired; the session's own clock (below) still thinks it fresh
    const store = memoryStore(tokens);
    const session = new OAuthSession({ settings: settings(ORIGIN), store, fetch: appFetch, now: () => tokens.obtainedAt });
    expect((await session.call(person(appFetch))).status).toBe(200);
    expect((await log()).slice(-3)).toEqual(['GET /app-z/api/v1/people 401', 'POST /app-z/oauth/refresh 200', 'GET /app-z/api/v1/people 200']);
    const always401 = async () => new Response(null, { status: 401 });
    expect((await session.call(always401)).status).toBe(401);
    expect((await log()).filter((line) => line.includes('/oauth/refresh'))).toHaveLength(2);
  });

  it('marks the connector "reconnect needed" when the refresh token has expired', async () => {
    const tokens = await connect();
    clock += 31 * 24 * 3_600_000;
    const store = memoryStore(tokens);
    const session = new OAuthSession({ settings: settings(ORIGIN), store, fetch: appFetch, now: () => clock });
    const error = await failure(session.call(person(appFetch)));
    expect(error.id).toBe('reconnect_needed');
    expect(error.message).toContain('The refresh token has expired');
    expect(store.current).toBeNull();
    expect((await log()).filter((line) => line.includes('/app-z/api/'))).toEqual([]);
    // A restarted worker reads the same state and sends nothing either.
    const restarted = new OAuthSession({ settings: settings(ORIGIN), store, fetch: appFetch, now: () => clock });
    expect(await restarted.status()).toBe('reconnect_needed');
    expect((await failure(restarted.call(person(appFetch)))).message).toContain('The refresh token has expired');
    await restarted.connected(await connect());
    expect(await restarted.status()).toBe('connected');
  });

  it('a spent (rotated) refresh token is refused', async () => {
    const tokens = await connect();
    await refreshTokenSet(settings(ORIGIN), tokens.refreshToken ?? '', { fetch: appFetch });
    expect((await failure(refreshTokenSet(settings(ORIGIN), tokens.refreshToken ?? '', { fetch: appFetch }))).id).toBe('reconnect_needed');
  });
});

describe('connector OAuth against a running reference server', () => {
  const servers = serverFactory('pglite');
  let server: RunningServer;
  // Started in a hook: its timeout allows for a slow, shared machine.
  beforeAll(async () => {
    server = await servers.start({ seedCompanies: 0, seedContacts: 0, appZ: { clients: [{ id: 'appz-demo', secret: null, redirectUris: ['https://*.chromiumapp.org/*'] }], apiKeys: [], tokenTtlSeconds: 5, ratePerSecond: 10 } });
  });
  afterAll(() => servers.stopAll());

  it('completes the dance over HTTP', async () => {
    const live = { ...settings(server.url), clientId: 'appz-demo' };
    const { url, pending } = await startAuthorization(live);
    const tokens = await completeAuthorization(live, pending, await consent(url, 'approve', fetch), {});
    expect(tokens.expiresAt - tokens.obtainedAt).toBe(5_000);
    const response = await fetch(`${server.url}/app-z/api/v1/people?email=priya.raman%40northwind.io`, { headers: { Authorization: `Bearer ${tokens.accessToken}` } });
    expect(await response.json()).toMatchObject({ mobilePhone: expect.stringMatching(/^\+1/) });
    expect((await log(fetch, server.url)).at(-1)).toBe('GET /app-z/api/v1/people 200');
  });
});
