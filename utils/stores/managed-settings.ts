/**
 * Provider settings an organisation deploys by browser policy: the `provider` key of
 * storage.managed (Chrome: declared by public/managed-schema.json; Firefox: policies.json,
 * 3rdparty.Extensions.<id>). A managed field wins on every read and is never written over the
 * user's own value, so lifting the policy gives the user back what they had. The `connectors` and
 * `waterfall` keys of the same area belong to utils/connectors/managed.ts.
 */
import type { z } from 'zod';
import { secretsSchema, settingsPatchSchema, type Secrets, type Settings } from '../schemas/settings.ts';

/** What an admin deploys about the provider; the user's own preferences (sites, badges, caps…) stay theirs. */
export const MANAGED_SETTING_FIELDS = ['baseUrl', 'searchBaseUrl', 'gtmBaseUrl', 'authMethod', 'clientId', 'tokenUrl', 'gtmClientId', 'ratePerSecond', 'ratePerMinute'] as const satisfies readonly (keyof Settings)[];
export type ManagedSettingField = (typeof MANAGED_SETTING_FIELDS)[number];

/**
 * Organisation-wide credentials only. Deployable because setting a team up without each rep
 * pasting a key is what a policy is for, and the value already sits in plain text in the policy
 * store (registry, policies.json) every local account can read. A password or PKI private key is
 * a person's, never deployed. Sidecar never copies these into storage.local, never sends them in a
 * message and Options never shows them.
 */
export const MANAGED_SECRET_FIELDS = ['apiKey', 'searchApiKey', 'clientSecret', 'gtmClientSecret'] as const satisfies readonly (keyof Secrets)[];
export type ManagedSecretField = (typeof MANAGED_SECRET_FIELDS)[number];

const mask = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, true])) as { [P in K]: true };

const managedProviderSchema = settingsPatchSchema
  .pick(mask(MANAGED_SETTING_FIELDS))
  .extend(
    Object.fromEntries(MANAGED_SECRET_FIELDS.map((k) => [k, secretsSchema.shape[k].unwrap().min(1).optional()])) as {
      [K in ManagedSecretField]: z.ZodOptional<z.ZodString>;
    },
  );
type ManagedProvider = z.infer<typeof managedProviderSchema>;

export interface ManagedSettings {
  settings: Partial<Pick<Settings, ManagedSettingField>>;
  secrets: Partial<Pick<Secrets, ManagedSecretField>>;
  /** One sentence per policy entry that was ignored, for the admin. */
  problems: string[];
}

export const NO_MANAGED_SETTINGS: ManagedSettings = { settings: {}, secrets: {}, problems: [] };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The policy's `provider` object → the fields it fixes. A field that is invalid or not deployable
 * is left out with a sentence saying why; the others still apply.
 */
export function parseManagedSettings(policy: unknown): ManagedSettings {
  if (policy === undefined || policy === null) return NO_MANAGED_SETTINGS;
  if (!isRecord(policy)) return { ...NO_MANAGED_SETTINGS, problems: ['The policy value for Sidecar is not an object; no settings were deployed from it.'] };
  const provider = policy.provider;
  if (provider === undefined) return NO_MANAGED_SETTINGS;
  if (!isRecord(provider)) return { ...NO_MANAGED_SETTINGS, problems: ['Policy "provider" is not an object; no provider settings were deployed from it.'] };

  const problems: string[] = [];
  const dropped = new Set<string>();
  const kept = () => Object.fromEntries(Object.entries(provider).filter(([name]) => !dropped.has(name)));
  let parsed = managedProviderSchema.safeParse(provider);
  // Each field stands alone, so dropping the ones at fault leaves a value that parses.
  for (let pass = 0; !parsed.success && pass < 3; pass++) {
    for (const issue of parsed.error.issues) {
      const names = issue.code === 'unrecognized_keys' ? issue.keys : [String(issue.path[0])];
      for (const name of names) {
        dropped.add(name);
        problems.push(
          issue.code === 'unrecognized_keys'
            ? `Policy provider.${name} is not a setting an organisation can deploy; it was ignored.`
            : `Policy provider.${name}: ${issue.message}; the user's own value is used.`,
        );
      }
    }
    parsed = managedProviderSchema.safeParse(kept());
  }
  return parsed.success ? { ...split(parsed.data), problems } : { ...NO_MANAGED_SETTINGS, problems };
}

function split(provider: ManagedProvider): Omit<ManagedSettings, 'problems'> {
  const settings: ManagedSettings['settings'] = {};
  const secrets: ManagedSettings['secrets'] = {};
  for (const key of MANAGED_SETTING_FIELDS) if (provider[key] !== undefined) Object.assign(settings, { [key]: provider[key] });
  for (const key of MANAGED_SECRET_FIELDS) if (provider[key] !== undefined) secrets[key] = provider[key];
  return { settings, secrets };
}

/** The settings the worker uses: the user's, with every managed field in the policy's value. */
export function withManagedSettings(own: Settings, managed: ManagedSettings): Settings {
  return { ...own, ...managed.settings };
}

/** What to store after a change: the managed fields keep the user's own value, not the policy's. */
export function withoutManagedSettings(next: Settings, own: Settings, managed: ManagedSettings): Settings {
  const stored = { ...next };
  for (const key of Object.keys(managed.settings) as ManagedSettingField[]) Object.assign(stored, { [key]: own[key] });
  return stored;
}

/** Which fields Options shows read-only, "set by your organisation". */
export function managedFieldNames(managed: ManagedSettings): ReadonlySet<ManagedSettingField | ManagedSecretField> {
  return new Set([...(Object.keys(managed.settings) as ManagedSettingField[]), ...(Object.keys(managed.secrets) as ManagedSecretField[])]);
}

/** The part of browser.storage.managed this reads (absent where the browser has no managed area). */
export interface ManagedArea {
  get(): Promise<Record<string, unknown>>;
}

/** Firefox rejects the read when no policy names the add-on: that, like no area at all, is "nothing managed". */
export async function readManagedSettings(area: ManagedArea | undefined): Promise<ManagedSettings> {
  if (!area) return NO_MANAGED_SETTINGS;
  try {
    return parseManagedSettings(await area.get());
  } catch {
    return NO_MANAGED_SETTINGS;
  }
}

/** A policy value, read once and again only after `invalidate` (the browser said the managed area changed). `read` must not reject. */
export function cachedUntilChanged<T>(read: () => Promise<T>): { get(): Promise<T>; invalidate(): void } {
  let current: Promise<T> | null = null;
  return {
    get: () => (current ??= read()),
    invalidate: () => {
      current = null;
    },
  };
}

/**
 * The worker reads settings on every lookup: the policy is read once and again only after the
 * browser says the managed area changed (`invalidate`, from storage.onChanged).
 */
export function cachedManagedSettings(area: ManagedArea | undefined): { get(): Promise<ManagedSettings>; invalidate(): void } {
  return cachedUntilChanged(() => readManagedSettings(area));
}
