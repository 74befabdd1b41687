/**
 * Building an action's request from its templates, injection-proof: each value is encoded for the
 * place it lands in (path segment, query value, JSON string, header value), and the endpoint can
 * never leave the connector's base URL — checked on the template when the connector is saved and
 * on the final URL before anything is sent. Every URL is assembled with the URL API.
 */
import type { ConnectorAction } from './action.ts';
import { ConnectorError } from './errors.ts';

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A request ready for a credential (credentials.ts) and then fetch. */
export interface RequestSpec {
  method: ConnectorAction['method'];
  url: URL;
  headers: Record<string, string>;
  /** The JSON body, or undefined for none. */
  json: JsonValue | undefined;
}

export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

/** Why the endpoint template could leave the base URL (or is malformed), or null. */
export function endpointProblem(baseUrl: string, endpoint: string): string | null {
  if (!endpoint.startsWith('/') || endpoint.startsWith('//')) return 'The endpoint must be a path starting with a single "/" (no scheme, no host).';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\s\x00-\x1f\x7f]/.test(endpoint)) return 'The endpoint contains spaces or control characters.';
  if (endpoint.includes('\\')) return 'The endpoint contains a backslash.';
  if (endpoint.includes('@')) return 'The endpoint contains "@", which could name another host.';
  if (endpoint.includes('#')) return 'The endpoint contains "#".';
  if (/%(2e|2f|5c|40|00)/i.test(endpoint)) return 'The endpoint contains an encoded ".", "/", "\\", "@" or NUL.';
  const [path = '', query = ''] = splitAtQuery(endpoint);
  if (path.split('/').some((segment) => segment === '.' || segment === '..')) return 'The endpoint contains a "." or ".." path segment.';
  try {
    decodeURIComponent(query.replace(PLACEHOLDER, ''));
  } catch {
    return 'The endpoint query has a malformed %-escape.';
  }
  for (const part of query.split('&')) {
    if (placeholdersIn(part.split('=')[0] ?? '').length > 0) return 'A query parameter name cannot be a placeholder; put placeholders in values.';
  }
  try {
    const url = resolve(new URL(baseUrl), path.replace(PLACEHOLDER, 'x'));
    assertWithinBase(url, baseUrl);
  } catch {
    return 'The endpoint resolves outside the base URL.';
  }
  return null;
}

function splitAtQuery(endpoint: string): [string, string] {
  const at = endpoint.indexOf('?');
  return at < 0 ? [endpoint, ''] : [endpoint.slice(0, at), endpoint.slice(at + 1)];
}

function basePrefix(base: URL): string {
  return base.pathname.replace(/\/+$/, '');
}

/** The base URL with the (already encoded) path appended to its own path, through URL's setter. */
function resolve(base: URL, path: string): URL {
  const url = new URL(base.href);
  url.pathname = basePrefix(base) + path;
  url.search = '';
  return url;
}

/** Throws `endpoint_escapes_base` unless `url` is on the base URL's origin and under its path. */
export function assertWithinBase(url: URL, baseUrl: string): void {
  const base = new URL(baseUrl);
  const prefix = basePrefix(base);
  const underPath = url.pathname === prefix || url.pathname.startsWith(`${prefix}/`);
  if (url.origin !== base.origin || url.username !== '' || url.password !== '' || !underPath) {
    throw new ConnectorError('endpoint_escapes_base', `The request would go to ${url.origin}${url.pathname}, outside the connector's base URL ${baseUrl}; nothing was sent.`);
  }
}

function parseBody(body: string): JsonValue {
  try {
    return JSON.parse(body) as JsonValue;
  } catch {
    throw new ConnectorError('invalid_definition', 'The body is not valid JSON; placeholders go inside strings, e.g. {"email": "{email}"}.');
  }
}

function walkStrings(value: JsonValue, visit: (text: string) => string, onKey: (key: string) => void): JsonValue {
  if (typeof value === 'string') return visit(value);
  if (Array.isArray(value)) return value.map((item) => walkStrings(item, visit, onKey));
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, item] of Object.entries(value)) {
      onKey(key);
      out[key] = walkStrings(item, visit, onKey);
    }
    return out;
  }
  return value;
}

/** Every placeholder the action uses: endpoint, body string values and header values. */
export function actionPlaceholders(action: Pick<ConnectorAction, 'endpoint' | 'body' | 'headers'>): string[] {
  const found = new Set(placeholdersIn(action.endpoint));
  for (const header of action.headers) for (const name of placeholdersIn(header.value)) found.add(name);
  if (action.body !== null) {
    walkStrings(
      parseBody(action.body),
      (text) => {
        for (const name of placeholdersIn(text)) found.add(name);
        return text;
      },
      () => undefined,
    );
  }
  return [...found];
}

