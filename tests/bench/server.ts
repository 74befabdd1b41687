/**
 * `npm run bench:server`: seeds 100,000 companies and 1,000,000 contacts (timed), then measures
 * latency (p50/p95/p99) and throughput under concurrent load, on PGlite and on PostgreSQL, for:
 * an enrich of 25 e-mails; a contacts search with three filters; a companies search by
 * technologies and location. Writes the figures and the machine into BENCHMARKS.md (section
 * "Server"). The server runs in a child process, as in production; the load comes from this one.
 *
 * On PostgreSQL it also measures a bulk enrich of --bulk-records contacts beside the same records
 * through /enrich/contact at the rate limit (tests/bench/bulk.ts; section "Bulk").
 *
 * Options: --companies N --contacts N --backends pglite,postgres --duration S --concurrency N --bulk-records N
 *          --only-bulk (skip the latency scenarios; write only the "Bulk" section) --no-write
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startPgCluster, type PgCluster } from '../../server/testing/pg-cluster.ts';
import { openDb } from '../../server/db/index.ts';
import { writeBenchmarkSection } from './bench-report.ts';
import { benchBulk, bulkSection, type BulkFigures } from './bulk.ts';
import { Generator } from '../../server/seed/generate.ts';
import { topicNames } from '../../server/seed/index.ts';

const { values: args } = parseArgs({
  options: {
    companies: { type: 'string', default: '100000' },
    contacts: { type: 'string', default: '1000000' },
    backends: { type: 'string', default: 'pglite,postgres' },
    duration: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '4' },
    'bulk-records': { type: 'string', default: '100000' },
    'only-bulk': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
});
const COMPANIES = Number(args.companies);
const CONTACTS = Number(args.contacts);
const DURATION_MS = Number(args.duration) * 1000;
const CONCURRENCY = Number(args.concurrency);
const BULK_RECORDS = Number(args['bulk-records']);
const ONLY_BULK = args['only-bulk'] === true;
const BACKENDS = (args.backends ?? '').split(',').filter((b): b is Backend => b === 'pglite' || b === 'postgres');
const ROOT = path.resolve(import.meta.dirname, '../..');

type Backend = 'pglite' | 'postgres';

interface Scenario {
  name: string;
  path: string;
  auth: 'token' | 'apiKey';
  body: () => unknown;
  target?: number;
}

interface Result {
  scenario: string;
  concurrency: number;
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  target?: number;
}

interface BackendRun {
  backend: Backend;
  seedSeconds: number;
  startSeconds: number;
  results: Result[];
  plans: Record<string, string[]>;
  version: string;
  bulk?: BulkFigures;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

function startChild(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; seedSeconds: number; startSeconds: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'server/main.ts')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const url = /on (http:\/\/\S+) \(ready/.exec(out)?.[1];
      const ready = /contacts(?: \(seeded in ([\d.]+) s\))?\n/.exec(out);
      if (url && ready) {
        child.stdout?.off('data', onData);
        resolve({ child, url, seedSeconds: Number(ready[1] ?? 0), startSeconds: (performance.now() - started) / 1000 });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function load(url: string, scenario: Scenario, credential: string, durationMs: number, concurrency: number): Promise<Result> {
  const latencies: number[] = [];
  let errors = 0;
  const run = async (until: number, record: boolean) => {
    while (performance.now() < until) {
      const started = performance.now();
      const res = await fetch(url + scenario.path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${credential}` },
        body: JSON.stringify(scenario.body()),
      });
      await res.arrayBuffer();
      if (!record) continue;
      latencies.push(performance.now() - started);
      if (res.status !== 200) errors++;
    }
  };
  // Warm-up, not recorded.
  const warm = performance.now() + 2000;
  await Promise.all(Array.from({ length: concurrency }, () => run(warm, false)));
  const t0 = performance.now();
  const until = t0 + durationMs;
  await Promise.all(Array.from({ length: concurrency }, () => run(until, true)));
  const elapsed = (performance.now() - t0) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    scenario: scenario.name,
    concurrency,
    requests: latencies.length,
    errors,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    rps: latencies.length / elapsed,
    target: scenario.target,
  };
}

async function explain(databaseUrl: string | undefined, dataDir: string, emails: string[]): Promise<Record<string, string[]>> {
  const db = await openDb(databaseUrl, dataDir);
  try {
    const plan = async (sql: string, params: unknown[]) => {
      const rows = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params as string[]);
      return rows.map((r) => r['QUERY PLAN']);
    };
    return {
      'enrich 25 e-mails': await plan(
        'SELECT ct.id FROM contacts ct JOIN companies co ON co.id = ct.company_id WHERE lower(ct.email) = ANY($1::text[]) OR lower(ct.personal_email) = ANY($1::text[])',
        [emails.slice(0, 25)],
      ),
      'contacts: seniorities + departments + location': await plan(
        `SELECT ct.id, co.name FROM contacts ct JOIN companies co ON co.id = ct.company_id
         WHERE ct.id IN (SELECT ct.id FROM contacts ct
           WHERE ct.department = ANY($1::text[]) AND ct.seniority = ANY($2::text[]) AND (ct.company_country_lc = $3) ORDER BY ct.id LIMIT 25)
         ORDER BY ct.id`,
        [['Engineering'], ['Director', 'VP'], 'germany'],
      ),
      'companies: technologies + location': await plan(
        `SELECT co.id FROM companies co WHERE (lower(co.country) = $1 AND lower(coalesce(co.state, '')) = $2) AND co.technologies_lc && $3::text[] ORDER BY co.id LIMIT 25`,
        ['united states', 'california', ['snowflake']],
      ),
      'contacts: count of the same filters': await plan(
        `SELECT count(*) FROM contacts ct WHERE ct.department = ANY($1::text[]) AND ct.seniority = ANY($2::text[]) AND (ct.company_country_lc = $3)`,
        [['Engineering'], ['Director', 'VP'], 'germany'],
      ),
      'contacts: count, no location': await plan(
        'SELECT count(*) FROM contacts ct WHERE ct.department = ANY($1::text[]) AND ct.seniority = ANY($2::text[])',
        [['Engineering'], ['Director', 'VP']],
      ),
      'search: job title contains': await plan(
        `SELECT ct.id FROM contacts ct WHERE lower(ct.job_title) LIKE $1 ESCAPE '\\' ORDER BY ct.id LIMIT 25`,
        ['%procurement%'],
      ),
      'enrich: hashed e-mail': await plan('SELECT id FROM contacts WHERE email_sha256 = ANY($1::text[])', [['0'.repeat(64)]]),
      'enrich: company by website domain': await plan('SELECT id FROM companies WHERE domain = ANY($1::text[])', [['northwind.io']]),
    };
  } finally {
    await db.close();
  }
}

async function runBackend(backend: Backend, cluster: PgCluster | undefined): Promise<BackendRun> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `sidecar-bench-${backend}-`));
  const databaseUrl = backend === 'postgres' && cluster ? await cluster.createDatabase() : undefined;
  console.log(`\n== ${backend}: seeding ${COMPANIES} companies and ${CONTACTS} contacts`);
  const env: Record<string, string> = {
    PORT: '0',
    DATA_DIR: dataDir,
    SEED_COMPANIES: String(COMPANIES),
    SEED_CONTACTS: String(CONTACTS),
    SEED: '42',
    RATE_PER_SECOND: '1000000',
    RATE_PER_MINUTE: '100000000',
    CREDITS: '2000000000',
    FAULTS: '',
    LOG_REQUESTS: '',
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else env.DATABASE_URL = '';
  const { child, url, seedSeconds, startSeconds } = await startChild(env);
  console.log(`   seeded in ${seedSeconds.toFixed(1)} s (server ready after ${startSeconds.toFixed(1)} s) at ${url}`);
  let results: Result[] = [];
  const emails: string[] = [];
  let version = '';
  let bulk: BulkFigures | undefined;
  try {
    const auth = await fetch(`${url}/authenticate`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'demo@example.com', password: 'demo-password' }) });
    const { jwt } = (await auth.json()) as { jwt: string };
    // A pool of real e-mail addresses spread over the whole table: the generator is deterministic,
    // so it names the same contacts the server seeded.
    const generator = new Generator(42, COMPANIES, topicNames());
    for (let i = 0; i < 5000; i++) {
      const email = generator.contact(Math.floor(Math.random() * CONTACTS)).email;
      if (email) emails.push(email);
    }
    const health = (await (await fetch(`${url}/healthz`)).json()) as { database: string };
    version = health.database;
    const countries = ['United States', 'United Kingdom', 'Germany', 'France', 'Brazil', 'Canada'];
    const technologies = ['Salesforce', 'HubSpot', 'Snowflake', 'AWS', 'Azure', 'Kubernetes', 'SAP', 'Datadog'];
    const scenarios: Scenario[] = [
      {
        name: 'enrich 25 e-mails (POST /enrich/contact)',
        path: '/enrich/contact',
        auth: 'token',
        target: 20,
        body: () => ({ matchPersonInput: Array.from({ length: 25 }, () => ({ emailAddress: pick(emails) })) }),
      },
      {
        name: 'contacts search, 3 filters (POST /api/v1/contacts)',
        path: '/api/v1/contacts',
        auth: 'apiKey',
        target: 50,
        body: () => ({
          seniorities: pick([['Director', 'VP'], ['Manager'], ['C-Level', 'VP']]),
          departments: [pick(['Engineering', 'Sales', 'Marketing', 'Finance', 'Operations'])],
          locations: [`country:${pick(countries)}`],
        }),
      },
      {
        // The same search, but each request's filter set is new — it also names a department no
        // contact has, which costs one index probe — so its total never comes from the count cache.
        name: 'contacts search, 3 filters, total never cached (POST /api/v1/contacts)',
        path: '/api/v1/contacts',
        auth: 'apiKey',
        target: 50,
        body: () => ({
          seniorities: pick([['Director', 'VP'], ['Manager'], ['C-Level', 'VP']]),
          departments: [pick(['Engineering', 'Sales', 'Marketing', 'Finance', 'Operations']), `No such department ${crypto.randomUUID()}`],
          locations: [`country:${pick(countries)}`],
        }),
      },
      {
        name: 'companies search, technologies + location (POST /api/v1/companies)',
        path: '/api/v1/companies',
        auth: 'apiKey',
        target: 50,
        body: () => ({
          technologies: [pick(technologies), pick(technologies)],
          locations: pick([['state:California||United States'], ['country:Germany'], ['city:London||England||United Kingdom', 'country:France']]),
        }),
      },
    ];
    // One client: the latency of a request on its own. Then CONCURRENCY clients: throughput, and
    // latency under load.
    for (const concurrency of ONLY_BULK ? [] : [...new Set([1, CONCURRENCY])]) for (const scenario of scenarios) {
      const result = await load(url, scenario, scenario.auth === 'token' ? jwt : 'demo-key', DURATION_MS, concurrency);
      results.push(result);
      console.log(`   ${scenario.name}, ${concurrency} client(s): p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, ${result.rps.toFixed(0)} req/s (${result.requests} requests, ${result.errors} errors)`);
    }
    if (backend === 'postgres' && BULK_RECORDS > 0) {
      // Distinct e-mails of seeded contacts, spread over the whole table.
      const pool = new Set<string>();
      while (pool.size < Math.min(BULK_RECORDS, CONTACTS)) {
        const email = generator.contact(Math.floor(Math.random() * CONTACTS)).email;
        if (email) pool.add(email.toLowerCase());
      }
      bulk = await benchBulk(url, jwt, [...pool]);
    }
  } finally {
    await stopChild(child);
  }
  const plans = await explain(databaseUrl, dataDir, emails.length ? emails : ['dana@northwind.io']);
  if (backend === 'postgres' && databaseUrl) {
    const { default: pg } = await import('pg');
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    version = `PostgreSQL ${((await c.query('SHOW server_version')).rows[0] as { server_version: string }).server_version}`;
    await c.end();
  } else {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string };
    version = `PGlite ${pkg.version} (on disk)`;
  }
  rmSync(dataDir, { recursive: true, force: true });
  results = results.map((r) => ({ ...r }));
  return { backend, seedSeconds, startSeconds, results, plans, version, ...(bulk ? { bulk } : {}) };
}

function indexesUsed(plan: string[]): string {
  const names = new Set<string>();
  for (const line of plan) for (const m of line.matchAll(/(?:Index|Bitmap Index) (?:Only )?Scan (?:Backward )?(?:using|on) (\w+)/g)) if (m[1]) names.add(m[1]);
  return names.size ? [...names].join(', ') : plan.some((l) => l.includes('Seq Scan')) ? 'sequential scan' : '—';
}

function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}

/** Load averages seen while measuring: other work on a shared machine skews the figures. */
const loadSeen: number[] = [];
const loadTimer = setInterval(() => loadSeen.push(os.loadavg()[0] ?? 0), 5000);

