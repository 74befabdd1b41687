/**
 * bench:lookups — 1,000 distinct emails through the background's own modules (LookupService,
 * batcher, limiter, token manager, provider HTTP client) against the reference server at its
 * default 25 requests/s, side by side with a naive client that sends one enrich request per email.
 * Each client gets a fresh server in its own process (fresh credits and rate-limit counters), as a
 * real provider would be. Figures → BENCHMARKS.md.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LookupService } from '../../utils/lookup/lookups.ts';
import { LookupCache } from '../../utils/lookup/cache.ts';
import { TabStore } from '../../utils/stores/tab-store.ts';
import { CreditBudget, type CreditSpend, type EnrichedRecords } from '../../utils/lookup/credit-budget.ts';
import { createProviderSet } from '../../utils/providers/registry.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../utils/schemas/settings.ts';
import type { TabState } from '../../utils/schemas/lookup.ts';
import { machine, median, writeBenchmarkSection } from './bench-report.ts';
import { benchConnectors } from './connectors.ts';
import { memoryKv } from '../unit/memory-kv.ts';

const EMAILS = Number(process.env.BENCH_EMAILS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** `provider`, `connectors` or both (default): the two rows are independent. */
const PART = process.env.BENCH_PART ?? 'all';
const CONNECTOR_ENTITIES = Number(process.env.BENCH_CONNECTOR_ENTITIES ?? 1000);
/** App-Z's APPZ_RATE_PER_SECOND for the row, and the connector's own limit: the same. */
const APPZ_RATE = Number(process.env.APPZ_RATE_PER_SECOND ?? 50);

interface LogEntry {
  path: string;
  status: number;
  inputs: number;
}

