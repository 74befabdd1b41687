/**
 * The contract tests of api-contract.md §1–§2, run against one backend (PGlite or PostgreSQL):
 * every endpoint, field and error; filter semantics checked on every returned record; bad input
 * answered with the right status and an `errors` entry and nothing changed in the database.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SignJWT, UnsecuredJWT, decodeJwt, decodeProtectedHeader, generateKeyPair, importPKCS8 } from 'jose';
import { getPublicSuffix } from 'tldts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { apiErrorEnvelope } from '../../utils/schemas/errors.ts';
import * as E from '../../utils/schemas/enterprise-api.ts';
import * as S from '../../utils/schemas/search-api.ts';
import type { RunningServer } from '../app.ts';
import { SERVER_KEY_FILE } from '../auth/keys.ts';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../auth/tokens.ts';
import { loadDemoDataset } from '../seed/demo.ts';
import { GENERATED_COMPANY_BASE, NAMESAKE, NAMESAKE_IDS } from '../seed/generate.ts';
import { TestClient, clientJwt, emptyStrings, type Reply } from './client.ts';
import { serverFactory, type Backend } from './harness.ts';

function parsed<T extends z.ZodType>(reply: Reply, schema: T, status = 200): z.output<T> {
  expect(reply.status, reply.text.slice(0, 500)).toBe(status);
  const result = schema.safeParse(reply.body);
  if (!result.success) throw new Error(`response does not match its schema: ${result.error.message}\n${reply.text.slice(0, 500)}`);
  return result.data;
}

function expectError(reply: Reply, status: number, id: string): string {
  expect(reply.status, reply.text.slice(0, 500)).toBe(status);
  const body = apiErrorEnvelope.parse(reply.body);
  expect(body.errors[0]?.id).toBe(id);
  expect(body.errors[0]?.code).toBe(status);
  expect(body.errors[0]?.details.length).toBeGreaterThan(0);
  expect(body.errors[0]?.details).not.toMatch(/\bat .+\.ts:\d+/); // never a stack trace
  return body.errors[0]?.details ?? '';
}

/** A fingerprint of everything requests could change. */
async function fingerprint(server: RunningServer): Promise<string> {
  const [row] = await server.db.query<Record<string, unknown>>(`SELECT
    (SELECT count(*)::int FROM companies) AS companies,
    (SELECT count(*)::int FROM contacts) AS contacts,
    (SELECT md5(coalesce(string_agg(id::text || first_name || last_name || coalesce(email, ''), ',' ORDER BY id), '')) FROM contacts) AS contacts_md5,
    (SELECT md5(coalesce(string_agg(id::text || name || coalesce(domain, ''), ',' ORDER BY id), '')) FROM companies) AS companies_md5,
    (SELECT coalesce(sum(credits_used), 0)::int FROM accounts) AS credits,
    (SELECT count(*)::int FROM record_charges) AS charges`);
  return JSON.stringify(row);
}

const sha256 = (s: string) => createHash('sha256').update(s.trim().toLowerCase()).digest('hex');

