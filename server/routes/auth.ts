/** POST /authenticate (password or PKI client JWT) and POST /oauth/token (client credentials). */
import type { Context } from 'hono';
import { decodeJwt, importSPKI, jwtVerify } from 'jose';
import { z } from 'zod';
import {
  authenticateResponse,
  clientJwtClaims,
  oauthTokenResponse,
  passwordAuthRequest,
  type AuthenticateResponse,
  type OAuthTokenResponse,
} from '../../utils/schemas/enterprise-api.ts';
import { safeEqual } from '../auth/tokens.ts';
import { ApiFailure, errorBody } from '../lib/errors.ts';
import { bearer, parseWith, readJson, type AppEnv, type Deps } from './common.ts';
import { endpoint, type Api, type Guards } from './endpoint.ts';

/** A client JWT may live at most this long (api-contract.md §2, "PKI"). */
const MAX_CLIENT_JWT_SECONDS = 300;
/** Clock skew tolerated between the client and the server. */
const SKEW_SECONDS = 60;

/** As documented: what a client sends. */
const oauthRequest = z.strictObject({
  grant_type: z.literal('client_credentials'),
  client_id: z.string(),
  client_secret: z.string(),
  scope: z.string().optional(),
});

/** As parsed: lenient enough to answer each mistake with its OAuth error. */
const oauthForm = z.strictObject({
  grant_type: z.string().max(100),
  client_id: z.string().min(1).max(500).optional(),
  client_secret: z.string().min(1).max(500).optional(),
  scope: z.string().max(1000).optional(),
});

function unauthorized(details: string): ApiFailure {
  return new ApiFailure('unauthorized', details);
}

