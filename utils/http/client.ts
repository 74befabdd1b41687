import ky, { isTimeoutError } from 'ky';
import type { z } from 'zod';
import { SidecarError } from '../errors.ts';
import type { RateLimiter } from './limiter.ts';
import { realSleep } from './limiter.ts';

/**
 * Every provider call goes through here: the limiter admits it, the token manager signs it, ky
 * sends it, zod parses the answer. 429, 5xx, timeouts and network errors are retried with
 * exponential backoff and full jitter (bounded); a 401 refreshes the token once and retries once.
 * Whatever fails ends as a SidecarError with a sentence a user can act on — never a crash.
 */

/** What signs a request: utils/auth/token-manager.ts's TokenManager. */
export interface BearerTokens {
  getToken(): Promise<string>;
  /** The server refused this token: the next getToken() fetches a new one. */
  invalidate(token: string): Promise<void>;
}

export interface ProviderHttpOptions {
  baseUrl: string;
  /** Provider name for messages ("The enterprise API answered …"). */
  label: string;
  limiter: RateLimiter;
  /** null: no Authorization header (never for the provider contracts, but handy in tests). */
  tokens: BearerTokens | null;
  timeoutMs?: number;
  maxRetries?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  fetch?: typeof fetch;
  /** Credits left, from X-Usage-Record-Limit-Remaining. */
  onCredits?: (remaining: number) => void;
  /** Observes every attempt's outcome (status or error id); used by benchmarks and the UI. */
  onAttempt?: (outcome: { path: string; status: number | null; errorId?: string }) => void;
  /** A sign-in or token endpoint: a 401 or 403 there means the credentials are wrong. */
  signIn?: boolean;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** How a request's body travels: JSON (the default), or a form; and any headers of its own. */
export interface RequestOptions {
  form?: URLSearchParams;
  headers?: Record<string, string>;
}

export interface ProviderResponse<T> {
  data: T;
  headers: Headers;
}

function headerNumber(headers: Headers, name: string): number | null {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return null;
  const value = Number(raw);
  return Number.isFinite(value) ? value : null;
}

export class ProviderHttp {
  private readonly options: ProviderHttpOptions;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(options: ProviderHttpOptions) {
    this.options = options;
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  async request<T extends z.ZodType>(
    method: HttpMethod,
    path: string,
    body: unknown,
    schema: T,
    init: RequestOptions = {},
  ): Promise<ProviderResponse<z.infer<T>>> {
    const maxRetries = this.options.maxRetries ?? 4;
    let retries = 0;
    let refreshed = false;
    for (;;) {
      const outcome = await this.attempt(method, path, body, schema, !refreshed, init);
      switch (outcome.kind) {
        case 'done':
          return outcome.response;
        case 'refresh':
          refreshed = true; // one refresh and one retry per request: a second 401 is final
          continue;
        case 'fail':
          throw outcome.error;
        case 'retry':
          if (retries >= maxRetries) throw outcome.error;
          retries++;
          // A 429's Retry-After is waited out by the limiter; backoff spreads the rest (full jitter).
          if (!outcome.limiterWaits) {
            const cap = Math.min(this.options.maxBackoffMs ?? 8000, (this.options.baseBackoffMs ?? 250) * 2 ** (retries - 1));
            await this.sleep(Math.round(this.random() * cap));
          }
      }
    }
  }

  private async attempt<T extends z.ZodType>(
    method: HttpMethod,
    path: string,
    body: unknown,
    schema: T,
    mayRefresh: boolean,
    init: RequestOptions,
  ): Promise<Outcome<z.infer<T>>> {
    const { limiter, tokens } = this.options;
    const base = this.options.baseUrl.replace(/\/+$/, '');
    const url = path ? `${base}/${path.replace(/^\/+/, '')}` : base;
    const token = tokens ? await tokens.getToken() : null;
    const release = await limiter.acquire();
    try {
      return await this.send(method, url, path, body, schema, token, mayRefresh, release, init);
    } finally {
      release();
    }
  }

  private async send<T extends z.ZodType>(
    method: HttpMethod,
    url: string,
    path: string,
    body: unknown,
    schema: T,
    token: string | null,
    mayRefresh: boolean,
    /** Frees the limiter slot: the server has stamped the request once its headers are back. */
    answered: () => void,
    init: RequestOptions,
  ): Promise<Outcome<z.infer<T>>> {
    const { limiter, tokens, label } = this.options;
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    let response: Response;
    try {
      response = await ky(url, {
        method,
        json: method !== 'GET' && !init.form ? body : undefined,
        body: init.form,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...init.headers },
        throwHttpErrors: false,
        retry: 0,
        timeout: timeoutMs,
        fetch: this.options.fetch,
      });
    } catch (cause) {
      const error = isTimeoutError(cause)
        ? new SidecarError('timeout', `${label} did not answer within ${Math.round(timeoutMs / 1000)} seconds.`, { retryable: true, cause })
        : new SidecarError('network', `Could not reach ${label} at ${new URL(url).origin}: check the base URL and your connection.`, {
            retryable: true,
            cause,
          });
      this.options.onAttempt?.({ path, status: null, errorId: error.id });
      return { kind: 'retry', error, limiterWaits: false };
    }
    answered();
    this.options.onAttempt?.({ path, status: response.status });
    limiter.noteHeaders(headerNumber(response.headers, 'x-ratelimit-remaining'), headerNumber(response.headers, 'x-ratelimit-reset'));
    const credits = headerNumber(response.headers, 'x-usage-record-limit-remaining');
    if (credits !== null) this.options.onCredits?.(credits);

    const text = await response.text().catch(() => '');
    const status = response.status;
    if (status >= 200 && status < 300) {
      // 204 (a delete, or "nothing to do") has no body: the schema says whether that is an answer.
      const parsed = text === '' ? parseValue(undefined, schema) : parseBody(text, schema);
      if (parsed.ok) return { kind: 'done', response: { data: parsed.data, headers: response.headers } };
      const error = new SidecarError('bad_response', `${label} sent an answer Sidecar could not read (${parsed.why}).`, { retryable: true });
      return { kind: 'retry', error, limiterWaits: false };
    }
    if (status === 401 && tokens && token && mayRefresh) {
      await tokens.invalidate(token);
      return { kind: 'refresh' };
    }
    const error =
      this.options.signIn && (status === 401 || status === 403)
        ? new SidecarError('unauthorized', `${label} refused the credentials: ${detailsOf(text) ?? 'check them in Options'}.`)
        : errorForStatus(status, detailsOf(text), response.headers, label);
    if (status === 429) {
      limiter.noteRetryAfter(headerNumber(response.headers, 'retry-after') ?? 1);
      return { kind: 'retry', error, limiterWaits: true };
    }
    return error.retryable ? { kind: 'retry', error, limiterWaits: false } : { kind: 'fail', error };
  }
}

type Outcome<T> =
  | { kind: 'done'; response: ProviderResponse<T> }
  | { kind: 'refresh' }
  | { kind: 'retry'; error: SidecarError; limiterWaits: boolean }
  | { kind: 'fail'; error: SidecarError };

function parseBody<T extends z.ZodType>(text: string, schema: T): { ok: true; data: z.infer<T> } | { ok: false; why: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, why: text.trimStart().startsWith('<') ? 'an HTML page, not JSON' : 'not valid JSON' };
  }
  return parseValue(json, schema);
}

