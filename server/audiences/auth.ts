/**
 * OAuth 2 client credentials for the Audiences API (POST /gtm/oauth/v1/token) and the bearer
 * check of every API call. Tokens are opaque random strings; only their SHA-256 is stored, in
 * the database, so every server process on one database accepts them and they survive restarts.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { GtmClient, GtmScope } from '../config.ts';
import type { Db } from '../db/index.ts';
import { safeEqual } from '../auth/tokens.ts';
import type { AccountRateLimiter } from '../services/rate-limits.ts';
import { bearer, type AppEnv } from '../routes/common.ts';
import { GtmFailure } from './errors.ts';

export interface GtmEnv extends AppEnv {
  Variables: AppEnv['Variables'] & { gtmClient: string; gtmScopes: GtmScope[] };
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

function oauthError(c: Context, status: 400 | 401 | 415, error: string, description: string): Response {
  return c.json({ error, error_description: description }, status);
}

/** RFC 6749 §4.4: form-encoded, client id and secret in the body or HTTP Basic. */
export async function issueToken(c: Context, db: Db, clients: GtmClient[], ttlSeconds: number): Promise<Response> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) {
    return oauthError(c, 415, 'invalid_request', 'Send the token request as application/x-www-form-urlencoded.');
  }
  const form = new URLSearchParams(await c.req.text());
  let clientId = form.get('client_id');
  let secret = form.get('client_secret');
  const basic = /^Basic\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  if (basic?.[1]) {
    const [id, pass] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
    clientId = decodeURIComponent(id ?? '');
    secret = decodeURIComponent(pass ?? '');
  }
  if (form.get('grant_type') !== 'client_credentials') {
    return oauthError(c, 400, 'unsupported_grant_type', 'grant_type must be client_credentials.');
  }
  if (!clientId || !secret) return oauthError(c, 401, 'invalid_client', 'Send client_id and client_secret.');
  let client: GtmClient | undefined;
  for (const candidate of clients) if (candidate.id === clientId && safeEqual(candidate.secret, secret)) client = candidate;
  if (!client) return oauthError(c, 401, 'invalid_client', 'Unknown client_id or wrong client_secret.');
  const asked = (form.get('scope') ?? '').split(/\s+/).filter(Boolean);
  const unknown = asked.find((s) => !(client.scopes as string[]).includes(s));
  if (unknown) return oauthError(c, 400, 'invalid_scope', `This client may not have scope ${unknown}; its scopes are ${client.scopes.join(' ')}.`);
  const scopes = asked.length > 0 ? (asked as GtmScope[]) : client.scopes;
  const token = randomBytes(32).toString('base64url');
  await db.query(`INSERT INTO gtm_tokens (token_hash, client_id, scopes, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`, [
    hash(token), client.id, scopes, ttlSeconds,
  ]);
  await db.query('DELETE FROM gtm_tokens WHERE expires_at < now()');
  c.header('Cache-Control', 'no-store');
  return c.json({ access_token: token, token_type: 'Bearer', expires_in: ttlSeconds, scope: scopes.join(' ') }, 200);
}

/**
 * Every Audiences API call: a live token; a change also needs api:audience:manage; the §2 rate
 * limits per client (its account: a new token opens no new window), counted by the server's one
 * per-account limiter, so every process on a PostgreSQL database shares them.
 */
export function requireToken(db: Db, limiter: AccountRateLimiter): MiddlewareHandler<GtmEnv> {
  return async (c, next) => {
    const token = bearer(c as unknown as Context<AppEnv>);
    if (!token) throw new GtmFailure('unauthorized', 'Send Authorization: Bearer <access token> from POST /gtm/oauth/v1/token.', { header: 'Authorization' });
    const [row] = await db.query<{ client_id: string; scopes: GtmScope[] }>('SELECT client_id, scopes FROM gtm_tokens WHERE token_hash = $1 AND expires_at > now()', [hash(token)]);
    if (!row) throw new GtmFailure('unauthorized', 'The access token is unknown or expired; request a new one from POST /gtm/oauth/v1/token.', { header: 'Authorization' });
    const needed: GtmScope = c.req.method === 'GET' || c.req.path.endsWith('/rows/actions/search') ? 'api:audience:read' : 'api:audience:manage';
    if (!row.scopes.includes(needed)) throw new GtmFailure('forbidden', `This call needs scope ${needed}; the token has ${row.scopes.join(' ')}.`);
    const decision = await limiter.take(`gtm:${row.client_id}`);
    c.header('X-RateLimit-Limit', String(decision.limit));
    c.header('X-RateLimit-Remaining', String(decision.remaining));
    c.header('X-RateLimit-Reset', String(decision.resetSeconds));
    if (!decision.allowed) {
      c.header('Retry-After', String(decision.retryAfterSeconds));
      throw new GtmFailure('rate_limited', `Rate limit: ${limiter.perSecond} requests per second and ${limiter.perMinute} per minute per client; retry after ${decision.retryAfterSeconds} s.`);
    }
    c.set('gtmClient', row.client_id);
    c.set('gtmScopes', row.scopes);
    await next();
  };
}
