/**
 * The connectors row of bench:lookups: an App-Z Enrich action over many entities through the
 * worker's own executor (per-connector limiter, API key placement, bounded send, output
 * extraction) against App-Z served over HTTP in this process at its rate limit — time, requests,
 * 429s — and the executor's overhead per call against a bare `fetch` of the same URL, both
 * measured in the same run, alternating, with the limiter set well above the calls made.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { createAppZ } from '../../server/app-z/app.ts';
import type { AppZLogEntry } from '../../server/app-z/request-log.ts';
import { loadDemoDataset } from '../../server/seed/demo.ts';
import { parseConnector } from '../../utils/connectors/connector.ts';
import { ConnectorSecrets } from '../../utils/connectors/connector-secrets.ts';
import { ConnectorExecutor } from '../../utils/connectors/executor.ts';
import type { LimiterState } from '../../utils/http/limiter.ts';
import { median } from './bench-report.ts';
import { memoryKv } from '../unit/memory-kv.ts';

const KEY = 'bench-key';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function executorFor(base: string, ratePerSecond: number) {
  const secrets = new ConnectorSecrets(memoryKv());
  await secrets.update('app-z', { apiKey: KEY });
  const limiterStates = memoryKv<LimiterState>();
  const executor = new ConnectorExecutor({
    secrets,
    limiterStore: (key) => ({ load: async () => (await limiterStates.get(key)) ?? null, save: (state) => limiterStates.set(key, state) }),
    redirectUrl: () => '',
  });
  const connector = parseConnector({
    id: 'app-z',
    name: 'App-Z',
    description: '',
    baseUrl: `${base}/app-z`,
    category: 'Sales',
    auth: { type: 'apiKey', displayName: 'App-Z key', keyName: 'api_key', placement: 'query' },
    rateLimitPerSecond: ratePerSecond,
    actions: [
      {
        id: 'person',
        name: 'Person',
        category: 'Enrich',
        method: 'GET',
        endpoint: '/api/v1/people?email={email}',
        parameters: [{ name: 'email', entityField: 'email' }],
        outputs: [{ path: 'mobilePhone', label: 'Mobile phone' }],
      },
    ],
  });
  const action = connector.actions[0];
  if (!action) throw new Error('no action');
  return { executor, connector, action };
}

export interface ConnectorFigures {
  entities: number;
  rate: number;
  ms: number;
  requests: number;
  status429: number;
  withOutputs: number;
  overheadSamples: number;
  executorP50: number;
  fetchP50: number;
  overheadP50: number;
  overheadP95: number;
}

export async function benchConnectors(entities: number, rate: number): Promise<ConnectorFigures> {
  const app = new Hono().route('/app-z', createAppZ({ clients: [], apiKeys: [KEY], tokenTtlSeconds: 3600, ratePerSecond: rate }));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const known = loadDemoDataset().contacts.flatMap((c) => (c.email ? [c.email] : []));
    const emails = Array.from({ length: entities }, (_, i) => known[i] ?? `nobody${i}@example.com`);

    // Throughput: every entity at once, the connector's limiter at App-Z's own rate.
    const run = await executorFor(base, rate);
    await fetch(`${base}/app-z/_admin/requests`, { method: 'DELETE' });
    const started = performance.now();
    const runs = await Promise.all(emails.map((email) => run.executor.run(run.connector, run.action, { email })));
    const ms = performance.now() - started;
    const { requests } = (await (await fetch(`${base}/app-z/_admin/requests`)).json()) as { requests: AppZLogEntry[] };
    const api = requests.filter((r) => r.path.includes('/api/'));

    // Overhead: one call at a time, alternating with a bare fetch of the same URL; a fresh
    // connector id and a limiter far above the pace of one call at a time, so it never waits.
    await new Promise((r) => setTimeout(r, 1500));
    const quiet = await executorFor(base, 100);
    const samples = Math.min(200, Math.floor(rate * 2));
    const viaExecutor: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < samples; i++) {
      const email = known[i % known.length] ?? 'nobody@example.com';
      const url = `${base}/app-z/api/v1/people?email=${encodeURIComponent(email)}&api_key=${KEY}`;
      let t = performance.now();
      await quiet.executor.run(quiet.connector, quiet.action, { email });
      viaExecutor.push(performance.now() - t);
      t = performance.now();
      const response = await fetch(url, { headers: { Accept: 'application/json' } });
      await response.json();
      bare.push(performance.now() - t);
      // Stay under App-Z's rate so neither side meets a 429.
      await new Promise((r) => setTimeout(r, Math.ceil(2000 / rate)));
    }
    const overheads = viaExecutor.map((v, i) => v - (bare[i] ?? 0));
    return {
      entities,
      rate,
      ms,
      requests: api.length,
      status429: api.filter((r) => r.status === 429).length,
      withOutputs: runs.filter((r) => r.outputs.some((o) => o.value !== null)).length,
      overheadSamples: samples,
      executorP50: median(viaExecutor),
      fetchP50: median(bare),
      overheadP50: median(overheads),
      overheadP95: percentile(overheads, 95),
    };
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