/** `npm run server` in a child process on a free port, with an in-memory database. */
async function startServer() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sidecar-bench-'));
  const child = spawn(process.execPath, [path.resolve(import.meta.dirname, '../../server/main.ts')], {
    env: { ...process.env, PORT: '0', DATABASE_URL: 'memory://', DATA_DIR: dataDir, SEED_COMPANIES: '300', SEED_CONTACTS: '3000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /on (http:\/\/[^\s]+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    url,
    clearRequestLog: async () => void (await fetch(`${url}/_admin/requests`, { method: 'DELETE' })),
    requestLog: async () => ((await (await fetch(`${url}/_admin/requests`)).json()) as { requests: LogEntry[] }).requests,
    close: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function emailsFrom(url: string, n: number): Promise<string[]> {
  const emails: string[] = [];
  for (let page = 1; emails.length < n; page++) {
    const response = await fetch(`${url}/api/v1/contacts`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-key', 'content-type': 'application/json' },
      body: JSON.stringify({ page, per_page: 100 }),
    });
    const body = (await response.json()) as { data: { email: string | null }[] };
    if (body.data.length === 0) break;
    emails.push(...body.data.map((c) => c.email).filter((e): e is string => Boolean(e)));
  }
  return emails.slice(0, n);
}

interface Figures {
  ms: number;
  requests: number;
  enrichRequests: number;
  status429: number;
  results: number;
}

async function sidecar(emails: string[]): Promise<Figures> {
  const server = await startServer();
  try {
    // What is measured is enrichment: automatic, with caps that never stop it.
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      baseUrl: server.url,
      authMethod: 'password',
      username: 'demo@example.com',
      autoEnrich: true,
      dailyCreditCap: 100_000,
      pageCreditCap: 10_000,
    };
    const memory = new Map<string, unknown>();
    const providers = createProviderSet(settings, { password: 'demo-password' }, {
      limiterStore: (k) => ({ load: () => Promise.resolve(null), save: (s) => Promise.resolve(void memory.set(`l:${k}`, s)) }),
      tokenStore: () => ({ load: () => Promise.resolve(null), save: () => Promise.resolve() }),
    });
    const tabs = new Map<number, TabState | null>();
    const tabStore = new TabStore({
      get: (id) => Promise.resolve(tabs.get(id) ?? null),
      set: (id, s) => Promise.resolve(void tabs.set(id, s)),
      all: () => Promise.resolve([...tabs.values()]),
    });
    const service = new LookupService({
      tabs: tabStore,
      cache: new LookupCache(memoryKv()),
      providers: () => Promise.resolve(providers),
      settings: () => Promise.resolve(settings),
      rejections: () => Promise.resolve({}),
      saveRejections: () => Promise.resolve(),
      budget: new CreditBudget({
        spend: { load: () => Promise.resolve((memory.get('spend') as CreditSpend | undefined) ?? null), save: (v) => Promise.resolve(void memory.set('spend', v)) },
        records: { load: () => Promise.resolve((memory.get('records') as EnrichedRecords | undefined) ?? {}), save: (v) => Promise.resolve(void memory.set('records', v)) },
      }),
    });
    await server.clearRequestLog();
    const started = performance.now();
    await service.report(1, 'https://crm.example.com/list', emails.map((value) => ({ kind: 'email', value, source: 'text', confidence: 1 })), true);
    for (;;) {
      const state = tabs.get(1);
      if (state && state.entities.every((e) => e.state.status !== 'LOADING' && e.state.status !== 'BLANK')) break;
      await new Promise((r) => setTimeout(r, 2));
    }
    const ms = performance.now() - started;
    const entities = tabs.get(1)?.entities ?? [];
    return figures(await server.requestLog(), ms, entities.filter((e) => e.state.status === 'RESULT').length);
  } finally {
    await server.close();
  }
}

async function naive(emails: string[]): Promise<Figures> {
  const server = await startServer();
  try {
    const auth = await fetch(`${server.url}/authenticate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo@example.com', password: 'demo-password' }),
    });
    const { jwt } = (await auth.json()) as { jwt: string };
    await server.clearRequestLog();
    let results = 0;
    const started = performance.now();
    // The usual hand-written client: a pool of 25 concurrent requests, one email each, waiting out
    // Retry-After on a 429.
    const queue = [...emails];
    await Promise.all(
      Array.from({ length: 25 }, async () => {
        for (let email = queue.shift(); email; email = queue.shift()) {
          for (;;) {
            const response = await fetch(`${server.url}/enrich/contact`, {
              method: 'POST',
              headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
              body: JSON.stringify({ matchPersonInput: [{ emailAddress: email }] }),
            });
            if (response.status === 429) {
              await response.body?.cancel();
              await new Promise((r) => setTimeout(r, Number(response.headers.get('retry-after') ?? 1) * 1000));
              continue;
            }
            const body = (await response.json()) as { data?: { result?: { data: unknown[] }[] } };
            if ((body.data?.result?.[0]?.data.length ?? 0) > 0) results++;
            break;
          }
        }
      }),
    );
    const ms = performance.now() - started;
    return figures(await server.requestLog(), ms, results);
  } finally {
    await server.close();
  }
}

function figures(log: LogEntry[], ms: number, results: number): Figures {
  return {
    ms,
    requests: log.length,
    enrichRequests: log.filter((e) => e.path === '/enrich/contact').length,
    status429: log.filter((e) => e.status === 429).length,
    results,
  };
}

if (PART !== 'connectors') {
  const seedServer = await startServer();
  const emails = await emailsFrom(seedServer.url, EMAILS);
  await seedServer.close();
  if (emails.length < EMAILS) throw new Error(`only ${emails.length} seeded emails`);

  const ours: Figures[] = [];
  const theirs: Figures[] = [];
  for (let run = 0; run < RUNS; run++) {
    ours.push(await sidecar(emails));
    theirs.push(await naive(emails));
    const [o, t] = [ours.at(-1), theirs.at(-1)];
    console.log(`run ${run + 1}: sidecar ${o?.ms.toFixed(0)} ms / ${o?.requests} requests / ${o?.status429} × 429 — naive ${t?.ms.toFixed(0)} ms / ${t?.requests} requests / ${t?.status429} × 429`);
  }

  const sum = (f: Figures[]) => ({
    ms: median(f.map((x) => x.ms)),
    requests: median(f.map((x) => x.requests)),
    status429: median(f.map((x) => x.status429)),
    results: median(f.map((x) => x.results)),
  });
  const [o, t] = [sum(ours), sum(theirs)];
  const capacity = 25 * 25;
  const rate = (EMAILS / o.ms) * 1000;
  const table = `## Lookups (\`npm run bench:lookups\`)

${EMAILS} distinct emails of seeded contacts, enriched against the reference server (its own
process, embedded PGlite in memory, default limits 25 requests/s and 1,500/min per token). Sidecar: the
worker's own modules (LookupService → cache → batcher → limiter → token manager → ky). Naive: 25
concurrent one-email requests that wait out Retry-After. Median of ${RUNS} runs each, alternated.

| client | time | records/s | requests | 429s | records found |
|---|---:|---:|---:|---:|---:|
| Sidecar | ${(o.ms / 1000).toFixed(2)} s | ${rate.toFixed(0)} | ${o.requests} | ${o.status429} | ${o.results} |
| naive | ${(t.ms / 1000).toFixed(2)} s | ${((EMAILS / t.ms) * 1000).toFixed(0)} | ${t.requests} | ${t.status429} | ${t.results} |

Sidecar is **${(t.ms / o.ms).toFixed(1)}×** faster than the naive client, at **${((rate / capacity) * 100).toFixed(0)} %**
of the limit's capacity (25 requests/s × 25 inputs = ${capacity} records/s; over a run this short
the first second's burst of 25 calls counts too, so more than 100 % is possible).
Targets: ≥ 90 % of capacity, no 429, ≥ 20× the naive client.

Machine: ${machine()}.`;
  console.log(`\n${table}`);
  writeBenchmarkSection('lookups', table);
}

if (PART !== 'provider') {
  const c = await benchConnectors(CONNECTOR_ENTITIES, APPZ_RATE);
  const floor = (c.entities / c.rate) * 1000;
  const row = `## Lookups: connectors (\`npm run bench:lookups\`, \`BENCH_PART=connectors\` for this row alone)

An App-Z Enrich action (\`GET /api/v1/people?email={email}\`, API key in the query) over ${c.entities}
entities through the worker's executor (utils/connectors/executor.ts: per-connector limiter, bounded
send, output extraction), App-Z served over HTTP in this process at APPZ_RATE_PER_SECOND=${c.rate}
and the connector's rate set to the same. Overhead: ${c.overheadSamples} calls one at a time through
the executor, each followed by a bare \`fetch\` of the same URL (same run, alternating).

| connectors | time | entities ÷ rate | requests | 429s | with a value |
|---|---:|---:|---:|---:|---:|
| App-Z Enrich × ${c.entities} | ${(c.ms / 1000).toFixed(2)} s | ${(floor / 1000).toFixed(2)} s | ${c.requests} | ${c.status429} | ${c.withOutputs} |

| per call | p50 |
|---|---:|
| through the executor | ${c.executorP50.toFixed(2)} ms |
| bare fetch | ${c.fetchP50.toFixed(2)} ms |
| **overhead** (p95 ${c.overheadP95.toFixed(2)} ms) | **${c.overheadP50.toFixed(2)} ms** |

Target: overhead ≤ 2 ms at p50; no 429; time close to entities ÷ rate (the first second's burst can put it a little under).
${process.env.BENCH_NOTE ? `\n${process.env.BENCH_NOTE}\n` : ''}
Machine: ${machine()}.`;
  console.log(`\n${row}`);
  writeBenchmarkSection('lookups-connectors', row);
}
