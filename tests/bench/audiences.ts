/**
 * `npm run bench:audiences`: the Audiences API on PostgreSQL with the 1M-contact seed, the server
 * in a child process. Measures: bulk upsert of 500 rows (p95); enrichment of a 10,000-row CONTACT
 * audience matched by e-mail (rows/s from 202 to SUCCEEDED) beside the fastest a client gets
 * through /enrich/contact at the enterprise rate limit, measured in the same run; rows search with
 * a two-condition filter and a sort on a 100,000-row audience (p95); the server's RSS while a
 * 100,000-row job runs. Writes the "Audiences" section of BENCHMARKS.md.
 *
 * Options: --companies N --contacts N --rows N (large audience) --no-write
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Generator } from '../../server/seed/generate.ts';
import { topicNames } from '../../server/seed/index.ts';
import { GtmClient, startChild, stopChild } from '../../server/testing/audience-client.ts';
import { startPgCluster } from '../../server/testing/pg-cluster.ts';
import { machine, writeBenchmarkSection } from './bench-report.ts';

const { values: args } = parseArgs({
  options: {
    companies: { type: 'string', default: '100000' },
    contacts: { type: 'string', default: '1000000' },
    rows: { type: 'string', default: '100000' },
    'no-write': { type: 'boolean', default: false },
  },
});
const COMPANIES = Number(args.companies);
const CONTACTS = Number(args.contacts);
const BIG = Number(args.rows);
const ENRICH_ROWS = 10000;
const BASELINE_LIMIT = 25 * 25;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const ms = (v: number) => `${v.toFixed(1)} ms`;
const rssMiB = (pid: number) => {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(line?.[1] ?? 0) / 1024;
};

const cluster = await startPgCluster();
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sidecar-bench-audiences-'));
const lines: string[] = [];
try {
  const databaseUrl = await cluster.createDatabase();
  console.log(`seeding ${COMPANIES} companies and ${CONTACTS} contacts on PostgreSQL…`);
  const seedStarted = performance.now();
  const server = await startChild({
    PORT: '0', DATA_DIR: dataDir, DATABASE_URL: databaseUrl, SEED_COMPANIES: String(COMPANIES), SEED_CONTACTS: String(CONTACTS), SEED: '42',
    CREDITS: '2000000000', RATE_PER_SECOND: '1000000', RATE_PER_MINUTE: '100000000', AUDIENCE_MAX_ROWS: String(Math.max(BIG, ENRICH_ROWS)), FAULTS: '', LOG_REQUESTS: '',
  });
  console.log(`ready after ${((performance.now() - seedStarted) / 1000).toFixed(1)} s at ${server.url}`);
  const pid = server.child.pid ?? 0;
  try {
    // Distinct e-mails of seeded contacts, spread over the whole table (the generator is deterministic).
    const generator = new Generator(42, COMPANIES, topicNames());
    const emails = new Set<string>();
    while (emails.size < BIG + ENRICH_ROWS) {
      const email = generator.contact(Math.floor(Math.random() * CONTACTS)).email;
      if (email) emails.add(email.toLowerCase());
    }
    const pool = [...emails];

    // Baseline: the enterprise enrich at its rate limit, 25 requests per second of 25 e-mails, for
    // 10 s. The server's limits are raised for the Audiences calls of this run, so the client paces
    // itself to the enterprise limit (what a client gets is the lesser of that and the server's speed).
    const auth = await fetch(`${server.url}/authenticate`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'demo@example.com', password: 'demo-password' }) });
    const { jwt } = (await auth.json()) as { jwt: string };
    let enriched = 0;
    let next = 0;
    const baselineStarted = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let k = 0; k < 250; k++) {
      const due = baselineStarted + k * 40;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      const batch = Array.from({ length: 25 }, () => ({ emailAddress: pool[next++ % pool.length] }));
      inFlight.push(
        fetch(`${server.url}/enrich/contact`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${jwt}` }, body: JSON.stringify({ matchPersonInput: batch }) }).then(async (res) => {
          await res.arrayBuffer();
          if (res.ok) enriched += 25;
        }),
      );
    }
    await Promise.all(inFlight);
    const baseline = enriched / ((performance.now() - baselineStarted) / 1000);
    console.log(`baseline /enrich/contact at the rate limit: ${baseline.toFixed(0)} rows/s`);

    const client = new GtmClient(server.url);
    await client.login();

    // Enrichment of 10,000 rows matched by e-mail.
    const small = await client.emailAudience('Bench 10k');
    const upserts = await client.upsertEmails(small.id, small.email, pool.slice(0, ENRICH_ROWS));
    const enrichStarted = performance.now();
    const job = await client.enrich(small.id);
    const done = await client.waitForJob(small.id, job, 600000, 20);
    const enrichSeconds = (performance.now() - enrichStarted) / 1000;
    const rate = ENRICH_ROWS / enrichSeconds;
    console.log(`enrichment of ${ENRICH_ROWS} rows: ${done.status} in ${enrichSeconds.toFixed(2)} s = ${rate.toFixed(0)} rows/s`);

    // The large audience: Email, Score (INTEGER), Region (TEXT).
    const big = await client.emailAudience('Bench large');
    const extra = await client.call<{ data: { id: string }[] }>('POST', `/audiences/${big.id}/columns/actions/bulk/create`, {
      data: [
        { type: 'Column', attributes: { columnType: 'CUSTOM', name: 'Score', dataType: 'INTEGER' } },
        { type: 'Column', attributes: { columnType: 'CUSTOM', name: 'Region', dataType: 'TEXT' } },
      ],
    });
    const [score, region] = extra.body.data.map((c) => c.id);
    const regions = ['EMEA', 'AMER', 'APAC', 'LATAM'];
    const bigEmails = pool.slice(ENRICH_ROWS, ENRICH_ROWS + BIG);
    for (let i = 0; i < bigEmails.length; i += 500) {
      const started = performance.now();
      const r = await client.call('POST', `/audiences/${big.id}/rows/actions/bulk/upsert`, {
        data: bigEmails.slice(i, i + 500).map((e, k) => ({
          type: 'Row',
          attributes: { values: [{ columnId: big.email, value: e }, { columnId: score, value: (i + k) % 1000 }, { columnId: region, value: regions[(i + k) % 4] }] },
        })),
      });
      upserts.push(performance.now() - started);
      if (r.status !== 200) throw new Error(`bulk upsert: HTTP ${r.status}`);
    }
    const upsertP95 = percentile(upserts, 95);
    console.log(`bulk upsert of 500 rows: p50 ${ms(percentile(upserts, 50))}, p95 ${ms(upsertP95)} over ${upserts.length} calls`);

    const rssBefore = rssMiB(pid);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMiB(pid))), 100);
    const bigStarted = performance.now();
    const bigJob = await client.enrich(big.id);
    const bigDone = await client.waitForJob(big.id, bigJob, 1800000, 200);
    clearInterval(sampler);
    const bigSeconds = (performance.now() - bigStarted) / 1000;
    console.log(`enrichment of ${BIG} rows: ${bigDone.status} in ${bigSeconds.toFixed(1)} s; RSS ${rssBefore.toFixed(0)} MiB before, ${rssPeak.toFixed(0)} MiB peak`);

    const searches: number[] = [];
    const body = {
      data: {
        type: 'RowSearch',
        attributes: {
          filter: {
            operator: 'AND',
            filters: [
              { type: 'Filter', columnId: region, filterOperator: 'EQUALS', values: ['EMEA'] },
              { type: 'Filter', columnId: score, filterOperator: 'GREATER_THAN', values: [0] },
            ],
          },
        },
      },
    };
    for (let i = 0; i < 120; i++) {
      body.data.attributes.filter.filters[1] = { type: 'Filter', columnId: score, filterOperator: 'GREATER_THAN', values: [(i * 37) % 900] };
      const started = performance.now();
      const r = await client.call('POST', `/audiences/${big.id}/rows/actions/search?sort=-${score}&page[size]=25&page[number]=${1 + (i % 5)}`, body);
      if (i >= 20) searches.push(performance.now() - started);
      if (r.status !== 200) throw new Error(`search: HTTP ${r.status}`);
    }
    const searchP95 = percentile(searches, 95);
    console.log(`rows search (2 conditions + sort) on ${BIG} rows: p50 ${ms(percentile(searches, 50))}, p95 ${ms(searchP95)}`);

    const check = (ok: boolean) => (ok ? '✓' : '✗');
    lines.push(
      '## Audiences',
      '',
      `\`npm run bench:audiences\` (tests/bench/audiences.ts). Machine: ${machine()}. PostgreSQL 15 (a private cluster), ${COMPANIES.toLocaleString('en')} companies and ${CONTACTS.toLocaleString('en')} contacts seeded; the server in a child process, the client on the same cores.`,
      '',
      '| measure | result | target |',
      '|---|---|---|',
      `| bulk upsert of 500 rows (${upserts.length} calls) | p50 ${ms(percentile(upserts, 50))}, p95 ${ms(upsertP95)} | p95 ≤ 150 ms ${check(upsertP95 <= 150)} |`,
      `| enrichment of ${ENRICH_ROWS.toLocaleString('en')} CONTACT rows matched by e-mail, 202 → ${done.status} | ${enrichSeconds.toFixed(2)} s = ${rate.toFixed(0)} rows/s | ≥ 2,000 rows/s ${check(rate >= 2000)} and ≥ 3× the baseline ${check(rate >= 3 * Math.min(baseline, BASELINE_LIMIT))} |`,
      `| baseline: a client through /enrich/contact at the rate limit (25 calls/s of 25 e-mails, 10 s, same run) | ${baseline.toFixed(0)} rows/s (ceiling 625) | — |`,
      `| rows search, 2 conditions (TEXT EQUALS, INTEGER GREATER_THAN) + sort, page of 25, on ${BIG.toLocaleString('en')} rows (100 searches) | p50 ${ms(percentile(searches, 50))}, p95 ${ms(searchP95)} | p95 ≤ 50 ms ${check(searchP95 <= 50)} |`,
      `| server RSS while a ${BIG.toLocaleString('en')}-row enrichment runs (${bigDone.status} in ${bigSeconds.toFixed(1)} s) | ${rssBefore.toFixed(0)} MiB before, ${rssPeak.toFixed(0)} MiB peak | flat: the job holds one 500-row chunk at a time |`,
    );
  } finally {
    await stopChild(server);
  }
} finally {
  await cluster.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
const text = lines.join('\n');
console.log(`\n${text}`);
if (!args['no-write'] && text) writeBenchmarkSection('audiences', text);
