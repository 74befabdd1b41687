/** Contract tests of api-contract.md §1 "Search API". */
import { getPublicSuffix } from 'tldts';
import { beforeAll, describe, expect, it } from 'vitest';
import * as S from '../../../utils/schemas/search-api.ts';
import type { RunningServer } from '../../app.ts';
import { GENERATED_COMPANY_BASE } from '../../seed/generate.ts';
import { TestClient, emptyStrings } from '../client.ts';
import { expectError, fingerprint, parsed, type ContractContext } from './context.ts';

export function searchApiContract(ctx: ContractContext): void {
  describe('search API (§1)', () => {
    let server: RunningServer;
    let api: TestClient;
    let token: string;
    const { factory, demo, demoCompany, companiesById } = ctx;
    beforeAll(() => {
      ({ server, api, token } = ctx.current());
    });

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

    it('locations: an empty part matches any value (Amendments: London, England by city:London||||United Kingdom); accents count, case does not', async () => {
      const london = parsed(await search('/api/v1/companies', { locations: ['city:London||||United Kingdom'], per_page: 100 }), S.companySearchResponse);
      for (const c of london.data) expect(c.location).toMatchObject({ city: 'London', country: 'United Kingdom' });
      expect(london.data.find((c) => c.id === 1006)?.location).toEqual({ city: 'London', state: 'England', country: 'United Kingdom' });
      expect(london.data.some((c) => c.location.state === null)).toBe(true);
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
}
