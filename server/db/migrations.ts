/**
 * Versioned migrations. Each runs once, in order, in its own transaction, and is recorded in
 * `schema_migrations`. Never edit a released migration: add the next version.
 *
 * Index choices (checked with EXPLAIN on a 100k/1M seed, see tests/bench/server.ts):
 * - arrays (technologies, functions) are stored lower-cased too and indexed with GIN, for `&&`;
 * - partial text matches (job titles, company names) use pg_trgm GIN indexes, for ILIKE '%…%';
 * - email / hashed email / phone / LinkedIn lookups are btree on normalised columns;
 * - company locations use one btree on (country, state, city), lower-cased, which serves all three
 *   forms; contacts keep a copy of their company's location for searches that also filter on the
 *   person (migration 4).
 */
import type { Db } from './index.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'records',
    sql: `
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE companies (
  id              integer PRIMARY KEY,
  name            text NOT NULL,
  domain          text,
  website         text,
  tld             text,
  industry        text,
  sub_industry    text,
  functions       text[] NOT NULL DEFAULT '{}',
  functions_lc    text[] NOT NULL DEFAULT '{}',
  employees       integer,
  revenue_usd     double precision,
  city            text,
  state           text,
  country         text,
  technologies    text[] NOT NULL DEFAULT '{}',
  technologies_lc text[] NOT NULL DEFAULT '{}',
  created_at      timestamptz NOT NULL,
  founded_year    integer,
  ticker          text,
  linkedin_url    text,
  street          text,
  zip_code        text,
  phone           text,
  description     text,
  total_funding_usd   double precision,
  recent_funding_date date
);
CREATE INDEX companies_domain ON companies (domain);
CREATE INDEX companies_name_lower ON companies (lower(name));
CREATE INDEX companies_name_trgm ON companies USING gin (lower(name) gin_trgm_ops);
CREATE INDEX companies_technologies ON companies USING gin (technologies_lc);
CREATE INDEX companies_functions ON companies USING gin (functions_lc);
CREATE INDEX companies_location ON companies (lower(country), lower(coalesce(state, '')), lower(city));
CREATE INDEX companies_industry ON companies (lower(industry));
CREATE INDEX companies_tld ON companies (tld);
CREATE INDEX companies_created_at ON companies (created_at);

CREATE TABLE contacts (
  id                 integer PRIMARY KEY,
  company_id         integer NOT NULL REFERENCES companies (id),
  first_name         text NOT NULL,
  last_name          text NOT NULL,
  job_title          text,
  department         text,
  seniority          text,
  is_decision_maker  boolean NOT NULL DEFAULT false,
  email              text,
  email_sha256       text,
  personal_email     text,
  personal_email_sha256 text,
  phone              text,
  phone_digits       text,
  mobile_phone       text,
  mobile_digits      text,
  direct_dnc         boolean,
  mobile_dnc         boolean,
  linkedin_url       text,
  linkedin_key       text,
  city               text,
  state              text,
  country            text,
  accuracy_score     integer,
  updated_at         timestamptz,
  picture            text
);
CREATE INDEX contacts_company ON contacts (company_id);
CREATE INDEX contacts_email ON contacts (lower(email));
CREATE INDEX contacts_personal_email ON contacts (lower(personal_email)) WHERE personal_email IS NOT NULL;
CREATE INDEX contacts_email_sha256 ON contacts (email_sha256);
CREATE INDEX contacts_personal_email_sha256 ON contacts (personal_email_sha256) WHERE personal_email_sha256 IS NOT NULL;
CREATE INDEX contacts_phone ON contacts (phone_digits) WHERE phone_digits IS NOT NULL;
CREATE INDEX contacts_mobile ON contacts (mobile_digits) WHERE mobile_digits IS NOT NULL;
CREATE INDEX contacts_linkedin ON contacts (linkedin_key) WHERE linkedin_key IS NOT NULL;
CREATE INDEX contacts_name ON contacts (lower(last_name), lower(first_name));
CREATE INDEX contacts_job_title_trgm ON contacts USING gin (lower(job_title) gin_trgm_ops);
CREATE INDEX contacts_department ON contacts (department);
CREATE INDEX contacts_seniority ON contacts (seniority);

CREATE TABLE topics (
  id   integer PRIMARY KEY,
  name text NOT NULL UNIQUE
);
CREATE TABLE intent_signals (
  company_id        integer NOT NULL REFERENCES companies (id),
  topic_id          integer NOT NULL REFERENCES topics (id),
  score             integer NOT NULL CHECK (score BETWEEN 0 AND 100),
  signal_date       date NOT NULL,
  audience_strength text NOT NULL,
  spike             boolean NOT NULL,
  PRIMARY KEY (company_id, topic_id)
);
CREATE INDEX intent_signals_topic ON intent_signals (topic_id, score);

CREATE TABLE news (
  id             integer PRIMARY KEY,
  company_id     integer NOT NULL REFERENCES companies (id),
  headline       text NOT NULL,
  category       text,
  published_date date,
  url            text
);
CREATE INDEX news_company ON news (company_id, published_date DESC);

CREATE TABLE scoops (
  id             integer PRIMARY KEY,
  company_id     integer NOT NULL REFERENCES companies (id),
  type           text,
  description    text NOT NULL,
  published_date date
);
CREATE INDEX scoops_company ON scoops (company_id, published_date DESC);

CREATE TABLE lookups (
  kind text NOT NULL,
  id   integer NOT NULL,
  name text NOT NULL,
  PRIMARY KEY (kind, id)
);

CREATE TABLE seed_state (
  key   text PRIMARY KEY,
  value text NOT NULL
);
`,
  },
  {
    version: 2,
    name: 'credits',
    sql: `
CREATE TABLE accounts (
  account      text PRIMARY KEY,
  credits_used integer NOT NULL DEFAULT 0,
  created_at   timestamptz NOT NULL DEFAULT now()
);
-- Records under management: the last time this account paid for a record. Enriching it again
-- within 12 months of that is free.
CREATE TABLE record_charges (
  account    text NOT NULL REFERENCES accounts (account),
  kind       text NOT NULL CHECK (kind IN ('contact', 'company')),
  record_id  integer NOT NULL,
  charged_at timestamptz NOT NULL,
  PRIMARY KEY (account, kind, record_id)
);
`,
  },
  {
    version: 3,
    name: 'indexes-from-explain',
    // EXPLAIN on the 1M-contact seed: the partial personal-e-mail index had no statistics, so the
    // planner expected 125k matches for 25 addresses and hash-joined all companies (47 ms instead
    // of 1 ms); and a (department, seniority, company_id) index lets the count of a filtered
    // contact search run as an index-only scan (220 ms → 21 ms); the location index covers the
    // columns a join needs, so filtering companies by place is index-only too (no heap, no seq scan).
    sql: `
DROP INDEX IF EXISTS contacts_personal_email;
CREATE INDEX contacts_personal_email_lower ON contacts (lower(personal_email));
DROP INDEX IF EXISTS contacts_department;
CREATE INDEX contacts_department_seniority ON contacts (department, seniority, company_id);
DROP INDEX IF EXISTS companies_location;
CREATE INDEX companies_location ON companies (lower(country), lower(coalesce(state, '')), lower(city)) INCLUDE (id, country, state, city);
`,
  },
  {
    version: 4,
    name: 'contacts-company-location',
    // A contacts search by location filtered companies through the join: the page walked
    // contacts_pkey in id order probing each contact's company (Finance × C-Level,VP × France read
    // hundreds of thousands of contacts: 31 ms warm, 1.6 s cold), and the count hash-joined tens of
    // thousands of companies (57 ms). Contacts now keep a lower-cased copy of their company's
    // location, so one index on (country, department, seniority, state, city, id) answers the count,
    // and the page's ids of a selective filter set, without reading the tables or joining (a broad
    // set's page walks contacts_pkey and stops within a few hundred rows). On the 1M-contact seed,
    // over the bench's 90 filter sets: counts at most 6 ms, pages at most 4 ms. State and city are
    // key columns, not INCLUDE, so that the state and city forms narrow the scan once department
    // and seniority are given. Triggers keep the copy right: a contact takes it from its company
    // when inserted or given another company_id, and a company's new place is copied to its
    // contacts.
    sql: `
ALTER TABLE contacts
  ADD COLUMN company_country_lc text,
  ADD COLUMN company_state_lc text,
  ADD COLUMN company_city_lc text;

UPDATE contacts ct
SET company_country_lc = lower(co.country), company_state_lc = lower(coalesce(co.state, '')), company_city_lc = lower(co.city)
FROM companies co WHERE co.id = ct.company_id;

CREATE FUNCTION contacts_copy_company_location() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT lower(co.country), lower(coalesce(co.state, '')), lower(co.city)
  INTO NEW.company_country_lc, NEW.company_state_lc, NEW.company_city_lc
  FROM companies co WHERE co.id = NEW.company_id;
  RETURN NEW;
END
$$;

CREATE TRIGGER contacts_copy_company_location BEFORE INSERT OR UPDATE OF company_id ON contacts
FOR EACH ROW EXECUTE FUNCTION contacts_copy_company_location();

CREATE FUNCTION companies_push_location() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE contacts
  SET company_country_lc = lower(NEW.country), company_state_lc = lower(coalesce(NEW.state, '')), company_city_lc = lower(NEW.city)
  WHERE company_id = NEW.id;
  RETURN NULL;
END
$$;

-- The seed rewrites the demo companies on every start: only a real change touches their contacts.
CREATE TRIGGER companies_push_location AFTER UPDATE OF country, state, city ON companies
FOR EACH ROW WHEN (OLD.country IS DISTINCT FROM NEW.country OR OLD.state IS DISTINCT FROM NEW.state OR OLD.city IS DISTINCT FROM NEW.city)
EXECUTE FUNCTION companies_push_location();

CREATE INDEX contacts_company_location ON contacts
  (company_country_lc, department, seniority, company_state_lc, company_city_lc, id);
`,
  },
  {
    version: 5,
    name: 'rate limits shared by every server process',
    // UNLOGGED: no WAL for a table rewritten at every request; a crash forgets at most a minute.
    sql: `
CREATE UNLOGGED TABLE rate_limit_hits (
  account  text NOT NULL,
  at_ms    bigint NOT NULL
);
CREATE INDEX rate_limit_hits_account ON rate_limit_hits (account, at_ms);
CREATE INDEX rate_limit_hits_at ON rate_limit_hits (at_ms);
`,
  },
  {
    version: 20,
    name: 'audiences',
    // GTM Studio audiences (api-contract.md §4). A row's cells are one jsonb object keyed by column
    // id ({ v: value, s: state, e: errorDetails }); a missing key is a BLANK cell. Rows waiting for
    // an enrichment job carry its id (pending_job); a worker leases a chunk of them (lease_owner,
    // lease_until) and clears both in the transaction that writes the chunk's cells, so a chunk is
    // written once whoever claimed it last, and a dead worker's lease simply runs out.
    sql: `
CREATE TABLE gtm_tokens (
  token_hash text PRIMARY KEY,
  client_id  text NOT NULL,
  scopes     text[] NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE TABLE gtm_folders (
  id         text PRIMARY KEY,
  name       text NOT NULL,
  notes      text,
  starred    boolean NOT NULL DEFAULT false,
  created_by text NOT NULL,
  updated_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE gtm_audiences (
  id           text PRIMARY KEY,
  folder_id    text NOT NULL REFERENCES gtm_folders (id),
  name         text NOT NULL,
  notes        text,
  type         text NOT NULL CHECK (type IN ('CONTACT', 'COMPANY')),
  origin       text NOT NULL DEFAULT 'CUSTOM',
  record_count integer NOT NULL DEFAULT 0,
  created_by   text NOT NULL,
  updated_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gtm_audiences_folder ON gtm_audiences (folder_id);
CREATE TABLE gtm_columns (
  id                text PRIMARY KEY,
  audience_id       text NOT NULL REFERENCES gtm_audiences (id) ON DELETE CASCADE,
  position          serial,
  name              text NOT NULL,
  column_type       text NOT NULL,
  data_type         text NOT NULL,
  prompt            text,
  tool              text,
  data_dependencies jsonb,
  expression        text,
  mapped_to         text,
  is_frozen         boolean NOT NULL DEFAULT false,
  is_hidden         boolean NOT NULL DEFAULT false,
  created_by        text NOT NULL,
  updated_by        text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gtm_columns_audience ON gtm_columns (audience_id, position);
CREATE UNIQUE INDEX gtm_columns_one_match ON gtm_columns (audience_id) WHERE column_type = 'ZOOMINFO_MATCH';
CREATE TABLE gtm_rows (
  id          bigserial PRIMARY KEY,
  audience_id text NOT NULL REFERENCES gtm_audiences (id) ON DELETE CASCADE,
  cells       jsonb NOT NULL DEFAULT '{}',
  pending_job text,
  lease_owner text,
  lease_until timestamptz,
  -- The worker that last wrote the row's enriched cells (which process did the work).
  enriched_by text,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gtm_rows_audience ON gtm_rows (audience_id, id);
CREATE INDEX gtm_rows_pending ON gtm_rows (pending_job, id) WHERE pending_job IS NOT NULL;
CREATE TABLE gtm_jobs (
  id           text PRIMARY KEY,
  audience_id  text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('ENRICH', 'DELETE_ROWS')),
  account      text NOT NULL,
  status       text NOT NULL,
  total        integer NOT NULL DEFAULT 0,
  processed    integer NOT NULL DEFAULT 0,
  missed       integer NOT NULL DEFAULT 0,
  errored      integer NOT NULL DEFAULT 0,
  heartbeat_at timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz
);
CREATE INDEX gtm_jobs_active ON gtm_jobs (created_at) WHERE status IN ('SCHEDULED', 'RUNNING');
CREATE INDEX gtm_jobs_audience ON gtm_jobs (audience_id);
`,
  },
  {
    version: 21,
    name: 'audience cells typed for search',
    // The rows search compared values inside each row's jsonb, reading every row of the audience
    // (p95 493 ms on 100,000 rows). gtm_cells holds each cell value once more, typed and indexed by
    // column, so a condition reads only the index entries of its column: a number (n) in a number
    // column (the data types values.ts kindOf calls numbers), else the lower-cased text (t): dates
    // as their ISO text, booleans as 'true' or 'false', a formula's number in a TEXT column as
    // written. A list column has one entry per item; any other column at most one per row.
    // gtm_rows.cells stays the record; services/audiences/cells.ts rewrites the entries of the
    // rows and columns each write changed, in the write's transaction. `col` is the column's
    // position: a small key for the indexes. A btree entry has a size limit: text is indexed by
    // its first 200 characters, k, a column of its own so that the index answers alone.
    sql: `
CREATE UNIQUE INDEX gtm_columns_key ON gtm_columns (position);
CREATE TABLE gtm_cells (
  row_id bigint NOT NULL,
  col    integer NOT NULL,
  t      text COLLATE "C",
  n      double precision,
  k      text COLLATE "C" GENERATED ALWAYS AS (left(t, 200)) STORED
);
CREATE INDEX gtm_cells_row ON gtm_cells (row_id, col);
CREATE INDEX gtm_cells_text ON gtm_cells (col, k, row_id) WHERE k IS NOT NULL;
CREATE INDEX gtm_cells_number ON gtm_cells (col, n, row_id) WHERE n IS NOT NULL;
CREATE FUNCTION gtm_cell_entries(id bigint, key text, v jsonb) RETURNS TABLE (row_id bigint, col integer, t text, n double precision)
LANGUAGE sql STABLE AS $$
  SELECT gtm_cell_entries.id, c.position,
         CASE WHEN jsonb_typeof(x) = 'string' THEN lower(x #>> '{}')
              WHEN jsonb_typeof(x) = 'number' AND c.data_type IN ('INTEGER', 'DECIMAL', 'PERCENT', 'CURRENCY', 'ORDINAL_IDENTIFIER', 'ZI_CONTACT_ID', 'ZI_COMPANY_ID', 'NUMBER_LIST') THEN NULL
              ELSE lower(x::text) END,
         CASE jsonb_typeof(x) WHEN 'number' THEN x::double precision END
  FROM gtm_columns c
  CROSS JOIN LATERAL jsonb_array_elements(
    CASE WHEN jsonb_typeof(gtm_cell_entries.v) = 'array' AND c.data_type IN ('STRING_LIST', 'EMAIL_LIST', 'PHONE_LIST', 'URL_LIST', 'MULTIPICKLIST', 'NUMBER_LIST')
         THEN gtm_cell_entries.v ELSE jsonb_build_array(gtm_cell_entries.v) END) AS items(x)
  WHERE c.id = gtm_cell_entries.key AND x IS NOT NULL AND jsonb_typeof(x) <> 'null'
$$;
INSERT INTO gtm_cells (row_id, col, t, n) SELECT f.* FROM gtm_rows r, jsonb_each(r.cells) e, gtm_cell_entries(r.id, e.key, e.value->'v') f;
`,
  },
  {
    version: 30,
    name: 'bulk jobs',
    // Bulk search and enrich jobs (server/services/bulk/). One row per input (a search's matches are
    // stored as { personId } / { companyId } inputs); a worker leases a page of pending items
    // (FOR UPDATE SKIP LOCKED, lease_until) and writes their results only while it still holds the
    // lease, as the Audiences jobs do. A page is readable once none of its items is pending.
    sql: `
CREATE TABLE bulk_jobs (
  id            text PRIMARY KEY,
  account       text NOT NULL,
  entity        text NOT NULL CHECK (entity IN ('contact', 'company')),
  job_type      text NOT NULL CHECK (job_type IN ('preview', 'redeem', 'enrich')),
  status        text NOT NULL CHECK (status IN ('QUEUED', 'IN_PROGRESS', 'COMPLETED', 'FAILED')),
  output_fields jsonb,
  total         integer NOT NULL,
  processed     integer NOT NULL DEFAULT 0,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  finished_at   timestamptz
);
CREATE INDEX bulk_jobs_active ON bulk_jobs (created_at) WHERE status IN ('QUEUED', 'IN_PROGRESS');
CREATE INDEX bulk_jobs_account ON bulk_jobs (account, created_at);
CREATE TABLE bulk_items (
  job_id      text NOT NULL REFERENCES bulk_jobs (id) ON DELETE CASCADE,
  position    integer NOT NULL,
  input       jsonb NOT NULL,
  result      jsonb,
  lease_owner text,
  lease_until timestamptz,
  PRIMARY KEY (job_id, position)
);
CREATE INDEX bulk_items_pending ON bulk_items (job_id, position) WHERE result IS NULL;
`,
  },
  {
    version: 31,
    name: 'webhooks',
    // Webhooks (server/services/webhooks/): subscriptions per webhook, and one delivery row per event
    // and webhook. The delivery worker leases due rows (FOR UPDATE SKIP LOCKED, lease_until) and
    // writes each attempt's outcome; a deleted webhook takes its pending deliveries with it.
    sql: `
CREATE TABLE webhooks (
  id                   text PRIMARY KEY,
  account              text NOT NULL,
  title                text,
  target_url           text NOT NULL,
  enabled              boolean NOT NULL,
  verification_token   text NOT NULL,
  consecutive_failures integer NOT NULL DEFAULT 0,
  disabled_reason      text,
  created_at           timestamptz NOT NULL DEFAULT now(),
  modified_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhooks_account ON webhooks (account);
CREATE TABLE webhook_subscriptions (
  id           text PRIMARY KEY,
  position     bigserial,
  webhook_id   text NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  object_type  text NOT NULL,
  event_type   text NOT NULL,
  full_payload boolean NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  modified_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_subscriptions_webhook ON webhook_subscriptions (webhook_id);
CREATE TABLE webhook_deliveries (
  id              bigserial PRIMARY KEY,
  webhook_id      text NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  object_type     text NOT NULL,
  record_id       integer NOT NULL,
  body            text NOT NULL,
  status          text NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_owner     text,
  lease_until     timestamptz,
  last_status     integer,
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  delivered_at    timestamptz
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id);
`,
  },
  {
    version: 40,
    name: 'org chart and corporate family',
    // Who reports to whom (tier 1 is the top of the company) and which company owns which
    // (issue #16). Seeded for the demo companies; a company without rows has neither.
    sql: `
CREATE TABLE org_positions (
  contact_id integer PRIMARY KEY,
  company_id integer NOT NULL,
  manager_id integer,
  tier       integer NOT NULL CHECK (tier >= 1),
  sub_tier   integer NOT NULL CHECK (sub_tier >= 1)
);
CREATE INDEX org_positions_company ON org_positions (company_id, tier, sub_tier);
CREATE TABLE corporate_family (
  company_id    integer PRIMARY KEY,
  parent_id     integer NOT NULL,
  sub_unit_type integer NOT NULL,
  sub_unit_desc text NOT NULL,
  acquired_date date,
  CHECK (company_id <> parent_id)
);
CREATE INDEX corporate_family_parent ON corporate_family (parent_id);
`,
  },
];

