/**
 * Webhooks kept in the database: create, read, update, delete, a new verification token, the
 * delivery log. A webhook that is (or becomes) enabled must pass the validation handshake first:
 * an unreachable target, or one that does not answer 2xx, is a 400 and nothing is changed.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Db, Queryable } from '../../db/index.ts';
import { ApiFailure } from '../../lib/errors.ts';
import type { CreateWebhookRequest, ObjectType, UpdateWebhookRequest, Validation, Webhook } from './schemas.ts';

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const HANDSHAKE_TIMEOUT_MS = 5000;

interface WebhookRow {
  id: string;
  title: string | null;
  target_url: string;
  enabled: boolean;
  verification_token: string;
  disabled_reason: string | null;
  created_at: string;
}

interface SubscriptionRow {
  id: string;
  webhook_id: string;
  object_type: ObjectType;
  event_type: 'Update';
  full_payload: boolean;
  created_at: string;
  modified_at: string;
}

export const newToken = () => randomBytes(48).toString('base64');
const newId = () => String(randomInt(100_000_000, 1_000_000_000));

/**
 * The validation handshake: a POST of a sample payload for the object type, which the target must
 * answer with a 2xx within 5 seconds.
 */
export async function handshake(targetUrl: string, objectType: ObjectType): Promise<Validation> {
  const body = JSON.stringify({ webhookDetails: { id: null, title: 'validation', objectType, eventType: 'Validation' }, data: [], challenge: randomBytes(16).toString('hex') });
  try {
    const res = await fetch(targetUrl, { method: 'POST', body, headers: { 'Content-Type': 'application/json' }, redirect: 'manual', signal: AbortSignal.timeout(HANDSHAKE_TIMEOUT_MS) });
    await res.body?.cancel();
    return { message: res.statusText || String(res.status), success: res.status >= 200 && res.status < 300, responseCode: res.status };
  } catch (error) {
    const cause = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${HANDSHAKE_TIMEOUT_MS / 1000} s` : 'unreachable';
    return { message: cause, success: false, responseCode: 0 };
  }
}

async function mustValidate(targetUrl: string, objectTypes: ObjectType[]): Promise<void> {
  for (const objectType of new Set(objectTypes)) {
    const result = await handshake(targetUrl, objectType);
    if (!result.success) {
      const what = result.responseCode === 0 ? `is ${result.message}` : `answered ${result.responseCode}`;
      throw new ApiFailure('invalid_input', `targetUrl ${what} at validation (a POST of a sample ${objectType} payload must get a 2xx). Nothing was changed; fix the receiver or create the webhook with enabled false.`);
    }
  }
}

async function subscriptionsOf(db: Queryable, ids: string[]): Promise<Map<string, SubscriptionRow[]>> {
  const rows = ids.length
    ? await db.query<SubscriptionRow>(
        `SELECT id, webhook_id, object_type, event_type, full_payload, to_char(created_at AT TIME ZONE 'UTC', ${ISO}) AS created_at, to_char(modified_at AT TIME ZONE 'UTC', ${ISO}) AS modified_at
         FROM webhook_subscriptions WHERE webhook_id = ANY($1::text[]) ORDER BY position`,
        [ids],
      )
    : [];
  const map = new Map<string, SubscriptionRow[]>();
  for (const r of rows) map.set(r.webhook_id, [...(map.get(r.webhook_id) ?? []), r]);
  return map;
}

function toWebhook(row: WebhookRow, subs: SubscriptionRow[], withToken: boolean): Webhook {
  return {
    id: row.id,
    title: row.title,
    enabled: row.enabled,
    targetUrl: row.target_url,
    createdDate: row.created_at,
    subscriptions: subs.map((s) => ({ subscriptionId: s.id, objectType: s.object_type, eventType: s.event_type, fullPayload: s.full_payload, createdDate: s.created_at, modifiedDate: s.modified_at })),
    disabledReason: row.disabled_reason,
    ...(withToken ? { verificationToken: row.verification_token } : {}),
  };
}

const SELECT = `SELECT id, title, target_url, enabled, verification_token, disabled_reason, to_char(created_at AT TIME ZONE 'UTC', ${ISO}) AS created_at FROM webhooks`;

/** Another account's webhook is a 404, like an unknown id. */
async function ownRow(db: Queryable, account: string, id: string): Promise<WebhookRow> {
  const [row] = await db.query<WebhookRow>(`${SELECT} WHERE id = $1 AND account = $2`, [id, account]);
  if (!row) throw new ApiFailure('not_found', `No webhook ${id} for this account.`);
  return row;
}

export async function getWebhook(db: Queryable, account: string, id: string, withToken = false): Promise<Webhook> {
  const row = await ownRow(db, account, id);
  return toWebhook(row, (await subscriptionsOf(db, [id])).get(id) ?? [], withToken);
}

export async function listWebhooks(db: Queryable, account: string): Promise<Webhook[]> {
  const rows = await db.query<WebhookRow>(`${SELECT} WHERE account = $1 ORDER BY created_at, id`, [account]);
  const subs = await subscriptionsOf(db, rows.map((r) => r.id));
  return rows.map((r) => toWebhook(r, subs.get(r.id) ?? [], false));
}

async function insertSubscriptions(tx: Queryable, webhookId: string, subs: CreateWebhookRequest['subscriptions']): Promise<void> {
  for (const s of subs) {
    await tx.query('INSERT INTO webhook_subscriptions (id, webhook_id, object_type, event_type, full_payload) VALUES ($1, $2, $3, $4, $5)', [newId(), webhookId, s.objectType, s.eventType, s.fullPayload]);
  }
}

export async function createWebhook(db: Db, account: string, req: CreateWebhookRequest): Promise<Webhook> {
  if (req.enabled) await mustValidate(req.targetUrl, req.subscriptions.map((s) => s.objectType));
  const id = newId();
  await db.transaction(async (tx) => {
    await tx.query('INSERT INTO webhooks (id, account, title, target_url, enabled, verification_token) VALUES ($1, $2, $3, $4, $5, $6)', [id, account, req.title ?? null, req.targetUrl, req.enabled, newToken()]);
    await insertSubscriptions(tx, id, req.subscriptions);
  });
  return getWebhook(db, account, id, true);
}

export async function updateWebhook(db: Db, account: string, id: string, req: UpdateWebhookRequest): Promise<Webhook> {
  const current = await getWebhook(db, account, id);
  const enabled = req.enabled ?? current.enabled;
  const target = req.targetUrl ?? current.targetUrl;
  const objectTypes = (req.subscriptions ?? current.subscriptions).map((s) => s.objectType);
  // Turning it on, or moving an enabled webhook elsewhere, needs a receiver that answers.
  if (enabled && (!current.enabled || target !== current.targetUrl || req.subscriptions)) await mustValidate(target, objectTypes);
  await db.transaction(async (tx) => {
    await tx.query(
      `UPDATE webhooks SET title = $3, target_url = $4, enabled = $5, modified_at = now(),
         consecutive_failures = CASE WHEN $5 AND NOT enabled THEN 0 ELSE consecutive_failures END,
         disabled_reason = CASE WHEN $5 THEN NULL ELSE disabled_reason END
       WHERE id = $1 AND account = $2`,
      [id, account, req.title ?? current.title, target, enabled],
    );
    if (req.subscriptions) {
      await tx.query('DELETE FROM webhook_subscriptions WHERE webhook_id = $1', [id]);
      await insertSubscriptions(tx, id, req.subscriptions);
    }
  });
  return getWebhook(db, account, id);
}

/** Deleting a webhook drops its pending deliveries too: nothing is sent after an unsubscribe. */
export async function deleteWebhook(db: Queryable, account: string, id: string): Promise<Webhook> {
  const gone = await getWebhook(db, account, id);
  await db.query('DELETE FROM webhooks WHERE id = $1 AND account = $2', [id, account]);
  return gone;
}

/** A new token; the previous one is revoked at once (published). */
export async function regenerateToken(db: Queryable, account: string, id: string): Promise<string> {
  await ownRow(db, account, id);
  const token = newToken();
  await db.query('UPDATE webhooks SET verification_token = $3, modified_at = now() WHERE id = $1 AND account = $2', [id, account, token]);
  return token;
}

export async function deliveries(db: Queryable, account: string, id: string) {
  await ownRow(db, account, id);
  const rows = await db.query<{
    id: string; object_type: ObjectType; record_id: number; status: 'PENDING' | 'DELIVERED' | 'FAILED'; attempts: number; last_status: number | null; last_error: string | null;
    created_at: string; delivered_at: string | null; next_attempt_at: string | null;
  }>(
    `SELECT id::text AS id, object_type, record_id, status, attempts, last_status, last_error,
            to_char(created_at AT TIME ZONE 'UTC', ${ISO}) AS created_at,
            to_char(delivered_at AT TIME ZONE 'UTC', ${ISO}) AS delivered_at,
            CASE WHEN status = 'PENDING' THEN to_char(next_attempt_at AT TIME ZONE 'UTC', ${ISO}) END AS next_attempt_at
     FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY id DESC LIMIT 500`,
    [id],
  );
  return rows.map((r) => ({
    id: Number(r.id), objectType: r.object_type, recordId: r.record_id, status: r.status, attempts: r.attempts, lastStatus: r.last_status, lastError: r.last_error,
    createdDate: r.created_at, deliveredDate: r.delivered_at, nextAttemptDate: r.next_attempt_at,
  }));
}
