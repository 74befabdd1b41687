/**
 * Sending a connector request and reading its answer within bounds: 15 s for the whole exchange
 * (headers and body), at most 1 MB of body counted as it streams in (Content-Length can lie or be
 * absent), and JSON only — each failure with its own id and a sentence for the rep.
 */
import { ConnectorError } from './errors.ts';
import type { JsonValue } from './template.ts';

export const MAX_RESPONSE_BYTES = 1024 * 1024;
export const REQUEST_TIMEOUT_MS = 15_000;

export interface ConnectorResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or null for an empty one (204). */
  json: JsonValue | null;
  bytes: number;
  durationMs: number;
}

export interface SendOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  maxBytes?: number;
  signal?: AbortSignal;
  now?: () => number;
}

async function readCapped(response: Response, maxBytes: number, origin: string): Promise<Uint8Array> {
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new ConnectorError('response_too_large', `${origin} answered more than ${Math.round(maxBytes / 1024)} KB; Sidecar stopped reading. Narrow the request or pick an endpoint with a smaller answer.`);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/** Rejects once `signal` aborts, whether or not the fetch implementation honours it. */
function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}

function parseJson(bytes: Uint8Array, contentType: string, origin: string, status: number): JsonValue | null {
  const text = new TextDecoder().decode(bytes);
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    const kind = contentType.split(';')[0]?.trim() || 'an unknown type';
    throw new ConnectorError('response_not_json', `${origin} answered with ${kind}, not JSON (HTTP ${status}); check the endpoint and the connector's base URL.`);
  }
}

export async function sendRequest(url: string, init: RequestInit, options: SendOptions = {}): Promise<ConnectorResponse> {
  const fetchFn = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const now = options.now ?? (() => performance.now());
  const origin = new URL(url).origin;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  const started = now();
  try {
    const abort = untilAborted(signal);
    const response = await Promise.race([fetchFn(url, { ...init, signal }), abort]);
    const bytes = await Promise.race([readCapped(response, options.maxBytes ?? MAX_RESPONSE_BYTES, origin), abort]);
    const json = parseJson(bytes, response.headers.get('content-type') ?? '', origin, response.status);
    return { status: response.status, headers: response.headers, json, bytes: bytes.byteLength, durationMs: Math.round(now() - started) };
  } catch (error) {
    if (error instanceof ConnectorError) throw error;
    if (timeout.aborted) throw new ConnectorError('timeout', `${origin} did not answer within ${Math.round(timeoutMs / 1000)} seconds.`, { retryable: true, cause: error });
    if (options.signal?.aborted) throw error;
    throw new ConnectorError('network', `Could not reach ${origin}: check the connector's base URL and your connection.`, { retryable: true, cause: error });
  }
}