/**
 * Applies the pending migrations; safe to call from several replicas at once on PostgreSQL.
 * `upTo` stops after that version (tests: a database as an older release left it).
 */
export async function migrate(db: Db, upTo = Infinity): Promise<number[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: number[] = [];
  for (const migration of migrations.filter((m) => m.version <= upTo)) {
    const ran = await db.transaction(async (tx) => {
      // Serialises concurrent starts: the second replica waits, then sees the version applied.
      await tx.query('SELECT pg_advisory_xact_lock(784512)');
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (done.length > 0) return false;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      return true;
    });
    if (ran) applied.push(migration.version);
  }
  return applied;
}

/**
 * Statements end with a semicolon at the end of a line, except inside the `$$ … $$` body of a
 * function; our migrations quote no other semicolons, so this split is exact.
 */
function splitStatements(sql: string): string[] {
  const statements = [''];
  for (const part of sql.split(/(\$\$[\s\S]*?\$\$)/)) {
    const pieces = part.startsWith('$$') ? [part] : part.split(/;\s*\n/);
    statements[statements.length - 1] += pieces[0] ?? '';
    statements.push(...pieces.slice(1));
  }
  return statements.map((s) => s.replace(/^\s*--.*$/gm, '').trim()).filter((s) => s.length > 0);
}
