/**
 * Admin endpoints (not part of the provider contracts): the request log and its stats, and key
 * rotation. Open on loopback; elsewhere they exist only with ADMIN_TOKEN (lib/exposure.ts), and
 * whenever ADMIN_TOKEN is set they take it as a Bearer token.
 */
import type { Hono, MiddlewareHandler } from 'hono';
import { safeEqual } from '../auth/tokens.ts';
import { errorResponse } from '../lib/errors.ts';
import { bearer, type AppEnv, type Deps } from './common.ts';

/** Admin paths: absent where test tools are off; behind ADMIN_TOKEN whenever it is set. */
export function adminGuard(deps: Deps): MiddlewareHandler<AppEnv> {
  const adminToken = deps.config.adminToken;
  return async (c, next) => {
    if (!deps.exposure.testTools) return errorResponse(c, 'not_found', `No endpoint ${c.req.method} ${c.req.path}; see /docs.`);
    if (adminToken !== undefined) {
      const secret = bearer(c);
      if (secret === null || !safeEqual(secret, adminToken)) return errorResponse(c, 'unauthorized', 'Send Authorization: Bearer <ADMIN_TOKEN>.');
    }
    await next();
  };
}

export function adminRoutes(app: Hono<AppEnv>, deps: Deps): void {
  const { log, tokens } = deps;
  if (!deps.exposure.testTools) return;
  app.use('/_admin/*', adminGuard(deps));
  const limits = () => ({ ratePerSecond: deps.config.ratePerSecond, ratePerMinute: deps.config.ratePerMinute });

  app.get('/_admin/requests', (c) => {
    const prefix = c.req.query('path');
    const since = Number(c.req.query('since') ?? '0');
    const keep = (e: (typeof log.entries)[number]) => (!prefix || e.path.startsWith(prefix)) && e.atMs >= since;
    const requests = log.entries.filter(keep);
    return c.json({ requests, stats: log.stats(keep), limits: limits() });
  });
  app.delete('/_admin/requests', (c) => {
    log.clear();
    return c.body(null, 204);
  });
  app.get('/_admin/stats', (c) => c.json({ ...log.stats(), limits: limits() }));
  app.post('/_admin/keys/rotate', async (c) => {
    const previousKid = tokens.keys.current.kid;
    const { kid } = await tokens.keys.rotate();
    return c.json({ kid, previousKid });
  });
}
