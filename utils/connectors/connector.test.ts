import { describe, expect, it } from 'vitest';
import { exportConnector, importConnector, parseConnector } from './connector.ts';
import { ConnectorError } from './errors.ts';
import { logoProblem, svgProblem } from './logo.ts';
import { appZConnector } from './test-fixtures.ts';

function b64(text: string): string {
  return btoa(text);
}
const svg = (body: string) => `data:image/svg+xml;base64,${b64(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">${body}</svg>`)}`;

function problemOf(run: () => unknown): ConnectorError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected a ConnectorError');
}

describe('connector definition', () => {
  it('parses App-Z as the guide defines it, with defaults filled', () => {
    const connector = parseConnector(appZConnector());
    expect(connector.rateLimitPerSecond).toBe(5);
    expect(connector.actions.map((a) => a.id)).toEqual(['competitors', 'person', 'note']);
  });

  it.each([
    [{ description: 'x'.repeat(251) }, 'description: at most 250 characters'],
    [{ baseUrl: 'http://appz.example.com' }, 'https'],
    [{ baseUrl: 'https://user:pw@appz.example.com' }, 'user name or password'],
    [{ baseUrl: 'https://appz.example.com/?x=1' }, 'query'],
    [{ auth: { type: 'oauth2', authorizationUrl: 'https://a.example/auth', tokenUrl: 'https://a.example/token', clientId: 'c', scopes: 'x'.repeat(501) } }, 'auth.scopes'],
    [{ actions: [{ ...appZConnector().actions?.[0], endpoint: '/../admin' }] }, '".."'],
  ] as const)('refuses %o with a sentence naming the field', (override, message) => {
    const error = problemOf(() => parseConnector(appZConnector(override as never)));
    expect(error.id).toBe('invalid_definition');
    expect(error.message).toContain(message);
  });

  it('accepts http for a server on this machine', () => {
    expect(parseConnector(appZConnector({ baseUrl: 'http://127.0.0.1:8787/app-z' })).baseUrl).toBe('http://127.0.0.1:8787/app-z');
  });
});

describe('logo', () => {
  const png = `data:image/png;base64,${b64('\x89PNG\r\n\x1a\n' + '\0'.repeat(20))}`;
  it('accepts PNG, GIF and plain SVG', () => {
    expect(logoProblem(png)).toBeNull();
    expect(logoProblem(`data:image/gif;base64,${b64('GIF89a' + '\0'.repeat(10))}`)).toBeNull();
    expect(logoProblem(svg('<metadata>metadata: plain</metadata><text>Tom &amp; Jerry</text>'))).toBeNull();
    expect(logoProblem(svg('<defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs><rect fill="url(#g)" width="10" height="10"/><use xlink:href="#g"/>'))).toBeNull();
  });

  it('refuses other types, a lying PNG and a file over 1 MB', () => {
    expect(logoProblem('data:image/jpeg;base64,AAAA')).toContain('PNG, GIF or SVG');
    expect(logoProblem(`data:image/png;base64,${b64('<svg></svg>')}`)).toContain('not a PNG');
    expect(logoProblem(`data:image/png;base64,${b64('\x89PNG\r\n\x1a\n' + '\0'.repeat(1024 * 1024))}`)).toContain('limit is 1 MB');
  });

  it.each([
    ['<script>alert(1)</script>', 'script'],
    ['<svg:script>alert(1)</svg:script>', 'script'],
    ['<rect onload="alert(1)"/>', 'event handler'],
    ['<rect/><image href="x" onerror ="alert(1)"/>', '<image>'],
    ['<a href="javascript:alert(1)"><rect/></a>', '<a>'],
    ['<use href="&#106;avascript:alert(1)"/>', 'javascript:'],
    ['<use href="java&#9;script:alert(1)"/>', 'javascript:'],
    ['<use href=#x onclick=alert(1) />', 'event handler'],
    ['<rect style="fill:\\75 rl(https://evil.example/x)"/>', 'backslash'],
    ['<use href="data:image/svg+xml,x"/>', 'data:'],
    ['<use href="https://evil.example/s.svg#x"/>', 'links outside'],
    ['<foreignObject><div>hi</div></foreignObject>', 'foreignObject'],
    ['<rect style="fill:url(https://evil.example/x)"/>', 'url()'],
    ['<style>@import "x.css";</style>', '<style>'],
    ['<animate attributeName="href" to="javascript:alert(1)"/>', '<animate>'],
  ])('refuses an SVG with %s', (body, reason) => {
    expect(logoProblem(svg(body))).toContain(reason);
  });

  it('refuses an SVG with a DOCTYPE that could define entities', () => {
    expect(svgProblem('<!DOCTYPE svg [<!ENTITY x "&#60;script&#62;">]><svg>&x;</svg>')).toContain('DOCTYPE');
  });

  it('a connector with a scripted SVG logo is not saved', () => {
    expect(problemOf(() => parseConnector(appZConnector({ logo: svg('<script>alert(1)</script>') }))).message).toContain('logo: The SVG contains a script');
  });
});

describe('export and import', () => {
  it('round-trips, versioned and tagged', () => {
    const connector = parseConnector(appZConnector({ auth: { type: 'oauth2', authorizationUrl: 'https://a.example/auth', tokenUrl: 'https://a.example/token', clientId: 'c', hasClientSecret: true } }));
    const file = exportConnector(connector, new Date('2026-12-04T12:00:00Z'));
    expect(JSON.parse(file)).toMatchObject({ format: 'sidecar-connector', version: 1, exportedAt: '2026-12-04T12:00:00.000Z' });
    expect(importConnector(file)).toEqual(connector);
  });

  it.each([
    ['not json', 'not JSON'],
    ['{"name": "App-Z"}', 'not a Sidecar connector'],
    ['[]', 'not a Sidecar connector'],
    ['{"format": "sidecar-connector", "version": 2, "connector": {}}', 'version 2'],
    ['{"format": "sidecar-connector", "version": 1, "connector": {"id": "x"}}', 'connector.name'],
  ])('refuses %s', (text, reason) => {
    const error = problemOf(() => importConnector(text));
    expect(error.id).toBe('invalid_import');
    expect(error.message).toContain(reason);
  });

  it('refuses a file that carries a secret', () => {
    const connector = parseConnector(appZConnector());
    const file = JSON.parse(exportConnector(connector)) as { connector: { auth: Record<string, unknown> } };
    file.connector.auth.apiKey = 'leaked';
    expect(problemOf(() => importConnector(JSON.stringify(file))).message).toContain('connector.auth');
  });
});
