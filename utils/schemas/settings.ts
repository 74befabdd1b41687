import { z } from 'zod';
import { AUTH_METHODS, GTM_REFERENCE_CLIENT } from './provider-catalog.ts';

/** Where the reference server listens by default (api-contract.md §3: PORT 8787 on 127.0.0.1). */
export const DEFAULT_BASE_URL = 'http://localhost:8787';

/** How the extension holds a credential for the enterprise API (issue 2, "Credentials"). */
export const authMethod = z.enum(AUTH_METHODS);
export type AuthMethod = z.infer<typeof authMethod>;

const httpUrl = z.url({ protocol: /^https?$/ });

/** Non-secret settings: safe in storage.local (content scripts can read it — keep secrets out). */
export const settingsSchema = z.object({
  baseUrl: httpUrl.default(DEFAULT_BASE_URL),
  authMethod: authMethod.default('none'),
  /** password and PKI */
  username: z.string().max(320).default(''),
  /** PKI and OAuth 2 */
  clientId: z.string().max(200).default(''),
  /** OAuth 2 token endpoint; empty = `<baseUrl>/oauth/token` */
  tokenUrl: z.union([httpUrl, z.literal('')]).default(''),
  /** Search API base URL; empty = same as baseUrl */
  searchBaseUrl: z.union([httpUrl, z.literal('')]).default(''),
  /** GTM Studio (Audiences API, the Lists tab); empty = same as baseUrl, whose /gtm/… the reference server serves */
  gtmBaseUrl: z.union([httpUrl, z.literal('')]).default(''),
  /** GTM Studio OAuth 2 client id; the reference server's demo client by default (its secret: demo-secret) */
  gtmClientId: z.string().max(200).default(GTM_REFERENCE_CLIENT.id),
  /** Site adapter id → enabled. Missing = enabled. */
  sites: z.record(z.string(), z.boolean()).default({}),
  /** Origins the user added (optional host permission granted at that moment). */
  customSites: z.array(z.string().max(300)).max(200).default([]),
  badges: z.boolean().default(true),
  /** LinkedIn gets no in-page badges unless the user opts in (it probes for extensions' DOM). */
  linkedinBadges: z.boolean().default(false),
  /** Preview what the page shows as soon as it is detected (free searches only). */
  autoLookup: z.boolean().default(true),
  /** Opt-in: enrich what the page shows (credits), within the caps below; off = preview only (issue 17). */
  autoEnrich: z.boolean().default(false),
  /** Credits automatic enrichment may spend per user-local day; clicks are never capped. */
  dailyCreditCap: z.number().int().min(0).max(100_000).default(50),
  /** Credits automatic enrichment may spend on one page before the panel asks. */
  pageCreditCap: z.number().int().min(0).max(10_000).default(10),
  /** Look contacts up by SHA-256 of the address instead of the address. */
  hashedEmails: z.boolean().default(false),
  cacheTtlHours: z.number().min(0).max(24 * 365).default(24 * 7),
  negativeCacheTtlHours: z.number().min(0).max(24 * 365).default(24),
  ratePerSecond: z.number().int().min(1).max(1000).default(25),
  ratePerMinute: z.number().int().min(1).max(60_000).default(1500),
});
export type Settings = z.infer<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/**
 * Settings version 1 → 2 (issue 17): automatic enrichment became an opt-in, so every stored
 * setting starts in preview whatever it enriched before; `lookupOnly` is what preview now always is.
 */
export function migrateSettingsToV2(old: Record<string, unknown>): Settings {
  const rest = { ...old };
  delete rest.lookupOnly;
  return settingsSchema.parse({ ...rest, autoEnrich: false });
}

/**
 * A change to some settings. Not `settingsSchema.partial()`: under zod 4 a partial field keeps its
 * default, so every absent field would come back as its default and overwrite the stored value.
 */
export const settingsPatchSchema = z.strictObject(
  Object.fromEntries(Object.entries(settingsSchema.shape).map(([name, field]) => [name, field.unwrap().optional()])) as {
    [K in keyof typeof settingsSchema.shape]: z.ZodOptional<ReturnType<(typeof settingsSchema.shape)[K]['unwrap']>>;
  },
);
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** Secrets: only the worker and extension pages can read where these live (utils/stores/secrets.ts). */
export const secretsSchema = z.object({
  password: z.string().max(1000).optional(),
  privateKeyPem: z.string().max(20_000).optional(),
  clientSecret: z.string().max(1000).optional(),
  apiKey: z.string().max(1000).optional(),
  searchApiKey: z.string().max(1000).optional(),
  gtmClientSecret: z.string().max(1000).optional(),
});
export type Secrets = z.infer<typeof secretsSchema>;