function section(runs: BackendRun[]): string {
  const lines: string[] = [];
  lines.push('## Server', '');
  lines.push(`Measured by \`npm run bench:server\` (tests/bench/server.ts) on ${new Date().toISOString().slice(0, 10)}.`, '');
  lines.push(`Machine: ${machine()}. The server runs in a child process; the load generator (1, then ${CONCURRENCY} concurrent clients, ${DURATION_MS / 1000} s per scenario after a 2 s warm-up) shares the same cores, and so does PostgreSQL.`, '');
  if (loadSeen.length > 0) {
    lines.push(`1-minute load average during the run: ${Math.min(...loadSeen).toFixed(1)}–${Math.max(...loadSeen).toFixed(1)} on ${os.cpus().length} cores (other processes share the machine; figures on an idle machine are better).`, '');
  }
  lines.push(`Seed: ${COMPANIES.toLocaleString('en-US')} companies and ${CONTACTS.toLocaleString('en-US')} contacts (plus the demo records), deterministic.`, '');
  lines.push('| backend | seed | target |', '|---|---|---|');
  for (const r of runs) lines.push(`| ${r.version} | ${r.seedSeconds.toFixed(1)} s | ${r.backend === 'postgres' ? (r.seedSeconds <= 90 ? '≤ 90 s ✓' : '≤ 90 s ✗') : '—'} |`);
  lines.push('', '| backend | scenario | clients | p50 | p95 | p99 | throughput | errors | target (PostgreSQL p95) |', '|---|---|---|---|---|---|---|---|---|');
  for (const r of runs) {
    for (const x of r.results) {
      const target = x.target === undefined || r.backend !== 'postgres' ? '—' : `≤ ${x.target} ms ${x.p95 <= x.target ? '✓' : '✗'}`;
      lines.push(`| ${r.backend} | ${x.scenario} | ${x.concurrency} | ${x.p50.toFixed(1)} ms | ${x.p95.toFixed(1)} ms | ${x.p99.toFixed(1)} ms | ${x.rps.toFixed(0)} req/s | ${x.errors} | ${target} |`);
    }
  }
  lines.push('', 'Indexes chosen by the planner on the full seed (EXPLAIN):', '', '| query | ' + runs.map((r) => r.backend).join(' | ') + ' |', '|---|' + runs.map(() => '---|').join(''));
  const names = Object.keys(runs[0]?.plans ?? {});
  for (const name of names) lines.push(`| ${name} | ${runs.map((r) => indexesUsed(r.plans[name] ?? [])).join(' | ')} |`);
  lines.push('', 'With several clients the server, PostgreSQL and the load generator share the same two cores (with other work: see the load average), so latency under load there mostly measures queueing for CPU. The contacts search counts every match (`meta.total`) besides reading its page. The count comes from one index on the company\'s location as each contact keeps a copy of it (migration 4), department, seniority and id, without reading the tables or joining companies; so do the page\'s ids when the filter set is selective (a broad one walks contacts_pkey and stops within a few hundred rows), and only the page\'s rows are read. Before that copy, the page walked contacts in id order looking up each one\'s company, and the count joined tens of thousands of companies: p95 with 4 clients was 50 ms, and 77 ms with the total never cached. The server remembers each filter set\'s total for 60 s (server/services/count-cache.ts: records change only when the seed runs), so paging through results and repeated searches — the first contacts scenario, 90 filter sets — skip the count; the "total never cached" scenario is the same search with a new filter set every time, i.e. the cost of a search nobody has run in the last minute.');
  lines.push('', 'PGlite is single-threaded WebAssembly inside the server process: it serialises queries, so its throughput does not grow with concurrency; it is the zero-setup default, PostgreSQL is the production path.');
  return lines.join('\n');
}

const runs: BackendRun[] = [];
let cluster: PgCluster | undefined;
try {
  for (const backend of BACKENDS) {
    if (backend === 'postgres') cluster ??= await startPgCluster();
    runs.push(await runBackend(backend, cluster));
  }
} finally {
  clearInterval(loadTimer);
  await cluster?.stop();
}
const text = ONLY_BULK ? '' : section(runs);
if (text) console.log(`\n${text}`);
if (!args['no-write'] && text) {
  writeBenchmarkSection('server', text);
  console.log('\nWrote the "Server" section of BENCHMARKS.md.');
}
const bulkRun = runs.find((r) => r.bulk);
if (bulkRun?.bulk) {
  const load = loadSeen.length ? `${Math.min(...loadSeen).toFixed(1)}–${Math.max(...loadSeen).toFixed(1)}` : (os.loadavg()[0] ?? 0).toFixed(1);
  const bulkText = bulkSection(bulkRun.bulk, `${COMPANIES.toLocaleString('en-US')} companies and ${CONTACTS.toLocaleString('en-US')} contacts seeded`, bulkRun.version, load);
  console.log(`\n${bulkText}`);
  if (!args['no-write']) writeBenchmarkSection('bulk', bulkText);
}
