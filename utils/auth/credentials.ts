import ky, { isTimeoutError } from 'ky';
import { importPKCS8, SignJWT } from 'jose';
import type { z } from 'zod';
import { SidecarError } from '../errors.ts';
import { detailsOf } from '../http/client.ts';
import { authenticateResponse, oauthTokenResponse } from '../schemas/enterprise-api.ts';
import type { Secrets, Settings } from '../schemas/settings.ts';
import { expiryOf, type AccessToken, type TokenSource } from './token-manager.ts';

/**
 * One token source per way of holding a credential: PKI (client JWT signed with jose),
 * username/password, OAuth 2 client credentials, static API key.
 */

const CLIENT_JWT_LIFETIME_S = 240; // the contract allows at most 300; leave room for clock skew
const HOUR = 3_600_000;

async function postForToken<T extends z.ZodType>(
  url: string,
  init: { json?: unknown; body?: URLSearchParams; headers?: Record<string, string>; fetch?: typeof fetch },
  schema: T,
  what: string,
): Promise<z.infer<T>> {
  let response: Response;
  try {
    response = await ky.post(url, { ...init, throwHttpErrors: false, retry: 0, timeout: 15_000 });
  } catch (error) {
    if (isTimeoutError(error)) throw new SidecarError('timeout', `${what} did not answer within 15 seconds.`, { retryable: true, cause: error });
    throw new SidecarError('network', `Could not reach ${new URL(url).origin}: check the base URL and your connection.`, {
      retryable: true,
      cause: error,
    });
  }
  const text = await response.text();
  if (response.status === 401 || response.status === 403) {
    throw new SidecarError('unauthorized', `${what} refused the credentials: ${detailsOf(text) ?? 'check them in Options'}.`);
  }
  if (response.status === 429) {
    const seconds = Number(response.headers.get('retry-after') ?? '1');
    throw new RateLimitedSignIn(`${what} is rate limited; Sidecar will try again shortly.`, Number.isFinite(seconds) ? seconds : 1);
  }
  if (!response.ok) {
    throw new SidecarError('server_error', `${what} failed with HTTP ${response.status}${detailsOf(text) ? `: ${detailsOf(text)}` : ''}.`, {
      retryable: response.status >= 500,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SidecarError('bad_response', `${what} answered with something that is not JSON — is the base URL right?`, { retryable: true });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new SidecarError('bad_response', `${what} answered without an access token.`, { retryable: true });
  return parsed.data;
}

class RateLimitedSignIn extends SidecarError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super('rate_limited', message, { retryable: true });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * Sign-in is limited to one call a second per user: a 429 there is waited out and tried again
 * (three times at most), so a lookup never fails just because two sign-ins came close together.
 */
async function withSignInRetries<T>(attempt: () => Promise<T>, sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof RateLimitedSignIn) || tries >= 4) throw error;
      await sleep(Math.min(10, Math.max(1, error.retryAfterSeconds)) * 1000 + 50);
    }
  }
}

export async function signClientJwt(privateKeyPem: string, username: string, clientId: string, now = Date.now()): Promise<string> {
  let key: CryptoKey;
  try {
    key = await importPKCS8(privateKeyPem.trim(), 'RS256');
  } catch (error) {
    const hint = privateKeyPem.includes('BEGIN RSA PRIVATE KEY')
      ? ' This is a PKCS#1 key; convert it with `openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem`.'
      : '';
    throw new SidecarError('invalid_key', `The private key is not a PKCS#8 RSA key ("-----BEGIN PRIVATE KEY-----").${hint}`, { cause: error });
  }
  const iat = Math.floor(now / 1000);
  return new SignJWT({ username, client_id: clientId })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setAudience('enterprise_api')
    .setIssuer(clientId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + CLIENT_JWT_LIFETIME_S)
    .sign(key);
}

function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

function need(value: string | undefined, what: string): string {
  if (!value) throw new SidecarError('not_configured', `${what} is not set. Add it in Sidecar's options.`);
  return value;
}

/** The token source for the configured auth method; throws not_configured when incomplete. */
export function tokenSourceFor(settings: Settings, secrets: Secrets, fetchImpl?: typeof fetch): TokenSource {
  const authUrl = joinUrl(settings.baseUrl, 'authenticate');
  switch (settings.authMethod) {
    case 'password':
      return async (): Promise<AccessToken> => {
        const body = { username: need(settings.username, 'The username'), password: need(secrets.password, 'The password') };
        const { jwt } = await withSignInRetries(() => postForToken(authUrl, { json: body, fetch: fetchImpl }, authenticateResponse, 'Sign-in'));
        return { token: jwt, expiresAt: expiryOf(jwt, Date.now() + HOUR) };
      };
    case 'pki':
      return async (): Promise<AccessToken> => {
        const { jwt } = await withSignInRetries(async () => {
          // A fresh client JWT per attempt: each is valid for minutes only.
          const clientJwt = await signClientJwt(
            need(secrets.privateKeyPem, 'The private key'),
            need(settings.username, 'The username'),
            need(settings.clientId, 'The client id'),
          );
          return postForToken(authUrl, { json: {}, headers: { authorization: `Bearer ${clientJwt}` }, fetch: fetchImpl }, authenticateResponse, 'Sign-in');
        });
        return { token: jwt, expiresAt: expiryOf(jwt, Date.now() + HOUR) };
      };
    case 'oauth':
      return async (): Promise<AccessToken> => {
        const body = new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: need(settings.clientId, 'The client id'),
          client_secret: need(secrets.clientSecret, 'The client secret'),
        });
        const url = settings.tokenUrl || joinUrl(settings.baseUrl, 'oauth/token');
        const { access_token, expires_in } = await withSignInRetries(() => postForToken(url, { body, fetch: fetchImpl }, oauthTokenResponse, 'The token endpoint'));
        return { token: access_token, expiresAt: expiryOf(access_token, Date.now() + (expires_in ?? 3600) * 1000) };
      };
    case 'apiKey': {
      const apiKey = need(secrets.apiKey, 'The API key');
      return () => Promise.resolve({ token: apiKey, expiresAt: Number.POSITIVE_INFINITY });
    }
    case 'none':
      return () => Promise.reject(new SidecarError('not_configured', 'No provider is set up yet. Open Sidecar\'s options to connect one.'));
  }
}
