import type { Cost } from '../schemas/lookup.ts';
import type { Settings } from '../schemas/settings.ts';

/**
 * What automatic enrichment may spend (issue 17): a daily cap for the user's local day and a cap
 * per page, counted in storage so a worker restart forgets nothing. Clicks are never refused but
 * count towards today's total. A record this browser enriched in the last 12 months costs nothing
 * (the provider's records-under-management rule), so it is refunded and never counts.
 */

export interface CreditSpend {
  /** The user's local day, YYYY-MM-DD: the counts below belong to it. */
  day: string;
  spent: number;
  /** Credits automatic enrichment spent per page (`tabId url`) today. */
  pages: Record<string, number>;
}

/** `contact:<id>` / `company:<id>` → when this browser last paid for that record. */
export type EnrichedRecords = Record<string, number>;

export type HeldReason = 'page_cap' | 'daily_cap';
export type Caps = Pick<Settings, 'dailyCreditCap' | 'pageCreditCap'>;
export type RecordKind = 'contact' | 'company';


export interface BudgetStores {
  spend: { load(): Promise<CreditSpend | null>; save(value: CreditSpend): Promise<void> };
  records: { load(): Promise<EnrichedRecords>; save(value: EnrichedRecords): Promise<void> };
}

export type Reservation = { ok: true; day: string; page: string } | { ok: false; reason: HeldReason };

/** Records under management stay free this long (api-contract.md §2, "Limits, credits"). */
export const FREE_FOR_MS = 365 * 24 * 3_600_000;

export function localDay(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export const pageKey = (tabId: number, url: string) => `${tabId} ${url}`;

export class CreditBudget {
  private readonly stores: BudgetStores;
  private readonly now: () => number;
  /** Read-modify-write of the counts, one at a time: sixty lookups reserve at once. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(stores: BudgetStores, now: () => number = Date.now) {
    this.stores = stores;
    this.now = now;
  }

  /** Today's spend; yesterday's counts read as zero. */
  async today(): Promise<CreditSpend> {
    const day = localDay(this.now());
    const saved = await this.stores.spend.load();
    return saved?.day === day ? saved : { day, spent: 0, pages: {} };
  }

  /** One credit for automatic enrichment on `page`, unless a cap says no. */
  async reserve(page: string, caps: Caps): Promise<Reservation> {
    const [reservation] = await this.reserveMany(page, 1, caps);
    return reservation ?? { ok: false, reason: 'page_cap' };
  }

  /**
   * `count` credits at once, in one read and one write: a page's lookups reserve together, so they
   * still reach the batcher within one window (25 inputs a call).
   */
  reserveMany(page: string, count: number, caps: Caps): Promise<Reservation[]> {
    return this.serial(async () => {
      const spend = await this.today();
      let spent = spend.spent;
      let onPage = spend.pages[page] ?? 0;
      const out: Reservation[] = [];
      for (let i = 0; i < count; i++) {
        if (spent >= caps.dailyCreditCap) out.push({ ok: false, reason: 'daily_cap' });
        else if (onPage >= caps.pageCreditCap) out.push({ ok: false, reason: 'page_cap' });
        else {
          spent++;
          onPage++;
          out.push({ ok: true, day: spend.day, page });
        }
      }
      if (spent !== spend.spent) await this.stores.spend.save({ ...spend, spent, pages: { ...spend.pages, [page]: onPage } });
      return out;
    });
  }

  /**
   * The enrichment a reservation was for has answered: `record` is what it revealed (null: no
   * match, nothing charged). A record enriched within 12 months gives its credit back.
   */
  async settle(reservation: Extract<Reservation, { ok: true }>, record: { kind: RecordKind; id: number } | null): Promise<Cost> {
    const cost = record ? await this.noteEnriched(record.kind, record.id) : ({ kind: 'preview' } as const);
    if (cost.kind !== 'spent') await this.release(reservation);
    return cost;
  }

  /** A click revealed `record`: never refused, counted in today's total unless it was free. */
  async charge(kind: RecordKind, id: number): Promise<Cost> {
    const cost = await this.noteEnriched(kind, id);
    if (cost.kind === 'spent') {
      await this.serial(async () => {
        const spend = await this.today();
        await this.stores.spend.save({ ...spend, spent: spend.spent + 1 });
      });
    }
    return cost;
  }

  /** What revealing this record would cost now, from what this browser already paid for. */
  async costOf(kind: RecordKind, id: number): Promise<Cost | null> {
    const at = (await this.stores.records.load())[`${kind}:${id}`];
    return at !== undefined && this.now() - at < FREE_FOR_MS ? { kind: 'free', enrichedAt: at } : null;
  }

  private release(reservation: Extract<Reservation, { ok: true }>): Promise<void> {
    return this.serial(async () => {
      const spend = await this.today();
      // After midnight the reservation belongs to a day already gone: nothing to give back.
      if (spend.day !== reservation.day) return;
      const onPage = Math.max(0, (spend.pages[reservation.page] ?? 0) - 1);
      await this.stores.spend.save({ ...spend, spent: Math.max(0, spend.spent - 1), pages: { ...spend.pages, [reservation.page]: onPage } });
    });
  }

  private noteEnriched(kind: RecordKind, id: number): Promise<Cost> {
    return this.serial(async () => {
      const now = this.now();
      const records = await this.stores.records.load();
      const key = `${kind}:${id}`;
      const at = records[key];
      if (at !== undefined && now - at < FREE_FOR_MS) return { kind: 'free', enrichedAt: at } as const;
      const kept = Object.fromEntries(Object.entries(records).filter(([, t]) => now - t < FREE_FOR_MS));
      await this.stores.records.save({ ...kept, [key]: now });
      return { kind: 'spent', at: now } as const;
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
