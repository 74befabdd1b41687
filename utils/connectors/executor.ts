/**
 * Every connector request the worker sends: through the connector's own rate limiter (limiter
 * store key `connector:<id>`, its definition's rate, 5/s by default), within response.ts's 15 s
 * and 1 MB bounds, with its credential — the stored API key, or an OAuth access token from a
 * session that refreshes ahead of expiry and once on a 401.
 */
import { RateLimiter, type LimiterStore } from '../http/limiter.ts';
import type { ConnectorAction, ConnectorDefinition } from './connector.ts';
import { credentialFor, type Credential } from './credentials.ts';
import { ConnectorError } from './errors.ts';
import { OAuthSession, type OAuthSettings } from './oauth.ts';
import type { ConnectorSecrets } from './connector-secrets.ts';
import { runAction, type ActionRun } from './run.ts';

export interface ExecutorOptions {
  secrets: ConnectorSecrets;
  limiterStore: (key: string) => LimiterStore;
  /** The browser's OAuth redirect URL (identity.getRedirectURL()). */
  redirectUrl: () => string;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Whether a request without a stored credential is refused (cards) or sent bare ("Test API"). */
export type CredentialNeed = 'required' | 'if_saved';

export function oauthSettings(definition: ConnectorDefinition, redirectUri: string): OAuthSettings {
  if (definition.auth.type !== 'oauth2') throw new ConnectorError('invalid_definition', `"${definition.name}" does not use OAuth 2.0.`);
  const { authorizationUrl, tokenUrl, refreshUrl, scopes, clientId } = definition.auth;
  return { authorizationUrl, tokenUrl, refreshUrl, scopes, clientId, redirectUri };
}

export class ConnectorExecutor {
  private readonly options: ExecutorOptions;
  private readonly limiters = new Map<string, { rate: number; limiter: RateLimiter }>();
  private readonly sessions = new Map<string, { shape: string; session: OAuthSession }>();

  constructor(options: ExecutorOptions) {
    this.options = options;
  }

  limiter(definition: ConnectorDefinition): RateLimiter {
    const known = this.limiters.get(definition.id);
    if (known?.rate === definition.rateLimitPerSecond) return known.limiter;
    const limiter = new RateLimiter({
      perSecond: definition.rateLimitPerSecond,
      perMinute: Math.ceil(definition.rateLimitPerSecond * 60),
      store: this.options.limiterStore(`connector:${definition.id}`),
      now: this.options.now,
      sleep: this.options.sleep,
      marginMs: 0,
    });
    this.limiters.set(definition.id, { rate: definition.rateLimitPerSecond, limiter });
    return limiter;
  }

  /** One session per connector, rebuilt when its OAuth settings or client secret change. */
  async session(definition: ConnectorDefinition): Promise<OAuthSession> {
    const settings = oauthSettings(definition, this.options.redirectUrl());
    const { clientSecret } = await this.options.secrets.get(definition.id);
    const shape = JSON.stringify([settings, clientSecret ?? null]);
    const known = this.sessions.get(definition.id);
    if (known?.shape === shape) return known.session;
    const session = new OAuthSession({ settings, clientSecret, store: this.options.secrets.connection(definition.id), fetch: this.options.fetch, now: this.options.now });
    this.sessions.set(definition.id, { shape, session });
    return session;
  }

  forget(connectorId: string): void {
    this.limiters.delete(connectorId);
    this.sessions.delete(connectorId);
  }

  /** One request through the limiter; a 429's Retry-After holds the connector's next requests back. */
  async send(definition: ConnectorDefinition, action: ConnectorAction, values: Readonly<Record<string, string>>, credential: Credential | null): Promise<ActionRun> {
    const release = await this.limiter(definition).acquire();
    try {
      const run = await runAction(definition, action, values, credential, { fetch: this.options.fetch });
      if (run.status === 429) this.limiter(definition).noteRetryAfter(Number(run.headers.get('retry-after') ?? '1') || 1);
      return run;
    } finally {
      release();
    }
  }

  async run(definition: ConnectorDefinition, action: ConnectorAction, values: Readonly<Record<string, string>>, need: CredentialNeed = 'required'): Promise<ActionRun> {
    if (definition.auth.type === 'apiKey') {
      const { apiKey } = await this.options.secrets.get(definition.id);
      if (apiKey === undefined && need === 'required') throw new ConnectorError('reconnect_needed', `"${definition.name}" has no ${definition.auth.displayName} yet; choose Connect and enter it.`);
      return this.send(definition, action, values, apiKey === undefined ? null : credentialFor(definition.auth, apiKey));
    }
    const auth = definition.auth;
    const session = await this.session(definition);
    if (need === 'if_saved' && (await session.status()) !== 'connected') return this.send(definition, action, values, null);
    return session.call((token) => this.send(definition, action, values, credentialFor(auth, token)));
  }
}
