/**
 * A connector's secrets — its API key, OAuth client secret and OAuth connection (tokens) — in the
 * extension origin's IndexedDB next to the provider secrets (utils/stores/secrets.ts): never in
 * storage.local, never in a message. One record per connector id, so deleting one forgets all.
 */
import { z } from 'zod';
import { idbStore, type KvStore } from '../stores/kv-store.ts';
import type { ConnectionState, ConnectionStore } from './oauth.ts';

const tokenSet = z.object({
  accessToken: z.string(),
  refreshToken: z.string().nullable(),
  expiresAt: z.number(),
  obtainedAt: z.number(),
  scope: z.string().nullable(),
});

const connectionState = z.discriminatedUnion('status', [
  z.object({ status: z.literal('not_connected') }),
  z.object({ status: z.literal('connected'), tokens: tokenSet }),
  z.object({ status: z.literal('reconnect_needed'), reason: z.string() }),
]);

const connectorSecretsSchema = z.object({
  apiKey: z.string().optional(),
  clientSecret: z.string().optional(),
  connection: connectionState.optional(),
});
export type ConnectorSecretRecord = z.infer<typeof connectorSecretsSchema>;

const keyOf = (connectorId: string) => `connector:${connectorId}`;

/** The policy's `connectorKeys`: connector id → the organisation's API key for it; anything else, none. */
export function connectorKeysOf(policy: unknown): Record<string, string> {
  const parsed = z.object({ connectorKeys: z.record(z.string(), z.string().min(1).max(4000)) }).safeParse(policy);
  return parsed.success ? parsed.data.connectorKeys : {};
}

export class ConnectorSecrets {
  private readonly kv: KvStore<unknown>;
  private readonly managedKeys: () => Promise<Record<string, string>>;

  /**
   * `managedKeys`: API keys an organisation deployed by policy (storage.managed `connectorKeys`).
   * Like the provider's organisation-wide keys, they win over a key typed in Options and are
   * never written to this browser's store.
   */
  constructor(kv: KvStore<unknown> = idbStore('secrets'), managedKeys: () => Promise<Record<string, string>> = () => Promise.resolve({})) {
    this.kv = kv;
    this.managedKeys = managedKeys;
  }

  async get(connectorId: string): Promise<ConnectorSecretRecord> {
    const [own, managed] = await Promise.all([this.own(connectorId), this.managedKeys().catch(() => ({}) as Record<string, string>)]);
    const key = managed[connectorId];
    return key === undefined ? own : { ...own, apiKey: key };
  }

  /** The organisation deployed this connector's API key by policy. */
  async keyManaged(connectorId: string): Promise<boolean> {
    const managed = await this.managedKeys().catch(() => ({}) as Record<string, string>);
    return managed[connectorId] !== undefined;
  }

  private async own(connectorId: string): Promise<ConnectorSecretRecord> {
    const parsed = connectorSecretsSchema.safeParse(await this.kv.get(keyOf(connectorId)));
    return parsed.success ? parsed.data : {};
  }

  /** Merges: a field absent from `update` keeps its value; undefined in it removes the field. */
  async update(connectorId: string, update: Partial<ConnectorSecretRecord>): Promise<ConnectorSecretRecord> {
    const merged: ConnectorSecretRecord = { ...(await this.own(connectorId)), ...update };
    const next = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
    await this.kv.set(keyOf(connectorId), next);
    return next;
  }

  async forget(connectorId: string): Promise<void> {
    await this.kv.delete(keyOf(connectorId));
  }

  /** The OAuth connection of one connector as oauth.ts's OAuthSession keeps it. */
  connection(connectorId: string): ConnectionStore {
    return {
      load: async (): Promise<ConnectionState> => (await this.get(connectorId)).connection ?? { status: 'not_connected' },
      save: async (state) => void (await this.update(connectorId, { connection: state })),
    };
  }
}
