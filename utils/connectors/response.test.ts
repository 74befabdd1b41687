import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from './errors.ts';
import { sendRequest } from './response.ts';

let server: Server;
let base = '';
let hugeBytesWritten = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/json') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
    if (req.url === '/empty') return void res.writeHead(204).end();
    if (req.url === '/html') return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!doctype html><p>Sign in</p>');
    if (req.url === '/huge') {
      // 5 MB, chunked: no Content-Length to trust or to distrust.
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = 'x'.repeat(64 * 1024);
      const write = () => {
        while (hugeBytesWritten < 5 * 1024 * 1024) {
          hugeBytesWritten += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', write);
        }
        res.end();
      };
      res.on('error', () => undefined);
      return write();
    }
    if (req.url === '/slow') return; // never answers
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected a ConnectorError');
}

describe('sendRequest', () => {
  it('returns status, parsed JSON, size and time', async () => {
    const response = await sendRequest(`${base}/json`, {});
    expect(response).toMatchObject({ status: 200, json: { ok: true }, bytes: 11 });
    expect(response.durationMs).toBeGreaterThanOrEqual(0);
    expect((await sendRequest(`${base}/empty`, {})).json).toBeNull();
  });

  it('says clearly when the answer is not JSON', async () => {
    const error = await failure(sendRequest(`${base}/html`, {}));
    expect(error.id).toBe('response_not_json');
    expect(error.message).toBe(`${base} answered with text/html, not JSON (HTTP 200); check the endpoint and the connector's base URL.`);
  });

  it('stops reading a 5 MB answer at 1 MB', async () => {
    const error = await failure(sendRequest(`${base}/huge`, {}));
    expect(error.id).toBe('response_too_large');
    expect(error.message).toContain('more than 1024 KB');
  });

  it('gives up after the timeout', async () => {
    const error = await failure(sendRequest(`${base}/slow`, {}, { timeoutMs: 150 }));
    expect(error).toMatchObject({ id: 'timeout', retryable: true });
  });

  it('names the unreachable origin', async () => {
    const error = await failure(sendRequest('http://127.0.0.1:1/x', {}));
    expect(error).toMatchObject({ id: 'network', message: expect.stringContaining('http://127.0.0.1:1') });
  });
});
