/**
 * A connector's OAuth 2.0 authorization code flow, through oauth4webapi: PKCE S256 and `state`
 * always, the token exchange, refresh (at the connector's refresh URL when it has one), and a
 * session that refreshes ahead of expiry and once on a 401. A refresh the server refuses turns the
 * session to "reconnect needed": only a new authorization can help. Browser-free: the caller opens
 * the authorization URL (identity.launchWebAuthFlow) and hands back the redirect URL.
 */
import * as oauth from 'oauth4webapi';
import { ConnectorError } from './errors.ts';

export interface OAuthSettings {
  authorizationUrl: string;
  tokenUrl: string;
  refreshUrl: string | null;
  scopes: string;
  clientId: string;
  /** The browser's redirect URL (identity.getRedirectURL()), registered with the provider. */
  redirectUri: string;
}

export interface OAuthOptions {
  /** Kept in the secret store; absent for a public client (PKCE only). */
  clientSecret?: string | null;
  fetch?: typeof fetch;
  now?: () => number;
}

/** What must survive between opening the consent page and its redirect back. */
export interface PendingAuthorization {
  state: string;
  codeVerifier: string;
}

export interface TokenSet {
  accessToken: string;
  refreshToken: string | null;
  /** ms since the epoch; Infinity when the server gave no lifetime. */
  expiresAt: number;
  obtainedAt: number;
  scope: string | null;
}

export type ConnectionStatus = 'not_connected' | 'connected' | 'reconnect_needed';

function isLoopback(url: string): boolean {
  const { hostname, protocol } = new URL(url);
  return protocol === 'http:' && (hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]');
}

function server(settings: OAuthSettings, tokenEndpoint: string): oauth.AuthorizationServer {
  return { issuer: new URL(settings.authorizationUrl).origin, authorization_endpoint: settings.authorizationUrl, token_endpoint: tokenEndpoint };
}

function clientAuth(options: OAuthOptions): oauth.ClientAuth {
  return options.clientSecret ? oauth.ClientSecretPost(options.clientSecret) : oauth.None();
}

function requestOptions(endpoint: string, options: OAuthOptions): oauth.TokenEndpointRequestOptions {
  // http is accepted for a server on this machine only (the reference server in tests and demos).
  return { [oauth.allowInsecureRequests]: isLoopback(endpoint), ...(options.fetch ? { [oauth.customFetch]: options.fetch } : {}) };
}

function toTokenSet(response: oauth.TokenEndpointResponse, now: number, previousRefresh: string | null): TokenSet {
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token ?? previousRefresh,
    expiresAt: typeof response.expires_in === 'number' ? now + response.expires_in * 1000 : Number.POSITIVE_INFINITY,
    obtainedAt: now,
    scope: response.scope ?? null,
  };
}

function describe(error: unknown): string {
  if (error instanceof oauth.ResponseBodyError) return error.error_description ?? error.error;
  return error instanceof Error ? error.message : String(error);
}

/** The consent page's URL, and the state and verifier to keep until the redirect comes back. */
export async function startAuthorization(settings: OAuthSettings): Promise<{ url: URL; pending: PendingAuthorization }> {
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(settings.authorizationUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('redirect_uri', settings.redirectUri);
  if (settings.scopes.trim()) url.searchParams.set('scope', settings.scopes.trim());
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  return { url, pending: { state, codeVerifier } };
}

/** The redirect back from the consent page → tokens. A wrong state or a denial sends nothing. */
export async function completeAuthorization(settings: OAuthSettings, pending: PendingAuthorization, redirectedTo: string, options: OAuthOptions = {}): Promise<TokenSet> {
  const as = server(settings, settings.tokenUrl);
  const client: oauth.Client = { client_id: settings.clientId };
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(as, client, new URL(redirectedTo), pending.state);
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError) {
      if (error.error === 'access_denied') throw new ConnectorError('access_denied', 'You declined the connection, so the connector stays unconnected. Choose Connect again to retry.');
      throw new ConnectorError('authorization_failed', `The sign-in page refused: ${error.error_description ?? error.error}.`);
    }
    throw new ConnectorError('state_mismatch', 'The answer from the sign-in page does not belong to this connection attempt (state mismatch); nothing was exchanged. Choose Connect again.', { cause: error });
  }
  const now = (options.now ?? Date.now)();
  try {
    const response = await oauth.authorizationCodeGrantRequest(as, client, clientAuth(options), params, settings.redirectUri, pending.codeVerifier, requestOptions(settings.tokenUrl, options));
    return toTokenSet(await oauth.processAuthorizationCodeResponse(as, client, response), now, null);
  } catch (error) {
    throw new ConnectorError('authorization_failed', `The token exchange failed: ${describe(error)}.`, { cause: error });
  }
}

