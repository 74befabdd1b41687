import { describe, expect, it } from 'vitest';
import { parseConnector } from './connector.ts';
import { applyCredential, credentialFor } from './credentials.ts';
import { ConnectorError } from './errors.ts';
import { buildRequest } from './template.ts';
import { APPZ_BASE, appZConnector, noteAction, peopleAction } from './test-fixtures.ts';

const get = () => buildRequest(APPZ_BASE, peopleAction, { email: 'dana@northwind.io' });
const post = () => buildRequest(APPZ_BASE, noteAction, { about: 'northwind.io', text: 'hi', source: 'sidecar' });

describe('credentials by placement', () => {
  it('query: one more query parameter, encoded', () => {
    const spec = applyCredential(get(), { type: 'query', name: 'api_key', value: 'k&e y' });
    expect(spec.url.search).toBe('?email=dana%40northwind.io&api_key=k%26e+y');
  });

  it('header: replaces a same-named header whatever its case, refuses CR/LF', () => {
    const spec = applyCredential({ ...get(), headers: { 'x-api-key': 'old' } }, { type: 'header', name: 'X-Api-Key', value: 'k1' });
    expect(spec.headers).toEqual({ 'X-Api-Key': 'k1' });
    expect(() => applyCredential(get(), { type: 'header', name: 'X-Api-Key', value: 'k\r\nX: 1' })).toThrow(ConnectorError);
  });

  it('body: a field of the JSON object; a GET has no body to carry it', () => {
    const spec = applyCredential(post(), { type: 'body', name: 'apiKey', value: 'k1' });
    expect(spec.json).toEqual({ about: 'northwind.io', text: 'hi', apiKey: 'k1' });
    expect(() => applyCredential(get(), { type: 'body', name: 'apiKey', value: 'k1' })).toThrow(/GET request/);
  });

  it('bearer and oauth2: the Authorization header', () => {
    expect(applyCredential(get(), { type: 'bearer', token: 't1' }).headers.Authorization).toBe('Bearer t1');
    expect(applyCredential(get(), { type: 'oauth2', accessToken: 'a1' }).headers.Authorization).toBe('Bearer a1');
  });

  it('never changes the request it is given', () => {
    const spec = post();
    applyCredential(spec, { type: 'body', name: 'apiKey', value: 'k1' });
    applyCredential(spec, { type: 'query', name: 'api_key', value: 'k1' });
    expect(spec.json).toEqual({ about: 'northwind.io', text: 'hi' });
    expect(spec.url.search).toBe('');
  });

  it('follows the connector auth settings', () => {
    expect(credentialFor(parseConnector(appZConnector()).auth, 'k1')).toEqual({ type: 'query', name: 'api_key', value: 'k1' });
    const oauth = parseConnector(appZConnector({ auth: { type: 'oauth2', authorizationUrl: 'https://a.example/a', tokenUrl: 'https://a.example/t', clientId: 'c' } }));
    expect(credentialFor(oauth.auth, 'at')).toEqual({ type: 'oauth2', accessToken: 'at' });
  });
});
