/** Contract tests of the webhooks: subscriptions, the handshake, signed deliveries, retries, the log. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../app.ts';
import * as S from '../../services/webhooks/schemas.ts';
import { TestClient, type Reply } from '../client.ts';
import { WebhookReceiver, type Received } from '../webhook-receiver.ts';
import { expectError, parsed, type ContractContext } from './context.ts';
import * as P from './published-schemas.ts';

/** The receiver's check, written from server/README.md ("Verifying a delivery"), not from the server's code. */
function verified(r: Received, token: string): boolean {
  const header = String(r.headers['x-sidecar-signature'] ?? '');
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match?.[1] || !match[2]) return false;
  if (Math.abs(Date.now() / 1000 - Number(match[1])) > 300) return false;
  const expected = createHmac('sha256', token).update(`${match[1]}.${r.body}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2], 'hex')) && r.headers['x-zoominfo-token'] === token;
}

export function webhooksContract(ctx: ContractContext): void {
  describe('webhooks', () => {
    let server: RunningServer;
    let api: TestClient;
    let token: string;
    let other: string;
    let receiver: WebhookReceiver;
    beforeAll(async () => {
      server = await ctx.factory.start({ ratePerSecond: 100_000, ratePerMinute: 1_000_000, webhookRetryMs: 50 });
      api = new TestClient(server);
      token = await api.login();
      other = await api.oauth();
      receiver = await new WebhookReceiver().start();
    });
    afterAll(async () => {
      await receiver.stop();
    });

    const send = (method: 'PUT' | 'DELETE', path: string, body?: unknown, t = token): Promise<Reply> =>
      api.raw(method, path, { body: body === undefined ? undefined : JSON.stringify(body), headers: { Authorization: `Bearer ${t}`, 'Content-Type': 'application/json' } });
    const create = async (body: unknown, t = token) => {
      const reply = await api.post('/webhooks', body, t);
      parsed(reply, P.createdWebhook);
      return parsed(reply, S.webhook);
    };
    const change = async (kind: 'contact' | 'company', id: number, body: unknown) => (await api.post(`/_admin/records/${kind}/${id}`, body)).body as { deliveriesQueued: number; changedAttributes: string[] };
    const log = async (id: string) => parsed(await api.get(`/webhooks/${id}/deliveries`, token), S.deliveryLog).deliveries;
    const count = async () => (await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM webhooks'))[0]?.n ?? -1;
    const reset = () => {
      receiver.received.length = 0;
      receiver.next.length = 0;
      receiver.always = undefined;
    };

    it('lists the subscription types', async () => {
      const types = parsed(await api.get('/webhooks/subscriptiontypes', token), P.subscriptionTypes);
      expect(types).toEqual({ objectTypes: ['Contact', 'Company'], eventTypes: ['Update'] });
    });

    it('creates a webhook after the handshake, signs every delivery, and retries after a 500', async () => {
      reset();
      const hook = await create({ title: 'CRM sync', enabled: true, targetUrl: receiver.url, subscriptions: [{ objectType: 'Contact', eventType: 'Update', fullPayload: false }, { objectType: 'Company', fullPayload: true }] });
      expect(hook).toMatchObject({ title: 'CRM sync', enabled: true, targetUrl: receiver.url, disabledReason: null });
      expect(hook.subscriptions.map((s) => [s.objectType, s.eventType, s.fullPayload])).toEqual([['Contact', 'Update', false], ['Company', 'Update', true]]);
      const secret = hook.verificationToken ?? '';
      expect(secret.length).toBeGreaterThan(40);
      expect(receiver.received).toHaveLength(2); // the handshake, once per object type
      const listed = parsed(await api.get('/webhooks', token), P.webhookList);
      expect(listed.webhooks.map((w) => w.id)).toContain(hook.id);
      expect(listed.webhooks[0]).not.toHaveProperty('verificationToken');
      parsed(await api.get(`/webhooks/${hook.id}`, token), P.webhook);

      // Only records this account has enriched are watched.
      expect((await change('contact', 50005, { jobTitle: 'Head of Nothing' })).deliveriesQueued).toBe(0);
      expect((await api.post('/enrich/contact', { matchPersonInput: [{ personId: 50004 }] }, token)).status).toBe(200);

      receiver.next.push(500);
      const changed = await change('contact', 50004, { jobTitle: 'VP Partnerships' });
      expect(changed).toMatchObject({ changedAttributes: ['jobTitle'], deliveriesQueued: 1 });
      const [failed, delivered] = await receiver.waitFor(2);
      expect(failed?.body).toBe(delivered?.body);
      for (const r of [failed, delivered]) expect(r && verified(r, secret)).toBe(true);
      expect(verified({ ...(delivered as Received), body: `${delivered?.body} ` }, secret)).toBe(false);
      const payload = P.webhookPayload.parse(delivered?.json);
      expect(payload.webhookDetails).toEqual({ id: hook.id, title: 'CRM sync', objectType: 'Contact', eventType: 'Update' });
      expect(payload.data).toEqual([{ id: 50004, firstName: 'Marco', lastName: expect.any(String), email: 'marco@brightloom.com', jobTitle: 'VP Partnerships', changedAttributes: ['jobTitle'] }]);
      const entries = await log(hook.id);
      expect(entries[0]).toMatchObject({ objectType: 'Contact', recordId: 50004, status: 'DELIVERED', attempts: 2, lastStatus: 200, lastError: null });

      // The contact leaves for another company; then a company this account enriched changes (full payload).
      await change('contact', 50004, { companyId: 1003 });
      const left = P.webhookPayload.parse((await receiver.waitFor(3))[2]?.json);
      expect(left.data[0]).toMatchObject({ id: 50004, changedAttributes: ['company', 'locationCompanyId'], company: { id: 1003 }, locationCompanyId: 1003 });
      expect((await api.post('/enrich/company', { matchCompanyInput: [{ companyId: 1005 }] }, token)).status).toBe(200);
      await change('company', 1005, { employeeCount: 4321 });
      const company = P.webhookPayload.parse((await receiver.waitFor(4))[3]?.json);
      expect(company.webhookDetails.objectType).toBe('Company');
      expect(company.data[0]).toMatchObject({ id: 1005, employeeCount: 4321, changedAttributes: ['employeeCount', 'employeeRange'] });
      expect(company.data[0]).toHaveProperty('industries');
    });

    it('updates a webhook, rotates its token, and sends nothing after it is deleted', async () => {
      reset();
      const hook = await create({ enabled: true, targetUrl: receiver.url, subscriptions: [{ objectType: 'Contact' }] }, other);
      expect((await api.post('/enrich/contact', { matchPersonInput: [{ personId: 50006 }] }, other)).status).toBe(200);
      const renamed = parsed(await send('PUT', `/webhooks/${hook.id}`, { title: 'Renamed' }, other), P.webhook);
      expect(renamed).toMatchObject({ title: 'Renamed', enabled: true });
      const fresh = parsed(await api.post(`/webhooks/${hook.id}/token`, {}, other), P.verificationToken).verificationToken;
      expect(fresh).not.toBe(hook.verificationToken);
      await change('contact', 50006, { jobTitle: 'Chief Robot Officer' });
      const [event] = await receiver.waitFor(1);
      expect(event && verified(event, fresh)).toBe(true);
      expect(event && verified(event, hook.verificationToken ?? '')).toBe(false);

      // Another account sees none of it.
      expectError(await api.get(`/webhooks/${hook.id}`, token), 404, 'not_found');
      expectError(await send('DELETE', `/webhooks/${hook.id}`), 404, 'not_found');

      parsed(await send('DELETE', `/webhooks/${hook.id}`, undefined, other), P.deletedWebhook);
      expectError(await api.get(`/webhooks/${hook.id}`, other), 404, 'not_found');
      expect((await change('contact', 50006, { jobTitle: 'Chief Robot Officer II' })).deliveriesQueued).toBe(0);
      await sleep(600);
      expect(receiver.events()).toHaveLength(1);
    });

    it('disables a webhook whose deliveries keep failing, and says why', async () => {
      reset();
      const hook = await create({ enabled: true, targetUrl: receiver.url, subscriptions: [{ objectType: 'Company' }] });
      receiver.always = 500;
      await change('company', 1005, { name: 'Renamed Co' });
      await receiver.waitFor(5);
      const deadline = Date.now() + 10_000;
      let now = parsed(await api.get(`/webhooks/${hook.id}`, token), S.webhook);
      while (now.enabled && Date.now() < deadline) {
        await sleep(50);
        now = parsed(await api.get(`/webhooks/${hook.id}`, token), S.webhook);
      }
      expect(now.enabled).toBe(false);
      expect(now.disabledReason).toMatch(/5 failed deliveries in a row \(last: answered 500\)/);
      expect((await log(hook.id))[0]).toMatchObject({ status: 'FAILED', attempts: 5, lastStatus: 500 });
      // Retried with growing gaps.
      const at = receiver.events().map((e) => e.at);
      const gaps = at.slice(1).map((t, i) => t - (at[i] ?? 0));
      expect(gaps[3]).toBeGreaterThan(gaps[0] ?? 0);
      // A disabled webhook gets no new events; enabling it needs a receiver that answers again.
      expect((await change('company', 1005, { name: 'Renamed Co II' })).deliveriesQueued).toBe(0);
      expectError(await send('PUT', `/webhooks/${hook.id}`, { enabled: true }), 400, 'invalid_input');
      receiver.always = undefined;
      expect(parsed(await send('PUT', `/webhooks/${hook.id}`, { enabled: true }), S.webhook)).toMatchObject({ enabled: true, disabledReason: null });
    });

    it('refuses a target that is not https, unreachable or failing, and unknown subscription types, changing nothing', async () => {
      reset();
      const before = await count();
      const subs = [{ objectType: 'Contact' }];
      expect(expectError(await api.post('/webhooks', { enabled: false, targetUrl: 'http://receiver.example.com/hook', subscriptions: subs }, token), 400, 'invalid_input')).toMatch(/https/);
      expect(expectError(await api.post('/webhooks', { enabled: true, targetUrl: 'http://127.0.0.1:1/hook', subscriptions: subs }, token), 400, 'invalid_input')).toMatch(/unreachable/);
      receiver.next.push(500);
      expect(expectError(await api.post('/webhooks', { enabled: true, targetUrl: receiver.url, subscriptions: subs }, token), 400, 'invalid_input')).toMatch(/answered 500/);
      expect(expectError(await api.post('/webhooks', { targetUrl: receiver.url, subscriptions: [{ objectType: 'Lead' }] }, token), 400, 'invalid_input')).toMatch(/objectType/);
      expectError(await api.post('/webhooks', { targetUrl: receiver.url, subscriptions: [{ objectType: 'Contact', eventType: 'Delete' }] }, token), 400, 'invalid_input');
      expectError(await api.post('/webhooks', { targetUrl: receiver.url, subscriptions: [] }, token), 400, 'invalid_input');
      expectError(await api.post('/webhooks', { targetUrl: 'not a url', subscriptions: subs }, token), 400, 'invalid_input');
      expect(await count()).toBe(before);

      // Updates are refused the same way, leaving the webhook as it was.
      const hook = await create({ enabled: false, targetUrl: receiver.url, subscriptions: subs });
      expectError(await send('PUT', `/webhooks/${hook.id}`, { targetUrl: 'ftp://x.example.com' }), 400, 'invalid_input');
      expectError(await send('PUT', `/webhooks/${hook.id}`, { enabled: true, targetUrl: 'http://127.0.0.1:1/hook' }), 400, 'invalid_input');
      expect(parsed(await api.get(`/webhooks/${hook.id}`, token), S.webhook)).toMatchObject({ enabled: false, targetUrl: receiver.url });

      // The handshake on its own.
      receiver.next.push(500);
      expect(parsed(await api.post('/webhooks/validate', { targetUrl: receiver.url, objectType: 'Contact' }, token), P.validateTarget)).toMatchObject({ success: false, responseCode: 500 });
      expect(parsed(await api.post('/webhooks/validate', { targetUrl: receiver.url, objectType: 'Company' }, token), P.validateTarget)).toMatchObject({ success: true, responseCode: 200 });
      expectError(await api.post('/_admin/records/contact/50001', { nickname: 'x' }), 400, 'invalid_input');
      expectError(await api.post('/_admin/records/contact/99999999', { jobTitle: 'x' }), 404, 'not_found');
    });

    it('is declared in /openapi.json', async () => {
      const doc = (await api.get('/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
      expect(Object.keys(doc.paths['/webhooks/{id}'] ?? {}).sort()).toEqual(['delete', 'get', 'put']);
      for (const path of ['/webhooks', '/webhooks/subscriptiontypes', '/webhooks/validate', '/webhooks/{id}/token', '/webhooks/{id}/deliveries']) expect(doc.paths, path).toHaveProperty([path]);
    });
  });
}