/** A new token set from a refresh token; a refusal means the user must connect again. */
export async function refreshTokenSet(settings: OAuthSettings, refreshToken: string, options: OAuthOptions = {}): Promise<TokenSet> {
  const endpoint = settings.refreshUrl ?? settings.tokenUrl;
  const as = server(settings, endpoint);
  const client: oauth.Client = { client_id: settings.clientId };
  const now = (options.now ?? Date.now)();
  let response: Response;
  try {
    response = await oauth.refreshTokenGrantRequest(as, client, clientAuth(options), refreshToken, requestOptions(endpoint, options));
  } catch (error) {
    throw new ConnectorError('network', `Could not reach ${new URL(endpoint).origin} to refresh the connection.`, { retryable: true, cause: error });
  }
  try {
    return toTokenSet(await oauth.processRefreshTokenResponse(as, client, response), now, refreshToken);
  } catch (error) {
    if (error instanceof oauth.ResponseBodyError && error.status < 500) {
      throw new ConnectorError('reconnect_needed', `The connection has expired (${describe(error)}); choose Connect to sign in again.`, { cause: error });
    }
    throw new ConnectorError('authorization_failed', `Refreshing the connection failed: ${describe(error)}.`, { retryable: true, cause: error });
  }
}

/** What is stored per connector (storage.session / the secret store): survives a worker restart. */
export type ConnectionState =
  | { status: 'not_connected' }
  | { status: 'connected'; tokens: TokenSet }
  | { status: 'reconnect_needed'; reason: string };

export interface ConnectionStore {
  load(): Promise<ConnectionState>;
  save(state: ConnectionState): Promise<void>;
}

export interface OAuthSessionOptions extends OAuthOptions {
  settings: OAuthSettings;
  store: ConnectionStore;
  /** Refresh when less than this is left; never more than a tenth of the token's life. Default 60 s. */
  refreshAheadMs?: number;
}

export class OAuthSession {
  private readonly options: OAuthSessionOptions;
  private refreshing: Promise<TokenSet> | null = null;

  constructor(options: OAuthSessionOptions) {
    this.options = options;
  }

  async status(): Promise<ConnectionState['status']> {
    return (await this.options.store.load()).status;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private needsRefresh(tokens: TokenSet): boolean {
    const ahead = Math.min(this.options.refreshAheadMs ?? 60_000, (tokens.expiresAt - tokens.obtainedAt) / 10);
    return tokens.expiresAt - ahead <= this.now();
  }

  /** Concurrent callers share one refresh: refresh tokens rotate, so a second refresh would fail. */
  private refresh(tokens: TokenSet): Promise<TokenSet> {
    this.refreshing ??= (async () => {
      try {
        if (!tokens.refreshToken) throw new ConnectorError('reconnect_needed', 'The connection has expired and cannot be renewed; choose Connect to sign in again.');
        const fresh = await refreshTokenSet(this.options.settings, tokens.refreshToken, this.options);
        await this.options.store.save({ status: 'connected', tokens: fresh });
        return fresh;
      } catch (error) {
        if (error instanceof ConnectorError && error.id === 'reconnect_needed') await this.options.store.save({ status: 'reconnect_needed', reason: error.message });
        throw error;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  private async valid(): Promise<TokenSet> {
    const state = await this.options.store.load();
    if (state.status === 'reconnect_needed') throw new ConnectorError('reconnect_needed', state.reason);
    if (state.status === 'not_connected') throw new ConnectorError('reconnect_needed', 'This connector is not connected; choose Connect first.');
    return this.needsRefresh(state.tokens) ? this.refresh(state.tokens) : state.tokens;
  }

  /** Runs `send` with a valid access token; on a 401, refreshes once and sends once more. */
  async call<T extends { status: number }>(send: (accessToken: string) => Promise<T>): Promise<T> {
    const tokens = await this.valid();
    const first = await send(tokens.accessToken);
    if (first.status !== 401) return first;
    // Another caller may have refreshed meanwhile; its refresh token has rotated ours away.
    const stored = await this.options.store.load();
    if (stored.status === 'connected' && stored.tokens.accessToken !== tokens.accessToken) return send(stored.tokens.accessToken);
    const fresh = await this.refresh(tokens);
    return send(fresh.accessToken);
  }

  /** After a new authorization. */
  async connected(tokens: TokenSet): Promise<void> {
    await this.options.store.save({ status: 'connected', tokens });
  }
}
