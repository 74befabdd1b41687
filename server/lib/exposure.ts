/**
 * What the server may offer where it listens. On loopback (127.0.0.0/8, ::1, localhost) everything
 * is on, as a local tool should be. Anywhere else, or behind a proxy (TRUST_PROXY ≥ 1: a loopback
 * address then says nothing about who connects), a fresh checkout's credentials are a way in, so
 * the server refuses to start with any of them unless DEMO=1 says so, and the test tools (/_admin,
 * FAULTS, the request log, /demo/) stay off unless ADMIN_TOKEN is set.
 */
import { isIP } from 'node:net';
import type { ServerConfig } from '../config.ts';
import { safeIncludes } from '../auth/tokens.ts';

/** A credential every copy of this repository accepts out of the box. */
export interface DefaultCredential {
  /** Names it in the refusal message. */
  label: string;
  /** Whether this configuration still accepts it. */
  inUse: (config: ServerConfig) => boolean;
  /** How to set your own. */
  fix: string;
}

/** A published secret: in use when any of `secretsOf(config)` is one of `known`. */
export function publishedSecret(label: string, secretsOf: (config: ServerConfig) => readonly string[], known: readonly string[], fix: string): DefaultCredential {
  return {
    label,
    inUse: (config) => {
      const secrets = secretsOf(config);
      let found = false;
      for (const secret of known) found = safeIncludes(secrets, secret) || found;
      return found;
    },
    fix,
  };
}

/**
 * Every default credential of the reference server, one entry each. A new API with demo clients
 * or keys (GTM Studio's demo-client / demo-reader, App-Z's keys) adds its line here.
 */
export const DEFAULT_CREDENTIALS: readonly DefaultCredential[] = [
  publishedSecret('the demo user\'s password "demo-password" (/authenticate)', (c) => [c.demoPassword], ['demo-password'], 'set DEMO_PASSWORD (and DEMO_USER) to your own; to log in only with USERS_FILE users, make DEMO_PASSWORD a long random string'),
  publishedSecret('the search API key "demo-key" (/api/v1)', (c) => c.apiKeys, ['demo-key'], 'set API_KEYS to keys of your own, comma-separated (e.g. `openssl rand -hex 32`)'),
  publishedSecret('the OAuth client secret "demo-secret" (/oauth/token)', (c) => c.oauthClients.map((client) => client.secret), ['demo-secret'], 'set OAUTH_CLIENTS to id:secret pairs of your own, comma-separated'),
  publishedSecret('the GTM Studio client secrets "demo-secret" and "demo-reader-secret" (/gtm/oauth/v1/token)', (c) => c.gtmClients.map((client) => client.secret), ['demo-secret', 'demo-reader-secret'], 'set GTM_CLIENTS to id:secret:scopes entries of your own, comma-separated'),
  publishedSecret('the App-Z API key "appz-demo-key" (/app-z/api)', (c) => c.appZ.apiKeys, ['appz-demo-key'], 'set APPZ_API_KEYS to keys of your own, comma-separated'),
];

/** 127.0.0.0/8, ::1 (also IPv4-mapped) and `localhost`; any other address or name is reachable from elsewhere. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^(0:){7}1$/.test(h) || /^::ffff:127\.\d+\.\d+\.\d+$/.test(h);
  return false;
}

export interface Exposure {
  /** Reachable only from this machine: HOST is loopback and no proxy is declared. */
  loopback: boolean;
  /** /_admin/*, FAULTS, the request log and the /demo/ pages. */
  testTools: boolean;
  /** Prefix of every start-up line: a warning when default credentials are reachable (DEMO=1). */
  linePrefix: string;
  /** Start-up lines saying what is off, and why. */
  notes: string[];
}

export class ExposureRefused extends Error {
  override readonly name = 'ExposureRefused';
}

/** The exposure for this configuration; throws ExposureRefused when it must not start. */
export function planExposure(config: ServerConfig): Exposure {
  const loopback = isLoopbackHost(config.host) && config.trustProxy === 0;
  if (loopback) return { loopback, testTools: true, linePrefix: '', notes: [] };
  const defaults = DEFAULT_CREDENTIALS.filter((credential) => credential.inUse(config));
  const where = isLoopbackHost(config.host) ? `${config.host} behind TRUST_PROXY=${config.trustProxy} (a proxy)` : `${config.host} (not loopback)`;
  if (defaults.length > 0 && !config.demo) {
    throw new ExposureRefused(
      [
        `Refusing to listen on ${where}: others can reach it, and these default credentials, published with the source, are configured:`,
        ...defaults.map((d) => `  - ${d.label}: ${d.fix}`),
        'Set your own, or HOST=127.0.0.1 to listen on this machine only, or DEMO=1 to start anyway (a demo on a network you trust).',
        'See server/README.md, "Running it for a team".',
      ].join('\n'),
    );
  }
  const testTools = config.adminToken !== undefined;
  const notes = testTools
    ? ['  /_admin/* needs Authorization: Bearer <ADMIN_TOKEN>; FAULTS, the request log and /demo/ are on']
    : [
        `  off on ${where} without ADMIN_TOKEN: /_admin/*, the request log and /demo/${config.faults ? '; FAULTS ignored' : ''}`,
      ];
  const linePrefix = defaults.length > 0 ? `WARNING DEMO=1, default credentials reachable on ${config.host}: ` : '';
  return { loopback, testTools, linePrefix, notes };
}

/** The start-up lines as printed: each carries the warning when there is one. */
export function startupLines(exposure: Exposure, lines: readonly string[]): string[] {
  return [...lines, ...exposure.notes].map((line) => `${exposure.linePrefix}${line}`);
}
