import { describe, expect, it } from 'vitest';
import { ProviderHttp } from './client.ts';
import { RateLimiter } from './limiter.ts';
import { TokenManager, type TokenStore } from '../auth/token-manager.ts';
import { enrichContactResponse } from '../schemas/enterprise-api.ts';
import { scriptedProvider, demoContact } from '../../tests/unit/scripted-provider.ts';
import { virtualClock } from '../../tests/unit/virtual-clock.ts';

const memory = <T>() => {
  let saved: T | null = null;
  return { load: () => Promise.resolve(saved), save: (s: T | null) => Promise.resolve(void (saved = s)) };
};

function client(options: { timeoutMs?: number } = {}) {
  const clock = virtualClock();
  const provider = scriptedProvider({ contacts: [demoContact(1, 'dana@northwind.io')] });
  const credits: number[] = [];
  const tokens = new TokenManager({
    source: async () => {
      const r = await provider.fetch('http://provider.test/authenticate', { method: 'POST', body: '{}' });
      const { jwt } = (await r.json()) as { jwt: string };
      return { token: jwt, expiresAt: Number.POSITIVE_INFINITY };
    },
    store: memory() as TokenStore,
    ...clock,
  });
  const http = new ProviderHttp({
    baseUrl: 'http://provider.test',
    label: 'the enterprise API',
    limiter: new RateLimiter({ perSecond: 25, perMinute: 1500, store: memory(), ...clock }),
    tokens,
    fetch: provider.fetch,
    sleep: clock.sleep,
    random: () => 1,
    timeoutMs: options.timeoutMs,
    onCredits: (n) => credits.push(n),
  });
  const enrich = () => http.request('POST', 'enrich/contact', { matchPersonInput: [{ emailAddress: 'dana@northwind.io' }] }, enrichContactResponse);
  return { clock, provider, http, enrich, credits };
}

describe('ProviderHttp', () => {
  it('answers a parsed response and reports credits left', async () => {
    const { enrich, credits } = client();
    const { data } = await enrich();
    expect(data.data.result[0]?.data[0]?.email).toBe('dana@northwind.io');
    expect(credits).toEqual([9000]);
  });

  it('refreshes an expired token once and retries once', async () => {
    const { enrich, provider } = client();
    await enrich();
    provider.expireAllTokens();
    await enrich();
    expect(provider.authCount()).toBe(2);
    expect(provider.calls('/enrich/contact')).toHaveLength(3);
  });

  it('does not loop when the provider refuses the refreshed token too', async () => {
    const { enrich, provider } = client();
    const unauthorized = { status: 401, body: JSON.stringify({ errors: [{ id: 'unauthorized', code: 401, details: 'account disabled' }] }) };
    provider.failNext(unauthorized, unauthorized, unauthorized);
    await expect(enrich()).rejects.toMatchObject({ id: 'unauthorized', message: expect.stringContaining('account disabled') });
    expect(provider.calls('/enrich/contact')).toHaveLength(2);
    expect(provider.authCount()).toBe(2);
  });

  it('honours Retry-After on a 429 before trying again', async () => {
    const { enrich, provider, clock } = client();
    provider.failNext({ status: 429, headers: { 'retry-after': '3' }, body: '{"errors":[{"id":"rate_limited","code":429,"details":"slow down"}]}' });
    const t0 = clock.now();
    await enrich();
    expect(clock.now() - t0).toBeGreaterThanOrEqual(3000);
    expect(provider.calls('/enrich/contact')).toHaveLength(2);
  });

  it('retries 5xx with bounded backoff, then says so plainly', async () => {
    const { enrich, provider } = client();
    provider.failNext(...Array.from({ length: 6 }, () => ({ status: 503 })));
    await expect(enrich()).rejects.toMatchObject({ id: 'server_error', retryable: true });
    expect(provider.calls('/enrich/contact')).toHaveLength(5);
  });

  it('recovers when a retry succeeds', async () => {
    const { enrich, provider } = client();
    provider.failNext({ status: 500 }, 'network');
    const { data } = await enrich();
    expect(data.success).toBe(true);
  });

  it('turns malformed JSON into a clear error, not a crash', async () => {
    const { enrich, provider } = client();
    provider.failNext(...Array.from({ length: 5 }, () => ({ status: 200, body: '{"success": tru' })));
    await expect(enrich()).rejects.toMatchObject({ id: 'bad_response', message: expect.stringContaining('not valid JSON') });
  });

  it('says when a 200 answer has the wrong shape', async () => {
    const { enrich, provider } = client();
    provider.failNext(...Array.from({ length: 5 }, () => ({ status: 200, body: '{"success": true, "data": {"result": "nope"}}' })));
    await expect(enrich()).rejects.toMatchObject({ id: 'bad_response', message: expect.stringContaining('data.result') });
  });

  it('recognises an HTML error page', async () => {
    const { enrich, provider } = client();
    const page = { status: 502, headers: { 'content-type': 'text/html' }, body: '<html><body>Bad gateway</body></html>' };
    provider.failNext(page, page, page, page, page);
    await expect(enrich()).rejects.toMatchObject({ id: 'server_error', message: expect.stringContaining('HTML error page') });
  });

  it('gives up on a provider that does not answer in time', async () => {
    const { enrich, provider } = client({ timeoutMs: 50 });
    provider.failNext('hang', 'hang', 'hang', 'hang', 'hang');
    await expect(enrich()).rejects.toMatchObject({ id: 'timeout', retryable: true });
  });

  it('names the base URL it could not reach', async () => {
    const clock = virtualClock();
    const http = new ProviderHttp({
      baseUrl: 'http://127.0.0.1:9',
      label: 'the enterprise API',
      limiter: new RateLimiter({ perSecond: 25, perMinute: 1500, store: memory(), ...clock }),
      tokens: null,
      sleep: clock.sleep,
      maxRetries: 1,
    });
    await expect(http.request('GET', 'lookup/usage', undefined, enrichContactResponse)).rejects.toMatchObject({
      id: 'network',
      message: expect.stringContaining('http://127.0.0.1:9'),
    });
  });

  it('does not retry what a retry cannot fix', async () => {
    const { enrich, provider } = client();
    provider.failNext({ status: 402, body: '{"errors":[{"id":"credits_exhausted","code":402,"details":"0 credits left"}]}' });
    await expect(enrich()).rejects.toMatchObject({ id: 'credits_exhausted', retryable: false });
    expect(provider.calls('/enrich/contact')).toHaveLength(1);
  });
});
