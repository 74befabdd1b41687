/**
 * Shapes of the webhooks endpoints, written from the published Monitoring API/Webhooks description:
 * a webhook has a title, a target URL, an enabled flag and subscriptions (objectType, eventType,
 * fullPayload); its verification token is shown at creation and when regenerated.
 */
import { z } from 'zod';

export const OBJECT_TYPES = ['Contact', 'Company'] as const;
export const EVENT_TYPES = ['Update'] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];

const title = z.string().min(1).max(200);

/** Published: "Must be in https:// format". Plain http only to this machine, for local receivers. */
export const targetUrl = z
  .url({ error: 'targetUrl must be a URL' })
  .max(2000)
  .refine(
    (raw) => {
      if (!URL.canParse(raw)) return true; // reported by z.url()
      const url = new URL(raw);
      return url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
    },
    { error: 'targetUrl must be https:// (http:// only for localhost or 127.0.0.1)' },
  );

const objectType = z.string().refine((t): t is ObjectType => (OBJECT_TYPES as readonly string[]).includes(t), {
  error: `objectType must be one of ${OBJECT_TYPES.join(', ')} (GET /webhooks/subscriptiontypes)`,
});
const eventType = z.string().refine((t) => (EVENT_TYPES as readonly string[]).includes(t), {
  error: `eventType must be one of ${EVENT_TYPES.join(', ')} (GET /webhooks/subscriptiontypes)`,
});

export const subscriptionInput = z.strictObject({
  subscriptionId: z.string().max(40).optional(),
  objectType,
  eventType: eventType.default('Update'),
  fullPayload: z.boolean().default(true),
});

export const createWebhookRequest = z.strictObject({
  title: title.optional(),
  enabled: z.boolean().default(false),
  targetUrl,
  subscriptions: z.array(subscriptionInput).min(1, { error: 'subscriptions must name at least one objectType' }).max(10),
});
export type CreateWebhookRequest = z.output<typeof createWebhookRequest>;

/** Values given overwrite the webhook's; subscriptions given replace its subscriptions. */
export const updateWebhookRequest = z.strictObject({
  title: title.optional(),
  enabled: z.boolean().optional(),
  targetUrl: targetUrl.optional(),
  subscriptions: z.array(subscriptionInput).min(1).max(10).optional(),
});
export type UpdateWebhookRequest = z.output<typeof updateWebhookRequest>;

export const validateRequest = z.strictObject({ targetUrl, objectType: objectType.default('Contact'), fullPayload: z.boolean().optional() });

export const subscription = z.object({
  subscriptionId: z.string(),
  objectType: z.enum(OBJECT_TYPES),
  eventType: z.enum(EVENT_TYPES),
  fullPayload: z.boolean(),
  createdDate: z.string(),
  modifiedDate: z.string(),
});

export const webhook = z.object({
  id: z.string(),
  title: z.string().nullable(),
  enabled: z.boolean(),
  targetUrl: z.string(),
  createdDate: z.string(),
  subscriptions: z.array(subscription),
  /** Why the server turned it off (repeated failed deliveries); null while it has not. */
  disabledReason: z.string().nullable(),
  verificationToken: z.string().optional(),
});
export type Webhook = z.infer<typeof webhook>;

export const webhookList = z.object({ webhooks: z.array(webhook) });
export const deletedWebhook = webhook.extend({ status: z.literal('deleted') });
export const subscriptionTypes = z.object({ objectTypes: z.array(z.string()), eventTypes: z.array(z.string()) });
export const verificationToken = z.object({ verificationToken: z.string() });
export const validation = z.object({ message: z.string(), success: z.boolean(), responseCode: z.number().int() });
export type Validation = z.infer<typeof validation>;

export const delivery = z.object({
  id: z.number().int(),
  objectType: z.enum(OBJECT_TYPES),
  recordId: z.number().int(),
  status: z.enum(['PENDING', 'DELIVERED', 'FAILED']),
  attempts: z.number().int(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdDate: z.string(),
  deliveredDate: z.string().nullable(),
  nextAttemptDate: z.string().nullable(),
});
export const deliveryLog = z.object({ deliveries: z.array(delivery) });

export const webhookIdParam = z.object({ id: z.string().max(40) });
