/**
 * The contract tests of api-contract.md §1–§2, run against one backend (PGlite or PostgreSQL):
 * every endpoint, field and error; filter semantics checked on every returned record; bad input
 * answered with the right status and an `errors` entry and nothing changed in the database.
 * One file per contract section, in server/testing/contract/.
 */
import { describe } from 'vitest';
import { amendmentsContract } from './contract/amendments.ts';
import { authenticationContract } from './contract/authentication.ts';
import { bulkContract } from './contract/bulk.ts';
import { contractContext } from './contract/context.ts';
import { enrichContract } from './contract/enrich.ts';
import { logDocsDemoContract } from './contract/log-docs-demo.ts';
import { orgContract } from './contract/org.ts';
import { searchApiContract } from './contract/search-api.ts';
import { searchLookupContract } from './contract/search-lookup.ts';
import { webhooksContract } from './contract/webhooks.ts';
import type { Backend } from './harness.ts';

export function contractSuite(backend: Backend): void {
  describe(`reference server contract on ${backend}`, () => {
    const ctx = contractContext(backend);
    searchApiContract(ctx);
    authenticationContract(ctx);
    enrichContract(ctx);
    searchLookupContract(ctx);
    logDocsDemoContract(ctx);
    amendmentsContract(ctx);
    orgContract(ctx);
    bulkContract(ctx);
    webhooksContract(ctx);
  });
}
