import { importPKCS8, SignJWT } from 'jose';
import { SidecarError } from '../errors.ts';
import { ProviderHttp } from '../http/client.ts';
import { RateLimiter, type LimiterState } from '../http/limiter.ts';
import { authenticateResponse, oauthTokenResponse } from '../schemas/enterprise-api.ts';
import type { Secrets, Settings } from '../schemas/settings.ts';
import { expiryOf, type AccessToken, type TokenSource } from './token-manager.ts';

/**
 * One token source per way of holding a credential: PKI (client JWT signed with jose),
 * username/password, OAuth 2 client credentials, static API key.
 */

const CLIENT_JWT_LIFETIME_S = 240; // the contract allows at most 300; leave room for clock skew
const HOUR = 3_600_000;

/**
 * Sign-in goes through the same HTTP client as the provider calls (timeouts, retries with backoff,
 * the answer parsed by its schema, errors with stable ids), limited to one call a second: the
 * contract's limit on /authenticate, whose 429 is waited out rather than failing a lookup.
 */
export function signInClient(url: string, label: string, fetchImpl: typeof fetch | undefined): ProviderHttp {
  let saved: LimiterState | null = null;
  return new ProviderHttp({
    baseUrl: url,
    label,
    limiter: new RateLimiter({ perSecond: 1, perMinute: 60, store: { load: () => Promise.resolve(saved), save: (state) => Promise.resolve(void (saved = state)) } }),
    tokens: null,
    timeoutMs: 15_000,
    maxRetries: 3,
    fetch: fetchImpl,
    signIn: true,
  });
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

function need(value: string | undefined, what: string): string {
  if (!value) throw new SidecarError('not_configured', `${what} is not set. Add it in Sidecar's options.`);
  return value;
}

/** The token source for the configured auth method; throws not_configured when incomplete. */
export function tokenSourceFor(settings: Settings, secrets: Secrets, fetchImpl?: typeof fetch): TokenSource {
  const signIn = signInClient(settings.baseUrl, 'Sign-in', fetchImpl);
  switch (settings.authMethod) {
    case 'password':
      return async (): Promise<AccessToken> => {
        const body = { username: need(settings.username, 'The username'), password: need(secrets.password, 'The password') };
        const { jwt } = (await signIn.request('POST', 'authenticate', body, authenticateResponse)).data;
        return { token: jwt, expiresAt: expiryOf(jwt, Date.now() + HOUR) };
      };
    case 'pki':
      return async (): Promise<AccessToken> => {
        // A fresh client JWT per sign-in: each is valid for minutes only.
        const clientJwt = await signClientJwt(
          need(secrets.privateKeyPem, 'The private key'),
          need(settings.username, 'The username'),
          need(settings.clientId, 'The client id'),
        );
        const { jwt } = (await signIn.request('POST', 'authenticate', {}, authenticateResponse, { headers: { authorization: `Bearer ${clientJwt}` } })).data;
        return { token: jwt, expiresAt: expiryOf(jwt, Date.now() + HOUR) };
      };
    case 'oauth': {
      const tokenEndpoint = settings.tokenUrl ? signInClient(settings.tokenUrl, 'The token endpoint', fetchImpl) : null;
      return async (): Promise<AccessToken> => {
        const form = new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: need(settings.clientId, 'The client id'),
          client_secret: need(secrets.clientSecret, 'The client secret'),
        });
        const answer = tokenEndpoint
          ? await tokenEndpoint.request('POST', '', undefined, oauthTokenResponse, { form })
          : await signIn.request('POST', 'oauth/token', undefined, oauthTokenResponse, { form });
        const { access_token, expires_in } = answer.data;
        return { token: access_token, expiresAt: expiryOf(access_token, Date.now() + (expires_in ?? 3600) * 1000) };
      };
    }
    case 'apiKey': {
      const apiKey = need(secrets.apiKey, 'The API key');
      return () => Promise.resolve({ token: apiKey, expiresAt: Number.POSITIVE_INFINITY });
    }
    case 'none':
      return () => Promise.reject(new SidecarError('not_configured', 'No provider is set up yet. Open Sidecar\'s options to connect one.'));
  }
}
