// @vitest-environment node
/** What the contract suite does not cover: faults, token expiry, restarts, key files, seeding. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from './db/index.ts';
import { migrate, migrations } from './db/migrations.ts';
import { seed } from './seed/index.ts';
import { Generator } from './seed/generate.ts';
import { loadDemoDataset } from './seed/demo.ts';
import { demoOrg } from './seed/org.ts';
import { parseFaults, loadConfig } from './config.ts';
import { FaultInjector } from './lib/faults.ts';
import { SlidingWindowLimiter } from './lib/rate-limit.ts';
import { RequestLog } from './lib/request-log.ts';
import { emailSha256, linkedinKey, registrableDomain } from './lib/normalize.ts';
import { startServer } from './app.ts';
import { TestClient, clientJwt } from './testing/client.ts';
import { TEST_DEFAULTS, serverFactory } from './testing/harness.ts';

const factory = serverFactory('pglite');
afterAll(() => factory.stopAll());

describe('configuration', () => {
  it('has the contract defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 8787, host: '127.0.0.1', databaseUrl: undefined, dataDir: '.data', seedCompanies: 2000, seedContacts: 20000,
      apiKeys: ['demo-key'], demoUser: 'demo@example.com', demoPassword: 'demo-password', pkiClientsFile: undefined,
      oauthClients: [{ id: 'demo-client', secret: 'demo-secret' }], ratePerSecond: 25, ratePerMinute: 1500, credits: 10000,
      faults: undefined, tokenTtlSeconds: 3600, faultTimeoutMs: 30000,
    });
  });
  it('parses FAULTS and refuses nonsense', () => {
    expect(parseFaults('429:0.1,500:0.05,timeout:0.02,malformed:0.02')).toEqual({ rate429: 0.1, error500: 0.05, timeout: 0.02, malformed: 0.02 });
    expect(() => parseFaults('503:0.1')).toThrow(/unknown fault/);
    expect(() => parseFaults('429:2')).toThrow();
    expect(() => parseFaults('429:0.6,500:0.6')).toThrow(/more than 1/);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
  });
});

describe('units', () => {
  it('normalises e-mail hashes, LinkedIn URLs and registrable domains', () => {
    expect(emailSha256(' Dana@Northwind.io ')).toBe(emailSha256('dana@northwind.io'));
    expect(linkedinKey('https://www.linkedin.com/in/Dana-Lin/')).toBe('in/dana-lin');
    expect(linkedinKey('linkedin.com/in/dana-lin?x=1')).toBe('in/dana-lin');
    expect(linkedinKey('https://evil.com/in/dana-lin')).toBeNull();
    expect(registrableDomain('https://shop.acme.co.uk/x?y')).toBe('acme.co.uk');
    expect(registrableDomain('ACME.COM.BR')).toBe('acme.com.br');
    expect(registrableDomain('localhost')).toBeNull();
  });

  it('limits per sliding second and minute, reporting the tighter window', () => {
    const limiter = new SlidingWindowLimiter(3, 5);
    const t0 = 1_000_000;
    expect([0, 1, 2].map((i) => limiter.take('a', t0 + i).remaining)).toEqual([2, 1, 0]);
    const refused = limiter.take('a', t0 + 10);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
    expect(limiter.take('b', t0 + 10).allowed).toBe(true);
    expect(limiter.take('a', t0 + 1000).allowed).toBe(true);
    expect(limiter.take('a', t0 + 1001).allowed).toBe(true);
    const minute = limiter.take('a', t0 + 2500);
    expect(minute).toMatchObject({ allowed: false, limit: 5, remaining: 0 });
    expect(minute.retryAfterSeconds).toBeGreaterThanOrEqual(57);
    expect(limiter.take('a', t0 + 60_001).allowed).toBe(true);
  });

  it('computes the most requests seen per token in any sliding second', () => {
    const log = new RequestLog(100);
    const entry = (atMs: number) => ({ method: 'GET', path: '/usage', status: 200, inputs: 0, at: '', atMs, durationMs: 0, tokenId: 't', errorId: null, fault: null });
    for (const t of [0, 100, 900, 1000, 1050, 1899, 3000]) log.add(entry(t));
    expect(log.stats().tokens[0]).toMatchObject({ requests: 7, maxPerSecond: 4 });
  });

  it('rolls the same faults for the same seed, in the configured shares', () => {
    const shares = parseFaults('429:0.1,500:0.05,timeout:0.02,malformed:0.02');
    const a = new FaultInjector(shares, 7);
    const b = new FaultInjector(shares, 7);
    const rolls = Array.from({ length: 10_000 }, () => a.next());
    expect(Array.from({ length: 10_000 }, () => b.next())).toEqual(rolls);
    const share = (k: string) => rolls.filter((r) => r === k).length / rolls.length;
    expect(share('429')).toBeCloseTo(0.1, 1);
    expect(share('500')).toBeCloseTo(0.05, 1);
    expect(share('timeout')).toBeGreaterThan(0.01);
    expect(share('malformed')).toBeGreaterThan(0.01);
  });
});

describe('seed', () => {
  it('is deterministic, realistic-looking and idempotent', async () => {
    const g1 = new Generator(42, 50, ['A', 'B']);
    const g2 = new Generator(42, 50, ['A', 'B']);
    expect(g1.contact(123)).toEqual(g2.contact(123));
    expect(g1.company(7)).toEqual(g2.company(7));
    expect(new Generator(43, 50, ['A']).company(7).row.name).not.toBe(g1.company(7).row.name);
    const db = await openDb('memory://', os.tmpdir());
    try {
      expect(await migrate(db)).toEqual(migrations.map((m) => m.version));
      expect(await migrate(db)).toEqual([]);
      // 28 demo people, the people their org charts add, the generated ones and 3 namesakes.
      const orgPeople = demoOrg(loadDemoDataset()).contacts.length;
      const first = await seed(db, { companies: 50, contacts: 400, seed: 42 });
      expect(first).toMatchObject({ generated: true, companies: 62, contacts: 431 + orgPeople });
      const again = await seed(db, { companies: 50, contacts: 400, seed: 42 });
      expect(again).toMatchObject({ generated: false, companies: 62, contacts: 431 + orgPeople });
      const countries = await db.query<{ n: number }>('SELECT count(DISTINCT country)::int AS n FROM companies');
      expect(countries[0]?.n).toBeGreaterThanOrEqual(5);
      const dupes = await db.query('SELECT lower(email) FROM contacts GROUP BY lower(email) HAVING count(*) > 1');
      expect(dupes).toEqual([]);
      const smaller = await seed(db, { companies: 10, contacts: 30, seed: 42 });
      expect(smaller).toMatchObject({ generated: true, companies: 22, contacts: 61 + orgPeople });
    } finally {
      await db.close();
    }
  });
});

describe('migrations', () => {
  it('copies each company’s location onto the contacts a database already holds (migration 4)', async () => {
    const db = await openDb('memory://', os.tmpdir());
    try {
      await migrate(db, 3);
      await seed(db, { companies: 30, contacts: 300, seed: 42, structure: false });
      expect((await migrate(db))[0]).toBe(4);
      const rows = await db.query<{ total: number; wrong: number }>(
        `SELECT count(*)::int AS total,
                count(*) FILTER (WHERE ct.company_country_lc IS DISTINCT FROM lower(co.country)
                  OR ct.company_state_lc IS DISTINCT FROM lower(coalesce(co.state, ''))
                  OR ct.company_city_lc IS DISTINCT FROM lower(co.city))::int AS wrong
         FROM contacts ct JOIN companies co ON co.id = ct.company_id`,
      );
      expect(rows[0]).toEqual({ total: 331, wrong: 0 });
      const [copied] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM contacts WHERE company_country_lc <> ''");
      expect(copied?.n).toBe(331);
    } finally {
      await db.close();
    }
  });
});

describe('server behaviour', () => {
  it('injects every fault kind, deterministically, without side effects', async () => {
    const server = await factory.start({ seedCompanies: 0, seedContacts: 0, faults: parseFaults('429:0.25,500:0.25,timeout:0.25,malformed:0.25'), faultTimeoutMs: 150, faultSeed: 3 });
    const api = new TestClient(server);
    const token = await api.login();
    const seen = new Map<string, number>();
    for (let i = 0; i < 24; i++) {
      const started = Date.now();
      const r = await api.post('/enrich/contact', { matchPersonInput: [{ personId: 50001 }] }, token);
      const kind = r.status === 200 ? 'malformed' : r.status === 429 ? '429' : Date.now() - started >= 140 ? 'timeout' : '500';
      seen.set(kind, (seen.get(kind) ?? 0) + 1);
      if (kind === 'malformed') expect(() => JSON.parse(r.text) as unknown).toThrow();
      if (kind === '429') expect(r.headers.get('retry-after')).toBe('1');
      if (r.status !== 200) expect((r.body as { errors: { id: string }[] }).errors[0]?.id).toBe(r.status === 429 ? 'rate_limited' : 'internal');
    }
    expect([...seen.keys()].sort()).toEqual(['429', '500', 'malformed', 'timeout']);
    // Faults strike before the handler: nothing was charged.
    const usage = await server.db.query<{ n: number }>('SELECT coalesce(sum(credits_used), 0)::int AS n FROM accounts');
    expect(usage[0]?.n).toBe(0);
    expect(server.requestLog.filter((e) => e.fault !== null)).toHaveLength(24);
    // Authentication is never faulted, the demo pages neither.
    expect((await api.get('/demo/')).status).toBe(200);
  });

  it('expires access tokens after TOKEN_TTL_SECONDS', async () => {
    // 2 s, not 1: exp is whole seconds, so a 1 s token issued late in a second lives only a moment.
    const server = await factory.start({ seedCompanies: 0, seedContacts: 0, tokenTtlSeconds: 2 });
    const api = new TestClient(server);
    const token = await api.oauth();
    expect((await api.get('/lookup/usage', token)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 3100));
    const expired = await api.get<{ errors: { id: string; details: string }[] }>('/lookup/usage', token);
    expect(expired.status).toBe(401);
    expect(expired.body.errors[0]?.details).toMatch(/expired/);
  });

  it('keeps credits, keys and the seed across a restart of the same DATA_DIR', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sidecar-restart-'));
    try {
      const options = { ...TEST_DEFAULTS, dataDir, databaseUrl: undefined, seedCompanies: 20, seedContacts: 100 };
      const first = await startServer(options);
      expect(first.seed.generated).toBe(true);
      const api1 = new TestClient(first);
      const t1 = await api1.login();
      await api1.post('/enrich/contact', { matchPersonInput: [{ personId: 50001 }, { personId: 50002 }] }, t1);
      const key1 = readFileSync(path.join(dataDir, 'server-signing-key.pem'), 'utf8');
      const client1 = first.demoClient();
      await first.close();

      const second = await startServer(options);
      try {
        expect(second.seed.generated).toBe(false);
        const api2 = new TestClient(second);
        // A token from before the restart is still valid: same signing key.
        const usage = await api2.get<{ usage: { currentUsage: number }[] }>('/lookup/usage', t1);
        expect(usage.body.usage[0]?.currentUsage).toBe(2);
        expect(readFileSync(path.join(dataDir, 'server-signing-key.pem'), 'utf8')).toBe(key1);
        expect(second.demoClient().privateKeyPem).toBe(client1.privateKeyPem);
        const again = await api2.post('/enrich/contact', { matchPersonInput: [{ personId: 50001 }] }, t1);
        expect(again.headers.get('x-usage-record-limit-remaining')).toBe('9998');
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('takes PKI clients from PKI_CLIENTS_FILE', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sidecar-pki-'));
    try {
      // Borrow a generated key pair: start once to get demo files, then register it under another name.
      const seedServer = await factory.start({ seedCompanies: 0, seedContacts: 0 });
      const demo = seedServer.demoClient();
      const file = path.join(dir, 'clients.json');
      writeFileSync(file, JSON.stringify([{ username: 'rep@example.com', clientId: 'team-client', publicKeyPem: demo.publicKeyPem }]));
      const server = await factory.start({ seedCompanies: 0, seedContacts: 0, pkiClientsFile: file });
      const api = new TestClient(server);
      const ok = await api.post<{ jwt: string }>('/authenticate', {}, await clientJwt(demo.privateKeyPem, { username: 'rep@example.com', client_id: 'team-client' }));
      expect(ok.status).toBe(200);
      const usage = await api.get('/lookup/usage', ok.body.jwt);
      expect(usage.status).toBe(200);
      const demoLogin = await api.post('/authenticate', {}, await clientJwt(demo.privateKeyPem, { username: demo.username, client_id: demo.clientId }));
      expect(demoLogin.status).toBe(401);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
