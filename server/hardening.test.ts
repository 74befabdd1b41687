// @vitest-environment node
/**
 * The server safe to expose (issue #18): the refusal off loopback, what is off there, key rotation
 * and the JWKS, per-IP limits on the token endpoints, USERS_FILE, and the headers of HTML pages.
 * Servers may bind 0.0.0.0 here, but requests only ever go to 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT, createLocalJWKSet, decodeProtectedHeader, generateKeyPair, importPKCS8, jwtVerify, type JWK } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVER_KEY_FILE } from './auth/keys.ts';
import { KeyRing, PREVIOUS_SERVER_KEY_FILE } from './auth/jwks.ts';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, TokenService } from './auth/tokens.ts';
import { hashPassword, verifyPassword } from './auth/users.ts';
import { loadConfig, parseFaults } from './config.ts';
import { isLoopbackHost } from './lib/exposure.ts';
import { contentSecurityPolicy } from './lib/security-headers.ts';
import { startServer, ExposureRefused } from './app.ts';
import { TestClient } from './testing/client.ts';
import { TEST_DEFAULTS, serverFactory } from './testing/harness.ts';

const MAIN = path.resolve(import.meta.dirname, 'main.ts');
/** Tests that start servers: a start takes seconds on a busy machine. */
const SLOW = 60_000;
const factory = serverFactory('pglite');
const tempDirs: string[] = [];
afterAll(async () => {
  await factory.stopAll();
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sidecar-hardening-'));
  tempDirs.push(dir);
  return dir;
}

/** Credentials of a team's own: nothing a fresh checkout accepts. */
const OWN_CREDENTIALS = {
  host: '0.0.0.0',
  apiKeys: ['team-search-key'],
  demoPassword: 'team-password-long-and-random',
  oauthClients: [{ id: 'team-client', secret: 'team-client-secret' }],
  appZ: { ...loadConfig({}).appZ, apiKeys: ['team-appz-key'] },
  gtmClients: [{ id: 'team-lists', secret: 'team-lists-secret', scopes: ['api:audience:read' as const, 'api:audience:manage' as const] }],
  seedCompanies: 0,
  seedContacts: 0,
};

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node server/main.ts` with `env`; resolves when it exits, or when `until` matches stdout (then it is stopped). */
function runMain(env: Record<string, string>, until?: RegExp): Promise<Run> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: '0', DATA_DIR: tempDir(), DATABASE_URL: 'memory://', SEED_COMPANIES: '5', SEED_CONTACTS: '10', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: Run = { code: null, stdout: '', stderr: '' };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server/main.ts did not finish in time:\n${run.stdout}\n${run.stderr}`));
    }, 50_000);
    child.stdout.on('data', (chunk: Buffer) => {
      run.stdout += chunk.toString();
      if (until?.test(run.stdout)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      run.code = code;
      resolve(run);
    });
  });
}

