/**
 * The bulk part of `npm run bench:server` (PostgreSQL): a bulk enrich of RECORDS contacts matched
 * by e-mail, as a client must send it — jobs of 10,000 inputs, at most 5 active, 1 new job a second
 * — from the first submit to the last page of results read; then the same records through
 * /enrich/contact at the enterprise rate limit (25 calls a second of 25 inputs), in the same run,
 * on the same server. Answers the "Bulk" section of BENCHMARKS.md.
 */
import os from 'node:os';
import { BULK_LIMITS } from '../../server/services/bulk/schemas.ts';

interface Call {
  status: number;
  body: unknown;
}

async function post(url: string, jwt: string, path: string, body: unknown, retries = 2): Promise<Call> {
  let res: Response;
  try {
    res = await fetch(url + path, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${jwt}` }, body: JSON.stringify(body) });
  } catch (error) {
    // A kept-alive socket the server closed meanwhile (keepAliveTimeout): a new connection, as any client would.
    if (retries > 0) return post(url, jwt, path, body, retries - 1);
    throw error;
  }
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface BulkFigures {
  records: number;
  jobs: number;
  seconds: number;
  matched: number;
  baselineSeconds: number;
  baselineMatched: number;
  baselineErrors: number;
}

/** One bulk job from submit to its last page read: how many results matched a record. */
async function runJob(url: string, jwt: string, emails: string[]): Promise<number> {
  let jobId = '';
  for (;;) {
    const r = await post(url, jwt, '/bulk/enrich/contact', { matchPersonInput: emails.map((emailAddress) => ({ emailAddress })), outputFields: ['email', 'jobTitle'] });
    if (r.status === 200) {
      jobId = (r.body as { jobId: string }).jobId;
      break;
    }
    if (r.status !== 429) throw new Error(`bulk submit: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    await sleep(250);
  }
  let pages = 0;
  for (;;) {
    const s = await post(url, jwt, '/bulk/job/status', { jobId });
    const status = s.body as { status: string; totalPages: number };
    if (status.status === 'COMPLETED') {
      pages = status.totalPages;
      break;
    }
    if (status.status === 'FAILED') throw new Error(`bulk job ${jobId} failed`);
    await sleep(100);
  }
  let matched = 0;
  for (let page = 1; page <= pages; page++) {
    const r = await post(url, jwt, '/bulk/job/results', { jobId, page });
    if (r.status !== 200) throw new Error(`bulk results: HTTP ${r.status}`);
    matched += (r.body as { result: { matchStatus: string }[] }).result.filter((x) => x.matchStatus === 'FULL_MATCH').length;
  }
  return matched;
}

export async function benchBulk(url: string, jwt: string, emails: string[]): Promise<BulkFigures> {
  const chunks: string[][] = [];
  for (let i = 0; i < emails.length; i += BULK_LIMITS.enrichInputs) chunks.push(emails.slice(i, i + BULK_LIMITS.enrichInputs));
  console.log(`   bulk: ${emails.length} contacts in ${chunks.length} jobs…`);
  const started = performance.now();
  let next = 0;
  let matched = 0;
  // At most 5 jobs active at once (the guide's limit); the server refuses a sixth with 429.
  await Promise.all(
    Array.from({ length: Math.min(BULK_LIMITS.activeJobs, chunks.length) }, async () => {
      while (next < chunks.length) {
        // Not `matched += await …`: that reads `matched` before the await and loses the other runners' counts.
        const found = await runJob(url, jwt, chunks[next++] ?? []);
        matched += found;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(`   bulk: ${emails.length} contacts, results read in ${seconds.toFixed(1)} s = ${(emails.length / seconds).toFixed(0)} rows/s (${matched} matched)`);

  console.log(`   baseline: the same ${emails.length} contacts through /enrich/contact at 25 calls/s of 25…`);
  let baselineMatched = 0;
  let baselineErrors = 0;
  const baselineStarted = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let k = 0; k * 25 < emails.length; k++) {
    await sleep(Math.max(0, baselineStarted + k * 40 - performance.now()));
    const batch = emails.slice(k * 25, k * 25 + 25).map((emailAddress) => ({ emailAddress }));
    inFlight.push(
      post(url, jwt, '/enrich/contact', { matchPersonInput: batch, outputFields: ['email', 'jobTitle'] }).then((r) => {
        if (r.status !== 200) baselineErrors++;
        else baselineMatched += (r.body as { data: { result: { matchStatus: string }[] } }).data.result.filter((x) => x.matchStatus === 'FULL_MATCH').length;
      }),
    );
  }
  await Promise.all(inFlight);
  const baselineSeconds = (performance.now() - baselineStarted) / 1000;
  console.log(`   baseline: ${baselineSeconds.toFixed(1)} s = ${(emails.length / baselineSeconds).toFixed(0)} rows/s (${baselineErrors} errors)`);
  return { records: emails.length, jobs: chunks.length, seconds, matched, baselineSeconds, baselineMatched, baselineErrors };
}

export function bulkSection(f: BulkFigures, seed: string, version: string, load: string): string {
  const rate = f.records / f.seconds;
  const baseline = f.records / f.baselineSeconds;
  return [
    '## Bulk',
    '',
    `Measured by \`npm run bench:server\` (tests/bench/bulk.ts, on the PostgreSQL run) on ${new Date().toISOString().slice(0, 10)}. ${version}; ${seed}. Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length} cores; 1-minute load average during the run ${load}. The server in a child process; the client, PostgreSQL and other engineers' work on the same cores.`,
    '',
    `| measure | time to results | rows/s | matched |`,
    '|---|---|---|---|',
    `| bulk enrich of ${f.records.toLocaleString('en-US')} contacts by e-mail: ${f.jobs} jobs of ≤ ${BULK_LIMITS.enrichInputs.toLocaleString('en-US')}, ≤ ${BULK_LIMITS.activeJobs} active, 1 submit/s, from the first submit to the last page read | ${f.seconds.toFixed(1)} s | ${rate.toFixed(0)} | ${f.matched.toLocaleString('en-US')} |`,
    `| the same records through /enrich/contact at the rate limit (25 calls/s × 25), same run | ${f.baselineSeconds.toFixed(1)} s | ${baseline.toFixed(0)} (ceiling 625) | ${f.baselineMatched.toLocaleString('en-US')}${f.baselineErrors ? ` (${f.baselineErrors} calls failed)` : ''} |`,
    '',
    `Bulk is ${(rate / baseline).toFixed(1)}× the rate-limited enrich here. A job's inputs are matched once at submit (to price it and refuse what cannot be paid) and again page by page by the worker; the job limits (5 active, 1 new a second) bound how much of the server one account can take.`,
  ].join('\n');
}
