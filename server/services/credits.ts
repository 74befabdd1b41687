/**
 * Credits with the records-under-management rule: a record this account paid for in the last
 * 12 months is free again; any other costs one credit. All or nothing, in one transaction, so a
 * 402 spends nothing and concurrent calls cannot overspend (the account row is locked).
 */
import type { Db } from '../db/index.ts';
import { ApiFailure } from '../lib/errors.ts';

export type RecordKind = 'contact' | 'company';

export interface Usage {
  limit: number;
  used: number;
  remaining: number;
}

export async function usage(db: Db, account: string, limit: number): Promise<Usage> {
  const [row] = await db.query<{ credits_used: number }>('SELECT credits_used FROM accounts WHERE account = $1', [account]);
  const used = row?.credits_used ?? 0;
  return { limit, used, remaining: Math.max(0, limit - used) };
}

/** Charges the records not under management; throws 402 (spending nothing) if credits run short. */
export async function charge(db: Db, account: string, kind: RecordKind, recordIds: number[], limit: number): Promise<Usage & { charged: number }> {
  const ids = [...new Set(recordIds)];
  if (ids.length === 0) return { ...(await usage(db, account, limit)), charged: 0 };
  // Few round trips while the account row is locked: concurrent calls of one account queue here.
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ credits_used: number }>(
      `INSERT INTO accounts (account) VALUES ($1)
       ON CONFLICT (account) DO UPDATE SET account = EXCLUDED.account
       RETURNING credits_used`,
      [account],
    );
    const used = row?.credits_used ?? 0;
    const managed = await tx.query<{ record_id: number }>(
      `SELECT record_id FROM record_charges
       WHERE account = $1 AND kind = $2 AND record_id = ANY($3::int[]) AND charged_at > now() - interval '12 months'`,
      [account, kind, ids],
    );
    const free = new Set(managed.map((r) => r.record_id));
    const due = ids.filter((id) => !free.has(id));
    if (due.length > 0 && used + due.length > limit) {
      const remaining = Math.max(0, limit - used);
      throw new ApiFailure(
        'credits_exhausted',
        `This call needs ${due.length} credit(s) for records not enriched in the last 12 months, and ${remaining} remain. Nothing was charged.`,
        { 'X-Usage-Record-Limit-Remaining': String(remaining) },
      );
    }
    if (due.length > 0) {
      await tx.query(
        `WITH charged AS (
           INSERT INTO record_charges (account, kind, record_id, charged_at)
           SELECT $1, $2, id, now() FROM unnest($3::int[]) AS u(id)
           ON CONFLICT (account, kind, record_id) DO UPDATE SET charged_at = EXCLUDED.charged_at
           RETURNING 1)
         UPDATE accounts SET credits_used = credits_used + (SELECT count(*) FROM charged)::int WHERE account = $1`,
        [account, kind, due],
      );
    }
    const nowUsed = used + due.length;
    return { limit, used: nowUsed, remaining: Math.max(0, limit - nowUsed), charged: due.length };
  });
}