describe('off loopback', () => {
  it('refuses to start with default credentials, naming each and how to set your own', async () => {
    const run = await runMain({ HOST: '0.0.0.0' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('Refusing to listen on 0.0.0.0');
    expect(run.stderr).toContain('"demo-password"');
    expect(run.stderr).toContain('DEMO_PASSWORD');
    expect(run.stderr).toContain('"demo-key"');
    expect(run.stderr).toContain('API_KEYS');
    expect(run.stderr).toContain('"demo-secret"');
    expect(run.stderr).toContain('OAUTH_CLIENTS');
    expect(run.stderr).toContain('"appz-demo-key"');
    expect(run.stderr).toContain('GTM_CLIENTS');
    expect(run.stderr).toContain('APPZ_API_KEYS');
    expect(run.stderr).toContain('DEMO=1');
    expect(run.stdout).toBe('');
  }, SLOW);

  it('names only the defaults still configured', async () => {
    await expect(startServer({ ...TEST_DEFAULTS, ...OWN_CREDENTIALS, apiKeys: ['team-search-key', 'demo-key'], dataDir: tempDir() })).rejects.toThrow(ExposureRefused);
    const refusal = await startServer({ ...TEST_DEFAULTS, ...OWN_CREDENTIALS, apiKeys: ['demo-key'], dataDir: tempDir() }).catch((error: unknown) => String(error));
    expect(refusal).toContain('"demo-key"');
    expect(refusal).not.toContain('"demo-password"');
    expect(refusal).not.toContain('"demo-secret"');
  }, SLOW);

  it('counts a loopback address behind a declared proxy (TRUST_PROXY) as reachable', async () => {
    const refusal = await startServer({ ...TEST_DEFAULTS, host: '127.0.0.1', trustProxy: 1, dataDir: tempDir() }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ExposureRefused);
    expect(String(refusal)).toContain('127.0.0.1 behind TRUST_PROXY=1');
  });

  it('starts with DEMO=1, a warning on every start-up line', async () => {
    const run = await runMain({ HOST: '0.0.0.0', DEMO: '1' }, /without ADMIN_TOKEN.*\n/);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const line of lines) expect(line).toMatch(/^WARNING DEMO=1, default credentials reachable on 0\.0\.0\.0: /);
    expect(run.stdout).toContain('Sidecar reference server on http://127.0.0.1:');
  }, SLOW);

  it('serves no /_admin, /demo/, request log or FAULTS without ADMIN_TOKEN', async () => {
    const server = await factory.start({ ...OWN_CREDENTIALS, faults: parseFaults('500:1') });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    const api = new TestClient(server);
    expect((await api.get('/_admin/requests')).status).toBe(404);
    expect((await api.get('/_admin/stats')).status).toBe(404);
    expect((await api.raw('POST', '/_admin/keys/rotate')).status).toBe(404);
    expect((await api.get('/demo/')).status).toBe(404);
    const token = await api.login('demo@example.com', OWN_CREDENTIALS.demoPassword);
    expect((await api.get('/lookup/usage', token)).status).toBe(200);
    expect((await api.post('/api/v1/companies', { per_page: 1 }, 'team-search-key')).status).toBe(200);
    expect(server.requestLog).toEqual([]);
  }, SLOW);

  it('with ADMIN_TOKEN: /_admin takes only that Bearer token, and FAULTS, the log and /demo/ are on', async () => {
    const server = await factory.start({ ...OWN_CREDENTIALS, adminToken: 'team-admin-token', faults: parseFaults('500:1') });
    const api = new TestClient(server);
    expect((await api.get('/_admin/requests')).status).toBe(401);
    expect((await api.get('/_admin/requests', 'wrong-admin-token')).status).toBe(401);
    expect((await api.get('/_admin/stats', 'team-search-key')).status).toBe(401);
    expect((await api.get('/_admin/requests', 'team-admin-token')).status).toBe(200);
    expect((await api.get('/demo/')).status).toBe(200);
    const token = await api.login('demo@example.com', OWN_CREDENTIALS.demoPassword);
    const faulted = await api.get<{ errors: { id: string }[] }>('/lookup/usage', token);
    expect(faulted.status).toBe(500);
    expect(faulted.body.errors[0]?.id).toBe('internal');
    expect(server.requestLog.some((e) => e.path === '/lookup/usage' && e.fault === '500')).toBe(true);
  }, SLOW);

  it('treats only 127.0.0.0/8, ::1 and localhost as loopback', () => {
    for (const host of ['127.0.0.1', '127.3.2.1', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', 'localhost']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.5', '192.168.1.20', '::ffff:10.0.0.1', '128.0.0.1', 'sidecar.example.com']) expect(isLoopbackHost(host), host).toBe(false);
  });
});

describe('signing keys', () => {
  const signed = (key: CryptoKey, kid: string | undefined) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ kind: 'user' })
      .setProtectedHeader(kid === undefined ? { alg: 'RS256' } : { alg: 'RS256', kid })
      .setSubject('demo@example.com').setIssuer(TOKEN_ISSUER).setAudience(TOKEN_AUDIENCE).setJti('t').setIssuedAt(now).setExpirationTime(now + 60)
      .sign(key);
  };

  it('keeps tokens of the previous key valid after a rotation, refuses unknown kids, and publishes both keys', async () => {
    const server = await factory.start({ seedCompanies: 0, seedContacts: 0 });
    const api = new TestClient(server);
    const before = await api.login();
    const firstKid = decodeProtectedHeader(before).kid;
    expect(firstKid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const oldKey = await importPKCS8(readFileSync(path.join(server.config.dataDir, SERVER_KEY_FILE), 'utf8'), 'RS256');

    const rotated = await api.raw('POST', '/_admin/keys/rotate');
    expect(rotated.status).toBe(200);
    const { kid, previousKid } = rotated.body as { kid: string; previousKid: string };
    expect(previousKid).toBe(firstKid);
    expect(kid).not.toBe(firstKid);

    expect((await api.get('/lookup/usage', before)).status).toBe(200);
    const after = await api.login();
    expect(decodeProtectedHeader(after).kid).toBe(kid);
    expect((await api.get('/lookup/usage', after)).status).toBe(200);

    const unknownKid = await api.get<{ errors: { details: string }[] }>('/lookup/usage', await signed(oldKey, 'no-such-kid'));
    expect(unknownKid.status).toBe(401);
    expect(unknownKid.body.errors[0]?.details).toMatch(/unknown kid/);
    const stranger = await generateKeyPair('RS256');
    expect((await api.get('/lookup/usage', await signed(stranger.privateKey, kid))).status).toBe(401);

    const jwks = await api.get<{ keys: JWK[] }>('/.well-known/jwks.json');
    expect(jwks.status).toBe(200);
    expect(jwks.body.keys.map((k) => k.kid)).toEqual([kid, firstKid]);
    for (const key of jwks.body.keys) expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(JSON.stringify(jwks.body)).not.toMatch(/"(d|p|q|dp|dq|qi)"/);
    // A client or replica verifies either token from the JWKS alone.
    const keySet = createLocalJWKSet(jwks.body);
    for (const token of [before, after]) await expect(jwtVerify(token, keySet, { issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE })).resolves.toBeTruthy();

    for (const file of [SERVER_KEY_FILE, PREVIOUS_SERVER_KEY_FILE]) expect(statSync(path.join(server.config.dataDir, file)).mode & 0o777).toBe(0o600);
  }, SLOW);

  it('rotates at start with KEY_ROTATE=1; tokens from before still verify', async () => {
    const dataDir = tempDir();
    const options = { ...TEST_DEFAULTS, dataDir, databaseUrl: 'memory://', seedCompanies: 0, seedContacts: 0 };
    const first = await startServer(options);
    let token: string;
    try {
      token = await new TestClient(first).login();
    } finally {
      await first.close();
    }
    const second = await startServer({ ...options, keyRotate: true });
    try {
      const api = new TestClient(second);
      expect(second.exposure.loopback).toBe(true);
      // The database is new (memory://), so the account is too: the token's signature is what is checked.
      expect((await api.get('/lookup/usage', token)).status).toBe(200);
      const fresh = await api.login();
      expect(decodeProtectedHeader(fresh).kid).not.toBe(decodeProtectedHeader(token).kid);
      const kids = (await api.get<{ keys: JWK[] }>('/.well-known/jwks.json')).body.keys.map((k) => k.kid);
      expect(kids).toEqual([decodeProtectedHeader(fresh).kid, decodeProtectedHeader(token).kid]);
    } finally {
      await second.close();
    }
  }, SLOW);

  it('lets replicas sharing the key files follow a rotation made by one of them', async () => {
    const dataDir = tempDir();
    const replicaA = new TokenService(await KeyRing.open(dataDir), 3600);
    const replicaB = new TokenService(await KeyRing.open(dataDir), 3600);
    const before = (await replicaB.issue('demo@example.com', 'user')).token;
    await replicaA.keys.rotate();
    const after = (await replicaA.issue('demo@example.com', 'user')).token;
    expect(await replicaB.verify(after)).toMatchObject({ account: 'demo@example.com' });
    expect(await replicaB.verify(before)).toMatchObject({ account: 'demo@example.com' });
    expect(replicaB.keys.current.kid).toBe(replicaA.keys.current.kid);
    expect(decodeProtectedHeader((await replicaB.issue('demo@example.com', 'user')).token).kid).toBe(replicaA.keys.current.kid);
  });
});

