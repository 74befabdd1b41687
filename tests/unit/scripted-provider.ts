import type { EnrichedCompany, EnrichedContact } from '../../utils/schemas/enterprise-api.ts';

/**
 * An in-memory stand-in for the enterprise API's HTTP surface, for unit tests of the client side
 * (the end-to-end tests use the real reference server). It answers through a `fetch` function and
 * records every request; `failNext` scripts failures.
 */

export interface Scripted {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

export function scriptedProvider(
  options: { contacts?: EnrichedContact[]; companies?: EnrichedCompany[]; tokenTtlS?: number; /** Answers /enrich/intent only in its first, batch form. */ olderIntentOnly?: boolean } = {},
) {
  const olderIntentOnly = options.olderIntentOnly ?? false;
  const contacts = options.contacts ?? [];
  const companies = options.companies ?? [];
  const requests: { path: string; body: unknown; auth: string | null }[] = [];
  const script: (Scripted | 'hang' | 'network')[] = [];
  let tokens = 0;
  const valid = new Set<string>();
  /** Endpoints this account is not entitled to: 403 as the published API answers it. */
  const forbidden = new Set<string>();
  const byPath = new Map<string, Scripted[]>();

  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const path = new URL(request.url).pathname;
    const text = request.method === 'POST' ? await request.text() : '';
    const body: unknown = text ? JSON.parse(text) : undefined;
    const auth = request.headers.get('authorization');
    requests.push({ path, body, auth });
    if (path === '/authenticate') {
      tokens++;
      const token = `access-${tokens}`;
      valid.add(token);
      return json(200, { jwt: token });
    }
    const next = byPath.get(path)?.shift() ?? script.shift();
    if (next === 'network') throw new TypeError('fetch failed');
    if (next === 'hang') {
      return new Promise<Response>((_, reject) => {
        request.signal.addEventListener('abort', () => reject(request.signal.reason));
      });
    }
    if (next) return new Response(next.body ?? '', { status: next.status, headers: next.headers });
    if (!auth || !valid.has(auth.replace('Bearer ', ''))) return json(401, { errors: [{ id: 'unauthorized', code: 401, details: 'expired' }] });
    if (forbidden.has(path)) return json(403, { errors: [{ id: 'forbidden', code: 403, details: 'You do not have access to this endpoint.' }] });
    if (path === '/enrich/contact') {
      const inputs = (body as { matchPersonInput: Record<string, unknown>[] }).matchPersonInput;
      const result = inputs.map((input) => {
        const data = contacts.filter(
          (c) => (input.emailAddress && c.email === input.emailAddress) || (input.personId && c.id === input.personId) || (input.fullName && `${c.firstName} ${c.lastName}` === input.fullName),
        );
        return { input, data, matchStatus: data.length === 0 ? 'NO_MATCH' : data.length > 1 ? 'MULTI_MATCH' : 'FULL_MATCH' };
      });
      return json(200, { success: true, data: { outputFields: [], result } }, { 'x-usage-record-limit-remaining': '9000', 'x-ratelimit-remaining': '20', 'x-ratelimit-reset': '1' });
    }
    if (path === '/enrich/company') {
      const inputs = (body as { matchCompanyInput: Record<string, unknown>[] }).matchCompanyInput;
      const result = inputs.map((input) => {
        const data = companies.filter((c) => (input.companyWebsite && c.website?.includes(String(input.companyWebsite))) || (input.companyName && c.name === input.companyName));
        return { input, data, matchStatus: data.length === 0 ? 'NO_MATCH' : 'FULL_MATCH' };
      });
      return json(200, { success: true, data: { outputFields: [], result } });
    }
    if (path === '/search/contact') {
      // Free search (look-up only previews): summaries, no email or phones.
      const q = body as { emailAddress?: string; fullName?: string; rpp?: number };
      const data = contacts
        .filter((c) => (q.emailAddress && c.email === q.emailAddress) || (q.fullName && `${c.firstName} ${c.lastName}` === q.fullName))
        .slice(0, q.rpp ?? 25)
        .map((c) => ({ id: c.id, firstName: c.firstName, lastName: c.lastName, jobTitle: c.jobTitle, hasEmail: Boolean(c.email), company: c.company ? { id: c.company.id, name: c.company.name } : null }));
      return json(200, { maxResults: q.rpp ?? 25, totalResults: data.length, currentPage: 1, data });
    }
    if (path === '/enrich/intent') {
      const signal = (companyId: number) => ({ companyId, topic: 'Data Warehousing', topicId: 1, signalScore: 91, audienceStrength: 'high', spike: true, recommendedContacts: [] });
      const request = body as { matchCompanyInput?: { companyId?: number }[]; companyId?: number };
      if (!request.matchCompanyInput) {
        // The published form: one company at the top level, its signals as the `data` list.
        if (olderIntentOnly) return json(400, { errors: [{ id: 'invalid_input', code: 400, details: 'matchCompanyInput: Required' }] });
        return json(200, { maxResults: 25, totalResults: 1, currentPage: 1, data: [{ ...signal(0), companyId: undefined, company: { id: request.companyId ?? 0 } }] });
      }
      const result = request.matchCompanyInput.map((input) => ({ input, data: [signal(input.companyId ?? 0)], matchStatus: 'FULL_MATCH' }));
      return json(200, { success: true, data: { result } });
    }
    if (path === '/search/news' || path === '/search/scoop') {
      const { companyId } = body as { companyId: number };
      const data =
        path === '/search/news'
          ? [{ id: 1, companyId, headline: 'Northwind opens a Lisbon office', category: 'expansion', publishedDate: '2026-11-02', url: 'https://news.example/1' }]
          : [{ id: 2, companyId, type: 'Hiring', description: 'Hiring 12 sales engineers', publishedDate: '2026-11-10' }];
      return json(200, { maxResults: 10, totalResults: 1, currentPage: 1, data });
    }
    if (path === '/lookup/managementlevel') {
      // The reference server's first spelling; the published /lookup/managementLevel is a 404 here.
      return json(200, { data: [{ id: 1, name: 'C-Level' }, { id: 2, name: 'VP' }] });
    }
    if (path === '/lookup/department') {
      // The published spelling: a bare list of names.
      return json(200, [{ Id: 1, Name: 'C-Suite' }, { Id: 2, Name: 'Sales' }]);
    }
    if (path === '/enrich/orgchart') {
      // The published shape: tiers, no manager named.
      const { companyId } = body as { companyId: string };
      const company = { id: Number(companyId), name: 'Northwind Traders' };
      const person = (id: number, title: string, department: string, orgChartTier: number) => ({ id, firstName: `P${id}`, middleName: '', lastName: 'Org', lastUpdatedDate: '', title, hasEmail: true, hasDirectPhone: false, department, jobFunction: department, orgChartTier, orgChartSubTier: 1, contactAccuracyScore: 90, company });
      const data = [person(1, 'Chief Executive Officer', 'C-Suite', 1), person(2, 'Chief Revenue Officer', 'Sales', 2), person(3, 'Director of Sales', 'Sales', 3)];
      return json(200, { maxResults: data.length, totalResults: data.length, currentPage: 1, data });
    }
    if (path === '/enrich/corporatehierarchy') {
      const familyTree = [{ companyId: 1010, name: 'Quanta Cloudworks', city: 'San Francisco', state: 'California', familyNodes: [{ companyId: 1001, name: 'Northwind Traders', city: 'San Francisco', state: 'California', subUnitTypeInfo: { typeId: 3, typeDescription: '' }, familyNodes: [{ companyId: 1002, name: 'Brightloom', city: 'Seattle', state: 'Washington', subUnitTypeInfo: { typeId: 3, typeDescription: '' } }] }] }];
      const parentage = [{ companyId: '1010', companyName: 'Quanta Cloudworks', city: 'San Francisco', state: 'California', subUnitType: '3', subUnitDesc: '', acquiredByDate: '' }];
      return json(200, { success: true, data: { outputFields: [['parentage', 'familyTree']], result: [{ input: { companyid: 1001 }, data: [{ parentage, familyTree, companyId: 1001 }] }] } });
    }
    if (path === '/lookup/intent/topics') {
      return json(200, [{ Name: 'Data Warehousing', Category: 'Data' }, { Name: 'Cloud Security', Category: 'Security' }]);
    }
    if (path === '/search/intent') {
      // The published shape: one row per signal, naming its company.
      const { topics } = body as { topics: string[] };
      const data = topics.map((topic, i) => ({ id: `sig-${i}`, topic, signalScore: 90 - i, audienceStrength: 'A', signalDate: '11/20/2026 12:00 AM', company: { id: 1001, name: 'Northwind Traders', website: 'www.northwind.io' } }));
      return json(200, { maxResults: 25, totalResults: data.length, currentPage: 1, data });
    }
    if (path === '/lookup/usage') {
      return json(200, { usage: [{ limitType: 'RecordLimit', description: 'records', limit: 10000, currentUsage: 1000, usageRemaining: 9000 }] });
    }
    return json(404, { errors: [{ id: 'not_found', code: 404, details: 'no such endpoint' }] });
  };

  return {
    fetch,
    requests,
    /** Requests to `path` (not counting /authenticate). */
    calls: (path: string) => requests.filter((r) => r.path === path),
    authCount: () => requests.filter((r) => r.path === '/authenticate').length,
    failNext: (...items: (Scripted | 'hang' | 'network')[]) => script.push(...items),
    expireAllTokens: () => valid.clear(),
    /** Answers the next `times` requests to `path` with `answer` (whatever order calls race in). */
    failPath: (path: string, answer: Scripted, times = 1) => byPath.set(path, [...(byPath.get(path) ?? []), ...Array.from({ length: times }, () => answer)]),
    forbid: (...paths: string[]) => paths.forEach((p) => forbidden.add(p)),
  };
}

export function demoContact(id: number, email: string, extra: Partial<EnrichedContact> = {}): EnrichedContact {
  const [first = 'x', domain = 'example.com'] = email.split('@');
  return { id, firstName: first, lastName: 'Tester', email, jobTitle: 'Engineer', company: { id: 1, name: domain, website: `https://${domain}` }, ...extra };
}
