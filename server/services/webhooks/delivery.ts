/**
 * The webhook delivery worker: one per server process, built like the Audiences and bulk workers.
 * It leases due deliveries (FOR UPDATE SKIP LOCKED, lease_until), POSTs each signed body, and
 * records the attempt. A failure is retried after WEBHOOK_RETRY_MS, then twice as long each time;
 * after MAX_ATTEMPTS the delivery is FAILED, and a webhook whose deliveries keep failing
 * (DISABLE_AFTER_FAILURES attempts in a row) is disabled, with the reason in its disabledReason.
 */
import { PollingWorker } from '../../lib/polling-worker.ts';
import type { Db } from '../../db/index.ts';
import { sign, SIGNATURE_HEADER, TOKEN_HEADER } from './signing.ts';

export const MAX_ATTEMPTS = 5;
export const DISABLE_AFTER_FAILURES = 5;
const LEASE_SECONDS = 30;
const BATCH = 20;
const TIMEOUT_MS = 10_000;

interface Due {
  id: string;
  webhook_id: string;
  body: string;
  attempts: number;
  target_url: string;
  verification_token: string;
}

export class WebhookWorker extends PollingWorker {
  private readonly db: Db;
  private readonly retryMs: number;

  constructor(db: Db, retryMs: number) {
    super('webhook worker', 200);
    this.db = db;
    this.retryMs = retryMs;
  }

  protected async drain(): Promise<void> {
    for (;;) {
      if (this.stopping.signal.aborted) return;
      const due = await this.db.query<Due>(
        `WITH claimed AS (
           UPDATE webhook_deliveries SET lease_owner = $1, lease_until = now() + interval '${LEASE_SECONDS} seconds'
           WHERE id IN (SELECT d.id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
                        WHERE d.status = 'PENDING' AND d.next_attempt_at <= now() AND w.enabled AND (d.lease_until IS NULL OR d.lease_until < now())
                        ORDER BY d.next_attempt_at, d.id LIMIT ${BATCH} FOR UPDATE OF d SKIP LOCKED)
           RETURNING id, webhook_id, body, attempts)
         SELECT c.id::text AS id, c.webhook_id, c.body, c.attempts, w.target_url, w.verification_token
         FROM claimed c JOIN webhooks w ON w.id = c.webhook_id ORDER BY c.id`,
        [this.id],
      );
      if (due.length === 0) return;
      // One webhook's deliveries in order; different webhooks side by side.
      const byWebhook = new Map<string, Due[]>();
      for (const d of due) byWebhook.set(d.webhook_id, [...(byWebhook.get(d.webhook_id) ?? []), d]);
      await Promise.all([...byWebhook.values()].map(async (list) => {
        for (const d of list) await this.attempt(d);
      }));
    }
  }

  private async attempt(d: Due): Promise<void> {
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(d.target_url, {
        method: 'POST',
        body: d.body,
        redirect: 'manual',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: d.verification_token, [SIGNATURE_HEADER]: sign(d.verification_token, d.body, Math.floor(Date.now() / 1000)) },
        signal: AbortSignal.any([AbortSignal.timeout(TIMEOUT_MS), this.stopping.signal]),
      });
      await res.body?.cancel();
      status = res.status;
      if (status < 200 || status >= 300) error = `answered ${status}`;
    } catch (e) {
      if (this.stopping.signal.aborted) return;
      error = e instanceof Error && e.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : 'unreachable';
    }
    const attempts = d.attempts + 1;
    if (error === null) {
      await this.db.transaction(async (tx) => {
        await tx.query(
          `UPDATE webhook_deliveries SET status = 'DELIVERED', attempts = $3, last_status = $4, last_error = NULL, delivered_at = now(), lease_owner = NULL, lease_until = NULL
           WHERE id = $1 AND lease_owner = $2`,
          [d.id, this.id, attempts, status],
        );
        await tx.query('UPDATE webhooks SET consecutive_failures = 0 WHERE id = $1', [d.webhook_id]);
      });
      return;
    }
    const delayMs = this.retryMs * 2 ** (attempts - 1);
    await this.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE webhook_deliveries SET attempts = $3, last_status = $4, last_error = $5, lease_owner = NULL, lease_until = NULL,
           status = CASE WHEN $3 >= ${MAX_ATTEMPTS} THEN 'FAILED' ELSE 'PENDING' END,
           next_attempt_at = now() + $6 * interval '1 millisecond'
         WHERE id = $1 AND lease_owner = $2`,
        [d.id, this.id, attempts, status, error, delayMs],
      );
      await tx.query(
        `UPDATE webhooks SET consecutive_failures = consecutive_failures + 1,
           enabled = CASE WHEN consecutive_failures + 1 >= ${DISABLE_AFTER_FAILURES} THEN false ELSE enabled END,
           disabled_reason = CASE WHEN consecutive_failures + 1 >= ${DISABLE_AFTER_FAILURES}
             THEN 'Disabled after ' || (consecutive_failures + 1) || ' failed deliveries in a row (last: ' || $2 || '); fix the receiver and enable it again.' ELSE disabled_reason END
         WHERE id = $1`,
        [d.webhook_id, error],
      );
    });
  }
}
