/** Row shapes of the seed and the bulk insert shared by demo and generated records. */
import type { Queryable } from '../db/index.ts';
import { emailSha256, linkedinKey, phoneDigits, publicSuffix } from '../lib/normalize.ts';

export interface CompanyRow {
  id: number;
  name: string;
  domain: string | null;
  website: string | null;
  industry: string | null;
  sub_industry: string | null;
  functions: string[];
  employees: number | null;
  revenue_usd: number | null;
  city: string | null;
  state: string | null;
  country: string | null;
  technologies: string[];
  created_at: string;
  founded_year: number | null;
  ticker: string | null;
  linkedin_url: string | null;
  street: string | null;
  zip_code: string | null;
  phone: string | null;
  description: string | null;
  total_funding_usd: number | null;
  recent_funding_date: string | null;
}

export interface ContactRow {
  id: number;
  company_id: number;
  first_name: string;
  last_name: string;
  job_title: string | null;
  department: string | null;
  seniority: string | null;
  is_decision_maker: boolean;
  email: string | null;
  personal_email: string | null;
  phone: string | null;
  mobile_phone: string | null;
  direct_dnc: boolean | null;
  mobile_dnc: boolean | null;
  linkedin_url: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  accuracy_score: number | null;
  updated_at: string | null;
  picture: string | null;
}

export interface SignalRow {
  company_id: number;
  topic_id: number;
  score: number;
  signal_date: string;
  audience_strength: 'low' | 'medium' | 'high';
  spike: boolean;
}

export interface NewsRow {
  id: number;
  company_id: number;
  headline: string;
  category: string | null;
  published_date: string | null;
  url: string | null;
}

export interface ScoopRow {
  id: number;
  company_id: number;
  type: string | null;
  description: string;
  published_date: string | null;
}

/** A PostgreSQL array literal, so arrays of arrays travel as one text[] parameter per row. */
export function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

type Column = (string | number | boolean | null)[];

function columns<R>(rows: readonly R[], spec: Record<string, (row: R) => string | number | boolean | null>): Column[] {
  const keys = Object.keys(spec);
  const cols: Column[] = keys.map(() => new Array<string | number | boolean | null>(rows.length));
  rows.forEach((row, i) => {
    keys.forEach((key, k) => {
      const get = spec[key];
      const col = cols[k];
      if (get && col) col[i] = get(row);
    });
  });
  return cols;
}

/**
 * `INSERT … SELECT FROM unnest($1::t[], …)`: one round trip per batch, the same SQL on PGlite and
 * PostgreSQL, and an upsert so that demo records are rewritten to their exact values on every start.
 */
async function bulkUpsert(
  db: Queryable,
  table: string,
  defs: { name: string; type: string; cast?: string }[],
  cols: Column[],
  conflict: string,
): Promise<void> {
  const names = defs.map((d) => d.name);
  const unnest = defs.map((d, i) => `$${i + 1}::${d.type}[]`).join(', ');
  const select = defs.map((d) => (d.cast ? `${d.name}::${d.cast}` : d.name)).join(', ');
  const keyCols = conflict.split(',').map((s) => s.trim());
  const updates = names.filter((n) => !keyCols.includes(n)).map((n) => `${n} = EXCLUDED.${n}`);
  await db.query(
    `INSERT INTO ${table} (${names.join(', ')})
     SELECT ${select} FROM unnest(${unnest}) AS u(${names.join(', ')})
     ON CONFLICT (${conflict}) DO UPDATE SET ${updates.join(', ')}`,
    cols,
  );
}

export async function upsertCompanies(db: Queryable, rows: readonly CompanyRow[]): Promise<void> {
  if (rows.length === 0) return;
  const lc = (items: string[]) => arrayLiteral(items.map((s) => s.toLowerCase()));
  const cols = columns(rows, {
    id: (r) => r.id,
    name: (r) => r.name,
    domain: (r) => r.domain?.toLowerCase() ?? null,
    website: (r) => r.website,
    tld: (r) => publicSuffix(r.domain),
    industry: (r) => r.industry,
    sub_industry: (r) => r.sub_industry,
    functions: (r) => arrayLiteral(r.functions),
    functions_lc: (r) => lc(r.functions),
    employees: (r) => r.employees,
    revenue_usd: (r) => r.revenue_usd,
    city: (r) => r.city,
    state: (r) => r.state,
    country: (r) => r.country,
    technologies: (r) => arrayLiteral(r.technologies),
    technologies_lc: (r) => lc(r.technologies),
    created_at: (r) => r.created_at,
    founded_year: (r) => r.founded_year,
    ticker: (r) => r.ticker,
    linkedin_url: (r) => r.linkedin_url,
    street: (r) => r.street,
    zip_code: (r) => r.zip_code,
    phone: (r) => r.phone,
    description: (r) => r.description,
    total_funding_usd: (r) => r.total_funding_usd,
    recent_funding_date: (r) => r.recent_funding_date,
  });
  await bulkUpsert(
    db,
    'companies',
    [
      { name: 'id', type: 'int' },
      { name: 'name', type: 'text' },
      { name: 'domain', type: 'text' },
      { name: 'website', type: 'text' },
      { name: 'tld', type: 'text' },
      { name: 'industry', type: 'text' },
      { name: 'sub_industry', type: 'text' },
      { name: 'functions', type: 'text', cast: 'text[]' },
      { name: 'functions_lc', type: 'text', cast: 'text[]' },
      { name: 'employees', type: 'int' },
      { name: 'revenue_usd', type: 'float8' },
      { name: 'city', type: 'text' },
      { name: 'state', type: 'text' },
      { name: 'country', type: 'text' },
      { name: 'technologies', type: 'text', cast: 'text[]' },
      { name: 'technologies_lc', type: 'text', cast: 'text[]' },
      { name: 'created_at', type: 'timestamptz' },
      { name: 'founded_year', type: 'int' },
      { name: 'ticker', type: 'text' },
      { name: 'linkedin_url', type: 'text' },
      { name: 'street', type: 'text' },
      { name: 'zip_code', type: 'text' },
      { name: 'phone', type: 'text' },
      { name: 'description', type: 'text' },
      { name: 'total_funding_usd', type: 'float8' },
      { name: 'recent_funding_date', type: 'date' },
    ],
    cols,
    'id',
  );
}

