/**
 * Server configuration: the environment variables of api-contract.md §3, plus DATA_DIR,
 * TOKEN_TTL_SECONDS and a few test knobs. Every setting has a default that makes a fresh checkout
 * work; `startServer(overrides)` lets tests replace any of them.
 */

export interface FaultShares {
  rate429: number;
  error500: number;
  timeout: number;
  malformed: number;
}

export interface ServerConfig {
  port: number;
  host: string;
  /** Unset: embedded PGlite in `${dataDir}/pglite`. `memory://` keeps PGlite in memory. */
  databaseUrl: string | undefined;
  dataDir: string;
  seedCompanies: number;
  seedContacts: number;
  /** Seed of the generated data (faker and the record generator). */
  seed: number;
  apiKeys: string[];
  demoUser: string;
  demoPassword: string;
  pkiClientsFile: string | undefined;
  oauthClients: { id: string; secret: string }[];
  ratePerSecond: number;
  ratePerMinute: number;
  /** Minimum interval between two /authenticate calls per username (AUTH_INTERVAL_MS, contract: 1000). */
  authIntervalMs: number;
  credits: number;
  /** First retry delay of a failed webhook delivery (WEBHOOK_RETRY_MS); each next retry waits twice as long. */
  webhookRetryMs: number;
  /** Features per account (ENTITLEMENTS, server/auth/entitlements.ts); unset: everything. */
  entitlements: string | undefined;
  tokenTtlSeconds: number;
  faults: FaultShares | undefined;
  /** How long a `timeout` fault hangs before answering 500 (FAULT_TIMEOUT_MS). */
  faultTimeoutMs: number;
  /** Seed of the fault dice (FAULT_SEED); the same seed gives the same fault sequence. */
  faultSeed: number;
  /** Request-log entries kept in memory (REQUEST_LOG_SIZE); older ones are dropped. */
  requestLogSize: number;
  /** Write one line per request to stdout (LOG_REQUESTS=1). Never logs secrets. */
  logRequests: boolean;
  // Safe exposure: server/lib/exposure.ts and server/README.md, "Running it for a team".
  /** Bearer token of /_admin/*; off loopback, /_admin, FAULTS, the request log and /demo/ need it set (ADMIN_TOKEN). */
  adminToken: string | undefined;
  /** DEMO=1: start off loopback even with default credentials, warning on every start-up line. */
  demo: boolean;
  /** JSON file of users with scrypt password hashes (USERS_FILE), besides the demo user. */
  usersFile: string | undefined;
  /** KEY_ROTATE=1: a new signing key at start; the previous one still verifies its tokens. */
  keyRotate: boolean;
  /** Proxies in front whose X-Forwarded-For is believed (TRUST_PROXY, a hop count; 0: the socket's address). */
  trustProxy: number;
  /** /authenticate and /oauth/token calls per client IP (AUTH_IP_RATE_PER_SECOND / _PER_MINUTE). */
  authIpPerSecond: number;
  authIpPerMinute: number;
  /** App-Z, the demo external system for data connectors (api-contract.md §5). */
  appZ: AppZConfig;
  // Audiences API (api-contract.md §4): GTM_CLIENTS, AUDIENCE_MAX_ROWS, AI_BASE_URL / AI_MODEL / AI_API_KEY.
  gtmClients: GtmClient[];
  audienceMaxRows: number;
  ai: { baseUrl: string; model: string; apiKey: string | undefined } | undefined;
}

export interface AppZClient {
  id: string;
  /** null: a public client, which must use PKCE and sends no secret. */
  secret: string | null;
  /** Exact URIs, or a prefix ending in `*` (an extension's per-install redirect URL). */
  redirectUris: string[];
}

export interface AppZConfig {
  clients: AppZClient[];
  apiKeys: string[];
  tokenTtlSeconds: number;
  /** Requests per second per credential (an API key, or an OAuth client's tokens); 429 beyond. */
  ratePerSecond: number;
}

export const GTM_SCOPES = ['api:audience:read', 'api:audience:manage'] as const;
export type GtmScope = (typeof GTM_SCOPES)[number];
export interface GtmClient {
  id: string;
  secret: string;
  scopes: GtmScope[];
}

const DEFAULT_GTM_CLIENTS = 'demo-client:demo-secret:api:audience:read api:audience:manage,demo-reader:demo-reader-secret:api:audience:read';

/** `id:secret:scope scope,…` — scopes separated by spaces (OAuth style), clients by commas. */
export function parseGtmClients(raw: string | undefined): GtmClient[] {
  return list(raw, DEFAULT_GTM_CLIENTS).map((entry) => {
    const [id, secret, ...rest] = entry.split(':');
    const scopes = rest.join(':').split(/\s+/).filter((s) => s.length > 0);
    const known = (s: string): s is GtmScope => (GTM_SCOPES as readonly string[]).includes(s);
    if (!id || !secret || scopes.length === 0 || !scopes.every(known)) {
      throw new Error(`GTM_CLIENTS: "${entry}" is not id:secret:scopes with scopes among ${GTM_SCOPES.join(', ')} (space-separated)`);
    }
    return { id, secret, scopes: scopes.filter(known) };
  });
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  }
  return value;
}

function flag(raw: string | undefined): boolean {
  return raw === '1' || raw === 'true';
}

