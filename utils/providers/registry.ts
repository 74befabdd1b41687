import type { TokenStore } from '../auth/token-manager.ts';
import { SidecarError } from '../errors.ts';
import { ProviderHttp, type ProviderHttpOptions } from '../http/client.ts';
import { RateLimiter, type LimiterStore } from '../http/limiter.ts';
import type { Secrets, Settings } from '../schemas/settings.ts';
import { PROVIDERS } from './index.ts';
import type { Capability, Provider, ProviderContext, ProviderDefinition } from './types.ts';

/**
 * The providers the settings and secrets configure now, built from the provider definitions
 * (utils/providers/index.ts). Calls are routed by capability.
 */
export interface ProviderSet {
  readonly providers: readonly Provider[];
  readonly capabilities: Capability[];
  readonly configured: boolean;
  /** Every configured provider offering `capability`, in the definitions' order. */
  providersFor(capability: Capability): readonly Provider[];
  /** The first provider offering `capability`; throws not_configured / unsupported. */
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

export function createProviderSet(settings: Settings, secrets: Secrets, deps: RegistryDeps, definitions: readonly ProviderDefinition[] = PROVIDERS): ProviderSet {
  const context: ProviderContext = {
    settings,
    secrets,
    tokenStore: deps.tokenStore,
    now: deps.now,
    sleep: deps.sleep,
    fetch: deps.fetch,
    http: ({ baseUrl, label, limiterKey, tokens, reportsCredits }) =>
      new ProviderHttp({
        baseUrl,
        label,
        limiter: new RateLimiter({
          perSecond: settings.ratePerSecond,
          perMinute: settings.ratePerMinute,
          store: deps.limiterStore(limiterKey),
          now: deps.now,
          sleep: deps.sleep,
          onLongWait: deps.onLongWait,
        }),
        tokens,
        onCredits: reportsCredits ? deps.onCredits : undefined,
        onAttempt: deps.onAttempt,
        sleep: deps.sleep,
        fetch: deps.fetch,
        timeoutMs: deps.timeoutMs,
      }),
  };
  const available = definitions.map((d) => d.create(context)).filter((p): p is Provider => p !== null);
  const providersFor = (capability: Capability) => available.filter((p) => p.capabilities.has(capability));
  return {
    providers: available,
    capabilities: [...new Set(available.flatMap((p) => [...p.capabilities]))],
    configured: available.length > 0,
    providersFor,
    for(capability) {
      const [provider] = providersFor(capability);
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
      await Promise.all(available.map((p) => p.reset()));
    },
  };
}
