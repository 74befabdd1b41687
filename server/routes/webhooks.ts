/**
 * The Monitoring API/Webhooks, as published: webhooks with subscriptions, the subscription types,
 * target validation and verification tokens; plus each webhook's delivery log (not published).
 * Events are sent by the delivery worker (services/webhooks/delivery.ts), never from a request.
 */
import { z } from 'zod';
import { handshake, createWebhook, deleteWebhook, deliveries, getWebhook, listWebhooks, regenerateToken, updateWebhook } from '../services/webhooks/store.ts';
import {
  EVENT_TYPES,
  OBJECT_TYPES,
  createWebhookRequest,
  deletedWebhook,
  deliveryLog,
  subscriptionTypes,
  updateWebhookRequest,
  validateRequest,
  validation,
  verificationToken,
  webhook,
  webhookIdParam,
  webhookList,
} from '../services/webhooks/schemas.ts';
import type { Deps } from './common.ts';
import { endpoint, type Api, type Guards } from './endpoint.ts';

const TAG = 'Webhooks';

export function webhookRoutes(app: Api, guards: Guards, deps: Deps): void {
  const { db } = deps;
  const auth = 'accessToken' as const;

  endpoint(app, guards, { method: 'get', path: '/webhooks/subscriptiontypes', tag: TAG, summary: 'The object and event types a subscription may name', auth, response: subscriptionTypes }, (c) =>
    c.json({ objectTypes: [...OBJECT_TYPES], eventTypes: [...EVENT_TYPES] }),
  );

  endpoint(
    app,
    guards,
    {
      method: 'post',
      path: '/webhooks/validate',
      tag: TAG,
      summary: 'Checks that a target URL answers a sample payload with a 2xx (the validation handshake)',
      auth,
      request: { schema: validateRequest, example: { targetUrl: 'https://receiver.example.com/zoominfo', objectType: 'Contact' } },
      response: validation,
    },
    async (c, body) => c.json(await handshake(body.targetUrl, body.objectType)),
  );

  endpoint(
    app,
    guards,
    {
      method: 'post',
      path: '/webhooks',
      tag: TAG,
      summary: 'Creates a webhook (an enabled one must pass the validation handshake); answers its verification token',
      auth,
      request: { schema: createWebhookRequest, example: { title: 'CRM sync', enabled: true, targetUrl: 'https://receiver.example.com/zoominfo', subscriptions: [{ objectType: 'Contact', eventType: 'Update', fullPayload: false }] } },
      response: webhook,
    },
    async (c, body) => c.json(await createWebhook(db, c.get('account'), body)),
  );

  endpoint(app, guards, { method: 'get', path: '/webhooks', tag: TAG, summary: "The account's webhooks", auth, response: webhookList }, async (c) =>
    c.json({ webhooks: await listWebhooks(db, c.get('account')) }),
  );

  const id = (c: { req: { param(name: string): string | undefined } }) => c.req.param('id') ?? '';

  endpoint(app, guards, { method: 'get', path: '/webhooks/{id}', tag: TAG, summary: 'One webhook', auth, response: webhook, params: webhookIdParam }, async (c) =>
    c.json(await getWebhook(db, c.get('account'), id(c))),
  );

  endpoint(
    app,
    guards,
    {
      method: 'put',
      path: '/webhooks/{id}',
      tag: TAG,
      summary: 'Updates a webhook: values given overwrite, subscriptions given replace',
      auth,
      params: webhookIdParam,
      request: { schema: updateWebhookRequest, example: { enabled: true } },
      response: webhook,
    },
    async (c, body) => c.json(await updateWebhook(db, c.get('account'), id(c), body)),
  );

  endpoint(app, guards, { method: 'delete', path: '/webhooks/{id}', tag: TAG, summary: 'Deletes a webhook and its pending deliveries', auth, response: deletedWebhook, params: webhookIdParam }, async (c) =>
    c.json({ ...(await deleteWebhook(db, c.get('account'), id(c))), status: 'deleted' as const }),
  );

  endpoint(app, guards, { method: 'post', path: '/webhooks/{id}/token', tag: TAG, summary: 'A new verification token; the previous one stops working at once', auth, response: verificationToken, params: webhookIdParam, request: { schema: z.strictObject({}), optional: true } }, async (c) =>
    c.json({ verificationToken: await regenerateToken(db, c.get('account'), id(c)) }),
  );

  endpoint(app, guards, { method: 'get', path: '/webhooks/{id}/deliveries', tag: TAG, summary: "A webhook's delivery log, newest first (last 500)", auth, response: deliveryLog, params: webhookIdParam }, async (c) =>
    c.json({ deliveries: await deliveries(db, c.get('account'), id(c)) }),
  );
}
