/**
 * App-Z's OAuth 2.0 state, in memory: consent requests waiting for Approve/Deny, authorization
 * codes (single use, 60 s, bound to client, redirect URI and PKCE challenge), access tokens
 * (APPZ_TOKEN_TTL_SECONDS) and refresh tokens (rotated on every use, 30 days).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AppZClient } from '../config.ts';

export const APPZ_SCOPES = ['companies:read', 'people:read', 'notes:write', 'accounts:read'] as const;
export type AppZScope = (typeof APPZ_SCOPES)[number];

const CODE_TTL_MS = 60_000;
const CONSENT_TTL_MS = 10 * 60_000;
export const REFRESH_TTL_MS = 30 * 24 * 3_600_000;

export interface ConsentRequest {
  client: AppZClient;
  redirectUri: string;
  state: string;
  scopes: AppZScope[];
  codeChallenge: string;
  expiresAt: number;
}

interface CodeGrant {
  clientId: string;
  redirectUri: string;
  scopes: AppZScope[];
  codeChallenge: string;
  expiresAt: number;
}

export interface TokenGrant {
  clientId: string;
  scopes: AppZScope[];
  expiresAt: number;
}

export interface IssuedTokens {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
  scope: string;
}

export type GrantResult = { ok: true; tokens: IssuedTokens } | { ok: false; error: 'invalid_grant' | 'invalid_request'; description: string };

function opaque(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`;
}

/** RFC 7636 §4.6: BASE64URL(SHA256(code_verifier)), compared in constant time. */
export function pkceMatches(verifier: string, challenge: string): boolean {
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) return false;
  const computed = Buffer.from(createHash('sha256').update(verifier).digest('base64url'));
  const expected = Buffer.from(challenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}

/**
 * Whether `candidate` is allowed by a registered redirect URI. Exact match, except: a pattern
 * ending in `*` matches any path under its prefix, a host `*.example.org` matches one label
 * (an extension's id), and loopback URIs accept any port (RFC 8252 §7.3).
 */
export function redirectUriAllowed(pattern: string, candidate: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (url.username || url.password || url.hash || candidate.includes('#')) return false;
  const match = /^(https?:)\/\/(\*\.)?([^/:*]+)(:\d+)?(\/[^*]*)(\*)?$/.exec(pattern);
  if (!match) return false;
  const [, protocol, wildcardLabel, host, port, path = '/', trailingStar] = match;
  if (url.protocol !== protocol) return false;
  const hostname = url.hostname.toLowerCase();
  if (wildcardLabel) {
    const label = hostname.slice(0, hostname.length - (host ?? '').length - 1);
    if (!hostname.endsWith(`.${host}`) || !/^[a-z0-9-]+$/.test(label)) return false;
  } else if (hostname !== host) return false;
  const loopback = host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  if (!loopback && url.port !== (port ?? ':').slice(1)) return false;
  const rest = url.pathname + url.search;
  return trailingStar ? rest.startsWith(path) : rest === path;
}

export class AppZOAuthStore {
  private readonly consents = new Map<string, ConsentRequest>();
  private readonly codes = new Map<string, CodeGrant>();
  private readonly accessTokens = new Map<string, TokenGrant>();
  private readonly refreshTokens = new Map<string, TokenGrant>();
  private readonly tokenTtlSeconds: number;
  private readonly now: () => number;

  constructor(tokenTtlSeconds: number, now: () => number) {
    this.tokenTtlSeconds = tokenTtlSeconds;
    this.now = now;
  }

  openConsent(request: Omit<ConsentRequest, 'expiresAt'>): string {
    const id = opaque('consent');
    this.consents.set(id, { ...request, expiresAt: this.now() + CONSENT_TTL_MS });
    return id;
  }

  /** The pending consent, removed: each is answered once. */
  takeConsent(id: string): ConsentRequest | null {
    const consent = this.consents.get(id);
    this.consents.delete(id);
    return consent && consent.expiresAt > this.now() ? consent : null;
  }

  issueCode(consent: ConsentRequest): string {
    const code = opaque('code');
    this.codes.set(code, {
      clientId: consent.client.id,
      redirectUri: consent.redirectUri,
      scopes: consent.scopes,
      codeChallenge: consent.codeChallenge,
      expiresAt: this.now() + CODE_TTL_MS,
    });
    return code;
  }

  exchangeCode(input: { code: string; clientId: string; redirectUri: string; codeVerifier: string }): GrantResult {
    const grant = this.codes.get(input.code);
    this.codes.delete(input.code);
    if (!grant || grant.expiresAt <= this.now()) return { ok: false, error: 'invalid_grant', description: 'The authorization code is unknown, used or expired; start the authorization again.' };
    if (grant.clientId !== input.clientId) return { ok: false, error: 'invalid_grant', description: 'The authorization code was issued to another client.' };
    if (grant.redirectUri !== input.redirectUri) return { ok: false, error: 'invalid_grant', description: 'redirect_uri differs from the one of the authorization request.' };
    if (!pkceMatches(input.codeVerifier, grant.codeChallenge)) return { ok: false, error: 'invalid_grant', description: 'code_verifier does not match the code_challenge of the authorization request.' };
    return { ok: true, tokens: this.issueTokens(grant.clientId, grant.scopes) };
  }

  /** Rotation: the refresh token used is spent; a second use is refused like an unknown one. */
  refresh(refreshToken: string, clientId: string): GrantResult {
    const grant = this.refreshTokens.get(refreshToken);
    if (!grant) return { ok: false, error: 'invalid_grant', description: 'The refresh token is unknown or was already used; connect again.' };
    this.refreshTokens.delete(refreshToken);
    if (grant.expiresAt <= this.now()) return { ok: false, error: 'invalid_grant', description: 'The refresh token has expired; connect again.' };
    if (grant.clientId !== clientId) return { ok: false, error: 'invalid_grant', description: 'The refresh token was issued to another client.' };
    return { ok: true, tokens: this.issueTokens(grant.clientId, grant.scopes) };
  }

  /** The grant behind an access token, or why it is not valid. */
  verifyAccessToken(token: string): TokenGrant | 'unknown' | 'expired' {
    const grant = this.accessTokens.get(token);
    if (!grant) return 'unknown';
    if (grant.expiresAt <= this.now()) return 'expired';
    return grant;
  }

  private issueTokens(clientId: string, scopes: AppZScope[]): IssuedTokens {
    const access = opaque('azat');
    const refresh = opaque('azrt');
    const now = this.now();
    this.accessTokens.set(access, { clientId, scopes, expiresAt: now + this.tokenTtlSeconds * 1000 });
    this.refreshTokens.set(refresh, { clientId, scopes, expiresAt: now + REFRESH_TTL_MS });
    return { access_token: access, token_type: 'Bearer', expires_in: this.tokenTtlSeconds, refresh_token: refresh, scope: scopes.join(' ') };
  }
}
