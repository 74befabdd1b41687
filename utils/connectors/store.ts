/**
 * The rep's connector definitions (storage `local:connectors`, never a secret in them) merged with
 * those the organisation deploys by policy (storage.managed `connectors` and `waterfall`). Managed
 * connectors are read-only: saving over or deleting one is refused with a sentence.
 */
import { z } from 'zod';
import { SidecarError } from '../errors.ts';
import { parseConnector, type ConnectorDefinition } from './connector.ts';
import type { ConnectorSecrets } from './connector-secrets.ts';
import { ConnectorError } from './errors.ts';
import { mergeConnectors, parseManagedConnectors, type ListedConnector } from './managed.ts';
import { waterfallConfig, type ConnectorView, type WaterfallConfig } from './views.ts';

/** Where the definitions and the waterfall are kept (core-storage.ts: storage.local). */
export interface ConnectorArea {
  loadConnectors(): Promise<unknown>;
  saveConnectors(connectors: ConnectorDefinition[]): Promise<void>;
  loadWaterfall(): Promise<unknown>;
  saveWaterfall(config: WaterfallConfig): Promise<void>;
}

export interface ConnectorCatalog {
  connectors: ListedConnector[];
  problems: string[];
  waterfall: WaterfallConfig;
  waterfallManaged: boolean;
}

export interface ConnectorStoreOptions {
  area: ConnectorArea;
  secrets: ConnectorSecrets;
  /** The storage.managed area; `{}` when the browser has none. */
  managed: () => Promise<unknown>;
}

function userConnectors(stored: unknown): ConnectorDefinition[] {
  if (!Array.isArray(stored)) return [];
  // One entry stored by an older version that no longer parses must not hide the others.
  return stored.flatMap((entry) => {
    try {
      return [parseConnector(entry)];
    } catch {
      return [];
    }
  });
}

export class ConnectorStore {
  readonly secrets: ConnectorSecrets;
  private readonly options: ConnectorStoreOptions;

  constructor(options: ConnectorStoreOptions) {
    this.options = options;
    this.secrets = options.secrets;
  }

  private async managed(): Promise<{ policy: Record<string, unknown>; problems: string[] }> {
    const raw = await this.options.managed().catch(() => ({}));
    const policy = z.record(z.string(), z.unknown()).safeParse(raw ?? {});
    return policy.success ? { policy: policy.data, problems: [] } : { policy: {}, problems: ['The policy value for Sidecar is not an object; no connectors were deployed from it.'] };
  }

  async catalog(): Promise<ConnectorCatalog> {
    const [{ policy, problems: policyProblems }, stored, storedWaterfall] = await Promise.all([this.managed(), this.options.area.loadConnectors(), this.options.area.loadWaterfall()]);
    const managed = parseManagedConnectors(policy);
    const problems = [...policyProblems, ...managed.problems];
    const managedWaterfall = policy.waterfall === undefined ? null : waterfallConfig.safeParse(policy.waterfall);
    if (managedWaterfall && !managedWaterfall.success) problems.push('The policy waterfall is not valid; the waterfall set in Options applies.');
    const own = waterfallConfig.safeParse(storedWaterfall ?? {});
    return {
      connectors: mergeConnectors(userConnectors(stored), managed.connectors),
      problems,
      waterfall: managedWaterfall?.success ? managedWaterfall.data : own.success ? own.data : {},
      waterfallManaged: managedWaterfall?.success ?? false,
    };
  }

  async find(connectorId: string): Promise<ListedConnector> {
    const listed = (await this.catalog()).connectors.find((c) => c.definition.id === connectorId);
    if (!listed) throw new SidecarError('not_found', `There is no connector "${connectorId}"; it may have been deleted.`);
    return listed;
  }

  private async refuseManaged(connectorId: string, doing: string): Promise<void> {
    const listed = (await this.catalog()).connectors.find((c) => c.definition.id === connectorId);
    if (listed?.readOnly) throw new ConnectorError('read_only', `"${listed.definition.name}" is set by your organisation and cannot be ${doing}; ask your administrator to change it.`);
  }

  /** Parses and stores a definition; a stored client secret stays unless `clientSecret` replaces it. */
  async save(input: unknown, clientSecret?: string): Promise<ConnectorDefinition> {
    const parsed = parseConnector(input);
    await this.refuseManaged(parsed.id, 'changed');
    if (clientSecret !== undefined) await this.secrets.update(parsed.id, { clientSecret: clientSecret === '' ? undefined : clientSecret });
    const secrets = await this.secrets.get(parsed.id);
    const definition: ConnectorDefinition = parsed.auth.type === 'oauth2' ? { ...parsed, auth: { ...parsed.auth, hasClientSecret: secrets.clientSecret !== undefined } } : parsed;
    const others = userConnectors(await this.options.area.loadConnectors()).filter((c) => c.id !== definition.id);
    await this.options.area.saveConnectors([...others, definition]);
    return definition;
  }

  async delete(connectorId: string): Promise<void> {
    await this.refuseManaged(connectorId, 'deleted');
    const others = userConnectors(await this.options.area.loadConnectors()).filter((c) => c.id !== connectorId);
    await this.options.area.saveConnectors(others);
    await this.secrets.forget(connectorId);
  }

  async saveWaterfall(config: WaterfallConfig): Promise<void> {
    if ((await this.catalog()).waterfallManaged) throw new ConnectorError('read_only', 'The waterfall is set by your organisation and cannot be changed here.');
    await this.options.area.saveWaterfall(config);
  }

  /** What Options shows of a connector: whether a secret is stored, never its value. */
  async view(listed: ListedConnector): Promise<ConnectorView> {
    const { definition } = listed;
    const [secrets, keyManaged] = await Promise.all([this.secrets.get(definition.id), this.secrets.keyManaged(definition.id)]);
    const oauth = definition.auth.type === 'oauth2';
    const status = oauth ? (secrets.connection?.status ?? 'not_connected') : secrets.apiKey !== undefined ? 'connected' : 'not_connected';
    return {
      definition,
      source: listed.source,
      readOnly: listed.readOnly,
      status,
      secretStored: oauth ? secrets.clientSecret !== undefined : secrets.apiKey !== undefined,
      keyManaged: !oauth && keyManaged,
    };
  }
}
