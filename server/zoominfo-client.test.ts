// @vitest-environment node
// A third-party ZoomInfo client from npm (@microfox/zoominfo), unchanged but for its base URL,
// against the reference server: PKI sign-in, enrich contact (with its company), enrich company,
// search and usage. Its one missing dependency, @microfox/core (not on the registry), is a
// stand-in in server/testing/microfox-core.
import { ZoomInfoClient } from '@microfox/zoominfo';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from './app.ts';
import { serverFactory } from './testing/harness.ts';

const factory = serverFactory('pglite');
let server: RunningServer;
let client: ZoomInfoClient;

beforeAll(async () => {
  server = await factory.start();
  const pki = server.demoClient();
  client = new ZoomInfoClient({ username: pki.username, clientId: pki.clientId, privateKey: pki.privateKeyPem, apiBaseUrl: server.url, throttle: false });
}, 120_000);

afterAll(() => factory.stopAll());

it('signs in by PKI and enriches a contact with its company, a company, searches and reads usage', async () => {
  const contact = await client.enrichContact({ emailAddress: 'dana@northwind.io' });
  expect(server.requestLog.find((e) => e.path === '/authenticate')?.status).toBe(200);
  const dana = contact.data.result[0]?.data[0];
  expect(dana).toMatchObject({ id: 50001, firstName: 'Dana', lastName: 'Lin', email: 'dana@northwind.io' });
  expect(dana?.company).toMatchObject({ id: 1001, name: 'Northwind Traders', website: 'https://www.northwind.io', city: 'San Francisco' });

  const company = await client.enrichCompany({ companyWebsite: 'https://www.northwind.io' });
  expect(company.data.result[0]?.data[0]).toMatchObject({ id: 1001, name: 'Northwind Traders', employeeCount: 420, revenue: 61000 });

  const people = await client.searchContacts({ companyName: 'northwind', managementLevel: 'C Level Exec' });
  expect(people.data.map((p) => p.id)).toContain(50001);
  const companies = await client.searchCompanies({ state: 'MA' });
  expect(companies.totalResults).toBeGreaterThan(0);

  const usage = await client.getUsage();
  expect(usage.usage[0]?.currentUsage).toBeGreaterThanOrEqual(2);
}, 120_000);
