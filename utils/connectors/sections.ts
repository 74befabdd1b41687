/**
 * A card's connector sections: every Enrich action whose parameters all fill from the entity runs
 * (through the executor, cached for the lookup cache's TTL by connector, action and values), every
 * Connect action is a button. A Connect action's preview is exactly the request it will send,
 * without its credential (applied only when sending).
 */
import { toSidecarError } from '../errors.ts';
import type { KvStore } from '../stores/kv-store.ts';
import type { ConnectorAction, ConnectorDefinition } from './connector.ts';
import { valuesFromEntity, type EntityValues } from './entity-values.ts';
import { ConnectorError } from './errors.ts';
import type { ConnectorExecutor } from './executor.ts';
import type { ExtractedOutput } from './outputs.ts';
import { buildRequest, toFetchArgs } from './template.ts';
import type { ConnectPreview, ConnectorSection } from './views.ts';

export interface CachedOutputs {
  outputs: ExtractedOutput[];
  at: number;
  expiresAt: number;
}

export interface SectionDeps {
  executor: ConnectorExecutor;
  cache: KvStore<unknown>;
  ttlMs: number;
  now?: () => number;
}

export const sectionCacheKey = (connectorId: string, actionId: string, values: Readonly<Record<string, string>>) =>
  `connector:${connectorId}:${actionId}:${JSON.stringify(Object.entries(values).sort(([a], [b]) => a.localeCompare(b)))}`;

function isCached(value: unknown): value is CachedOutputs {
  return typeof value === 'object' && value !== null && Array.isArray((value as Partial<CachedOutputs>).outputs) && typeof (value as Partial<CachedOutputs>).expiresAt === 'number';
}

function httpError(definition: ConnectorDefinition, status: number): ConnectorError {
  return new ConnectorError('http_error', `${definition.name} answered HTTP ${status}.`, { retryable: status === 429 || status >= 500 });
}

/**
 * The outputs of one Enrich action for these values: from the cache, or run and cached. `variant`
 * names an output set other than the action's own (a waterfall step's path), cached apart.
 */
export async function enrichOutputs(definition: ConnectorDefinition, action: ConnectorAction, values: Record<string, string>, deps: SectionDeps, refresh = false, variant = ''): Promise<CachedOutputs> {
  const now = (deps.now ?? Date.now)();
  const key = `${sectionCacheKey(definition.id, action.id, values)}${variant ? `~${variant}` : ''}`;
  if (!refresh) {
    const cached = await deps.cache.get(key);
    if (isCached(cached) && cached.expiresAt > now) return cached;
  }
  const run = await deps.executor.run(definition, action, values);
  if (run.status < 200 || run.status >= 300) throw httpError(definition, run.status);
  const entry: CachedOutputs = { outputs: run.outputs, at: now, expiresAt: now + deps.ttlMs };
  await deps.cache.set(key, entry);
  return entry;
}

function section(definition: ConnectorDefinition, action: ConnectorAction, rest: Pick<ConnectorSection, 'outputs' | 'error' | 'at'>): ConnectorSection {
  return { connectorId: definition.id, connectorName: definition.name, logo: definition.logo, actionId: action.id, actionName: action.name, category: action.category, ...rest };
}

export async function connectorSections(connectors: readonly ConnectorDefinition[], entity: EntityValues, deps: SectionDeps, refresh = false): Promise<ConnectorSection[]> {
  const pending = connectors.flatMap((definition) =>
    definition.actions.flatMap((action) => {
      if (action.category === 'Connect') return connectValues(action, entity) ? [Promise.resolve(section(definition, action, { outputs: null, error: null, at: null }))] : [];
      if (action.category !== 'Enrich') return [];
      const values = valuesFromEntity(action, entity);
      if (!values) return [];
      return [
        enrichOutputs(definition, action, values, deps, refresh).then(
          (cached) => section(definition, action, { outputs: cached.outputs, error: null, at: cached.at }),
          (error: unknown) => {
            const failure = toSidecarError(error);
            return section(definition, action, { outputs: null, error: { id: failure.id, message: failure.message }, at: null });
          },
        ),
      ];
    }),
  );
  return Promise.all(pending);
}

/** A Connect action's values: mapped parameters from the entity, the others their sample; null when a mapped one is empty. */
export function connectValues(action: ConnectorAction, entity: EntityValues): Record<string, string> | null {
  const values: Record<string, string> = {};
  for (const parameter of action.parameters) {
    if (!parameter.entityField) {
      values[parameter.name] = parameter.sample;
      continue;
    }
    const value = entity[parameter.entityField];
    if (value === null || value === undefined || value.trim() === '') return null;
    values[parameter.name] = value;
  }
  return values;
}

export function requireConnectValues(definition: ConnectorDefinition, action: ConnectorAction, entity: EntityValues): Record<string, string> {
  const values = connectValues(action, entity);
  if (!values) throw new ConnectorError('missing_value', `"${action.name}" of ${definition.name} needs a value this card does not have.`);
  return values;
}

export function previewRequest(definition: ConnectorDefinition, action: ConnectorAction, values: Readonly<Record<string, string>>): ConnectPreview {
  const [url, init] = toFetchArgs(buildRequest(definition.baseUrl, action, values), definition.baseUrl);
  const headers = Object.entries((init.headers ?? {}) as Record<string, string>).map(([name, value]) => ({ name, value }));
  return { method: init.method ?? 'GET', url, headers, body: typeof init.body === 'string' ? init.body : null };
}
