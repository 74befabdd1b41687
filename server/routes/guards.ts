/**
 * What runs before a handler, by the kind of endpoint its declaration names (routes/endpoint.ts):
 * the credential check, the per-account rate limit, the account's entitlement, injected faults (FAULTS).
 */
import type { MiddlewareHandler } from 'hono';
import { Entitlements, type Feature } from '../auth/entitlements.ts';
import { safeIncludes } from '../auth/tokens.ts';
import { errorResponse } from '../lib/errors.ts';
import { bearer, type AppEnv, type Deps } from './common.ts';
import type { Guards } from './endpoint.ts';

export function buildGuards(deps: Deps): Guards {
  const { config, tokens, limiter, faults } = deps;

  // Search API: API keys only. An enterprise access token is a valid credential, but not for here.
  const apiKeyAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
    const secret = bearer(c);
    if (!secret) return errorResponse(c, 'unauthorized', 'Send Authorization: Bearer <API key>.');
    if (!safeIncludes(config.apiKeys, secret)) {
      const claims = await tokens.verify(secret);
      if (!('error' in claims)) return errorResponse(c, 'forbidden', 'You do not have access to this endpoint. The search API takes an API key, not an access token.');
      return errorResponse(c, 'unauthorized', 'Unknown API key.');
    }
    await next();
  };

  const accessTokenAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
    const secret = bearer(c);
    if (!secret) return errorResponse(c, 'unauthorized', 'Send Authorization: Bearer <access token> from /authenticate or /oauth/token.');
    const claims = await tokens.verify(secret);
    if ('error' in claims) {
      if (safeIncludes(config.apiKeys, secret)) return errorResponse(c, 'forbidden', 'You do not have access to this endpoint. The enterprise API takes an access token, not an API key.');
      return errorResponse(c, 'unauthorized', claims.error);
    }
    c.set('account', claims.account);
    c.set('accountKind', claims.kind);
    c.set('tokenId', claims.jti);
    // Per account (the bundle), not per token: a new token does not open a new window.
    const decision = await limiter.take(claims.account);
    c.header('X-RateLimit-Limit', String(decision.limit));
    c.header('X-RateLimit-Remaining', String(decision.remaining));
    c.header('X-RateLimit-Reset', String(decision.resetSeconds));
    if (!decision.allowed) {
      return errorResponse(c, 'rate_limited', `Rate limit: ${limiter.perSecond} requests per second and ${limiter.perMinute} per minute per account; retry after ${decision.retryAfterSeconds} s.`, {
        'Retry-After': String(decision.retryAfterSeconds),
      });
    }
    await next();
  };

  const injectFaults: MiddlewareHandler<AppEnv> = async (c, next) => {
    const fault = faults.next();
    if (fault === null) return next();
    c.set('fault', fault);
    if (fault === '429') return errorResponse(c, 'rate_limited', 'Injected fault (FAULTS): rate limited; retry after 1 s.', { 'Retry-After': '1' });
    if (fault === '500') return errorResponse(c, 'internal', 'Injected fault (FAULTS): internal error.');
    if (fault === 'malformed') return c.body('{"success": true, "data": {"result": [', 200, { 'Content-Type': 'application/json' });
    await hang(config.faultTimeoutMs, deps.closing);
    return errorResponse(c, 'internal', `Injected fault (FAULTS): no answer for ${config.faultTimeoutMs} ms.`);
  };

  const entitlements = new Entitlements(config.entitlements);
  const entitled = (feature: Feature): MiddlewareHandler<AppEnv> => async (c, next) => {
    if (!entitlements.allows(c.get('account'), feature)) return errorResponse(c, 'forbidden', 'You do not have access to this endpoint.');
    await next();
  };

  return { auth: { apiKey: [apiKeyAuth], accessToken: [accessTokenAuth], public: [] }, entitled, faults: injectFaults };
}

function hang(ms: number, closing: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (closing.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    closing.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
