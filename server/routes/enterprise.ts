/** api-contract.md §2: the enterprise searches, lookups and usage. */
import type { Context } from 'hono';
import { z } from 'zod';
import {
  RECORD_LIMIT_TYPE,
  companyFeedRequest,
  companySearchCriteria,
  companySearchResult,
  contactSearchCriteria,
  contactSearchResult,
  intentSearchAnswer,
  intentSearchRequest,
  lookupField,
  lookupResponse,
  newsSearchResult,
  scoopSearchResult,
  usageResponse,
  type CompanySearchResult,
  type ContactSearchResult,
  type LookupResponse,
  type UsageResponse,
} from '../../utils/schemas/enterprise-api.ts';
import { ApiFailure } from '../lib/errors.ts';
import { usage } from '../services/credits.ts';
import { companyFeed, lookupValues, searchCompanies, searchContacts } from '../services/enterprise-search.ts';
import { searchIntent } from '../services/intent.ts';
import { toCompanySummary, toContactSummary } from '../services/records.ts';
import { FIELD_LOOKUPS, PUBLISHED_LOOKUPS, publishedLookup } from '../services/lookups.ts';
import { PUBLISHED_INPUTS, refuseUnservable } from '../services/published-inputs.ts';
import { parseWith, readJson, type AppEnv, type Deps } from './common.ts';
import { endpoint, type Api, type Guards } from './endpoint.ts';

/** The criteria, parsed; a documented criterion this server cannot serve is a 400 that says so. */
function criteria<T extends z.ZodObject>(schema: T, documented: readonly string[]) {
  return async (c: Context<AppEnv>): Promise<z.output<T>> => {
    const body = (await readJson(c)) ?? {};
    refuseUnservable(body, documented, Object.keys(schema.shape));
    return parseWith(schema, body);
  };
}

export function enterpriseRoutes(app: Api, guards: Guards, deps: Deps): void {
  const { db, config, counts } = deps;

  endpoint(
    app,
    guards,
    {
      method: 'post',
      path: '/search/contact',
      tag: 'Search',
      summary: 'Contact summaries (never e-mail or phone)',
      auth: 'accessToken',
      entitlement: 'contact',
      request: { schema: contactSearchCriteria, example: { companyName: 'northwind', rpp: 10 } },
      response: contactSearchResult,
      parse: criteria(contactSearchCriteria, PUBLISHED_INPUTS.contactSearch),
    },
    async (c, q) => {
      const { rows, total } = await searchContacts(db, counts, q);
      const response: ContactSearchResult = { maxResults: q.rpp, totalResults: total, currentPage: q.page, data: rows.map(toContactSummary) };
      return c.json(response);
    },
  );

  endpoint(
    app,
    guards,
    {
      method: 'post',
      path: '/search/company',
      tag: 'Search',
      summary: 'Company summaries',
      auth: 'accessToken',
      entitlement: 'company',
      request: { schema: companySearchCriteria, example: { techAttributeTagList: 'Snowflake', rpp: 10 } },
      response: companySearchResult,
      parse: criteria(companySearchCriteria, PUBLISHED_INPUTS.companySearch),
    },
    async (c, q) => {
      const { rows, total } = await searchCompanies(db, counts, q);
      const response: CompanySearchResult = { maxResults: q.rpp, totalResults: total, currentPage: q.page, data: rows.map(toCompanySummary) };
      return c.json(response);
    },
  );

  endpoint(
    app,
    guards,
    {
      method: 'post',
      path: '/search/intent',
      tag: 'Search',
      summary: 'Intent signals on topics, one row per signal with its company',
      auth: 'accessToken',
      entitlement: 'intent',
      request: { schema: intentSearchRequest, example: { topics: ['Zero Trust Security'], signalScoreMin: 60 } },
      response: intentSearchAnswer,
      parse: criteria(intentSearchRequest, PUBLISHED_INPUTS.intentSearch),
    },
    async (c, q) => c.json(await searchIntent(db, q)),
  );

  for (const [path, table, response, what, entitlement] of [
    ['/search/news', 'news', newsSearchResult, 'news', 'news'],
    ['/search/scoop', 'scoops', scoopSearchResult, 'scoops', 'scoop'],
  ] as const) {
    endpoint(
      app,
      guards,
      { method: 'post', path, tag: 'Search', summary: `A company's ${what}`, auth: 'accessToken', entitlement, request: { schema: companyFeedRequest, example: { companyId: 1001 } }, response, parse: criteria(companyFeedRequest, PUBLISHED_INPUTS.feedSearch) },
      async (c, q) => {
        const { rows, total } = await companyFeed(db, table, q);
        return c.json({ maxResults: q.rpp, totalResults: total, currentPage: q.page, data: rows });
      },
    );
  }

  const usageHandler = async (c: Context<AppEnv>) => {
    const u = await usage(db, c.get('account'), config.credits);
    const response: UsageResponse = {
      usage: [
        {
          limitType: RECORD_LIMIT_TYPE,
          description: 'Records enriched (one credit per contact or company record not enriched by this account in the last 12 months).',
          limit: u.limit,
          currentUsage: u.used,
          usageRemaining: u.remaining,
        },
      ],
    };
    return c.json(response);
  };
  endpoint(app, guards, { method: 'get', path: '/lookup/usage', tag: 'Lookup', summary: 'Credits: limit, used, remaining', auth: 'accessToken', response: usageResponse }, usageHandler);
  endpoint(app, guards, { method: 'get', path: '/usage', tag: 'Lookup', summary: 'Same as /lookup/usage', auth: 'accessToken', response: usageResponse }, usageHandler);

  const lookup = async (c: Context<AppEnv>, field: string) => {
    const parsed = lookupField.safeParse(field);
    if (!parsed.success) throw new ApiFailure('not_found', `Unknown lookup field "${field.slice(0, 100)}"; use one of ${lookupField.options.join(', ')}.`);
    const response: LookupResponse = { data: await lookupValues(db, parsed.data) };
    return c.json(response);
  };
  for (const field of lookupField.options) {
    endpoint(app, guards, { method: 'get', path: `/lookup/${field}`, tag: 'Lookup', summary: `Values of ${field}`, auth: 'accessToken', response: lookupResponse }, (c) => lookup(c, field));
  }
  for (const name of PUBLISHED_LOOKUPS) {
    endpoint(app, guards, { method: 'get', path: `/lookup/${name}`, tag: 'Lookup', summary: `Values of ${name}, as the published API names them`, auth: 'accessToken', response: lookupResponse }, async (c) => {
      const response: LookupResponse = { data: (await publishedLookup(db, name)) ?? [] };
      return c.json(response);
    });
  }
  const fieldList = z.array(z.object({ fieldName: z.string(), fieldType: z.string().optional(), accessGranted: z.boolean() }));
  for (const [target, lists] of Object.entries(FIELD_LOOKUPS)) {
    for (const direction of ['input', 'output'] as const) {
      endpoint(
        app,
        guards,
        { method: 'get', path: `/lookup/${direction}fields/${target}`, tag: 'Lookup', summary: `The ${direction} fields of ${target}; accessGranted false: documented, not served here`, auth: 'accessToken', response: fieldList },
        (c) => c.json(lists[direction]()),
      );
    }
  }
  // Any other field: a 404 naming the fields there are.
  endpoint(
    app,
    guards,
    { method: 'get', path: '/lookup/{field}', tag: 'Lookup', summary: 'Unknown lookup fields answer 404 with the list of known ones', auth: 'accessToken', response: lookupResponse, params: z.object({ field: z.string() }) },
    (c) => lookup(c, c.req.param('field') ?? ''),
  );
}
