/** Contract tests of api-contract.md §2 "Authentication". */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SignJWT, UnsecuredJWT, decodeJwt, decodeProtectedHeader, generateKeyPair, importPKCS8 } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import * as E from '../../../utils/schemas/enterprise-api.ts';
import type { RunningServer } from '../../app.ts';
import { SERVER_KEY_FILE } from '../../auth/keys.ts';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../auth/tokens.ts';
import { TestClient, clientJwt } from '../client.ts';
import { expectError, parsed, type ContractContext } from './context.ts';

export function authenticationContract(ctx: ContractContext): void {
  describe('authentication (§2)', () => {
    let server: RunningServer;
    let api: TestClient;
    const { factory } = ctx;
    beforeAll(() => {
      ({ server, api } = ctx.current());
    });

    it('issues an RS256 access token with exp one TTL after iat, by password', async () => {
      const reply = await api.post('/authenticate', { username: 'demo@example.com', password: 'demo-password' });
      const { jwt } = parsed(reply, E.authenticateResponse);
      expect(decodeProtectedHeader(jwt).alg).toBe('RS256');
      const claims = decodeJwt(jwt);
      expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(3600);
    });

    it('refuses a wrong password, an unknown user and unknown fields', async () => {
      expectError(await api.post('/authenticate', { username: 'demo@example.com', password: 'nope' }), 401, 'unauthorized');
      expectError(await api.post('/authenticate', { username: 'eve@example.com', password: 'demo-password' }), 401, 'unauthorized');
      expectError(await api.post('/authenticate', { username: 'demo@example.com', password: 'demo-password', admin: true }), 400, 'invalid_input');
      expectError(await api.post('/authenticate', { username: 5, password: 'x' }), 400, 'invalid_input');
      expectError(await api.post('/authenticate', {}), 401, 'unauthorized');
    });

    it('accepts a PKI client JWT signed with the registered key', async () => {
      const client = server.demoClient();
      expect(client.clientId).toBe('demo-client');
      expect(client.username).toBe('demo@example.com');
      expect(client.privateKeyPem).toContain('BEGIN PRIVATE KEY');
      const jwt = await clientJwt(client.privateKeyPem, { username: client.username, client_id: client.clientId });
      const { jwt: access } = parsed(await api.post('/authenticate', {}, jwt), E.authenticateResponse);
      parsed(await api.get('/lookup/usage', access), E.usageResponse);
      // Empty body rather than {} works too.
      const again = await api.raw('POST', '/authenticate', { headers: { Authorization: `Bearer ${jwt}` } });
      parsed(again, E.authenticateResponse);
    });

    it('refuses client JWTs that are forged, too long-lived, for another audience, unknown or alg none', async () => {
      const client = server.demoClient();
      const other = await generateKeyPair('RS256', { extractable: true });
      const forged = await new SignJWT({ username: client.username, client_id: client.clientId })
        .setProtectedHeader({ alg: 'RS256' }).setAudience('enterprise_api').setIssuer('x').setIssuedAt().setExpirationTime('4m')
        .sign(other.privateKey);
      const none = new UnsecuredJWT({ username: client.username, client_id: client.clientId }).setAudience('enterprise_api').setIssuer('x').setIssuedAt().setExpirationTime('4m').encode();
      const cases = [
        forged,
        none,
        await clientJwt(client.privateKeyPem, { username: client.username, client_id: client.clientId, lifetimeSeconds: 301 }),
        await clientJwt(client.privateKeyPem, { username: client.username, client_id: client.clientId, lifetimeSeconds: 3600 }),
        await clientJwt(client.privateKeyPem, { username: client.username, client_id: client.clientId, aud: 'someone_else' }),
        await clientJwt(client.privateKeyPem, { username: client.username, client_id: 'other-client' }),
        await clientJwt(client.privateKeyPem, { username: 'eve@example.com', client_id: client.clientId }),
        await clientJwt(client.privateKeyPem, { username: client.username, client_id: client.clientId, iatOffsetSeconds: -900 }),
        'not.a.jwt',
      ];
      for (const jwt of cases) expectError(await api.post('/authenticate', {}, jwt), 401, 'unauthorized');
    });

    it('limits /authenticate to one call per second per username', async () => {
      const strict = await factory.start({ authIntervalMs: 1000, seedCompanies: 0, seedContacts: 0 });
      const c = new TestClient(strict);
      expect((await c.post('/authenticate', { username: 'demo@example.com', password: 'demo-password' })).status).toBe(200);
      const second = await c.post('/authenticate', { username: 'demo@example.com', password: 'demo-password' });
      expectError(second, 429, 'rate_limited');
      expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      // Another username is not affected.
      expectError(await c.post('/authenticate', { username: 'other@example.com', password: 'x' }), 401, 'unauthorized');
    });

    it('issues OAuth client-credentials tokens (form-encoded, or HTTP Basic)', async () => {
      const form = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
        api.raw('POST', '/oauth/token', { body: new URLSearchParams(fields).toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers } });
      const ok = parsed(await form({ grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret' }), E.oauthTokenResponse);
      expect(ok.expires_in).toBe(3600);
      parsed(await api.get('/lookup/usage', ok.access_token), E.usageResponse);
      const basic = Buffer.from('demo-client:demo-secret').toString('base64');
      parsed(await form({ grant_type: 'client_credentials' }, { Authorization: `Basic ${basic}` }), E.oauthTokenResponse);
      expectError(await form({ grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'wrong' }), 401, 'unauthorized');
      expectError(await form({ grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'demo-secret' }), 401, 'unauthorized');
      expectError(await form({ grant_type: 'password', client_id: 'demo-client', client_secret: 'demo-secret' }), 400, 'invalid_input');
      expectError(await form({ grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret', extra: '1' }), 400, 'invalid_input');
    });

    it('refuses missing, malformed, forged, expired and alg-none access tokens, and API keys, on the enterprise API', async () => {
      expectError(await api.get('/lookup/usage'), 401, 'unauthorized');
      expectError(await api.get('/lookup/usage', 'garbage'), 401, 'unauthorized');
      const serverKey = await importPKCS8(readFileSync(path.join(server.config.dataDir, SERVER_KEY_FILE), 'utf8'), 'RS256');
      const now = Math.floor(Date.now() / 1000);
      const sign = (key: CryptoKey, iat: number, exp: number) =>
        new SignJWT({ kind: 'user' }).setProtectedHeader({ alg: 'RS256' }).setSubject('demo@example.com').setIssuer(TOKEN_ISSUER)
          .setAudience(TOKEN_AUDIENCE).setJti('t').setIssuedAt(iat).setExpirationTime(exp).sign(key);
      const expired = await sign(serverKey, now - 7200, now - 3600);
      expect(expectError(await api.get('/lookup/usage', expired), 401, 'unauthorized')).toMatch(/expired/);
      const valid = await sign(serverKey, now, now + 60);
      expect((await api.get('/lookup/usage', valid)).status).toBe(200);
      const other = await generateKeyPair('RS256');
      expectError(await api.get('/lookup/usage', await sign(other.privateKey, now, now + 60)), 401, 'unauthorized');
      const none = new UnsecuredJWT({ kind: 'user' }).setSubject('demo@example.com').setIssuer(TOKEN_ISSUER).setAudience(TOKEN_AUDIENCE).setJti('t').setIssuedAt().setExpirationTime('1h').encode();
      expectError(await api.get('/lookup/usage', none), 401, 'unauthorized');
      const details = expectError(await api.get('/lookup/usage', 'demo-key'), 403, 'forbidden');
      expect(details).toContain('You do not have access to this endpoint.');
    });
  });
}
