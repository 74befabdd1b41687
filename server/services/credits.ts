/**
 * Credits with the records-under-management rule: a record this account paid for in the last
 * 12 months is free again; any other costs one credit. One rule and one ledger for the enrich
 * endpoints and the audience jobs; concurrent charges cannot overspend (the account row is locked).
 */
import type { Db, Queryable } from '../db/index.ts';
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

/**
 * Charges the records not under management, in the caller's transaction `tx` (the account row is
 * locked first, so concurrent charges of one account queue). `all` (the enrich endpoints): all or
 * nothing, 402 spending nothing when credits run short. `partial` (audience jobs): as many as the
 * credits cover, in the order given; the rest come back in `refused`, uncharged.
 */
export async function charge(
  tx: Queryable,
  account: string,
  kind: RecordKind,
  recordIds: readonly number[],
  limit: number,
  mode: 'all' | 'partial' = 'all',
): Promise<Usage & { charged: number; refused: number[] }> {
  const ids = [...new Set(recordIds)];
  const [row] = await tx.query<{ credits_used: number }>(
    ids.length === 0
      ? 'SELECT credits_used FROM accounts WHERE account = $1'
      : `INSERT INTO accounts (account) VALUES ($1)
         ON CONFLICT (account) DO UPDATE SET account = EXCLUDED.account
         RETURNING credits_used`,
    [account],
  );
  const used = row?.credits_used ?? 0;
  const managed = ids.length === 0
    ? []
    : await tx.query<{ record_id: number }>(
        `SELECT record_id FROM record_charges
         WHERE account = $1 AND kind = $2 AND record_id = ANY($3::int[]) AND charged_at > now() - interval '12 months'`,
        [account, kind, ids],
      );
  const free = new Set(managed.map((r) => r.record_id));
  const owed = ids.filter((id) => !free.has(id));
  const remaining = Math.max(0, limit - used);
  if (mode === 'all' && owed.length > remaining) {
    throw new ApiFailure(
      'credits_exhausted',
      `This call needs ${owed.length} credit(s) for records not enriched in the last 12 months, and ${remaining} remain. Nothing was charged.`,
      { 'X-Usage-Record-Limit-Remaining': String(remaining) },
    );
  }
  const due = owed.slice(0, remaining);
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
  return { limit, used: nowUsed, remaining: Math.max(0, limit - nowUsed), charged: due.length, refused: owed.slice(due.length) };
}
