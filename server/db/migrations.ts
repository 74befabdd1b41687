/**
 * Versioned migrations. Each runs once, in order, in its own transaction, and is recorded in
 * `schema_migrations`. Never edit a released migration: add the next version.
 *
 * Index choices (checked with EXPLAIN on a 100k/1M seed, see tests/bench/server.ts):
 * - arrays (technologies, functions) are stored lower-cased too and indexed with GIN, for `&&`;
 * - partial text matches (job titles, company names) use pg_trgm GIN indexes, for ILIKE '%…%';
 * - email / hashed email / phone / LinkedIn lookups are btree on normalised columns;
 * - locations use one btree on (country, state, city), lower-cased, which serves all three forms.
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
];

/** Applies the pending migrations; safe to call from several replicas at once on PostgreSQL. */
export async function migrate(db: Db): Promise<number[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: number[] = [];
  for (const migration of migrations) {
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

/** Our migrations contain no functions or quoted semicolons, so a plain split is exact. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*\n/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}