describe('per-IP limits on the token endpoints', () => {
  const oauthForm = { 'Content-Type': 'application/x-www-form-urlencoded' };

  const oauthBody = new URLSearchParams({ grant_type: 'client_credentials', client_id: 'team-client', client_secret: 'team-client-secret' }).toString();

  it('answers 429 rate_limited with Retry-After once an address has used its share, whatever the username', async () => {
    const server = await factory.start({ ...OWN_CREDENTIALS, authIpPerSecond: 100, authIpPerMinute: 3 });
    const api = new TestClient(server);
    expect((await api.post('/authenticate', { username: 'a@example.com', password: 'x' })).status).toBe(401);
    expect((await api.post('/authenticate', { username: 'b@example.com', password: 'x' })).status).toBe(401);
    expect((await api.raw('POST', '/oauth/token', { body: oauthBody, headers: oauthForm })).status).toBe(200);
    for (const refused of [
      await api.post('/authenticate', { username: 'demo@example.com', password: OWN_CREDENTIALS.demoPassword }),
      await api.raw('POST', '/oauth/token', { body: oauthBody, headers: oauthForm }),
    ]) {
      expect(refused.status).toBe(429);
      expect((refused.body as { errors: { id: string }[] }).errors[0]?.id).toBe('rate_limited');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(50);
    }
    // Other endpoints are not affected.
    expect((await api.get('/.well-known/jwks.json')).status).toBe(200);
  }, SLOW);

  it('does not limit per IP on loopback, where every caller has the same address', async () => {
    const api = new TestClient(await factory.start({ seedCompanies: 0, seedContacts: 0, authIpPerSecond: 1, authIpPerMinute: 1 }));
    for (let i = 0; i < 3; i++) expect((await api.post('/authenticate', { username: `u${i}@example.com`, password: 'x' })).status).toBe(401);
  }, SLOW);

  it('believes X-Forwarded-For only with TRUST_PROXY', async () => {
    const attempt = (api: TestClient, forwardedFor: string) =>
      api.raw('POST', '/authenticate', { body: JSON.stringify({ username: `${forwardedFor}@example.com`, password: 'x' }), headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor } });

    const direct = new TestClient(await factory.start({ ...OWN_CREDENTIALS, authIpPerSecond: 100, authIpPerMinute: 1 }));
    expect((await attempt(direct, '203.0.113.1')).status).toBe(401);
    expect((await attempt(direct, '203.0.113.2')).status).toBe(429);

    const proxied = new TestClient(await factory.start({ ...OWN_CREDENTIALS, host: '127.0.0.1', authIpPerSecond: 100, authIpPerMinute: 1, trustProxy: 1 }));
    expect((await attempt(proxied, '203.0.113.1')).status).toBe(401);
    expect((await attempt(proxied, '203.0.113.2')).status).toBe(401);
    expect((await attempt(proxied, '203.0.113.1')).status).toBe(429);
    // A client's own X-Forwarded-For entries, left of the proxy's, change nothing.
    expect((await attempt(proxied, '198.51.100.7, 203.0.113.2')).status).toBe(429);
  }, SLOW);
});

