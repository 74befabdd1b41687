/**
 * Test-support endpoints (not part of the provider contracts): the request log and its stats.
 * Unauthenticated by design — the reference server is a local tool; do not expose it publicly.
 */
import type { Hono } from 'hono';
import type { AppEnv, Deps } from './common.ts';

export function adminRoutes(app: Hono<AppEnv>, deps: Deps): void {
  const { log } = deps;
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
}
