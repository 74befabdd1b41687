/** Actions run end to end against App-Z's real routes, in process; its request log proves where each credential went. */
import { Hono } from 'hono';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAppZ } from '../../server/app-z/app.ts';
import type { AppZLogEntry } from '../../server/app-z/request-log.ts';
import { parseConnector, type ConnectorAction } from './connector.ts';
import { credentialFor } from './credentials.ts';
import { valuesFromEntity } from './entity-values.ts';
import { ConnectorError } from './errors.ts';
import { runAction } from './run.ts';
import { appZConnector, competitorsAction, noteAction, peopleAction } from './test-fixtures.ts';

const BASE = 'https://appz.test/app-z';
let appFetch: typeof fetch;

beforeEach(() => {
  const app = new Hono().route('/app-z', createAppZ({ clients: [], apiKeys: ['key-1'], tokenTtlSeconds: 60, ratePerSecond: 50 }));
  appFetch = async (input, init) => app.fetch(new Request(input, init));
});

async function lastLog(): Promise<AppZLogEntry | undefined> {
  return ((await (await appFetch(`${BASE}/_admin/requests`)).json()) as { requests: AppZLogEntry[] }).requests.at(-1);
}

function connector(keyName: string, placement: 'query' | 'header' | 'body') {
  return parseConnector(appZConnector({ baseUrl: BASE, auth: { type: 'apiKey', displayName: 'App-Z key', keyName, placement } }));
}

describe('running actions against App-Z', () => {
  it('key in the query: competitors as outputs', async () => {
    const c = connector('api_key', 'query');
    const run = await runAction(c, competitorsAction, { domain: 'northwind.io' }, credentialFor(c.auth, 'key-1'), { fetch: appFetch });
    expect(run.status).toBe(200);
    expect(run.outputs[0]).toMatchObject({ label: 'Competitors', value: expect.arrayContaining([expect.any(String)]) });
    expect(await lastLog()).toMatchObject({ path: '/app-z/api/v1/companies/northwind.io/competitors', credential: 'query' });
  });

  it('key in a header: the mobile phone the enterprise API lacks', async () => {
    const c = connector('X-Api-Key', 'header');
    const values = valuesFromEntity(peopleAction, { email: 'priya.raman@northwind.io' });
    expect(values).toEqual({ email: 'priya.raman@northwind.io' });
    const run = await runAction(c, peopleAction, values ?? {}, credentialFor(c.auth, 'key-1'), { fetch: appFetch });
    expect(run.outputs).toEqual([{ label: 'Mobile phone', path: 'mobilePhone', value: expect.stringMatching(/^\+1 415 555 \d{4}$/) }]);
    expect(await lastLog()).toMatchObject({ path: '/app-z/api/v1/people', credential: 'header' });
  });

  it('key in the body: a note posted, quotes and all', async () => {
    const c = connector('apiKey', 'body');
    const run = await runAction(c, noteAction, { about: 'northwind.io', text: 'Said "call me" & left', source: 'sidecar' }, credentialFor(c.auth, 'key-1'), { fetch: appFetch });
    expect(run.status).toBe(201);
    expect(run.json).toMatchObject({ text: 'Said "call me" & left' });
    expect(run.outputs).toEqual([{ label: 'Note id', path: 'id', value: 'note_1' }]);
    expect(await lastLog()).toMatchObject({ path: '/app-z/api/v1/notes', credential: 'body' });
  });

  it('an error answer keeps its status and body, with no outputs', async () => {
    const c = connector('api_key', 'query');
    const run = await runAction(c, competitorsAction, { domain: 'northwind.io' }, credentialFor(c.auth, 'wrong'), { fetch: appFetch });
    expect(run).toMatchObject({ status: 401, outputs: [], json: { errors: [{ id: 'unauthorized' }] } });
  });

  it('sends nothing when a value would break out of its place', async () => {
    const c = connector('X-Api-Key', 'header');
    const withHeader: ConnectorAction = { ...peopleAction, headers: [{ name: 'X-Trace', value: '{email}' }] };
    await expect(runAction(c, withHeader, { email: 'a@b.io\r\nX-Api-Key: stolen' }, credentialFor(c.auth, 'key-1'), { fetch: appFetch })).rejects.toBeInstanceOf(ConnectorError);
    expect(await lastLog()).toBeUndefined();
  });

  it('an action shows on a card only when the entity fills every parameter', () => {
    expect(valuesFromEntity(noteAction, { domain: 'northwind.io' })).toBeNull();
    expect(valuesFromEntity(competitorsAction, { domain: ' ' })).toBeNull();
    expect(valuesFromEntity(competitorsAction, { domain: 'northwind.io', email: 'x@y.io' })).toEqual({ domain: 'northwind.io' });
  });
});
