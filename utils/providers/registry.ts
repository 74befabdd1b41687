import { TokenManager, type TokenStore } from '../auth/token-manager.ts';
import { tokenSourceFor } from '../auth/credentials.ts';
import { RateLimiter, type LimiterStore } from '../limiter.ts';
import type { Secrets, Settings } from '../settings.ts';
import { SidecarError } from '../errors.ts';
import { enterpriseProvider } from './enterprise.ts';
import { ProviderHttp, type ProviderHttpOptions } from './http.ts';
import { searchApiProvider } from './search-api.ts';
import type { Capability, Provider } from './types.ts';

/**
 * The providers configured now: the enterprise API (enrichment, intent, news…) and the search API
 * (contact/company search by the simple API's filters). Calls are routed by capability.
 */
export interface ProviderSet {
  readonly providers: readonly Provider[];
  readonly capabilities: Capability[];
  readonly configured: boolean;
  /** The provider offering `capability`; throws not_configured / unsupported. */
  for(capability: Capability): Provider;
  /** Forget tokens (credentials changed). */
  reset(): Promise<void>;
}

export interface RegistryDeps {
  limiterStore: (key: string) => LimiterStore;
  tokenStore: (key: string) => TokenStore;
  onCredits?: (remaining: number) => void;
  onLongWait?: (until: number) => void;
  onAttempt?: ProviderHttpOptions['onAttempt'];
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export function createProviderSet(settings: Settings, secrets: Secrets, deps: RegistryDeps): ProviderSet {
  const origin = new URL(settings.baseUrl).origin;
  const searchBase = settings.searchBaseUrl || settings.baseUrl;
  const limiter = (key: string) =>
    new RateLimiter({
      perSecond: settings.ratePerSecond,
      perMinute: settings.ratePerMinute,
      store: deps.limiterStore(key),
      now: deps.now,
      sleep: deps.sleep,
      onLongWait: deps.onLongWait,
    });
  const common = { onAttempt: deps.onAttempt, sleep: deps.sleep, fetch: deps.fetch, timeoutMs: deps.timeoutMs };

  const enterpriseConfigured = settings.authMethod !== 'none';
  const enterpriseTokens = new TokenManager({
    source: tokenSourceFor(settings, secrets, deps.fetch),
    store: deps.tokenStore(`enterprise|${settings.authMethod}|${origin}|${settings.username}|${settings.clientId}`),
    now: deps.now,
    sleep: deps.sleep,
  });
  const enterprise = enterpriseProvider(
    new ProviderHttp({
      baseUrl: settings.baseUrl,
      label: 'the enterprise API',
      limiter: limiter(`enterprise|${origin}`),
      tokens: enterpriseTokens,
      onCredits: deps.onCredits,
      ...common,
    }),
  );

  const searchKey = secrets.searchApiKey ?? (settings.authMethod === 'apiKey' ? secrets.apiKey : undefined);
  const searchTokens = searchKey
    ? new TokenManager({ source: () => Promise.resolve({ token: searchKey, expiresAt: Infinity }), store: memoryTokenStore() })
    : null;
  const search = searchApiProvider(
    new ProviderHttp({
      baseUrl: searchBase,
      label: 'the search API',
      limiter: limiter(`search|${new URL(searchBase).origin}`),
      tokens: searchTokens,
      ...common,
    }),
  );

  const available: Provider[] = [...(enterpriseConfigured ? [enterprise] : []), ...(searchTokens ? [search] : [])];
  return {
    providers: available,
    capabilities: [...new Set(available.flatMap((p) => [...p.capabilities]))],
    configured: available.length > 0,
    for(capability) {
      const provider = available.find((p) => p.capabilities.has(capability));
      if (provider) return provider;
      if (available.length === 0) {
        throw new SidecarError('not_configured', 'No provider is set up yet. Open Sidecar\'s options to connect one.');
      }
      if (capability === 'searchContacts' || capability === 'searchCompanies') {
        // Not a set-up fault (nothing sticky): the Search tab uses the enterprise searches instead.
        throw new SidecarError('unsupported', 'The search API\'s filters need a search API key; without one, Search uses your enterprise account\'s own searches.');
      }
      throw new SidecarError('unsupported', `The configured provider does not offer ${capability}.`);
    },
    async reset() {
      await enterpriseTokens.reset();
    },
  };
}

function memoryTokenStore(): TokenStore {
  return { load: () => Promise.resolve(null), save: () => Promise.resolve() };
}