describe('USERS_FILE', () => {
  it('logs in its users by scrypt hash, besides the demo user', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'users.json');
    writeFileSync(file, JSON.stringify([{ username: 'Rep@Example.com', passwordHash: await hashPassword('correct horse battery') }]));
    const server = await factory.start({ seedCompanies: 0, seedContacts: 0, usersFile: file });
    const api = new TestClient(server);
    const reply = await api.post<{ jwt: string }>('/authenticate', { username: 'rep@example.com', password: 'correct horse battery' });
    expect(reply.status).toBe(200);
    expect((await api.get('/lookup/usage', reply.body.jwt)).status).toBe(200);
    expect((await api.post('/authenticate', { username: 'nobody@example.com', password: 'correct horse battery' })).status).toBe(401);
    expect((await api.post('/authenticate', { username: 'demo@example.com', password: 'demo-password' })).status).toBe(200);
    const wrong = await api.post('/authenticate', { username: 'rep@example.com', password: 'correct horse' });
    expect(wrong.status).toBe(401);
  }, SLOW);

  it('refuses a file that is not a list of { username, passwordHash }', async () => {
    const file = path.join(tempDir(), 'users.json');
    writeFileSync(file, JSON.stringify([{ username: 'rep@example.com', password: 'plain text' }]));
    await expect(startServer({ ...TEST_DEFAULTS, dataDir: tempDir(), databaseUrl: 'memory://', usersFile: file })).rejects.toThrow(/USERS_FILE/);
    writeFileSync(file, JSON.stringify([{ username: 'rep@example.com', passwordHash: 'scrypt$1000$8$1$c2FsdA$a2V5' }]));
    await expect(startServer({ ...TEST_DEFAULTS, dataDir: tempDir(), databaseUrl: 'memory://', usersFile: file })).rejects.toThrow(/power of two/);
  }, SLOW);

  it('hashes a password from stdin with npm run server:hash-password', async () => {
    const child = spawn(process.execPath, [path.resolve(import.meta.dirname, 'hash-password.ts'), 'rep@example.com'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stdin.end('s3cret pass\n');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    const entry = JSON.parse(out) as { username: string; passwordHash: string };
    expect(entry.username).toBe('rep@example.com');
    expect(entry.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('s3cret pass', entry.passwordHash)).toBe(true);
    expect(await verifyPassword('s3cret pas', entry.passwordHash)).toBe(false);
  }, SLOW);
});

