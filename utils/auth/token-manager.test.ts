import { describe, expect, it } from 'vitest';
import { SignJWT, generateKeyPair, exportPKCS8, exportSPKI, importSPKI, jwtVerify, decodeJwt } from 'jose';
import { TokenManager, expiryOf, type AccessToken, type TokenStore } from './token-manager.ts';
import { signClientJwt } from './credentials.ts';
import { virtualClock } from '../../tests/unit/virtual-clock.ts';
import { SidecarError } from '../errors.ts';

function memoryStore(): TokenStore & { saved: AccessToken | null } {
  return {
    saved: null,
    load() {
      return Promise.resolve(this.saved);
    },
    save(token) {
      this.saved = token;
      return Promise.resolve();
    },
  };
}

function countingSource(clock: ReturnType<typeof virtualClock>, lifetimeMs = 3_600_000) {
  const calls: number[] = [];
  return {
    calls,
    source: async (): Promise<AccessToken> => {
      calls.push(clock.now());
      await Promise.resolve();
      return { token: `token-${calls.length}`, expiresAt: clock.now() + lifetimeMs };
    },
  };
}

describe('TokenManager', () => {
  it('lets two racing callers share one refresh', async () => {
    const clock = virtualClock();
    const { calls, source } = countingSource(clock);
    const manager = new TokenManager({ source, store: memoryStore(), ...clock });
    const [a, b, c] = await Promise.all([manager.getToken(), manager.getToken(), manager.getToken()]);
    expect(calls).toHaveLength(1);
    expect(new Set([a, b, c])).toEqual(new Set(['token-1']));
  });

  it('refreshes ahead of expiry, not after', async () => {
    const clock = virtualClock();
    const { calls, source } = countingSource(clock, 10 * 60_000);
    const manager = new TokenManager({ source, store: memoryStore(), refreshAheadMs: 60_000, ...clock });
    expect(await manager.getToken()).toBe('token-1');
    clock.advance(8 * 60_000);
    expect(await manager.getToken()).toBe('token-1');
    clock.advance(60_001);
    expect(await manager.getToken()).toBe('token-2');
    expect(calls).toHaveLength(2);
  });

  it('refreshes a short-lived token a proportionate time ahead', async () => {
    const clock = virtualClock();
    const { calls, source } = countingSource(clock, 4000);
    const manager = new TokenManager({ source, store: memoryStore(), refreshAheadMs: 60_000, ...clock });
    await manager.getToken();
    clock.advance(2500);
    expect(await manager.getToken()).toBe('token-1');
    clock.advance(600);
    expect(await manager.getToken()).toBe('token-2');
    expect(calls).toHaveLength(2);
  });

  it('invalidates only the token that failed, so a 401 after a refresh does not refresh again', async () => {
    const clock = virtualClock();
    const { calls, source } = countingSource(clock);
    const manager = new TokenManager({ source, store: memoryStore(), ...clock });
    const first = await manager.getToken();
    await manager.invalidate(first);
    clock.advance(2000);
    const second = await manager.getToken();
    expect(second).toBe('token-2');
    // A request that still carried the old token fails late: the new token stays.
    await manager.invalidate(first);
    expect(await manager.getToken()).toBe('token-2');
    expect(calls).toHaveLength(2);
  });

  it('calls the sign-in endpoint at most once per second', async () => {
    const clock = virtualClock();
    const { calls, source } = countingSource(clock);
    const manager = new TokenManager({ source, store: memoryStore(), ...clock });
    for (let i = 0; i < 4; i++) {
      await manager.invalidate(await manager.getToken());
    }
    await manager.getToken();
    const gaps = calls.slice(1).map((t, i) => t - (calls[i] ?? 0));
    expect(gaps.every((g) => g >= 1000)).toBe(true);
  });

  it('reuses the token a previous worker saved', async () => {
    const clock = virtualClock();
    const store = memoryStore();
    const { calls, source } = countingSource(clock);
    await new TokenManager({ source, store, ...clock }).getToken();
    expect(await new TokenManager({ source, store, ...clock }).getToken()).toBe('token-1');
    expect(calls).toHaveLength(1);
  });

  it('passes sign-in failures to every waiting caller and tries again next time', async () => {
    const clock = virtualClock();
    let fail = true;
    const manager = new TokenManager({
      source: () => (fail ? Promise.reject(new SidecarError('unauthorized', 'no')) : Promise.resolve({ token: 'ok', expiresAt: Infinity })),
      store: memoryStore(),
      ...clock,
    });
    const results = await Promise.allSettled([manager.getToken(), manager.getToken()]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    clock.advance(1000);
    expect(await manager.getToken()).toBe('ok');
  });
});

describe('expiryOf', () => {
  it('reads exp from a JWT and falls back for opaque tokens', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const jwt = await new SignJWT({}).setProtectedHeader({ alg: 'RS256' }).setExpirationTime(2_000_000_000).sign(privateKey);
    expect(expiryOf(jwt, 5)).toBe(2_000_000_000_000);
    expect(expiryOf('opaque-api-token', 5)).toBe(5);
  });
});

describe('signClientJwt', () => {
  it('signs the claims the enterprise API verifies, valid for at most 5 minutes', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const pem = await exportPKCS8(privateKey);
    const jwt = await signClientJwt(pem, 'demo@example.com', 'demo-client');
    const { payload } = await jwtVerify(jwt, await importSPKI(await exportSPKI(publicKey), 'RS256'), { audience: 'enterprise_api' });
    expect(payload).toMatchObject({ username: 'demo@example.com', client_id: 'demo-client' });
    const claims = decodeJwt(jwt);
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBeLessThanOrEqual(300);
  });

  it('explains a key that is not PKCS#8', async () => {
    const pkcs1 = '-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----';
    await expect(signClientJwt(pkcs1, 'u', 'c')).rejects.toMatchObject({ id: 'invalid_key', message: expect.stringContaining('openssl pkcs8') });
    await expect(signClientJwt('not a key', 'u', 'c')).rejects.toMatchObject({ id: 'invalid_key' });
  });
});
