import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../schemas/settings.ts';
import { tokenSourceFor } from './credentials.ts';

const JWT = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJkZW1vIn0.';

/** A token endpoint answering from a script, recording what it was sent. */
function endpoint(...answers: { status: number; body: unknown; headers?: Record<string, string> }[]) {
  const requests: { url: string; body: string; contentType: string | null }[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    requests.push({ url: request.url, body: await request.text(), contentType: request.headers.get('content-type') });
    const answer = answers.shift() ?? { status: 500, body: {} };
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json', ...answer.headers } });
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

describe('sign-in through the provider HTTP client', () => {
  const password = { ...DEFAULT_SETTINGS, baseUrl: 'http://provider.test', authMethod: 'password' as const, username: 'demo@example.com' };

  it('waits out a rate-limited sign-in and signs in', async () => {
    const server = endpoint({ status: 429, body: {}, headers: { 'retry-after': '0' } }, { status: 200, body: { jwt: JWT } });
    const token = await tokenSourceFor(password, { password: 'demo-password' }, server.fetch)();
    expect(token.token).toBe(JWT);
    expect(server.requests.map((r) => r.url)).toEqual(['http://provider.test/authenticate', 'http://provider.test/authenticate']);
  });

  it('says the credentials were refused, with the server’s reason, and does not retry', async () => {
    const server = endpoint({ status: 401, body: { errors: [{ id: 'unauthorized', code: 401, details: 'wrong password.' }] } });
    await expect(tokenSourceFor(password, { password: 'nope' }, server.fetch)()).rejects.toMatchObject({
      id: 'unauthorized',
      message: 'Sign-in refused the credentials: wrong password.',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('posts the OAuth client credentials as a form to the token URL as given', async () => {
    const server = endpoint({ status: 200, body: { access_token: JWT, expires_in: 60 } });
    const oauth = { ...password, authMethod: 'oauth' as const, clientId: 'client', tokenUrl: 'https://auth.example.com/oauth2/token' };
    await tokenSourceFor(oauth, { clientSecret: 'secret' }, server.fetch)();
    expect(server.requests[0]).toMatchObject({ url: 'https://auth.example.com/oauth2/token', contentType: expect.stringContaining('application/x-www-form-urlencoded') });
    expect(new URLSearchParams(server.requests[0]?.body).get('client_secret')).toBe('secret');
  });

  it('an answer without a token is a bad response, not a crash', async () => {
    const server = endpoint(...Array.from({ length: 4 }, () => ({ status: 200, body: { token: 'x' } })));
    await expect(tokenSourceFor(password, { password: 'demo-password' }, server.fetch)()).rejects.toMatchObject({ id: 'bad_response' });
  });
});
