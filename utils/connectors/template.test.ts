import { describe, expect, it } from 'vitest';
import type { ConnectorAction } from './connector.ts';
import { ConnectorError } from './errors.ts';
import { actionPlaceholders, actionProblems, buildRequest, endpointProblem, toFetchArgs } from './template.ts';
import { APPZ_BASE, competitorsAction, noteAction, peopleAction } from './test-fixtures.ts';

function action(overrides: Partial<ConnectorAction>): ConnectorAction {
  return { ...competitorsAction, ...overrides };
}

function errorOf(run: () => unknown): ConnectorError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected a ConnectorError');
}

describe('endpoints that could leave the base URL are refused when the connector is saved', () => {
  it.each([
    ['https://evil.example/x', 'single "/"'],
    ['//evil.example/x', 'single "/"'],
    ['/../admin', '".."'],
    ['/a/./b', '"."'],
    ['/%2e%2e/admin', 'encoded'],
    ['/%2E%2e%2fadmin', 'encoded'],
    ['/a%5cb', 'encoded'],
    ['/@evil.example', '"@"'],
    ['/x\\..\\y', 'backslash'],
    ['/x#frag', '"#"'],
    ['/x y', 'spaces'],
    ['/x?{name}=1', 'query parameter name'],
  ])('%s', (endpoint, reason) => {
    expect(endpointProblem(APPZ_BASE, endpoint)).toContain(reason);
  });

  it('accepts a plain path with placeholders and a query', () => {
    expect(endpointProblem(APPZ_BASE, '/api/v1/people?email={email}&x=1')).toBeNull();
  });

  it('reports a placeholder with no parameter, naming it', () => {
    expect(actionProblems(APPZ_BASE, action({ endpoint: '/companies/{domain}/{kind}' }))).toEqual(['The placeholder {kind} has no parameter; add a parameter named kind.']);
  });

  it('detects placeholders in endpoint, body strings and headers', () => {
    expect(actionPlaceholders(noteAction).sort()).toEqual(['about', 'source', 'text']);
  });

  it('refuses a body placeholder outside a string, or as a key, and a GET with a body', () => {
    expect(actionProblems(APPZ_BASE, action({ method: 'POST', body: '{"about": {domain}}' }))[0]).toContain('not valid JSON');
    expect(actionProblems(APPZ_BASE, action({ method: 'POST', body: '{"{domain}": 1}' }))[0]).toContain('placeholders go in values');
    expect(actionProblems(APPZ_BASE, action({ body: '{}' }))[0]).toContain('GET request has no body');
  });
});

describe('values are encoded for where they go', () => {
  const hostile = '../x?y=1#z&w=2"\'';

  it('path segment: a value never adds a segment, a query or a fragment', () => {
    const spec = buildRequest(APPZ_BASE, competitorsAction, { domain: hostile });
    expect(spec.url.origin).toBe('https://appz.example.com');
    expect(spec.url.pathname).toBe(`/app-z/api/v1/companies/..%2Fx%3Fy%3D1%23z%26w%3D2%22'/competitors`);
    expect(spec.url.search).toBe('');
    expect(spec.url.hash).toBe('');
  });

  it('refuses a value that is a whole dot segment', () => {
    expect(errorOf(() => buildRequest(APPZ_BASE, competitorsAction, { domain: '..' })).id).toBe('invalid_value');
  });

  it('query value: one parameter whatever the value holds', () => {
    const spec = buildRequest(APPZ_BASE, peopleAction, { email: 'a@b.io&admin=1#x' });
    expect([...spec.url.searchParams]).toEqual([['email', 'a@b.io&admin=1#x']]);
    expect(spec.url.pathname).toBe('/app-z/api/v1/people');
  });

  it('JSON string: quotes and newlines stay inside the string', () => {
    const spec = buildRequest(APPZ_BASE, noteAction, { about: 'northwind.io", "admin": true, "x": "', text: 'line 1\nline 2', source: 'sidecar' });
    expect(spec.json).toEqual({ about: 'northwind.io", "admin": true, "x": "', text: 'line 1\nline 2' });
    const [, init] = toFetchArgs(spec, APPZ_BASE);
    expect(Object.keys(JSON.parse(String(init.body)) as object)).toEqual(['about', 'text']);
    expect(init.redirect).toBe('error');
  });

  it('header value: CR/LF refused, nothing built', () => {
    const error = errorOf(() => buildRequest(APPZ_BASE, noteAction, { about: 'northwind.io', text: 'hi', source: 'x\r\nX-Admin: 1' }));
    expect(error.id).toBe('invalid_value');
    expect(error.message).toContain('X-Source');
  });

  it('says which parameter has no value', () => {
    const error = errorOf(() => buildRequest(APPZ_BASE, peopleAction, {}));
    expect(error).toMatchObject({ id: 'missing_value', message: 'The parameter email has no value.' });
  });

  it('refuses at build time a placeholder with no parameter and an escaping endpoint, even if saved', () => {
    expect(errorOf(() => buildRequest(APPZ_BASE, action({ endpoint: '/x/{nope}' }), { domain: 'a' })).id).toBe('unknown_placeholder');
    expect(errorOf(() => buildRequest(APPZ_BASE, action({ endpoint: '//evil.example/{domain}' }), { domain: 'a' })).id).toBe('endpoint_escapes_base');
  });

  it('checks the final URL against the base URL before sending', () => {
    const spec = buildRequest(APPZ_BASE, competitorsAction, { domain: 'northwind.io' });
    expect(errorOf(() => toFetchArgs({ ...spec, url: new URL('https://appz.example.com/other') }, APPZ_BASE)).id).toBe('endpoint_escapes_base');
    expect(errorOf(() => toFetchArgs({ ...spec, url: new URL('https://appz.example.com.evil.io/app-z/x') }, APPZ_BASE)).id).toBe('endpoint_escapes_base');
    expect(errorOf(() => toFetchArgs({ ...spec, url: new URL('https://appz.example.com/app-zz') }, APPZ_BASE)).id).toBe('endpoint_escapes_base');
  });

  it('keeps the base URL path and a literal query part', () => {
    const spec = buildRequest('https://api.example.com/v2/', action({ endpoint: '/items?sort=name%20asc&q={domain}' }), { domain: 'a b' });
    expect(spec.url.href).toBe('https://api.example.com/v2/items?sort=name+asc&q=a+b');
  });
});
