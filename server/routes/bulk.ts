/**
 * The Bulk API, as published: submit a search or enrich job (→ jobId), then POST /bulk/job/status
 * and /bulk/job/results with the id. `…/cost` answers what a job would charge before it is
 * submitted (not published; see server/README.md). The work runs in the server's bulk worker.
 */
import type { Context } from 'hono';
import type { Feature } from '../auth/entitlements.ts';
import { ApiFailure } from '../lib/errors.ts';
import { costOf, jobResults, jobStatus, submitJob, type BulkSpec } from '../services/bulk/jobs.ts';
import {
  BULK_LIMITS,
  bulkCompanyEnrichRequest,
  bulkCompanySearchRequest,
  bulkContactEnrichRequest,
  bulkContactSearchRequest,
  bulkCost,
  bulkJobCreated,
  bulkJobResults,
  bulkJobResultsRequest,
  bulkJobStatus,
  bulkJobStatusRequest,
} from '../services/bulk/schemas.ts';
import { parseWith, readJson, type AppEnv, type Deps } from './common.ts';
import { endpoint, type Api, type Guards } from './endpoint.ts';

interface Family {
  path: string;
  entitlement: Feature;
  what: string;
  schema: typeof bulkContactSearchRequest | typeof bulkCompanySearchRequest | typeof bulkContactEnrichRequest | typeof bulkCompanyEnrichRequest;
  example: unknown;
  toSpec(body: unknown): BulkSpec;
}

/** A redeem job returns output fields, so it must name them (published: "Required for the redeem job type"). */
function searchFields(jobType: 'preview' | 'redeem', outputFields: string[] | undefined): string[] | null {
  if (jobType === 'redeem' && !outputFields) throw new ApiFailure('invalid_input', 'outputFields: a redeem job must name the output fields it returns.');
  return outputFields ?? null;
}

function enrichInputs(body: unknown, key: 'matchPersonInput' | 'matchCompanyInput'): unknown[] {
  const list = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
  const inputs = Array.isArray(list) ? list : [];
  // Checked before the inputs are validated one by one: 10,001 inputs is the same 400 however well-formed.
  if (inputs.length > BULK_LIMITS.enrichInputs) {
    throw new ApiFailure('invalid_input', `A bulk enrich job takes at most ${BULK_LIMITS.enrichInputs.toLocaleString('en-US')} inputs; this one has ${inputs.length.toLocaleString('en-US')}. Split it into several jobs. Nothing was created.`);
  }
  return inputs;
}

const FAMILIES: Family[] = [
  {
    path: '/bulk/search/contact',
    entitlement: 'contact',
    what: 'a contact search of up to 200,000 records',
    schema: bulkContactSearchRequest,
    example: { jobType: 'preview', query: { companyName: 'northwind' } },
    toSpec(body) {
      const r = parseWith(bulkContactSearchRequest, body);
      return { entity: 'contact', jobType: r.jobType, query: r.query, outputFields: searchFields(r.jobType, r.outputFields) };
    },
  },
  {
    path: '/bulk/search/company',
    entitlement: 'company',
    what: 'a company search of up to 200,000 records',
    schema: bulkCompanySearchRequest,
    example: { jobType: 'redeem', query: { industryKeywords: 'software' }, outputFields: ['id', 'name', 'website'] },
    toSpec(body) {
      const r = parseWith(bulkCompanySearchRequest, body);
      return { entity: 'company', jobType: r.jobType, query: r.query, outputFields: searchFields(r.jobType, r.outputFields) };
    },
  },
  {
    path: '/bulk/enrich/contact',
    entitlement: 'contact',
    what: 'an enrichment of up to 10,000 people',
    schema: bulkContactEnrichRequest,
    example: { matchPersonInput: [{ personId: 50001 }, { emailAddress: 'dana@northwind.io' }], outputFields: ['firstName', 'lastName', 'email', 'jobTitle'] },
    toSpec(body) {
      const rawInputs = enrichInputs(body, 'matchPersonInput');
      const r = parseWith(bulkContactEnrichRequest, body);
      return { entity: 'contact', jobType: 'enrich', inputs: r.matchPersonInput, rawInputs, outputFields: r.outputFields ?? null };
    },
  },
  {
    path: '/bulk/enrich/company',
    entitlement: 'company',
    what: 'an enrichment of up to 10,000 companies',
    schema: bulkCompanyEnrichRequest,
    example: { matchCompanyInput: [{ companyId: 1001 }, { companyWebsite: 'northwind.io' }], outputFields: ['id', 'name', 'website', 'employeeCount'] },
    toSpec(body) {
      const rawInputs = enrichInputs(body, 'matchCompanyInput');
      const r = parseWith(bulkCompanyEnrichRequest, body);
      return { entity: 'company', jobType: 'enrich', inputs: r.matchCompanyInput, rawInputs, outputFields: r.outputFields ?? null };
    },
  },
];

export function bulkRoutes(app: Api, guards: Guards, deps: Deps): void {
  const { db, config } = deps;
  const specOf = (family: Family) => async (c: Context<AppEnv>) => family.toSpec((await readJson(c)) ?? {});

  for (const family of FAMILIES) {
    endpoint(
      app,
      guards,
      {
        method: 'post',
        path: family.path,
        tag: 'Bulk',
        summary: `Submit ${family.what} as a job (answers its jobId)`,
        auth: 'accessToken',
        entitlement: family.entitlement,
        request: { schema: family.schema, example: family.example },
        response: bulkJobCreated,
        parse: specOf(family),
      },
      async (c, spec) => c.json({ jobId: await submitJob(db, c.get('account'), config.credits, spec) }),
    );
    endpoint(
      app,
      guards,
      {
        method: 'post',
        path: `${family.path}/cost`,
        tag: 'Bulk',
        summary: `What ${family.what} would cost, before it is submitted (free; creates nothing)`,
        auth: 'accessToken',
        entitlement: family.entitlement,
        request: { schema: family.schema, example: family.example },
        response: bulkCost,
        parse: specOf(family),
      },
      async (c, spec) => c.json(await costOf(db, c.get('account'), config.credits, spec)),
    );
  }

  endpoint(
    app,
    guards,
    {
      method: 'post',
      path: '/bulk/job/status',
      tag: 'Bulk',
      summary: "A bulk job's status and the pages ready to read",
      auth: 'accessToken',
      request: { schema: bulkJobStatusRequest, example: { jobId: '0675ee17f800db0333f7541859d7d1db67fd7037' } },
      response: bulkJobStatus,
    },
    async (c, body) => c.json(await jobStatus(db, c.get('account'), body.jobId)),
  );

  endpoint(
    app,
    guards,
    {
      method: 'post',
      path: '/bulk/job/results',
      tag: 'Bulk',
      summary: `One page (${BULK_LIMITS.pageSize} records) of a bulk job's results, once that page is done`,
      auth: 'accessToken',
      request: { schema: bulkJobResultsRequest, example: { jobId: '0675ee17f800db0333f7541859d7d1db67fd7037', page: 1 } },
      response: bulkJobResults,
    },
    async (c, body) => c.json(await jobResults(db, c.get('account'), body.jobId, body.page)),
  );
}
