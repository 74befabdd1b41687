// @vitest-environment node
// Rate limits per account, shared by every server process on one PostgreSQL (services/rate-limits.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestClient } from './testing/client.ts';
import { startPgCluster, type PgCluster } from './testing/pg-cluster.ts';

let cluster: PgCluster;
const children: ChildProcess[] = [];
let dataDir: string;

/** Starts `node server/main.ts` and resolves with its URL once it listens. */
function startProcess(databaseUrl: string): Promise<string> {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'main.ts')], {
    env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', SEED_COMPANIES: '0', SEED_CONTACTS: '0', AUTH_INTERVAL_MS: '0', LOG_REQUESTS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /server on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve(url);
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server process exited (${code}): ${out.slice(0, 2000)}`)));
  });
}

beforeAll(async () => {
  cluster = await startPgCluster();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'sidecar-two-processes-'));
}, 120_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
  await cluster.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

it('admits at most 25 requests a second for one account across two server processes offered 40 a second', async () => {
  const databaseUrl = await cluster.createDatabase();
  // One after the other: the first migrates and writes the signing key both verify tokens with.
  const first = new TestClient(await startProcess(databaseUrl));
  const second = new TestClient(await startProcess(databaseUrl));
  const token = await first.login();
  expect((await second.get('/lookup/departments', token)).status).toBe(200);
  await new Promise((r) => setTimeout(r, 1100));

  const offered = 120;
  const started = performance.now();
  const replies = await Promise.all(
    Array.from({ length: offered }, async (_, i) => {
      await new Promise((r) => setTimeout(r, i * 25)); // 40 a second, alternating processes
      const reply = await (i % 2 === 0 ? first : second).get('/lookup/departments', token);
      return { status: reply.status, process: i % 2 };
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const admitted = replies.filter((r) => r.status === 200);
  expect(replies.every((r) => r.status === 200 || r.status === 429)).toBe(true);
  // Every admission happened within the run, and any span of d seconds holds at most 25·⌈d⌉ of them.
  expect(admitted.length).toBeLessThanOrEqual(25 * Math.ceil(seconds));
  expect(admitted.length).toBeLessThan(offered);
  // Both processes admitted some: the limit is shared, not one process refusing everything.
  expect(new Set(admitted.map((r) => r.process)).size).toBe(2);
}, 120_000);
