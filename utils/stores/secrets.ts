import { secretsSchema, type Secrets } from '../schemas/settings.ts';
import { idbStore, type KvStore } from './kv-store.ts';

/**
 * Long-lived secrets (password, PKI private key, client secret, API keys) in the extension origin's
 * IndexedDB: readable by the worker and extension pages, never by content scripts, never sent in
 * a message (getCredentials answers which secrets are stored, not their values).
 */
export class SecretStore {
  private readonly kv: KvStore<unknown>;
  private readonly managed: () => Promise<Secrets>;

  /** `managed`: organisation-wide keys deployed by policy (utils/stores/managed-settings.ts), which win and are never stored. */
  constructor(kv: KvStore<unknown> = idbStore('secrets'), managed: () => Promise<Secrets> = () => Promise.resolve({})) {
    this.kv = kv;
    this.managed = managed;
  }

  async get(): Promise<Secrets> {
    const [own, managed] = await Promise.all([this.own(), this.managed()]);
    return { ...own, ...managed };
  }

  private async own(): Promise<Secrets> {
    const parsed = secretsSchema.safeParse(await this.kv.get('credentials'));
    return parsed.success ? parsed.data : {};
  }

  /** Merges: a secret absent from `update` keeps its value; an empty string removes it. */
  async update(update: Secrets): Promise<Secrets> {
    const merged: Secrets = { ...(await this.own()), ...update };
    const next = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined && value !== ''));
    await this.kv.set('credentials', next);
    return next;
  }
}
