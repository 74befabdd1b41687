/** The waterfall behind the provider, against App-Z's real routes in process: order, stop, source label. */
import { Hono } from 'hono';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAppZ } from '../../server/app-z/app.ts';
import type { AppZLogEntry } from '../../server/app-z/request-log.ts';
import type { FinalState } from '../lookup/results.ts';
import type { Detection } from '../schemas/detection.ts';
import { parseConnector, type ConnectorAction } from './connector.ts';
import { ConnectorSecrets } from './connector-secrets.ts';
import { ConnectorExecutor } from './executor.ts';
import { appZConnector, peopleAction } from './test-fixtures.ts';
import type { WaterfallConfig } from './views.ts';
import { fillFromWaterfall } from './waterfall-fill.ts';
import { connectorSections } from './sections.ts';
import { memoryKv } from '../../tests/unit/memory-kv.ts';

const BASE = 'https://appz.test/app-z';
const KEY = 'key-1';
let appFetch: typeof fetch;
let executor: ConnectorExecutor;

const dealAction: ConnectorAction = { ...peopleAction, id: 'deal', name: 'Deal stage', outputs: [{ path: 'dealStage', label: 'Deal stage' }] };
const connector = parseConnector(appZConnector({ baseUrl: BASE, auth: { type: 'apiKey', displayName: 'Key', keyName: 'api_key', placement: 'query' }, actions: [peopleAction, dealAction] }));

beforeEach(async () => {
  const app = new Hono().route('/app-z', createAppZ({ clients: [], apiKeys: [KEY], tokenTtlSeconds: 60, ratePerSecond: 50 }));
  appFetch = async (input, init) => app.fetch(new Request(input, init));
  const secrets = new ConnectorSecrets(memoryKv());
  await secrets.update('app-z', { apiKey: KEY });
  const limiters = memoryKv();
  executor = new ConnectorExecutor({
    secrets,
    limiterStore: (key) => ({ load: async () => null, save: async (state) => void (await limiters.set(key, state)) }),
    redirectUrl: () => '',
    fetch: appFetch,
  });
});

async function apiCalls(): Promise<string[]> {
  const { requests } = (await (await appFetch(`${BASE}/_admin/requests`)).json()) as { requests: AppZLogEntry[] };
  return requests.filter((r) => r.path.includes('/api/')).map((r) => r.path);
}

const detection: Detection = { kind: 'email', value: 'priya.raman@northwind.io', source: 'text', confidence: 1 };

function providerAnswer(mobilePhone: string | null): FinalState {
  return {
    status: 'RESULT',
    at: 1,
    result: {
      type: 'contact',
      contact: { id: 42, firstName: 'Priya', lastName: 'Raman', email: 'priya.raman@northwind.io', mobilePhone, phone: '+1 555 0100' },
      candidates: [],
      company: null,
      revealed: true,
      provenance: { provider: 'ZoomInfo', matchedOn: 'emailAddress: priya.raman@northwind.io', matchStatus: 'FULL_MATCH', accuracy: null, lastUpdated: null },
    },
  };
}

const step = (actionId: string, outputPath: string) => ({ kind: 'connector' as const, connectorId: 'app-z', actionId, outputPath });
const fill = (state: FinalState, config: WaterfallConfig) => fillFromWaterfall(state, detection, 'email:priya.raman@northwind.io', { config, connectors: [connector], executor, cache: memoryKv(), ttlMs: 60_000 });

describe('waterfall', () => {
  it('fills the mobile phone the provider lacks and names App-Z as its source', async () => {
    const filled = await fill(providerAnswer(null), { mobilePhone: [{ kind: 'provider' }, step('person', 'mobilePhone')] });
    expect(filled).toMatchObject({ result: { contact: { mobilePhone: expect.stringMatching(/\d/) }, filledBy: { mobilePhone: 'App-Z' } } });
  });

  it('goes on past a source without a value, and stops at the first that has one', async () => {
    // App-Z's answer has no `cellPhone`: the first step gives nothing, the second the number.
    const filled = await fill(providerAnswer(null), { mobilePhone: [step('deal', 'cellPhone'), step('person', 'mobilePhone'), step('deal', 'mobilePhone')] });
    expect(filled).toMatchObject({ result: { filledBy: { mobilePhone: 'App-Z' } } });
    expect(await apiCalls()).toHaveLength(2);
  });

  it('leaves a field the provider gave alone, and asks no connector', async () => {
    const state = providerAnswer('+1 555 0199');
    expect(await fill(state, { mobilePhone: [{ kind: 'provider' }, step('person', 'mobilePhone')] })).toEqual(state);
    expect(await apiCalls()).toEqual([]);
  });

  it('a step of a deleted connector or action is skipped', async () => {
    const filled = await fill(providerAnswer(null), { mobilePhone: [step('gone', 'mobilePhone'), step('person', 'mobilePhone')] });
    expect(filled).toMatchObject({ result: { filledBy: { mobilePhone: 'App-Z' } } });
  });
  it("one request serves the waterfall and the card's section of the same action", async () => {
    const cache = memoryKv();
    const deps = { executor, cache, ttlMs: 60_000 };
    await fillFromWaterfall(providerAnswer(null), detection, 'email:priya.raman@northwind.io', { config: { mobilePhone: [step('person', 'mobilePhone')] }, connectors: [connector], ...deps });
    const [section] = await connectorSections([{ ...connector, actions: [peopleAction] }], { email: 'priya.raman@northwind.io' }, deps);
    expect(section?.outputs).toEqual([{ label: 'Mobile phone', path: 'mobilePhone', value: expect.stringMatching(/\d/) }]);
    expect(await apiCalls()).toEqual(['/app-z/api/v1/people']);
  });
});