/** What is wrong with an action under this base URL; empty when it can be saved. */
export function actionProblems(baseUrl: string, action: ConnectorAction): string[] {
  const problems: string[] = [];
  const endpoint = endpointProblem(baseUrl, action.endpoint);
  if (endpoint) problems.push(endpoint);
  if (action.body !== null) {
    if (action.method === 'GET') problems.push('A GET request has no body; remove it or choose POST, PUT or PATCH.');
    try {
      walkStrings(
        parseBody(action.body),
        (text) => text,
        (key) => {
          if (placeholdersIn(key).length > 0) throw new ConnectorError('invalid_definition', `The body key "${key}" is a placeholder; placeholders go in values.`);
        },
      );
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  for (const header of action.headers) if (/[\r\n\0]/.test(header.value)) problems.push(`The header ${header.name} contains a line break.`);
  const declared = new Set(action.parameters.map((p) => p.name));
  if (declared.size !== action.parameters.length) problems.push('Two parameters have the same name.');
  if (problems.length === 0) {
    for (const name of actionPlaceholders(action)) if (!declared.has(name)) problems.push(`The placeholder {${name}} has no parameter; add a parameter named ${name}.`);
  }
  return problems;
}

function valueOf(values: Readonly<Record<string, string>>, name: string, declared: ReadonlySet<string>): string {
  if (!declared.has(name)) throw new ConnectorError('unknown_placeholder', `The placeholder {${name}} has no parameter; add a parameter named ${name}.`);
  const value = values[name];
  if (value === undefined || value === '') throw new ConnectorError('missing_value', `The parameter ${name} has no value.`);
  return value;
}

/** The action's request for these parameter values, before any credential is applied. */
export function buildRequest(baseUrl: string, action: ConnectorAction, values: Readonly<Record<string, string>>): RequestSpec {
  const problem = endpointProblem(baseUrl, action.endpoint);
  if (problem) throw new ConnectorError('endpoint_escapes_base', `${problem} Nothing was sent.`);
  const declared = new Set(action.parameters.map((p) => p.name));
  const [pathTemplate, queryTemplate] = splitAtQuery(action.endpoint);

  const path = pathTemplate
    .split('/')
    .map((segment) => {
      const built = segment.replace(PLACEHOLDER, (_, name: string) => encodeURIComponent(valueOf(values, name, declared)));
      if (segment !== built && (built === '.' || built === '..')) throw new ConnectorError('invalid_value', 'A parameter value cannot be "." or ".." in the URL path.');
      return built;
    })
    .join('/');
  const url = resolve(new URL(baseUrl), path);
  for (const part of queryTemplate.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
    const template = eq < 0 ? '' : part.slice(eq + 1);
    // The literal part of the template is as the admin typed it (maybe already %-encoded); values are raw.
    let value = '';
    let last = 0;
    for (const match of template.matchAll(PLACEHOLDER)) {
      value += decodeURIComponent(template.slice(last, match.index)) + valueOf(values, match[1] ?? '', declared);
      last = (match.index ?? 0) + match[0].length;
    }
    value += decodeURIComponent(template.slice(last));
    url.searchParams.append(name, value);
  }

  const headers: Record<string, string> = {};
  for (const header of action.headers) {
    const value = header.value.replace(PLACEHOLDER, (_, name: string) => valueOf(values, name, declared));
    if (/[\r\n\0]/.test(value)) throw new ConnectorError('invalid_value', `The value for the header ${header.name} contains a line break; it was not sent.`);
    headers[header.name] = value;
  }

  let json: JsonValue | undefined;
  if (action.body !== null) {
    json = walkStrings(
      parseBody(action.body),
      (text) => text.replace(PLACEHOLDER, (_, name: string) => valueOf(values, name, declared)),
      () => undefined,
    );
    headers['Content-Type'] = 'application/json';
  }
  assertWithinBase(url, baseUrl);
  return { method: action.method, url, headers, json };
}

/** fetch's arguments for a built (and credentialed) request; the base URL is checked once more. */
export function toFetchArgs(spec: RequestSpec, baseUrl: string): [string, RequestInit] {
  assertWithinBase(spec.url, baseUrl);
  return [spec.url.href, { method: spec.method, headers: { Accept: 'application/json', ...spec.headers }, body: spec.json === undefined ? undefined : JSON.stringify(spec.json), redirect: 'error' }];
}