export function contractSuite(backend: Backend): void {
  describe(`reference server contract on ${backend}`, () => {
    const factory = serverFactory(backend);
    let server: RunningServer;
    let api: TestClient;
    let token: string;
    const demo = loadDemoDataset();
    const demoCompany = (id: number) => {
      const c = demo.companies.find((x) => x.id === id);
      if (!c) throw new Error(`no demo company ${id}`);
      return c;
    };

    beforeAll(async () => {
      // The suite itself sends far more than 25 requests a second; the limit test has its own server.
      server = await factory.start({ ratePerSecond: 100_000, ratePerMinute: 1_000_000 });
      api = new TestClient(server);
      token = await api.login();
    });
    afterAll(async () => {
      await factory.stopAll();
    });

    async function companiesById(ids: number[]) {
      const rows = await server.db.query<{ id: number; created_at: string; technologies_lc: string[]; functions_lc: string[]; industry: string | null; domain: string | null; city: string | null; state: string | null; country: string | null }>(
        `SELECT id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at, technologies_lc, functions_lc, industry, domain, city, state, country
         FROM companies WHERE id = ANY($1::int[])`,
        [ids],
      );
      return new Map(rows.map((r) => [r.id, r]));
    }

    describe('search API (§1)', () => {
      const search = (path: string, body: unknown, key = 'demo-key') => api.post(path, body, key);

      it('needs an API key: missing or unknown is 401, an enterprise token is 403', async () => {
        expectError(await api.post('/api/v1/contacts', {}), 401, 'unauthorized');
        expectError(await search('/api/v1/contacts', {}, 'wrong-key'), 401, 'unauthorized');
        const details = expectError(await search('/api/v1/companies', {}, token), 403, 'forbidden');
        expect(details).toContain('You do not have access to this endpoint.');
      });

      it('answers the envelope with defaults, ordered by id, never an empty string', async () => {
        const body = parsed(await search('/api/v1/contacts', {}), S.contactSearchResponse);
        expect(body.errors).toEqual([]);
        expect(body.meta.page).toBe(1);
        expect(body.meta.per_page).toBe(25);
        expect(body.data).toHaveLength(25);
        expect(body.meta.total).toBe(server.seed.contacts);
        expect(body.meta.total_pages).toBe(Math.ceil(server.seed.contacts / 25));
        const ids = body.data.map((c) => c.id);
        expect(ids).toEqual([...ids].sort((a, b) => a - b));
        expect(emptyStrings(body)).toEqual([]);
        const companies = parsed(await search('/api/v1/companies', { per_page: 100 }), S.companySearchResponse);
        expect(emptyStrings(companies)).toEqual([]);
      });

      it('returns the demo records with exactly their values', async () => {
        const body = parsed(await search('/api/v1/companies', { per_page: 12 }), S.companySearchResponse);
        for (const c of demo.companies) {
          const got = body.data.find((x) => x.id === c.id);
          expect(got).toEqual({
            id: c.id, name: c.name, domain: c.domain, website: c.website, industry: c.industry, sub_industry: c.sub_industry,
            functions: c.functions, employees: c.employees, revenue_usd: c.revenue_usd, location: c.location,
            technologies: c.technologies, created_at: c.created_at, founded_year: c.founded_year, ticker: c.ticker, linkedin_url: c.linkedin_url,
          });
        }
        const contacts = parsed(await search('/api/v1/contacts', { per_page: 28 }), S.contactSearchResponse);
        for (const p of demo.contacts) {
          const got = contacts.data.find((x) => x.id === p.id);
          const company = demoCompany(p.company_id);
          expect(got).toEqual({
            id: p.id, first_name: p.first_name, last_name: p.last_name, full_name: `${p.first_name} ${p.last_name}`,
            job_title: p.job_title, department: p.department, seniority: p.seniority, is_decision_maker: p.is_decision_maker,
            email: p.email, personal_email: p.personal_email, phone: p.phone, mobile_phone: p.mobile_phone, linkedin_url: p.linkedin_url,
            location: p.location, company: { id: company.id, name: company.name, domain: company.domain },
          });
        }
      });

      it('pages stably: consecutive pages are disjoint and ascending', async () => {
        const p1 = parsed(await search('/api/v1/contacts', { per_page: 10, page: 1 }), S.contactSearchResponse);
        const p2 = parsed(await search('/api/v1/contacts', { per_page: 10, page: 2 }), S.contactSearchResponse);
        expect(p2.meta.page).toBe(2);
        expect(Math.min(...p2.data.map((c) => c.id))).toBeGreaterThan(Math.max(...p1.data.map((c) => c.id)));
        const beyond = parsed(await search('/api/v1/contacts', { per_page: 100, page: 10_000 }), S.contactSearchResponse);
        expect(beyond.data).toEqual([]);
      });

      it('contact filters hold on every returned record (items OR-ed, fields AND-ed)', async () => {
        const cases: [Record<string, unknown>, (c: S.SearchContact) => boolean][] = [
          [{ job_titles: ['manager'] }, (c) => /manager/i.test(c.job_title ?? '')],
          [{ job_titles: ['MANAGER', 'chief'] }, (c) => /manager|chief/i.test(c.job_title ?? '')],
          [{ departments: ['Sales', 'Finance'] }, (c) => c.department === 'Sales' || c.department === 'Finance'],
          [{ seniorities: ['VP'] }, (c) => c.seniority === 'VP'],
          [{ has_personal_emails: true }, (c) => c.personal_email !== null],
          [{ has_linkedin_profile: true }, (c) => c.linkedin_url !== null],
          [{ is_decision_maker: true }, (c) => c.is_decision_maker],
          [{ departments: ['Engineering'], seniorities: ['Director', 'VP'], is_decision_maker: true }, (c) => c.department === 'Engineering' && ['Director', 'VP'].includes(c.seniority ?? '') && c.is_decision_maker],
        ];
        for (const [filter, holds] of cases) {
          const body = parsed(await search('/api/v1/contacts', { ...filter, per_page: 100 }), S.contactSearchResponse);
          expect(body.data.length, JSON.stringify(filter)).toBeGreaterThan(0);
          for (const c of body.data) expect(holds(c), `${JSON.stringify(filter)} vs ${c.id}`).toBe(true);
        }
        // `false` means no filter.
        const all = parsed(await search('/api/v1/contacts', { has_personal_emails: false, per_page: 1 }), S.contactSearchResponse);
        expect(all.meta.total).toBe(server.seed.contacts);
        // Exact, case-sensitive department match.
        const lower = parsed(await search('/api/v1/contacts', { departments: ['sales'] }), S.contactSearchResponse);
        expect(lower.meta.total).toBe(0);
      });

      it('company filters hold on every returned company and on every contact’s company', async () => {
        type Row = { technologies_lc: string[]; functions_lc: string[]; industry: string | null; domain: string | null; created_at: string; city: string | null; state: string | null; country: string | null };
        const cases: [Record<string, unknown>, (c: Row) => boolean][] = [
          [{ technologies: ['snowflake', 'SAP'] }, (c) => c.technologies_lc.includes('snowflake') || c.technologies_lc.includes('sap')],
          [{ functions: ['logistics'] }, (c) => c.functions_lc.includes('logistics')],
          [{ industries: ['software', 'Healthcare'] }, (c) => ['software', 'healthcare'].includes((c.industry ?? '').toLowerCase())],
          [{ tlds: ['co.uk', 'io'] }, (c) => ['co.uk', 'io'].includes(getPublicSuffix(c.domain ?? '') ?? '')],
          [{ added_after: '2020-01-01T00:00:00Z' }, (c) => c.created_at >= '2020-01-01T00:00:00Z'],
          [{ added_before: '2019-03-14T09:00:00Z' }, (c) => c.created_at <= '2019-03-14T09:00:00Z'],
          [{ locations: ['country:united states'] }, (c) => c.country === 'United States'],
          [{ locations: ['state:California||United States', 'country:Brazil'] }, (c) => (c.state === 'California' && c.country === 'United States') || c.country === 'Brazil'],
          [{ locations: ['city:San Francisco||California||United States'] }, (c) => c.city === 'San Francisco' && c.state === 'California'],
          [{ locations: ['city:São Paulo||São Paulo||Brazil'] }, (c) => c.city === 'São Paulo'],
          [{ technologies: ['AWS'], locations: ['country:United States'], industries: ['Software'] }, (c) => c.technologies_lc.includes('aws') && c.country === 'United States' && c.industry === 'Software'],
        ];
        for (const [filter, holds] of cases) {
          const companies = parsed(await search('/api/v1/companies', { ...filter, per_page: 100 }), S.companySearchResponse);
          expect(companies.data.length, JSON.stringify(filter)).toBeGreaterThan(0);
          const rows = await companiesById(companies.data.map((c) => c.id));
          for (const c of companies.data) {
            const row = rows.get(c.id);
            expect(row && holds(row), `${JSON.stringify(filter)} vs company ${c.id}`).toBe(true);
          }
          const contacts = parsed(await search('/api/v1/contacts', { ...filter, per_page: 100 }), S.contactSearchResponse);
          expect(contacts.data.length, JSON.stringify(filter)).toBeGreaterThan(0);
          const contactCompanies = await companiesById(contacts.data.map((c) => c.company.id));
          for (const c of contacts.data) {
            const row = contactCompanies.get(c.company.id);
            expect(row && holds(row), `${JSON.stringify(filter)} vs contact ${c.id}`).toBe(true);
          }
        }
      });

      it('locations: empty state matches only companies without one; accents count, case does not', async () => {
        const london = parsed(await search('/api/v1/companies', { locations: ['city:London||||United Kingdom'], per_page: 100 }), S.companySearchResponse);
        for (const c of london.data) expect(c.location).toEqual({ city: 'London', state: null, country: 'United Kingdom' });
        expect(london.data.find((c) => c.id === 1006)).toBeUndefined();
        const accented = parsed(await search('/api/v1/companies', { locations: ['city:SÃO PAULO||são paulo||BRAZIL'] }), S.companySearchResponse);
        expect(accented.data.map((c) => c.id)).toContain(1007);
        const plain = parsed(await search('/api/v1/companies', { locations: ['city:Sao Paulo||Sao Paulo||Brazil'] }), S.companySearchResponse);
        expect(plain.data.map((c) => c.id)).not.toContain(1007);
        expectError(await search('/api/v1/companies', { locations: ['region:Europe'] }), 400, 'invalid_input');
        expectError(await search('/api/v1/companies', { locations: ['city:London||United Kingdom'] }), 400, 'invalid_input');
      });

      it('finds contacts by their company’s current location: a company that moves, a contact that changes company', async () => {
        // Contacts keep a copy of their company's location (migration 4); here the records change
        // behind the server's back, as another writer to a shared PostgreSQL would change them.
        const own = await factory.start({ seedCompanies: 20, seedContacts: 100 });
        const ownApi = new TestClient(own);
        // Each filter set is asked once: a total asked before a change is remembered for a minute.
        const found = async (locations: string[]) => {
          const body = parsed(await ownApi.post('/api/v1/contacts', { locations, per_page: 100 }, 'demo-key'), S.contactSearchResponse);
          expect(body.meta.total, locations.join()).toBe(body.data.length);
          return body.data.map((c) => c.id);
        };
        const staff = async (companyId: number) =>
          (await own.db.query<{ id: number }>('SELECT id FROM contacts WHERE company_id = $1 ORDER BY id', [companyId])).map((r) => r.id);
        const place = async (companyId: number) => {
          const [row] = await own.db.query<{ city: string; state: string | null; country: string }>('SELECT city, state, country FROM companies WHERE id = $1', [companyId]);
          if (!row) throw new Error(`no company ${companyId}`);
          return row;
        };
        const moving = GENERATED_COMPANY_BASE + 1;
        const other = GENERATED_COMPANY_BASE + 2;
        const was = await place(moving);
        const colleagues = await staff(moving);
        expect(colleagues.length).toBeGreaterThan(0);
        expect(await found(['state:Mu||Atlantis'])).toEqual([]);

        await own.db.query("UPDATE companies SET country = 'Atlantis', state = 'Mu', city = 'Poseidonis' WHERE id = $1", [moving]);
        expect(await found(['country:ATLANTIS'])).toEqual(colleagues);
        expect(await found(['city:poseidonis||MU||atlantis'])).toEqual(colleagues);
        const formerNeighbours = await found([`city:${was.city}||${was.state ?? ''}||${was.country}`]);
        for (const id of colleagues) expect(formerNeighbours).not.toContain(id);

        const [newcomer] = await staff(other);
        if (newcomer === undefined) throw new Error(`company ${other} has no contacts`);
        const otherPlace = await place(other);
        await own.db.query('UPDATE contacts SET company_id = $1 WHERE id = $2', [moving, newcomer]);
        expect(await found(['country:Atlantis', 'country:Nowhere'])).toEqual([...colleagues, newcomer].sort((a, b) => a - b));
        expect(await found([`state:${otherPlace.state ?? ''}||${otherPlace.country}`])).not.toContain(newcomer);

        await own.db.query("INSERT INTO contacts (id, company_id, first_name, last_name) VALUES (2000000, $1, 'New', 'Hire')", [moving]);
        expect(await found(['state:mu||atlantis', 'country:Nowhere'])).toContain(2_000_000);

        await own.db.query('UPDATE companies SET state = NULL WHERE id = $1', [moving]);
        expect(await found(['city:Poseidonis||||Atlantis'])).toEqual(await staff(moving));
        expect(await found(['state:Mu||Atlantis', 'country:Elsewhere'])).toEqual([]);
      });

      it('refuses bad input with 400 and changes nothing', async () => {
        const before = await fingerprint(server);
        const bad: [string, unknown, RegExp?][] = [
          ['/api/v1/contacts', { per_page: 0 }, /per_page/],
          ['/api/v1/contacts', { per_page: 101 }, /per_page/],
          ['/api/v1/companies', { per_page: 101 }, /per_page/],
          ['/api/v1/contacts', { departments: [] }, /departments must not be an empty array/],
          ['/api/v1/contacts', { job_titles: [] }, /job_titles/],
          ['/api/v1/companies', { technologies: [] }, /technologies/],
          ['/api/v1/companies', { locations: [] }, /locations/],
          ['/api/v1/contacts', { job_title: ['x'] }, /job_title/],
          ['/api/v1/contacts', { departments: 'Sales' }],
          ['/api/v1/contacts', { is_decision_maker: 'yes' }],
          ['/api/v1/contacts', { page: 0 }],
          ['/api/v1/contacts', { page: 1.5 }],
          ['/api/v1/companies', { added_after: 'yesterday' }, /added_after/],
          ['/api/v1/companies', { added_after: '2024-13-45T00:00:00Z' }, /added_after/],
          ['/api/v1/companies', { added_before: '2024-01-01' }, /added_before/],
          ['/api/v1/companies', { industries: ['x'.repeat(501)] }],
          ['/api/v1/companies', [1, 2]],
          ['/api/v1/contacts', { job_titles: ['  \u2028 '] }, /job_titles/],
        ];
        for (const [path, body, message] of bad) {
          const details = expectError(await search(path, body), 400, 'invalid_input');
          if (message) expect(details).toMatch(message);
        }
        expectError(await api.raw('POST', '/api/v1/contacts', { body: '{"per_page": ', headers: { Authorization: 'Bearer demo-key', 'Content-Type': 'application/json' } }), 400, 'invalid_input');
        const huge = JSON.stringify({ job_titles: ['x'.repeat(2 * 1024 * 1024)] });
        expectError(await api.raw('POST', '/api/v1/contacts', { body: huge, headers: { Authorization: 'Bearer demo-key', 'Content-Type': 'application/json' } }), 413, 'payload_too_large');
        expect(await fingerprint(server)).toBe(before);
      });

      it('treats SQL metacharacters and long strings in every text field as plain text', async () => {
        const before = await fingerprint(server);
        const nasty = ["'; DROP TABLE contacts; --", "%", "_", "\\", "' OR '1'='1", 'Robert"); DELETE FROM companies; --', '😀\u0301', '<script>alert(1)</script>', 'x'.repeat(500)];
        for (const s of nasty) {
          const contacts = parsed(await search('/api/v1/contacts', { job_titles: [s], departments: [s], seniorities: [s], industries: [s], functions: [s], technologies: [s], tlds: [s] }), S.contactSearchResponse);
          expect(contacts.data).toEqual([]);
          const titles = parsed(await search('/api/v1/contacts', { job_titles: [s] }), S.contactSearchResponse);
          for (const c of titles.data) expect((c.job_title ?? '').toLowerCase()).toContain(s.toLowerCase());
          const loc = await search('/api/v1/companies', { locations: [`country:${s.slice(0, 490)}`] });
          expect(parsed(loc, S.companySearchResponse).data).toEqual([]);
        }
        expect(await fingerprint(server)).toBe(before);
      });
    });

    describe('authentication (§2)', () => {
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

    describe('enrich (§2)', () => {
      type ContactResult = E.EnrichContactResponse['data']['result'][number];
      const enrichContacts = async (inputs: unknown[], outputFields?: string[], t = token) => {
        const reply = await api.post('/enrich/contact', outputFields ? { matchPersonInput: inputs, outputFields } : { matchPersonInput: inputs }, t);
        return { reply, body: parsed(reply, E.enrichContactResponse) };
      };
      const only = (r: ContactResult | undefined) => {
        expect(r?.data).toHaveLength(1);
        return r?.data[0];
      };

      it('matches people by every kind of input', async () => {
        const dana = demo.contacts.find((c) => c.id === 50001);
        const cases: [unknown, number][] = [
          [{ emailAddress: 'DANA@Northwind.IO' }, 50001],
          [{ emailAddress: 'dana.lin.home@gmail.com' }, 50001],
          [{ hashedEmail: sha256(' Dana@northwind.io ') }, 50001],
          [{ personId: 50002 }, 50002],
          [{ personId: '50002' }, 50002],
          [{ phone: '+1 (415) 555-0103' }, 50003],
          [{ phone: '415.555.0103' }, 50003],
          [{ firstName: 'priya', lastName: 'RAMAN', companyName: 'northwind' }, 50002],
          [{ firstName: 'Zoë', lastName: 'Müller-Hart', companyId: 1006 }, 50013],
          [{ fullName: 'Gregory  Adeyemi', companyId: 1003 }, 50006],
          [{ fullName: 'Gregory Adeyemi', companyName: 'Acme Robotics' }, 50006],
          [{ externalURL: 'https://www.linkedin.com/in/dana-lin-northwind' }, 50001],
          [{ externalURL: 'http://linkedin.com/in/Dana-Lin-Northwind/' }, 50001],
          [{ externalURL: 'https://uk.linkedin.com/in/dana-lin-northwind?trk=x' }, 50001],
        ];
        const { body, reply } = await enrichContacts(cases.map(([input]) => input));
        expect(body.success).toBe(true);
        expect(reply.headers.get('x-usage-record-limit-remaining')).toMatch(/^\d+$/);
        body.data.result.forEach((r, i) => {
          expect(r.matchStatus, JSON.stringify(cases[i]?.[0])).toBe('FULL_MATCH');
          expect(only(r)?.id).toBe(cases[i]?.[1]);
          expect(r.input).toEqual(cases[i]?.[0]);
        });
        const full = only(body.data.result[0]);
        expect(full).toMatchObject({
          id: 50001, firstName: 'Dana', lastName: 'Lin', email: 'dana@northwind.io', personalEmail: 'dana.lin.home@gmail.com',
          phone: dana?.phone, mobilePhone: dana?.mobile_phone, jobTitle: 'Chief Revenue Officer', managementLevel: ['C-Level'],
          jobFunction: [{ name: 'Sales', department: 'Sales' }], city: 'San Francisco', state: 'California', country: 'United States',
          externalUrls: [{ type: 'linkedin', url: dana?.linkedin_url }], company: { id: 1001, name: 'Northwind Traders', website: 'https://www.northwind.io' },
        });
      });

      it('answers COMPANY_ONLY, CONTACT_ONLY, MULTI, NO_MATCH and BAD_DATA in one 200 batch', async () => {
        const { body, reply } = await enrichContacts([
          { emailAddress: 'someone.new@northwind.io' },
          { emailAddress: 'dana@northwind.io', companyId: 1002 },
          { firstName: NAMESAKE.firstName, lastName: NAMESAKE.lastName, companyId: 100001 },
          { emailAddress: 'nobody@unknown-domain-xyz.com' },
          { emailAddress: 'not-an-email' },
          { hashedEmail: 'ABC' },
          { firstName: 'Dana' },
          { companyName: 'Northwind' },
          {},
          { phone: 'call me' },
          { externalURL: 'https://example.com/in/dana' },
        ]);
        const statuses = body.data.result.map((r) => r.matchStatus);
        expect(statuses).toEqual(['COMPANY_ONLY_MATCH', 'CONTACT_ONLY_MATCH', 'MULTI_MATCH', 'NO_MATCH', 'BAD_DATA', 'BAD_DATA', 'BAD_DATA', 'BAD_DATA', 'BAD_DATA', 'BAD_DATA', 'BAD_DATA']);
        expect(body.data.result[0]?.data).toEqual([]);
        // The raw answer also names the company the domain belongs to.
        expect((reply.body as { data: { result: { company?: unknown }[] } }).data.result[0]?.company).toEqual({ id: 1001, name: 'Northwind Traders', website: 'https://www.northwind.io' });
        const multi = body.data.result[2];
        expect(multi?.data.map((c) => c.id)).toEqual(NAMESAKE_IDS);
        expect(multi?.data.length).toBeLessThanOrEqual(5);
        for (const candidate of multi?.data ?? []) {
          expect(candidate.email).toBeNull();
          expect(candidate.phone).toBeNull();
        }
        for (const r of body.data.result.slice(4)) {
          expect(r.data).toEqual([]);
          expect(typeof r.input.reason).toBe('string');
          expect(String(r.input.reason).length).toBeGreaterThan(5);
        }
      });

      it('filters outputFields: unknown names ignored, known but empty is null, id always', async () => {
        const { body } = await enrichContacts([{ personId: 50002 }], ['firstName', 'personalEmail', 'picture', 'mobilePhone', 'noSuchField', 'companyRevenueNum']);
        expect(body.data.outputFields).toEqual(['id', 'personalEmail', 'firstName', 'mobilePhone', 'picture'].sort((a, b) => ['id', 'firstName', 'personalEmail', 'mobilePhone', 'picture'].indexOf(a) - ['id', 'firstName', 'personalEmail', 'mobilePhone', 'picture'].indexOf(b)));
        expect(body.data.result[0]?.data[0]).toEqual({ id: 50002, firstName: 'Priya', personalEmail: null, mobilePhone: null, picture: null });
      });

      it('refuses 26 inputs (413), none, unknown fields and wrong types (400), and changes nothing', async () => {
        const before = await fingerprint(server);
        const many = Array.from({ length: 26 }, (_, i) => ({ personId: 50001 + (i % 28) }));
        expectError(await api.post('/enrich/contact', { matchPersonInput: many }, token), 413, 'payload_too_large');
        expectError(await api.post('/enrich/company', { matchCompanyInput: Array.from({ length: 26 }, () => ({ companyId: 1001 })) }, token), 413, 'payload_too_large');
        expectError(await api.post('/enrich/intent', { matchCompanyInput: Array.from({ length: 26 }, () => ({ companyId: 1001 })) }, token), 413, 'payload_too_large');
        expectError(await api.post('/enrich/contact', { matchPersonInput: [] }, token), 400, 'invalid_input');
        expectError(await api.post('/enrich/contact', {}, token), 400, 'invalid_input');
        expectError(await api.post('/enrich/contact', { matchPersonInput: [{ email: 'dana@northwind.io' }] }, token), 400, 'invalid_input');
        expectError(await api.post('/enrich/contact', { matchPersonInput: [{ personId: 'abc' }] }, token), 400, 'invalid_input');
        expectError(await api.post('/enrich/contact', { matchPersonInput: [{ emailAddress: 42 }] }, token), 400, 'invalid_input');
        expectError(await api.post('/enrich/contact', { matchPersonInput: [{ firstName: 'x'.repeat(501), lastName: 'y', companyId: 1 }] }, token), 400, 'invalid_input');
        expectError(await api.post('/enrich/contact', { matchPersonInput: [{ personId: 50001 }], extra: 1 }, token), 400, 'invalid_input');
        expectError(await api.post('/enrich/company', { matchCompanyInput: [{ domain: 'x.com' }] }, token), 400, 'invalid_input');
        expectError(await api.raw('POST', '/enrich/contact', { body: '{"matchPersonInput": [', headers: { Authorization: `Bearer ${token}` } }), 400, 'invalid_input');
        expectError(await api.raw('POST', '/enrich/contact', { body: JSON.stringify({ matchPersonInput: [{ fullName: 'x'.repeat(2_100_000) }] }), headers: { Authorization: `Bearer ${token}` } }), 413, 'payload_too_large');
        expect(await fingerprint(server)).toBe(before);
      });

      it('treats SQL metacharacters in every enrich text field as plain text', async () => {
        const before = await fingerprint(server);
        const s = "x' OR '1'='1; DROP TABLE contacts; --%_\\";
        const { body } = await enrichContacts([
          { firstName: s, lastName: s, companyName: s },
          { fullName: s, companyName: s },
          { phone: `${s} 12345678` },
        ]);
        expect(body.data.result.map((r) => r.matchStatus)).toEqual(['NO_MATCH', 'NO_MATCH', 'NO_MATCH']);
        const companies = parsed(await api.post('/enrich/company', { matchCompanyInput: [{ companyName: s }, { companyWebsite: `${s}.com` }] }, token), E.enrichCompanyResponse);
        expect(companies.data.result.every((r) => r.matchStatus === 'NO_MATCH' || r.matchStatus === 'BAD_DATA')).toBe(true);
        expect(await fingerprint(server)).toBe(before);
      });

      it('charges one credit per new record, nothing again within 12 months, and reports it truthfully', async () => {
        const t = await api.oauth();
        const usage = async () => parsed(await api.get('/lookup/usage', t), E.usageResponse).usage.find((u) => u.limitType === E.RECORD_LIMIT_TYPE);
        const start = await usage();
        expect(start).toEqual({ limitType: 'RecordLimit', description: expect.any(String), limit: 10000, currentUsage: 0, usageRemaining: 10000 });
        const first = await enrichContacts([{ personId: 50010 }, { emailAddress: 'andre.silva@globex-analytics.ai' }, { personId: 99999999 }, { firstName: NAMESAKE.firstName, lastName: NAMESAKE.lastName, companyId: 100001 }], undefined, t);
        expect(first.reply.headers.get('x-usage-record-limit-remaining')).toBe('9999');
        expect((await usage())?.currentUsage).toBe(1);
        const again = await enrichContacts([{ personId: 50010 }], undefined, t);
        expect(again.reply.headers.get('x-usage-record-limit-remaining')).toBe('9999');
        const company = await api.post('/enrich/company', { matchCompanyInput: [{ companyId: 1004 }, { companyWebsite: 'globex-analytics.ai' }] }, t);
        parsed(company, E.enrichCompanyResponse);
        expect(company.headers.get('x-usage-record-limit-remaining')).toBe('9998');
        const viaUsage = parsed(await api.get('/usage', t), E.usageResponse).usage[0];
        expect(viaUsage).toMatchObject({ currentUsage: 2, usageRemaining: 9998 });
        // Searches, lookups and intent are free.
        await api.post('/search/contact', { companyId: 1004 }, t);
        await api.post('/enrich/intent', { matchCompanyInput: [{ companyId: 1004 }] }, t);
        expect((await usage())?.currentUsage).toBe(2);
        // 13 months later the record costs again.
        await server.db.query("UPDATE record_charges SET charged_at = now() - interval '13 months' WHERE account = 'demo-client' AND record_id = 50010");
        const later = await enrichContacts([{ personId: 50010 }], undefined, t);
        expect(later.reply.headers.get('x-usage-record-limit-remaining')).toBe('9997');
      });

      it('answers 402 credits_exhausted spending nothing, while free re-enrichment still works', async () => {
        const poor = await factory.start({ credits: 2, seedCompanies: 0, seedContacts: 0 });
        const c = new TestClient(poor);
        const t = await c.login();
        const ok = await c.post('/enrich/contact', { matchPersonInput: [{ personId: 50001 }] }, t);
        expect(ok.headers.get('x-usage-record-limit-remaining')).toBe('1');
        const before = await fingerprint(poor);
        const tooMany = await c.post('/enrich/contact', { matchPersonInput: [{ personId: 50002 }, { personId: 50003 }] }, t);
        expectError(tooMany, 402, 'credits_exhausted');
        expect(tooMany.headers.get('x-usage-record-limit-remaining')).toBe('1');
        expect(await fingerprint(poor)).toBe(before);
        const usage = parsed(await c.get('/lookup/usage', t), E.usageResponse).usage[0];
        expect(usage).toMatchObject({ limit: 2, currentUsage: 1, usageRemaining: 1 });
        const free = await c.post('/enrich/contact', { matchPersonInput: [{ personId: 50001 }, { emailAddress: 'dana@northwind.io' }] }, t);
        parsed(free, E.enrichContactResponse);
        const last = await c.post('/enrich/company', { matchCompanyInput: [{ companyId: 1001 }] }, t);
        expect(last.headers.get('x-usage-record-limit-remaining')).toBe('0');
        expectError(await c.post('/enrich/company', { matchCompanyInput: [{ companyId: 1002 }] }, t), 402, 'credits_exhausted');
      });

      it('enriches companies by id, any website form, and name, with the demo values mapped', async () => {
        const inputs = [
          { companyId: 1001 },
          { companyWebsite: 'https://www.northwind.io/about?x=1' },
          { companyWebsite: 'NORTHWIND.IO' },
          { companyWebsite: 'http://shop.northwind.io' },
          { companyName: 'northwind traders' },
          { companyName: 'Kessler' },
          { companyWebsite: 'lumenoak.co.uk' },
          { companyWebsite: 'localhost' },
          { companyName: 'zzz-no-such-company' },
          {},
        ];
        const body = parsed(await api.post('/enrich/company', { matchCompanyInput: inputs }, token), E.enrichCompanyResponse);
        expect(body.data.result.map((r) => r.matchStatus)).toEqual(['FULL_MATCH', 'FULL_MATCH', 'FULL_MATCH', 'FULL_MATCH', 'FULL_MATCH', 'FULL_MATCH', 'FULL_MATCH', 'BAD_DATA', 'NO_MATCH', 'BAD_DATA']);
        expect(body.data.result.slice(0, 5).map((r) => r.data[0]?.id)).toEqual([1001, 1001, 1001, 1001, 1001]);
        expect(body.data.result[5]?.data[0]?.id).toBe(1008);
        expect(body.data.result[6]?.data[0]?.id).toBe(1006);
        const c = body.data.result[0]?.data[0];
        const d = demoCompany(1001);
        expect(c).toMatchObject({
          id: 1001, name: d.name, website: d.website, domainList: [d.domain], primaryIndustry: [d.industry], industries: [d.industry, d.sub_industry],
          employeeCount: d.employees, revenue: (d.revenue_usd ?? 0) / 1000, city: d.location.city, state: d.location.state,
          country: d.location.country, ticker: null, foundedYear: d.founded_year, createdDate: d.created_at,
          socialMediaUrls: [{ type: 'linkedin', url: d.linkedin_url }],
        });
        expect(c?.techAttributes?.map((t) => t.tag)).toEqual(d.technologies);
        const multi = parsed(await api.post('/enrich/company', { matchCompanyInput: [{ companyName: 'a' }] }, token), E.enrichCompanyResponse);
        expect(multi.data.result[0]?.matchStatus).toBe('MULTI_MATCH');
        expect(multi.data.result[0]?.data.length).toBe(5);
        for (const candidate of multi.data.result[0]?.data ?? []) {
          expect(Object.keys(candidate).sort()).toEqual(['city', 'country', 'domainList', 'id', 'name', 'state', 'website']);
        }
        expect(multi.data.result[0]?.input).toEqual({ companyName: 'a' });
      });

      it('returns intent signals with recommended contacts that never reveal e-mail or phone', async () => {
        const body = parsed(await api.post('/enrich/intent', { matchCompanyInput: [{ companyId: 1003 }, { companyWebsite: 'northwind.io' }, { companyId: 1006 }] }, token), E.enrichIntentResponse);
        const acme = body.data.result[0];
        expect(acme?.matchStatus).toBe('FULL_MATCH');
        expect(acme?.data.map((s) => [s.topic, s.signalScore, s.spike, s.signalDate, s.audienceStrength])).toEqual(
          demoCompany(1003).intent.map((s) => [s.topic, s.score, s.spike, s.signal_date, s.audience_strength]),
        );
        for (const s of acme?.data ?? []) {
          expect(s.companyId).toBe(1003);
          expect(s.recommendedContacts?.length).toBeGreaterThan(0);
          for (const rc of s.recommendedContacts ?? []) {
            expect(Object.keys(rc).some((k) => /email|phone/i.test(k) && !/^has/.test(k))).toBe(false);
            expect(JSON.stringify(rc)).not.toMatch(/@|\+1 /);
          }
        }
        expect(body.data.result[2]?.data).toEqual([]);
        const filtered = parsed(await api.post('/enrich/intent', { matchCompanyInput: [{ companyId: 1001 }], topics: ['data warehousing'] }, token), E.enrichIntentResponse);
        expect(filtered.data.result[0]?.data.map((s) => s.topic)).toEqual(['Data Warehousing']);
      });
    });

    describe('search, lookup and headers (§2)', () => {
      const noSecrets = (data: unknown[]) => {
        for (const record of data) {
          for (const key of Object.keys(record as object)) expect(/^(email|phone|mobilePhone|personalEmail)$/.test(key)).toBe(false);
          expect(JSON.stringify(record)).not.toMatch(/@/);
        }
      };

      it('searches contacts by every criterion, summaries only', async () => {
        const cases: [Record<string, unknown>, (c: E.ContactSummary) => boolean][] = [
          [{ emailAddress: 'DANA@northwind.io' }, (c) => c.id === 50001],
          [{ fullName: 'dana lin' }, (c) => c.firstName === 'Dana' && c.lastName === 'Lin'],
          [{ firstName: 'PRIYA' }, (c) => c.firstName === 'Priya'],
          [{ lastName: 'okafor' }, (c) => c.lastName === 'Okafor'],
          [{ jobTitle: 'finance manager' }, (c) => c.jobTitle === 'Finance Manager'],
          [{ managementLevel: 'vp' }, (c) => JSON.stringify(c.managementLevel) === '["VP"]'],
          [{ department: 'sales' }, (c) => c.department === 'Sales'],
          [{ companyId: 1001 }, (c) => c.company?.id === 1001],
          [{ companyName: 'NORTHWIND' }, (c) => /northwind/i.test(c.company?.name ?? '')],
          [{ companyWebsite: 'https://www.acmerobotics.com/team' }, (c) => c.company?.id === 1003],
          [{ industryKeywords: 'healthcare', country: 'canada' }, (c) => c.company?.id === 1009 || (c.company?.id ?? 0) > 100000],
          [{ state: 'bavaria' }, () => true],
          [{ techAttributeTagList: 'Epic, NetDocuments' }, (c) => [1009, 1011].includes(c.company?.id ?? 0) || (c.company?.id ?? 0) > 100000],
        ];
        for (const [criteria, holds] of cases) {
          const body = parsed(await api.post('/search/contact', { ...criteria, rpp: 100 }, token), E.contactSearchResult);
          expect(body.data.length, JSON.stringify(criteria)).toBeGreaterThan(0);
          expect(body.maxResults).toBe(100);
          expect(body.currentPage).toBe(1);
          expect(body.totalResults).toBeGreaterThanOrEqual(body.data.length);
          for (const c of body.data) expect(holds(c), `${JSON.stringify(criteria)} vs ${c.id}`).toBe(true);
          noSecrets(body.data);
        }
        const bavaria = parsed(await api.post('/search/contact', { state: 'Bavaria', rpp: 100 }, token), E.contactSearchResult);
        const rows = await server.db.query<{ id: number; state: string }>('SELECT id, state FROM contacts WHERE id = ANY($1::int[])', [bavaria.data.map((c) => c.id)]);
        expect(rows.every((r) => r.state === 'Bavaria')).toBe(true);
        const sorted = parsed(await api.post('/search/contact', { companyId: 1010, sortBy: 'lastName', sortOrder: 'desc' }, token), E.contactSearchResult);
        const names = sorted.data.map((c) => (c.lastName ?? '').toLowerCase());
        expect(names).toEqual([...names].sort().reverse());
        expectError(await api.post('/search/contact', { sortBy: 'salary' }, token), 400, 'invalid_input');
        expectError(await api.post('/search/contact', { rpp: 101 }, token), 400, 'invalid_input');
        expectError(await api.post('/search/contact', { email: 'x' }, token), 400, 'invalid_input');
        expectError(await api.post('/search/contact', { companyWebsite: 'not a domain' }, token), 400, 'invalid_input');
      });

      it('searches companies by every criterion', async () => {
        const cases: [Record<string, unknown>, (c: E.CompanySummary) => boolean][] = [
          [{ companyId: 1002 }, (c) => c.id === 1002],
          [{ companyName: 'robot' }, (c) => /robot/i.test(c.name ?? '')],
          [{ companyWebsite: 'www.fjordline.no' }, (c) => c.id === 1005],
          [{ industryKeywords: 'SOFTWARE' }, () => true],
          [{ state: 'texas' }, (c) => c.state === 'Texas'],
          [{ country: 'germany' }, (c) => c.country === 'Germany'],
          [{ employeeRangeMin: 1000, employeeRangeMax: 2500 }, (c) => (c.employeeCount ?? 0) >= 1000 && (c.employeeCount ?? 0) <= 2500],
          [{ revenueMin: 100000, revenueMax: 250000 }, (c) => (c.revenue ?? 0) >= 100000 && (c.revenue ?? 0) <= 250000],
          [{ techAttributeTagList: 'kubernetes' }, () => true],
        ];
        for (const [criteria, holds] of cases) {
          const body = parsed(await api.post('/search/company', { ...criteria, rpp: 100 }, token), E.companySearchResult);
          expect(body.data.length, JSON.stringify(criteria)).toBeGreaterThan(0);
          for (const c of body.data) expect(holds(c), `${JSON.stringify(criteria)} vs ${c.id}`).toBe(true);
        }
        const tech = parsed(await api.post('/search/company', { techAttributeTagList: 'Kubernetes', rpp: 100 }, token), E.companySearchResult);
        const techRows = await companiesById(tech.data.map((c) => c.id));
        expect([...techRows.values()].every((r) => r.technologies_lc.includes('kubernetes'))).toBe(true);
        const software = parsed(await api.post('/search/company', { industryKeywords: 'software', rpp: 100 }, token), E.companySearchResult);
        expect(software.data.every((c) => c.industry === 'Software')).toBe(true);
        const byRevenue = parsed(await api.post('/search/company', { sortBy: 'revenue', sortOrder: 'desc', rpp: 10 }, token), E.companySearchResult);
        const revenues = byRevenue.data.map((c) => c.revenue ?? 0);
        expect(revenues).toEqual([...revenues].sort((a, b) => b - a));
        const demoOne = parsed(await api.post('/search/company', { companyId: 1001 }, token), E.companySearchResult).data[0];
        expect(demoOne).toEqual({ id: 1001, name: 'Northwind Traders', website: 'https://www.northwind.io', domain: 'northwind.io', industry: 'Software', employeeCount: 420, revenue: 61000, city: 'San Francisco', state: 'California', country: 'United States' });
      });

      it('searches intent, news and scoops', async () => {
        const intent = parsed(await api.post('/search/intent', { topics: ['zero trust security'], signalScoreMin: 60, rpp: 100 }, token), E.intentSearchResult);
        expect(intent.data.map((c) => c.id)).toEqual(expect.arrayContaining([1009, 1010]));
        for (const c of intent.data) {
          expect(c.signals.length).toBeGreaterThan(0);
          for (const s of c.signals) {
            expect(s.topic).toBe('Zero Trust Security');
            expect(s.signalScore).toBeGreaterThanOrEqual(60);
            expect(s.companyId).toBe(c.id);
          }
        }
        expect(intent.totalResults).toBe(intent.data.length);
        const high = parsed(await api.post('/search/intent', { topics: ['Zero Trust Security'], signalScoreMin: 80 }, token), E.intentSearchResult);
        expect(high.data.map((c) => c.id)).not.toContain(1009);
        expectError(await api.post('/search/intent', { topics: [] }, token), 400, 'invalid_input');
        const news = parsed(await api.post('/search/news', { companyId: 1003 }, token), E.newsSearchResult);
        expect(news.data.map((n) => n.headline)).toEqual(demoCompany(1003).news.map((n) => n.headline));
        expect(news.data[0]).toMatchObject({ companyId: 1003, category: 'expansion', publishedDate: '2026-08-14' });
        const scoops = parsed(await api.post('/search/scoop', { companyId: 1001 }, token), E.scoopSearchResult);
        expect(scoops.data).toEqual([expect.objectContaining({ companyId: 1001, type: 'Project', description: demoCompany(1001).scoops[0]?.description, publishedDate: '2026-11-02' })]);
        expect(parsed(await api.post('/search/news', { companyId: 1006 }, token), E.newsSearchResult).data).toEqual([]);
        expectError(await api.post('/search/news', { companyId: 424242 }, token), 404, 'not_found');
        expectError(await api.post('/search/scoop', {}, token), 400, 'invalid_input');
      });

      it('treats SQL metacharacters in every search criterion as text, refuses over-long ones, changes nothing', async () => {
        const before = await fingerprint(server);
        const nasty = "x' OR '1'='1; DROP TABLE companies; --%_\\";
        const contactFields = ['emailAddress', 'fullName', 'firstName', 'lastName', 'jobTitle', 'managementLevel', 'department', 'companyName', 'industryKeywords', 'state', 'country', 'techAttributeTagList'];
        const companyFields = ['companyName', 'industryKeywords', 'state', 'country', 'techAttributeTagList'];
        for (const [path, fields] of [['/search/contact', contactFields], ['/search/company', companyFields]] as const) {
          for (const field of fields) {
            const reply = await api.post(path, { [field]: nasty }, token);
            expect(reply.status, `${path} ${field}`).toBe(200);
            expect((reply.body as { totalResults: number }).totalResults, `${path} ${field}`).toBe(0);
            expectError(await api.post(path, { [field]: 'y'.repeat(501) }, token), 400, 'invalid_input');
            expectError(await api.post(path, { [field]: 42 }, token), 400, 'invalid_input');
          }
          expectError(await api.post(path, { companyWebsite: nasty }, token), 400, 'invalid_input');
        }
        expect(await fingerprint(server)).toBe(before);
      });

      it('looks up every field; an unknown one is 404', async () => {
        for (const field of E.lookupField.options) {
          const body = parsed(await api.get(`/lookup/${field}`, token), E.lookupResponse);
          expect(body.data.length, field).toBeGreaterThan(0);
          expect(new Set(body.data.map((d) => d.id)).size).toBe(body.data.length);
        }
        const topics = parsed(await api.get('/lookup/intent/topics', token), E.lookupResponse).data.map((d) => d.name);
        expect(topics).toEqual(expect.arrayContaining(['Supply Chain Visibility', 'Industrial IoT']));
        const levels = parsed(await api.get('/lookup/managementlevel', token), E.lookupResponse).data.map((d) => d.name);
        expect(levels).toEqual(expect.arrayContaining(['C-Level', 'VP', 'Director', 'Manager']));
        expectError(await api.get('/lookup/salaries', token), 404, 'not_found');
      });

      it('puts X-RateLimit headers on every enterprise response and answers 429 past 25/s per token', async () => {
        const limitedServer = await factory.start({ seedCompanies: 0, seedContacts: 0 });
        const api = new TestClient(limitedServer);
        const token = await api.login();
        const t = await api.oauth();
        const first = await api.get('/lookup/departments', t);
        expect(first.headers.get('x-ratelimit-limit')).toBe('25');
        expect(first.headers.get('x-ratelimit-remaining')).toBe('24');
        expect(Number(first.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(1);
        const bad = await api.post('/enrich/contact', { matchPersonInput: [] }, t);
        expect(bad.headers.get('x-ratelimit-remaining')).toBe('23');
        limitedServer.clearRequestLog();
        const replies = await Promise.all(Array.from({ length: 40 }, () => api.get('/lookup/departments', t)));
        const limited = replies.filter((r) => r.status === 429);
        // 40 at once: whatever the machine's speed, some are refused, and no sliding second ever
        // holds more than 25 accepted ones.
        expect(limited.length).toBeGreaterThanOrEqual(1);
        for (const r of limited) {
          expectError(r, 429, 'rate_limited');
          expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
          expect(r.headers.get('x-ratelimit-remaining')).toBe('0');
        }
        const accepted = limitedServer.requestLog.filter((e) => e.status === 200).map((e) => e.atMs).sort((a, b) => a - b);
        for (let i = 0; i + 25 < accepted.length; i++) expect((accepted[i + 25] ?? 0) - (accepted[i] ?? 0)).toBeGreaterThanOrEqual(950);
        // Another token is not affected.
        expect((await api.get('/lookup/departments', token)).status).toBe(200);
        const stats = limitedServer.stats();
        const mine = stats.tokens.find((s) => s.requests >= 40);
        expect(mine?.maxPerSecond).toBeGreaterThanOrEqual(40);
        expect(mine?.rateLimited).toBe(limited.length);
      });

      it('answers internal errors with the 500 envelope, no stack trace (forced with FAULTS=500:1)', async () => {
        const failing = await factory.start({ seedCompanies: 0, seedContacts: 0, faults: { rate429: 0, error500: 1, timeout: 0, malformed: 0 } });
        const c = new TestClient(failing);
        const t = await c.login();
        expectError(await c.post('/enrich/contact', { matchPersonInput: [{ personId: 50001 }] }, t), 500, 'internal');
        expectError(await c.post('/api/v1/companies', {}, 'demo-key'), 500, 'internal');
      });

      it('answers unknown routes with a 404 errors envelope', async () => {
        expectError(await api.get('/no/such/thing'), 404, 'not_found');
        expectError(await api.post('/api/v2/contacts', {}, 'demo-key'), 404, 'not_found');
      });
    });

    describe('request log, docs and demo pages', () => {
      it('logs method, path, status and inputs, in process and over HTTP', async () => {
        server.clearRequestLog();
        await api.post('/enrich/contact', { matchPersonInput: [{ personId: 50001 }, { personId: 50002 }, { personId: 50003 }] }, token);
        await api.post('/enrich/contact', { matchPersonInput: [] }, token);
        await api.get('/lookup/usage', token);
        const entries = server.requestLog;
        expect(entries.map((e) => [e.method, e.path, e.status, e.inputs])).toEqual([
          ['POST', '/enrich/contact', 200, 3],
          ['POST', '/enrich/contact', 400, 0],
          ['GET', '/lookup/usage', 200, 0],
        ]);
        expect(entries[0]?.tokenId).toMatch(/^tok_[0-9a-f]{12}$/);
        expect(JSON.stringify(entries)).not.toContain(token);
        const overHttp = await api.get<{ requests: unknown[]; stats: { enrichCalls: number; enrichInputs: number; maxPerSecond: number } }>('/_admin/requests?path=/enrich');
        expect(overHttp.status).toBe(200);
        expect(overHttp.body.requests).toHaveLength(2);
        expect(overHttp.body.stats).toMatchObject({ enrichCalls: 2, enrichInputs: 3 });
        expect((await api.raw('DELETE', '/_admin/requests')).status).toBe(204);
        expect(server.requestLog.filter((e) => e.path !== '/_admin/requests')).toEqual([]);
        const stats = await api.get<{ total: number; limits: { ratePerSecond: number } }>('/_admin/stats');
        expect(stats.body.limits.ratePerSecond).toBe(server.config.ratePerSecond);
      });

      it('serves an OpenAPI 3.1 document of every endpoint and an offline /docs page', async () => {
        const doc = await api.get<{ openapi: string; paths: Record<string, Record<string, unknown>> }>('/openapi.json');
        expect(doc.body.openapi).toBe('3.1.0');
        for (const p of ['/api/v1/contacts', '/api/v1/companies', '/authenticate', '/oauth/token', '/enrich/contact', '/enrich/company', '/enrich/intent', '/search/contact', '/search/company', '/search/intent', '/search/news', '/search/scoop', '/lookup/usage', '/usage', '/lookup/departments', '/lookup/intent/topics']) {
          expect(Object.keys(doc.body.paths), p).toContain(p);
        }
        const docs = await api.get('/docs');
        expect(docs.status).toBe(200);
        expect(docs.text).toContain('/openapi.json');
        expect(docs.text).not.toMatch(/<script[^>]+src=|<link[^>]+href="https?:/);
      });

      it('serves the demo pages, escaped, and a page of N distinct e-mails that exist in the database', async () => {
        const index = await api.get('/demo/');
        expect(index.status).toBe(200);
        for (const href of ['/demo/companies/1001', '/demo/crm/contacts/50001', '/demo/in/dana-lin-northwind', '/demo/emails?n=60']) {
          expect(index.text).toContain(href.replace('&', '&amp;'));
          const page = await api.get(href);
          expect(page.status, href).toBe(200);
          expect(page.headers.get('content-type')).toContain('text/html');
        }
        const company = await api.get('/demo/companies/1010');
        expect(company.text).toContain('href="mailto:nadia.petrova@quantacloud.io"');
        expect(company.text).toContain('kevin.zhang@quantacloud.io');
        expect(company.text).toContain('https://www.quantacloud.io');
        const obrien = await api.get('/demo/crm/contacts/50024');
        expect(obrien.text).toContain('O&#39;Brien');
        const lumen = await api.get('/demo/companies/1006');
        expect(lumen.text).toContain('Lumen &#38; Oak Studio');
        const emails = await api.get('/demo/emails?n=60');
        const found = [...new Set(emails.text.match(/[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/gi) ?? [])];
        expect(found).toHaveLength(60);
        const rows = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM contacts WHERE lower(email) = ANY($1::text[])', [found.map((e) => e.toLowerCase())]);
        expect(rows[0]?.n).toBe(60);
        expect((await api.get('/demo/companies/9')).status).toBe(404);
      });
    });
  });
}
