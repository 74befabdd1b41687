/**
 * Connectors an organisation deploys by browser policy (storage.managed, declared by the managed
 * schema in the manifest) merged with the rep's own. Managed ones are read-only and win an id
 * clash; one invalid managed entry is reported and skipped, never taking the others down.
 */
import { z } from 'zod';
import { connectorSchema, type ConnectorDefinition } from './connector.ts';

/** The connector part of the managed storage area; other keys (provider settings) belong to others. */
export const managedConnectorsPolicy = z.looseObject({
  connectors: z.array(z.unknown()).optional(),
});

export interface ListedConnector {
  definition: ConnectorDefinition;
  source: 'managed' | 'user';
  readOnly: boolean;
  /** A user connector with the same id exists and is hidden by this managed one. */
  shadowsUserConnector: boolean;
}

export interface ManagedConnectors {
  connectors: ConnectorDefinition[];
  /** One sentence per entry that was skipped, for Options to show the admin. */
  problems: string[];
}

export function parseManagedConnectors(managed: unknown): ManagedConnectors {
  const policy = managedConnectorsPolicy.safeParse(managed ?? {});
  if (!policy.success) return { connectors: [], problems: ['The policy value for Sidecar is not an object; no connectors were deployed from it.'] };
  const connectors: ConnectorDefinition[] = [];
  const problems: string[] = [];
  (policy.data.connectors ?? []).forEach((entry, index) => {
    const parsed = connectorSchema.safeParse(entry);
    if (parsed.success) connectors.push(parsed.data);
    else problems.push(`Policy connector #${index + 1}: ${parsed.error.issues[0]?.path.join('.') || 'connector'}: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
  });
  return { connectors, problems };
}

export function mergeConnectors(user: readonly ConnectorDefinition[], managed: readonly ConnectorDefinition[]): ListedConnector[] {
  const managedIds = new Set(managed.map((c) => c.id));
  const userIds = new Set(user.map((c) => c.id));
  const seen = new Set<string>();
  const listed: ListedConnector[] = [];
  for (const definition of managed) {
    if (seen.has(definition.id)) continue;
    seen.add(definition.id);
    listed.push({ definition, source: 'managed', readOnly: true, shadowsUserConnector: userIds.has(definition.id) });
  }
  for (const definition of user) {
    if (!managedIds.has(definition.id)) listed.push({ definition, source: 'user', readOnly: false, shadowsUserConnector: false });
  }
  return listed;
}