function list(raw: string | undefined, fallback: string): string[] {
  return (raw ?? fallback)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Parses `429:0.1,500:0.05,timeout:0.02,malformed:0.02` (shares of responses). */
export function parseFaults(raw: string | undefined): FaultShares | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const shares: FaultShares = { rate429: 0, error500: 0, timeout: 0, malformed: 0 };
  for (const part of raw.split(',')) {
    const [kind, share] = part.split(':').map((s) => s.trim());
    const value = Number(share);
    if (!kind || share === undefined || !Number.isFinite(value) || value < 0 || value > 1) {
      throw new Error(`FAULTS: "${part}" is not kind:share with share between 0 and 1`);
    }
    if (kind === '429') shares.rate429 = value;
    else if (kind === '500') shares.error500 = value;
    else if (kind === 'timeout') shares.timeout = value;
    else if (kind === 'malformed') shares.malformed = value;
    else throw new Error(`FAULTS: unknown fault "${kind}" (429, 500, timeout, malformed)`);
  }
  const total = shares.rate429 + shares.error500 + shares.timeout + shares.malformed;
  if (total > 1) throw new Error('FAULTS: the shares add up to more than 1');
  return shares;
}

function parseOauthClients(raw: string | undefined): { id: string; secret: string }[] {
  return list(raw, 'demo-client:demo-secret').map((pair) => {
    const at = pair.indexOf(':');
    if (at <= 0 || at === pair.length - 1) throw new Error('OAUTH_CLIENTS must be comma-separated id:secret pairs');
    return { id: pair.slice(0, at), secret: pair.slice(at + 1) };
  });
}

/**
 * `id:secret:redirect-uri,…` (APPZ_CLIENTS). The URI holds colons itself, so only the first two
 * separate; an empty secret makes a public client. Several URIs for one client: repeat the client.
 */
function parseAppZClients(raw: string | undefined): AppZClient[] {
  const byId = new Map<string, AppZClient>();
  for (const entry of list(raw, 'appz-demo::https://*.chromiumapp.org/*,appz-demo::https://*.extensions.allizom.org/*,appz-demo::http://127.0.0.1/*,appz-demo::http://localhost/*')) {
    const first = entry.indexOf(':');
    const second = entry.indexOf(':', first + 1);
    const uri = entry.slice(second + 1);
    if (first <= 0 || second < 0 || !/^https?:\/\/./.test(uri)) throw new Error(`APPZ_CLIENTS: "${entry}" is not id:secret:redirect-uri (secret may be empty)`);
    const id = entry.slice(0, first);
    const secret = entry.slice(first + 1, second) || null;
    const client = byId.get(id) ?? { id, secret, redirectUris: [] };
    if (client.secret !== secret) throw new Error(`APPZ_CLIENTS: client "${id}" is listed with two different secrets`);
    client.redirectUris.push(uri);
    byId.set(id, client);
  }
  return [...byId.values()];
}

export function loadConfig(env: Env = process.env): ServerConfig {
  return {
    port: int(env, 'PORT', 8787),
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    dataDir: env.DATA_DIR?.trim() || '.data',
    seedCompanies: int(env, 'SEED_COMPANIES', 2000),
    seedContacts: int(env, 'SEED_CONTACTS', 20000),
    seed: int(env, 'SEED', 42),
    apiKeys: list(env.API_KEYS, 'demo-key'),
    demoUser: env.DEMO_USER?.trim() || 'demo@example.com',
    demoPassword: env.DEMO_PASSWORD || 'demo-password',
    pkiClientsFile: env.PKI_CLIENTS_FILE?.trim() || undefined,
    oauthClients: parseOauthClients(env.OAUTH_CLIENTS),
    ratePerSecond: int(env, 'RATE_PER_SECOND', 25, 1),
    ratePerMinute: int(env, 'RATE_PER_MINUTE', 1500, 1),
    authIntervalMs: int(env, 'AUTH_INTERVAL_MS', 1000),
    credits: int(env, 'CREDITS', 10000),
    webhookRetryMs: int(env, 'WEBHOOK_RETRY_MS', 1000, 1),
    entitlements: env.ENTITLEMENTS?.trim() || undefined,
    tokenTtlSeconds: int(env, 'TOKEN_TTL_SECONDS', 3600, 1),
    faults: parseFaults(env.FAULTS),
    faultTimeoutMs: int(env, 'FAULT_TIMEOUT_MS', 30000),
    faultSeed: int(env, 'FAULT_SEED', 1),
    requestLogSize: int(env, 'REQUEST_LOG_SIZE', 100000, 1),
    logRequests: flag(env.LOG_REQUESTS),
    adminToken: env.ADMIN_TOKEN?.trim() || undefined,
    demo: flag(env.DEMO),
    usersFile: env.USERS_FILE?.trim() || undefined,
    keyRotate: flag(env.KEY_ROTATE),
    trustProxy: int(env, 'TRUST_PROXY', 0),
    authIpPerSecond: int(env, 'AUTH_IP_RATE_PER_SECOND', 20, 1),
    authIpPerMinute: int(env, 'AUTH_IP_RATE_PER_MINUTE', 120, 1),
    appZ: {
      clients: parseAppZClients(env.APPZ_CLIENTS),
      apiKeys: list(env.APPZ_API_KEYS, 'appz-demo-key'),
      tokenTtlSeconds: int(env, 'APPZ_TOKEN_TTL_SECONDS', 3600, 1),
      ratePerSecond: int(env, 'APPZ_RATE_PER_SECOND', 10, 1),
    },
    gtmClients: parseGtmClients(env.GTM_CLIENTS),
    audienceMaxRows: int(env, 'AUDIENCE_MAX_ROWS', 100000, 1),
    ai: env.AI_BASE_URL?.trim() ? { baseUrl: env.AI_BASE_URL.trim().replace(/\/+$/, ''), model: env.AI_MODEL?.trim() || 'default', apiKey: env.AI_API_KEY || undefined } : undefined,
  };
}
