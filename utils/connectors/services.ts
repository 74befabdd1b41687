/**
 * The worker's connector machinery, built once per worker: the store (definitions, policy,
 * waterfall), the executor (limiters, OAuth sessions) and the outputs cache, plus the waterfall
 * that completes a provider's answer. The message handlers and the lookup pipeline share it.
 */
import type { LimiterStore } from '../http/limiter.ts';
import type { FinalState } from '../lookup/results.ts';
import type { Detection } from '../schemas/detection.ts';
import { idbStore, type KvStore } from '../stores/kv-store.ts';
import { ConnectorSecrets } from './connector-secrets.ts';
import { ConnectorExecutor } from './executor.ts';
import { ConnectorStore, type ConnectorArea } from './store.ts';
import { fillFromWaterfall } from './waterfall-fill.ts';

export interface ConnectorServicesOptions {
  area: ConnectorArea;
  managed: () => Promise<unknown>;
  limiterStore: (key: string) => LimiterStore;
  redirectUrl: () => string;
  /** The lookup cache's positive TTL, which connector outputs share. */
  ttlMs: () => Promise<number>;
  secrets?: ConnectorSecrets;
  cache?: KvStore<unknown>;
  fetch?: typeof fetch;
  now?: () => number;
}

export interface ConnectorServices {
  store: ConnectorStore;
  executor: ConnectorExecutor;
  secrets: ConnectorSecrets;
  cache: KvStore<unknown>;
  ttlMs: () => Promise<number>;
  redirectUrl: () => string;
  fetch?: typeof fetch;
  now?: () => number;
  /** The provider's final state with the waterfall's fields filled; unchanged when nothing is configured or it fails. */
  complete(state: FinalState, detection: Detection, key: string): Promise<FinalState>;
}

export function createConnectorServices(options: ConnectorServicesOptions): ConnectorServices {
  const secrets = options.secrets ?? new ConnectorSecrets();
  const cache = options.cache ?? idbStore<unknown>('cache');
  const store = new ConnectorStore({ area: options.area, secrets, managed: options.managed });
  const executor = new ConnectorExecutor({ secrets, limiterStore: options.limiterStore, redirectUrl: options.redirectUrl, fetch: options.fetch, now: options.now });
  return {
    store,
    executor,
    secrets,
    cache,
    ttlMs: options.ttlMs,
    redirectUrl: options.redirectUrl,
    fetch: options.fetch,
    now: options.now,
    async complete(state, detection, key) {
      if (state.status !== 'RESULT') return state;
      try {
        const catalog = await store.catalog();
        if (Object.keys(catalog.waterfall).length === 0) return state;
        const connectors = catalog.connectors.map((c) => c.definition);
        return await fillFromWaterfall(state, detection, key, { config: catalog.waterfall, connectors, executor, cache, ttlMs: await options.ttlMs(), now: options.now });
      } catch {
        // The provider's answer stands: a connector problem must not turn a found contact into an error.
        return state;
      }
    },
  };
}
