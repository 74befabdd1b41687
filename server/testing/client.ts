/** A small HTTP client for the tests: JSON in, status + headers + parsed body out. */
import { importPKCS8, SignJWT } from 'jose';
import type { RunningServer } from '../app.ts';

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export class TestClient {
  readonly base: string;
  constructor(server: RunningServer | string) {
    this.base = typeof server === 'string' ? server : server.url;
  }

  async raw(method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
    const res = await fetch(this.base + path, { method, body: init.body, headers: init.headers });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, headers: res.headers, body, text };
  }

  post<T = unknown>(path: string, body: unknown, token?: string): Promise<Reply<T>> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    return this.raw('POST', path, { body: JSON.stringify(body), headers }) as Promise<Reply<T>>;
  }

  get<T = unknown>(path: string, token?: string): Promise<Reply<T>> {
    return this.raw('GET', path, { headers: token ? { Authorization: `Bearer ${token}` } : {} }) as Promise<Reply<T>>;
  }

  async login(username = 'demo@example.com', password = 'demo-password'): Promise<string> {
    const reply = await this.post<{ jwt: string }>('/authenticate', { username, password });
    if (reply.status !== 200) throw new Error(`login failed: ${reply.status} ${reply.text}`);
    return reply.body.jwt;
  }

  async oauth(clientId = 'demo-client', secret = 'demo-secret'): Promise<string> {
    const reply = await this.raw('POST', '/oauth/token', {
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    if (reply.status !== 200) throw new Error(`oauth failed: ${reply.status} ${reply.text}`);
    return (reply.body as { access_token: string }).access_token;
  }
}

/** Signs a PKI client JWT (RS256) as the extension would. */
export async function clientJwt(
  privateKeyPem: string,
  claims: { username: string; client_id: string; aud?: string; lifetimeSeconds?: number; iatOffsetSeconds?: number },
): Promise<string> {
  const key = await importPKCS8(privateKeyPem, 'RS256');
  const iat = Math.floor(Date.now() / 1000) + (claims.iatOffsetSeconds ?? 0);
  return new SignJWT({ username: claims.username, client_id: claims.client_id })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setAudience(claims.aud ?? 'enterprise_api')
    .setIssuer('sidecar-test')
    .setIssuedAt(iat)
    .setExpirationTime(iat + (claims.lifetimeSeconds ?? 300))
    .sign(key);
}

/** Every string value in a JSON value, with its path (to check "never an empty string"). */
export function emptyStrings(value: unknown, at = '$'): string[] {
  if (value === '') return [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => emptyStrings(v, `${at}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => emptyStrings(v, `${at}.${k}`));
  return [];
}