export async function upsertContacts(db: Queryable, rows: readonly ContactRow[]): Promise<void> {
  if (rows.length === 0) return;
  const cols = columns(rows, {
    id: (r) => r.id,
    company_id: (r) => r.company_id,
    first_name: (r) => r.first_name,
    last_name: (r) => r.last_name,
    job_title: (r) => r.job_title,
    department: (r) => r.department,
    seniority: (r) => r.seniority,
    is_decision_maker: (r) => r.is_decision_maker,
    email: (r) => r.email,
    email_sha256: (r) => (r.email ? emailSha256(r.email) : null),
    personal_email: (r) => r.personal_email,
    personal_email_sha256: (r) => (r.personal_email ? emailSha256(r.personal_email) : null),
    phone: (r) => r.phone,
    phone_digits: (r) => phoneDigits(r.phone),
    mobile_phone: (r) => r.mobile_phone,
    mobile_digits: (r) => phoneDigits(r.mobile_phone),
    direct_dnc: (r) => r.direct_dnc,
    mobile_dnc: (r) => r.mobile_dnc,
    linkedin_url: (r) => r.linkedin_url,
    linkedin_key: (r) => linkedinKey(r.linkedin_url),
    city: (r) => r.city,
    state: (r) => r.state,
    country: (r) => r.country,
    accuracy_score: (r) => r.accuracy_score,
    updated_at: (r) => r.updated_at,
    picture: (r) => r.picture,
  });
  const text = (name: string) => ({ name, type: 'text' });
  await bulkUpsert(
    db,
    'contacts',
    [
      { name: 'id', type: 'int' },
      { name: 'company_id', type: 'int' },
      text('first_name'),
      text('last_name'),
      text('job_title'),
      text('department'),
      text('seniority'),
      { name: 'is_decision_maker', type: 'bool' },
      text('email'),
      text('email_sha256'),
      text('personal_email'),
      text('personal_email_sha256'),
      text('phone'),
      text('phone_digits'),
      text('mobile_phone'),
      text('mobile_digits'),
      { name: 'direct_dnc', type: 'bool' },
      { name: 'mobile_dnc', type: 'bool' },
      text('linkedin_url'),
      text('linkedin_key'),
      text('city'),
      text('state'),
      text('country'),
      { name: 'accuracy_score', type: 'int' },
      { name: 'updated_at', type: 'timestamptz' },
      text('picture'),
    ],
    cols,
    'id',
  );
}

export async function upsertSignals(db: Queryable, rows: readonly SignalRow[]): Promise<void> {
  if (rows.length === 0) return;
  const cols = columns(rows, {
    company_id: (r) => r.company_id,
    topic_id: (r) => r.topic_id,
    score: (r) => r.score,
    signal_date: (r) => r.signal_date,
    audience_strength: (r) => r.audience_strength,
    spike: (r) => r.spike,
  });
  await bulkUpsert(
    db,
    'intent_signals',
    [
      { name: 'company_id', type: 'int' },
      { name: 'topic_id', type: 'int' },
      { name: 'score', type: 'int' },
      { name: 'signal_date', type: 'date' },
      { name: 'audience_strength', type: 'text' },
      { name: 'spike', type: 'bool' },
    ],
    cols,
    'company_id, topic_id',
  );
}

export async function upsertNews(db: Queryable, rows: readonly NewsRow[]): Promise<void> {
  if (rows.length === 0) return;
  const cols = columns(rows, {
    id: (r) => r.id,
    company_id: (r) => r.company_id,
    headline: (r) => r.headline,
    category: (r) => r.category,
    published_date: (r) => r.published_date,
    url: (r) => r.url,
  });
  await bulkUpsert(
    db,
    'news',
    [
      { name: 'id', type: 'int' },
      { name: 'company_id', type: 'int' },
      { name: 'headline', type: 'text' },
      { name: 'category', type: 'text' },
      { name: 'published_date', type: 'date' },
      { name: 'url', type: 'text' },
    ],
    cols,
    'id',
  );
}

export async function upsertScoops(db: Queryable, rows: readonly ScoopRow[]): Promise<void> {
  if (rows.length === 0) return;
  const cols = columns(rows, {
    id: (r) => r.id,
    company_id: (r) => r.company_id,
    type: (r) => r.type,
    description: (r) => r.description,
    published_date: (r) => r.published_date,
  });
  await bulkUpsert(
    db,
    'scoops',
    [
      { name: 'id', type: 'int' },
      { name: 'company_id', type: 'int' },
      { name: 'type', type: 'text' },
      { name: 'description', type: 'text' },
      { name: 'published_date', type: 'date' },
    ],
    cols,
    'id',
  );
}