export function authRoutes(app: Api, guards: Guards, deps: Deps): void {
  const { config, tokens, users, pkiClients, authLimiter } = deps;

  const throttle = (username: string) => {
    const wait = authLimiter.take(username.toLowerCase());
    if (wait > 0) {
      throw new ApiFailure('rate_limited', `At most 1 authentication per second per username; retry in ${wait} s.`, { 'Retry-After': String(wait) });
    }
  };

  async function verifyClientJwt(clientJwt: string): Promise<string> {
    let claims: Record<string, unknown>;
    try {
      claims = decodeJwt(clientJwt);
    } catch {
      throw unauthorized('The client JWT is not a JWT.');
    }
    const username = typeof claims.username === 'string' ? claims.username : undefined;
    const clientId = typeof claims.client_id === 'string' ? claims.client_id : undefined;
    if (!username || !clientId) throw unauthorized('The client JWT needs username and client_id claims.');
    throttle(username);
    const client = pkiClients.find((p) => safeEqual(p.clientId, clientId) && p.username.toLowerCase() === username.toLowerCase());
    if (!client) throw unauthorized('No PKI client is registered with this client_id and username.');
    try {
      const key = await importSPKI(client.publicKeyPem, 'RS256');
      const { payload } = await jwtVerify(clientJwt, key, {
        algorithms: ['RS256'],
        audience: 'enterprise_api',
        requiredClaims: ['iat', 'exp', 'iss'],
        clockTolerance: SKEW_SECONDS,
      });
      const parsed = clientJwtClaims.safeParse(payload);
      if (!parsed.success) throw unauthorized('The client JWT claims are not { aud, iss, username, client_id, iat, exp }.');
      const { iat, exp } = parsed.data;
      if (exp - iat > MAX_CLIENT_JWT_SECONDS) throw unauthorized(`The client JWT must expire at most ${MAX_CLIENT_JWT_SECONDS} s after iat.`);
      if (iat > Date.now() / 1000 + SKEW_SECONDS) throw unauthorized('The client JWT was issued in the future; check the clock.');
    } catch (error) {
      if (error instanceof ApiFailure) throw error;
      throw unauthorized('The client JWT signature, audience or lifetime is not valid for this client.');
    }
    return client.username;
  }

  endpoint(
    app,
    guards,
    {
      method: 'post',
      path: '/authenticate',
      tag: 'Authentication',
      summary: 'Access token by username and password, or by a PKI client JWT (empty body)',
      auth: 'public',
      alsoAccepts: 'clientJwt',
      request: { schema: passwordAuthRequest, optional: true, example: { username: 'demo@example.com', password: 'demo-password' } },
      response: authenticateResponse,
      parse: readJson,
    },
    async (c, body) => {
      const clientJwt = bearer(c);
      let username: string;
      const emptyBody = body === undefined || (typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0);
      if (emptyBody) {
        if (!clientJwt) throw unauthorized('Send { username, password }, or an empty body with Authorization: Bearer <client JWT>.');
        username = await verifyClientJwt(clientJwt);
      } else {
        const creds = parseWith(passwordAuthRequest, body);
        throttle(creds.username);
        const account = await users.check(creds.username, creds.password);
        if (account === null) throw unauthorized('Unknown username or wrong password.');
        username = account;
      }
      const { token } = await tokens.issue(username, 'user');
      const response: AuthenticateResponse = { success: true, jwt: token };
      return c.json(response);
    },
  );

  const oauthError = (c: Context<AppEnv>, status: 400 | 401, error: string, details: string) =>
    c.json({ ...errorBody(status === 400 ? 'invalid_input' : 'unauthorized', details), error, error_description: details }, status);

  endpoint(
    app,
    guards,
    {
      method: 'post',
      path: '/oauth/token',
      tag: 'Authentication',
      summary: 'Access token by OAuth 2 client credentials (form-encoded)',
      auth: 'public',
      request: { schema: oauthRequest, form: true },
      response: oauthTokenResponse,
      // The body is form-encoded or JSON, read below so each mistake gets its OAuth error.
      parse: () => Promise.resolve(undefined),
    },
    async (c) => {
      const type = c.req.header('content-type') ?? '';
      let fields: Record<string, unknown>;
      if (type.includes('application/x-www-form-urlencoded')) {
        fields = Object.fromEntries(new URLSearchParams(await c.req.text()));
      } else if (type.includes('application/json')) {
        const body = await readJson(c);
        fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
      } else {
        return oauthError(c, 400, 'invalid_request', 'Send grant_type=client_credentials, client_id and client_secret form-encoded.');
      }
      const parsed = oauthForm.safeParse(fields);
      if (!parsed.success) return oauthError(c, 400, 'invalid_request', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
      if (parsed.data.grant_type !== 'client_credentials') return oauthError(c, 400, 'unsupported_grant_type', 'grant_type must be client_credentials.');
      let clientId = parsed.data.client_id;
      let clientSecret = parsed.data.client_secret;
      // client_secret_basic (RFC 6749 §2.3.1) as well as client_secret_post.
      const basic = /^Basic\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
      if (basic?.[1]) {
        const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
        const at = decoded.indexOf(':');
        if (at > 0) {
          clientId = decodeURIComponent(decoded.slice(0, at));
          clientSecret = decodeURIComponent(decoded.slice(at + 1));
        }
      }
      if (!clientId || !clientSecret) return oauthError(c, 401, 'invalid_client', 'client_id and client_secret are required.');
      let ok = false;
      for (const client of config.oauthClients) {
        // Check every client, in constant time each, so timing says nothing about which ids exist.
        const idOk = safeEqual(client.id, clientId);
        const secretOk = safeEqual(client.secret, clientSecret);
        if (idOk && secretOk) ok = true;
      }
      if (!ok) return oauthError(c, 401, 'invalid_client', 'Unknown client_id or wrong client_secret.');
      const { token } = await tokens.issue(clientId, 'oauth-client');
      const response: OAuthTokenResponse = { access_token: token, token_type: 'Bearer', expires_in: tokens.ttlSeconds };
      c.header('Cache-Control', 'no-store');
      return c.json(response);
    },
  );
}
