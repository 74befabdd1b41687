/** What every contract section shares: one server per backend, a signed-in client, and assertions. */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import type { z } from 'zod';
import { apiErrorEnvelope } from '../../../utils/schemas/errors.ts';
import type { RunningServer } from '../../app.ts';
import { loadDemoDataset, type DemoCompany } from '../../seed/demo.ts';
import { TestClient, type Reply } from '../client.ts';
import { serverFactory, type Backend, type ServerFactory } from '../harness.ts';

export function parsed<T extends z.ZodType>(reply: Reply, schema: T, status = 200): z.output<T> {
  expect(reply.status, reply.text.slice(0, 500)).toBe(status);
  const result = schema.safeParse(reply.body);
  if (!result.success) throw new Error(`response does not match its schema: ${result.error.message}\n${reply.text.slice(0, 500)}`);
  return result.data;
}

export function expectError(reply: Reply, status: number, id: string): string {
  expect(reply.status, reply.text.slice(0, 500)).toBe(status);
  const body = apiErrorEnvelope.parse(reply.body);
  expect(body.errors[0]?.id).toBe(id);
  expect(body.errors[0]?.code).toBe(status);
  expect(body.errors[0]?.details.length).toBeGreaterThan(0);
  expect(body.errors[0]?.details).not.toMatch(/\bat .+\.ts:\d+/); // never a stack trace
  return body.errors[0]?.details ?? '';
}

/** A fingerprint of everything requests could change. */
export async function fingerprint(server: RunningServer): Promise<string> {
  const [row] = await server.db.query<Record<string, unknown>>(`SELECT
    (SELECT count(*)::int FROM companies) AS companies,
    (SELECT count(*)::int FROM contacts) AS contacts,
    (SELECT md5(coalesce(string_agg(id::text || first_name || last_name || coalesce(email, ''), ',' ORDER BY id), '')) FROM contacts) AS contacts_md5,
    (SELECT md5(coalesce(string_agg(id::text || name || coalesce(domain, ''), ',' ORDER BY id), '')) FROM companies) AS companies_md5,
    (SELECT coalesce(sum(credits_used), 0)::int FROM accounts) AS credits,
    (SELECT count(*)::int FROM record_charges) AS charges`);
  return JSON.stringify(row);
}

export const sha256 = (s: string) => createHash('sha256').update(s.trim().toLowerCase()).digest('hex');

export interface CompanyRow {
  id: number;
  created_at: string;
  technologies_lc: string[];
  functions_lc: string[];
  industry: string | null;
  domain: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  employees: number | null;
  revenue_usd: number | null;
}

export interface ContractContext {
  factory: ServerFactory;
  demo: ReturnType<typeof loadDemoDataset>;
  demoCompany(id: number): DemoCompany;
  companiesById(ids: number[]): Promise<Map<number, CompanyRow>>;
  /** The shared server, its client and an access token: set before the sections' tests run. */
  current(): { server: RunningServer; api: TestClient; token: string };
}

/** Starts the shared server before the sections run and stops every server after them. */
export function contractContext(backend: Backend): ContractContext {
  const factory = serverFactory(backend);
  let shared: { server: RunningServer; api: TestClient; token: string } | undefined;
  const demo = loadDemoDataset();

  beforeAll(async () => {
    // The suite itself sends far more than 25 requests a second; the limit test has its own server.
    const server = await factory.start({ ratePerSecond: 100_000, ratePerMinute: 1_000_000 });
    const api = new TestClient(server);
    shared = { server, api, token: await api.login() };
  });
  afterAll(async () => {
    await factory.stopAll();
  });

  const current = () => {
    if (!shared) throw new Error('the contract server has not started');
    return shared;
  };

  return {
    factory,
    demo,
    demoCompany(id) {
      const c = demo.companies.find((x) => x.id === id);
      if (!c) throw new Error(`no demo company ${id}`);
      return c;
    },
    async companiesById(ids) {
      const rows = await current().server.db.query<CompanyRow>(
        `SELECT id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at, technologies_lc, functions_lc, industry, domain, city, state, country, employees, revenue_usd
         FROM companies WHERE id = ANY($1::int[])`,
        [ids],
      );
      return new Map(rows.map((r) => [r.id, r]));
    },
    current,
  };
}