function parseValue<T extends z.ZodType>(json: unknown, schema: T): { ok: true; data: z.infer<T> } | { ok: false; why: string } {
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, why: issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'unexpected shape' };
}

function errorForStatus(status: number, details: string | undefined, headers: Headers, label: string): SidecarError {
  const said = details ? `: ${details}` : '';
  const html = !details && (headers.get('content-type') ?? '').includes('text/html') ? ' (an HTML error page — is the base URL right?)' : '';
  switch (status) {
    case 400:
    case 413:
      return new SidecarError('invalid_input', `${label} rejected the request${said}.`);
    case 401:
      return new SidecarError('unauthorized', `${label} did not accept the credentials${said}. Check them in Options.`);
    case 402:
      return new SidecarError('credits_exhausted', `No credits left with ${label}${said}. Searches and intent still work.`);
    case 403:
      return new SidecarError('forbidden', `${label} says this account cannot use that${said}.`);
    case 404:
      return new SidecarError('not_found', `${label} has no such endpoint${said}${html}.`);
    case 429:
      return new SidecarError('rate_limited', `${label} asked Sidecar to slow down; it kept retrying but the limit held.`, { retryable: true });
    default:
      if (status >= 500) {
        return new SidecarError('server_error', `${label} had a problem (HTTP ${status})${said}${html}. Try again in a moment.`, { retryable: true });
      }
      return new SidecarError('bad_response', `${label} answered HTTP ${status}${said}${html}.`);
  }
}

/** `errors[0].details` (ZoomInfo) or `.detail` (JSON:API) of an error envelope, if the body is one, without its closing full stop. */
export function detailsOf(text: string): string | undefined {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && 'errors' in body && Array.isArray(body.errors)) {
      const first: unknown = body.errors[0];
      if (typeof first === 'object' && first !== null && 'details' in first && typeof first.details === 'string') return first.details.replace(/\.+$/, '');
      if (typeof first === 'object' && first !== null && 'detail' in first && typeof first.detail === 'string') return first.detail.replace(/\.+$/, '');
    }
  } catch {
    return undefined;
  }
  return undefined;
}