describe('HTML pages', () => {
  it('cannot be framed and run only their own inline code', async () => {
    const server = await factory.start({ seedCompanies: 0, seedContacts: 0 });
    const api = new TestClient(server);
    for (const page of ['/docs', '/demo/', '/demo/companies/1001']) {
      const reply = await api.get(page);
      expect(reply.headers.get('content-type'), page).toContain('text/html');
      const csp = reply.headers.get('content-security-policy') ?? '';
      expect(csp, page).toContain("frame-ancestors 'none'");
      expect(csp, page).toContain("default-src 'none'");
      expect(csp, page).not.toContain('unsafe-inline');
      expect(reply.headers.get('x-frame-options'), page).toBe('DENY');
      expect(reply.headers.get('x-content-type-options'), page).toBe('nosniff');
    }
    expect((await api.get('/docs')).headers.get('content-security-policy')).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect((await api.get('/openapi.json')).headers.get('x-content-type-options')).toBe('nosniff');
  }, SLOW);

  it('allows a consent page to submit to its redirect targets only', () => {
    const page = '<html><head><style>b{}</style></head><body><form method="post"><button>Approve</button></form><script src="/x.js"></script></body></html>';
    const csp = contentSecurityPolicy(page, { formAction: ['chrome-extension:'] });
    expect(csp).toContain("form-action 'self' chrome-extension:");
    expect(csp).toContain("script-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-/);
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
