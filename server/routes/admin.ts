/**
 * Admin endpoints (not part of the provider contracts): the request log and its stats, and key
 * rotation. Open on loopback; elsewhere they exist only with ADMIN_TOKEN (lib/exposure.ts), and
 * whenever ADMIN_TOKEN is set they take it as a Bearer token.
 */
import type { Hono, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { safeEqual } from '../auth/tokens.ts';
import { ApiFailure, errorResponse } from '../lib/errors.ts';
import { recordChanged } from '../services/webhooks/events.ts';
import { bearer, parseWith, readJson, type AppEnv, type Deps } from './common.ts';

const contactChange = z
  .strictObject({ jobTitle: z.string().min(1).max(200).optional(), companyId: z.number().int().positive().optional() })
  .refine((b) => b.jobTitle !== undefined || b.companyId !== undefined, { error: 'Give jobTitle (a new title) and/or companyId (the contact left for that company).' });
const companyChange = z
  .strictObject({ name: z.string().min(1).max(200).optional(), employeeCount: z.number().int().min(0).optional() })
  .refine((b) => b.name !== undefined || b.employeeCount !== undefined, { error: 'Give name and/or employeeCount.' });

function recordId(raw: string | undefined): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) throw new ApiFailure('invalid_input', 'The record id must be a positive integer.');
  return id;
}

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
  // Changes a record as the data provider's own updates would, so that webhooks have events to send.
  app.post('/_admin/records/contact/:id', async (c) => {
    const id = recordId(c.req.param('id'));
    const change = parseWith(contactChange, await readJson(c));
    if (change.companyId !== undefined && (await deps.db.query('SELECT 1 FROM companies WHERE id = $1', [change.companyId])).length === 0) {
      throw new ApiFailure('invalid_input', `No company ${change.companyId} to move the contact to.`);
    }
    const updated = await deps.db.query(
      'UPDATE contacts SET job_title = coalesce($2, job_title), company_id = coalesce($3, company_id), updated_at = now() WHERE id = $1 RETURNING id',
      [id, change.jobTitle ?? null, change.companyId ?? null],
    );
    if (updated.length === 0) throw new ApiFailure('not_found', `No contact ${id}.`);
    const changedAttributes = [...(change.jobTitle !== undefined ? ['jobTitle'] : []), ...(change.companyId !== undefined ? ['company', 'locationCompanyId'] : [])];
    return c.json({ id, changedAttributes, deliveriesQueued: await recordChanged(deps.db, 'Contact', id, changedAttributes) });
  });
  app.post('/_admin/records/company/:id', async (c) => {
    const id = recordId(c.req.param('id'));
    const change = parseWith(companyChange, await readJson(c));
    const updated = await deps.db.query('UPDATE companies SET name = coalesce($2, name), employees = coalesce($3, employees) WHERE id = $1 RETURNING id', [id, change.name ?? null, change.employeeCount ?? null]);
    if (updated.length === 0) throw new ApiFailure('not_found', `No company ${id}.`);
    const changedAttributes = [...(change.name !== undefined ? ['name'] : []), ...(change.employeeCount !== undefined ? ['employeeCount', 'employeeRange'] : [])];
    return c.json({ id, changedAttributes, deliveriesQueued: await recordChanged(deps.db, 'Company', id, changedAttributes) });
  });
  app.post('/_admin/keys/rotate', async (c) => {
    const previousKid = tokens.keys.current.kid;
    const { kid } = await tokens.keys.rotate();
    return c.json({ kid, previousKid });
  });
}
