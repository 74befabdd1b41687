/**
 * Seeding: the demo records (always rewritten to their exact values) and the generated records
 * (only when the requested seed/counts differ from what the database holds: idempotent).
 */
import type { Db, Queryable } from '../db/index.ts';
import { demoCompanyRow, demoContactRow, demoNewsRows, demoScoopRows, loadDemoDataset } from './demo.ts';
import { GENERATED_COMPANY_BASE, GENERATED_CONTACT_BASE, Generator } from './generate.ts';
import { DEMO_FAMILY, demoOrg } from './org.ts';
import { TOPICS } from './pools.ts';
import type { CompanyRow, ContactRow, NewsRow, ScoopRow, SignalRow } from './rows.ts';
import { upsertCompanies, upsertContacts, upsertNews, upsertScoops, upsertSignals } from './rows.ts';

export interface SeedOptions {
  companies: number;
  contacts: number;
  seed: number;
  /** Rows per INSERT. */
  batchSize?: number;
  /**
   * The demo companies' org charts and corporate family (migration 40's tables); default true.
   * False only for a database an older release left, as the migration tests build one.
   */
  structure?: boolean;
  onProgress?: (message: string) => void;
}

export interface SeedResult {
  generated: boolean;
  companies: number;
  contacts: number;
  ms: number;
}

const GENERATOR_VERSION = 1;

/** All topic names, in a fixed order: ids are positions + 1. */
export function topicNames(): string[] {
  const names = [...TOPICS];
  for (const company of loadDemoDataset().companies) {
    for (const signal of company.intent) if (!names.includes(signal.topic)) names.push(signal.topic);
  }
  return names;
}

