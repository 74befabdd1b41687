/**
 * Record changes become webhook deliveries. The accounts told are those that paid for the record
 * in the last 12 months (records under management, the enrich rule) and have an enabled webhook
 * subscribed to its object type; each gets one delivery row, sent later by the delivery worker.
 */
import type { Queryable } from '../../db/index.ts';
import { COMPANY_SELECT, CONTACT_SELECT, toEnrichedCompany, toEnrichedContact, type CompanyRecord, type ContactRecord } from '../records.ts';
import type { ObjectType } from './schemas.ts';

/** Fields a payload always carries so the receiver can map it (published). */
const ALWAYS: Record<ObjectType, string[]> = { Contact: ['id', 'firstName', 'lastName', 'email'], Company: ['id', 'name', 'website'] };

async function loadRecord(db: Queryable, objectType: ObjectType, id: number): Promise<Record<string, unknown> | null> {
  if (objectType === 'Contact') {
    const [r] = await db.query<ContactRecord>(`${CONTACT_SELECT} WHERE ct.id = $1`, [id]);
    return r ? { ...toEnrichedContact(r) } : null;
  }
  const [r] = await db.query<CompanyRecord>(`${COMPANY_SELECT} WHERE co.id = $1`, [id]);
  return r ? { ...toEnrichedCompany(r) } : null;
}

/** Queues the deliveries of one change; answers how many were queued. */
export async function recordChanged(db: Queryable, objectType: ObjectType, id: number, changedAttributes: string[]): Promise<number> {
  const record = await loadRecord(db, objectType, id);
  if (!record) return 0;
  const targets = await db.query<{ id: string; title: string | null; full_payload: boolean }>(
    `SELECT DISTINCT ON (w.id) w.id, w.title, s.full_payload
     FROM webhooks w JOIN webhook_subscriptions s ON s.webhook_id = w.id
     WHERE w.enabled AND s.object_type = $1 AND s.event_type = 'Update'
       AND EXISTS (SELECT 1 FROM record_charges rc WHERE rc.account = w.account AND rc.kind = $2 AND rc.record_id = $3 AND rc.charged_at > now() - interval '12 months')
     ORDER BY w.id, s.full_payload DESC`,
    [objectType, objectType.toLowerCase(), id],
  );
  if (targets.length === 0) return 0;
  const bodies = targets.map((t) => {
    const fields = t.full_payload ? Object.keys(record) : [...ALWAYS[objectType], ...changedAttributes];
    const data = Object.fromEntries(fields.map((f) => [f, record[f] ?? null]));
    return JSON.stringify({ webhookDetails: { id: t.id, title: t.title, objectType, eventType: 'Update' }, data: [{ ...data, changedAttributes }] });
  });
  await db.query(
    `INSERT INTO webhook_deliveries (webhook_id, object_type, record_id, body, status) SELECT u.id, $3, $4, u.body, 'PENDING' FROM unnest($1::text[], $2::text[]) AS u(id, body)`,
    [targets.map((t) => t.id), bodies, objectType, id],
  );
  return targets.length;
}
