/**
 * Admin endpoints (not part of the provider contracts): the request log and its stats, and key
 * rotation. Open on loopback; elsewhere they exist only with ADMIN_TOKEN (lib/exposure.ts), and
 * whenever ADMIN_TOKEN is set they take it as a Bearer token.
 */
import type { Hono } from 'hono';
import { safeEqual } from '../auth/tokens.ts';
import { errorResponse } from '../lib/errors.ts';
import { bearer, type AppEnv, type Deps } from './common.ts';

export function adminRoutes(app: Hono<AppEnv>, deps: Deps): void {
  const { log, config, tokens } = deps;
  if (!deps.exposure.testTools) return;
  const adminToken = config.adminToken;
  if (adminToken !== undefined) {
    app.use('/_admin/*', async (c, next) => {
      const secret = bearer(c);
      if (secret === null || !safeEqual(secret, adminToken)) return errorResponse(c, 'unauthorized', 'Send Authorization: Bearer <ADMIN_TOKEN>.');
      await next();
    });
  }
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