export async function seed(db: Db, options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const batch = options.batchSize ?? 5000;
  const topics = topicNames();
  const topicId = new Map(topics.map((name, i) => [name, i + 1]));
  const demo = loadDemoDataset();

  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO topics (id, name) SELECT * FROM unnest($1::int[], $2::text[])
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name`,
      [topics.map((_, i) => i + 1), topics],
    );
    await upsertCompanies(tx, demo.companies.map(demoCompanyRow));
    await upsertContacts(tx, demo.contacts.map(demoContactRow));
    const demoIds = demo.companies.map((c) => c.id);
    if (options.structure !== false) await seedDemoStructure(tx, demoIds);
    await tx.query('DELETE FROM intent_signals WHERE company_id = ANY($1::int[])', [demoIds]);
    await upsertSignals(
      tx,
      demo.companies.flatMap((c) =>
        c.intent.map((s) => ({
          company_id: c.id,
          topic_id: topicId.get(s.topic) ?? 0,
          score: s.score,
          signal_date: s.signal_date,
          audience_strength: s.audience_strength,
          spike: s.spike,
        })),
      ),
    );
    await tx.query('DELETE FROM news WHERE company_id = ANY($1::int[])', [demoIds]);
    await tx.query('DELETE FROM scoops WHERE company_id = ANY($1::int[])', [demoIds]);
    await upsertNews(tx, demo.companies.flatMap(demoNewsRows));
    await upsertScoops(tx, demo.companies.flatMap(demoScoopRows));
  });

  const wanted = JSON.stringify({ v: GENERATOR_VERSION, seed: options.seed, companies: options.companies, contacts: options.contacts });
  const [state] = await db.query<{ value: string }>("SELECT value FROM seed_state WHERE key = 'generated'");
  let generated = false;
  if (state?.value !== wanted) {
    generated = true;
    options.onProgress?.(`generating ${options.companies} companies and ${options.contacts} contacts`);
    await db.query("DELETE FROM seed_state WHERE key = 'generated'");
    await db.query('DELETE FROM intent_signals WHERE company_id > $1', [GENERATED_COMPANY_BASE]);
    await db.query('DELETE FROM news WHERE id >= $1', [GENERATED_CONTACT_BASE]);
    await db.query('DELETE FROM scoops WHERE id >= $1', [GENERATED_CONTACT_BASE]);
    await db.query('DELETE FROM contacts WHERE id > $1 OR id BETWEEN 999000 AND 999999', [GENERATED_CONTACT_BASE]);
    await db.query('DELETE FROM companies WHERE id > $1', [GENERATED_COMPANY_BASE]);
    const gen = new Generator(options.seed, options.companies, topics);
    // A big load goes faster without secondary indexes: drop them, load, rebuild them once.
    const bulk = options.companies + options.contacts > 50_000;
    const indexes = bulk ? await dropSecondaryIndexes(db) : [];
    // Generate the next batch while the database writes the previous one.
    let inFlight: Promise<void> = Promise.resolve();
    const write = async (job: () => Promise<void>) => {
      await inFlight;
      inFlight = job();
    };

    for (let start = 0; start < options.companies; start += batch) {
      const companies: CompanyRow[] = [];
      const signals: SignalRow[] = [];
      const news: NewsRow[] = [];
      const scoops: ScoopRow[] = [];
      for (let i = start; i < Math.min(options.companies, start + batch); i++) {
        const c = gen.company(i);
        companies.push(c.row);
        for (const s of c.signals) signals.push({ ...s, company_id: c.row.id, topic_id: topicId.get(s.topic) ?? 0 });
        news.push(...c.news);
        scoops.push(...c.scoops);
      }
      await write(async () => {
        await upsertCompanies(db, companies);
        await upsertSignals(db, signals);
        await upsertNews(db, news);
        await upsertScoops(db, scoops);
      });
    }
    await inFlight;
    options.onProgress?.('companies done');
    if (options.companies > 0) {
      for (let start = 0; start < options.contacts; start += batch) {
        const contacts: ContactRow[] = [];
        for (let i = start; i < Math.min(options.contacts, start + batch); i++) contacts.push(gen.contact(i));
        await write(() => upsertContacts(db, contacts));
        if (start > 0 && start % (batch * 40) === 0) options.onProgress?.(`${start} contacts`);
      }
      await inFlight;
      await upsertContacts(db, gen.namesakes());
    }
    if (bulk) await rebuildIndexes(db, indexes);
    await refreshLookups(db);
    // VACUUM as well after a bulk load: it sets the visibility map (index-only scans) and spares
    // the first minutes of traffic an autovacuum of the whole table.
    await db.query(bulk ? 'VACUUM ANALYZE' : 'ANALYZE');
    await db.query("INSERT INTO seed_state (key, value) VALUES ('generated', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", [wanted]);
  } else {
    const pending = await pendingIndexes(db);
    if (pending.length > 0) await rebuildIndexes(db, pending);
    await refreshLookups(db);
  }
  const [counts] = await db.query<{ companies: number; contacts: number }>(
    'SELECT (SELECT count(*) FROM companies)::int AS companies, (SELECT count(*) FROM contacts)::int AS contacts',
  );
  return { generated, companies: counts?.companies ?? 0, contacts: counts?.contacts ?? 0, ms: Math.round(performance.now() - started) };
}

/** The demo companies' reporting trees (with the people they need) and their corporate family. */
async function seedDemoStructure(tx: Queryable, demoIds: number[]): Promise<void> {
  const org = demoOrg(loadDemoDataset());
  await upsertContacts(tx, org.contacts);
  await tx.query('DELETE FROM org_positions WHERE company_id = ANY($1::int[])', [demoIds]);
  await tx.query(
    `INSERT INTO org_positions (contact_id, company_id, manager_id, tier, sub_tier)
     SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::int[])`,
    [org.positions.map((p) => p.contact_id), org.positions.map((p) => p.company_id), org.positions.map((p) => p.manager_id), org.positions.map((p) => p.tier), org.positions.map((p) => p.sub_tier)],
  );
  await tx.query('DELETE FROM corporate_family WHERE company_id = ANY($1::int[]) OR parent_id = ANY($1::int[])', [demoIds]);
  await tx.query(
    `INSERT INTO corporate_family (company_id, parent_id, sub_unit_type, sub_unit_desc, acquired_date)
     SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::date[])`,
    [DEMO_FAMILY.map((f) => f.company_id), DEMO_FAMILY.map((f) => f.parent_id), DEMO_FAMILY.map((f) => f.sub_unit_type), DEMO_FAMILY.map((f) => f.sub_unit_desc), DEMO_FAMILY.map((f) => f.acquired_date)],
  );
}

/** Drops the secondary indexes of the big tables and returns their definitions, to rebuild them. */
async function dropSecondaryIndexes(db: Db): Promise<string[]> {
  const rows = await db.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes
     WHERE schemaname = current_schema() AND tablename IN ('companies', 'contacts') AND indexname NOT LIKE '%_pkey'`,
  );
  // Remember them first: if this load dies half-way, the next start rebuilds them.
  const definitions = [...new Set([...(await pendingIndexes(db)), ...rows.map((r) => r.indexdef)])];
  await db.query(
    "INSERT INTO seed_state (key, value) VALUES ('pending_indexes', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
    [JSON.stringify(definitions)],
  );
  for (const row of rows) await db.query(`DROP INDEX IF EXISTS ${row.indexname}`);
  return definitions;
}

async function pendingIndexes(db: Db): Promise<string[]> {
  const [row] = await db.query<{ value: string }>("SELECT value FROM seed_state WHERE key = 'pending_indexes'");
  return row ? (JSON.parse(row.value) as string[]) : [];
}

async function rebuildIndexes(db: Db, definitions: string[]): Promise<void> {
  for (const definition of definitions) await db.query(definition.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS '));
  await db.query("DELETE FROM seed_state WHERE key = 'pending_indexes'");
}

/** The values behind GET /lookup/{field}, with stable ids (sorted by name). */
async function refreshLookups(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM lookups');
    const fill = (kind: string, select: string) =>
      tx.query(
        `INSERT INTO lookups (kind, id, name)
         SELECT $1, row_number() OVER (ORDER BY name), name FROM (${select}) AS v(name) WHERE name IS NOT NULL`,
        [kind],
      );
    await fill('departments', 'SELECT DISTINCT department FROM contacts');
    await fill('managementlevel', 'SELECT DISTINCT seniority FROM contacts');
    await fill('industries', 'SELECT DISTINCT industry FROM companies');
    await tx.query("INSERT INTO lookups (kind, id, name) SELECT 'intent/topics', id, name FROM topics");
  });
}
