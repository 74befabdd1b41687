/** Access tokens (RS256 JWTs signed by the server's current key, `kid` in the header) and constant-time secret comparison. */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import type { KeyRing } from './jwks.ts';

export const TOKEN_ISSUER = 'sidecar-reference-server';
export const TOKEN_AUDIENCE = 'sidecar-reference-api';

export type AccountKind = 'user' | 'oauth-client';

export interface AccessClaims {
  account: string;
  kind: AccountKind;
  jti: string;
  exp: number;
}

/** Compares secrets in time independent of where they differ (and of their lengths). */
export function safeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db) && a.length === b.length;
}

/** Whether `candidate` is one of `secrets`, comparing with every one (no early exit that timing would show). */
export function safeIncludes(secrets: readonly string[], candidate: string): boolean {
  let found = false;
  for (const secret of secrets) found = safeEqual(secret, candidate) || found;
  return found;
}

/** A short, non-reversible id of a bearer credential, for logs and per-token counters. */
export function credentialId(secret: string): string {
  return `tok_${createHash('sha256').update(secret).digest('hex').slice(0, 12)}`;
}

export class TokenService {
  readonly keys: KeyRing;
  readonly #ttlSeconds: number;

  constructor(keys: KeyRing, ttlSeconds: number) {
    this.keys = keys;
    this.#ttlSeconds = ttlSeconds;
  }

  get ttlSeconds(): number {
    return this.#ttlSeconds;
  }

  async issue(account: string, kind: AccountKind): Promise<{ token: string; exp: number }> {
    const iat = Math.floor(Date.now() / 1000);
    const exp = iat + this.#ttlSeconds;
    const key = this.keys.current;
    const token = await new SignJWT({ kind })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid })
      .setSubject(account)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(key.privateKey);
    return { token, exp };
  }

  /** The claims of a valid token, or why it is not valid. */
  async verify(token: string): Promise<AccessClaims | { error: string }> {
    try {
      const { payload } = await jwtVerify(token, ({ kid }) => this.#verificationKey(kid), {
        algorithms: ['RS256'],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        requiredClaims: ['exp', 'sub', 'jti'],
      });
      const kind = payload.kind === 'oauth-client' ? 'oauth-client' : 'user';
      if (!payload.sub || !payload.jti || payload.exp === undefined) return { error: 'Access token is missing claims.' };
      return { account: payload.sub, kind, jti: payload.jti, exp: payload.exp };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) return { error: 'Access token expired: authenticate again.' };
      if (error instanceof joseErrors.JWKSNoMatchingKey) return { error: 'Access token was signed by a key this server does not know (unknown kid): authenticate again.' };
      return { error: 'Access token is not valid: authenticate again.' };
    }
  }

  async #verificationKey(kid: string | undefined) {
    const key = this.keys.verificationKey(kid) ?? ((await this.keys.reload()) ? this.keys.verificationKey(kid) : undefined);
    if (!key) throw new joseErrors.JWKSNoMatchingKey();
    return key;
  }
}
