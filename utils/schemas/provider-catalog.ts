/**
 * The provider catalog, data only: each provider's id (= its file name), the name users see, how it
 * authenticates and what it can do. The provider definitions (utils/providers/index.ts), the
 * settings schema and the Options connection form read it, so Options and the settings schema do
 * not bundle the providers' code.
 */

/** A way of signing in to a provider: what the user fills in, in the form's order. */
export interface AuthOption {
  label: string;
  inputs: readonly ({ field: 'username' | 'clientId' | 'tokenUrl' | 'gtmClientId' } | { secret: SecretName; label: string; multiline?: boolean })[];
}

export type SecretName = 'password' | 'privateKeyPem' | 'clientSecret' | 'apiKey' | 'searchApiKey' | 'gtmClientSecret';

/** The reference server's GTM Studio client with both audience scopes (server/README.md). */
export const GTM_REFERENCE_CLIENT = { id: 'demo-client', secret: 'demo-secret' } as const;

/** The Audiences API's OAuth scopes (api-contract.md §4): reads, and every change. */
export const GTM_SCOPES = { read: 'api:audience:read', manage: 'api:audience:manage' } as const;

export const AUTH_OPTIONS = {
  password: { label: 'Username and password', inputs: [{ field: 'username' }, { secret: 'password', label: 'Password' }] },
  pki: {
    label: 'PKI (private key)',
    inputs: [{ field: 'username' }, { field: 'clientId' }, { secret: 'privateKeyPem', label: 'Private key (PEM)', multiline: true }],
  },
  oauth: { label: 'OAuth 2 client credentials', inputs: [{ field: 'clientId' }, { secret: 'clientSecret', label: 'Client secret' }, { field: 'tokenUrl' }] },
  apiKey: { label: 'API key', inputs: [{ secret: 'apiKey', label: 'API key' }] },
  searchApiKey: { label: 'Search API key', inputs: [{ secret: 'searchApiKey', label: 'Search API key (contacts and companies search)' }] },
  gtmStudio: {
    label: 'GTM Studio OAuth 2 client credentials',
    inputs: [{ field: 'gtmClientId' }, { secret: 'gtmClientSecret', label: 'GTM Studio client secret (lists)' }],
  },
} as const satisfies Record<string, AuthOption>;

export const PROVIDER_CATALOG = {
  enterprise: {
    label: 'the enterprise API',
    /** Settings → authMethod: one of these, or none. */
    auth: ['password', 'pki', 'oauth', 'apiKey'],
    capabilities: ['enrichContacts', 'enrichCompanies', 'intent', 'intentSearch', 'prospectContacts', 'prospectCompanies', 'news', 'scoops', 'orgChart', 'corporateFamily', 'usage', 'lookups'],
  },
  'search-api': {
    label: 'the search API',
    /** Its own key, or the enterprise API key when that is how the user signs in. */
    auth: ['searchApiKey'],
    capabilities: ['searchContacts', 'searchCompanies'],
  },
  'gtm-studio': {
    label: 'GTM Studio',
    /** Its own OAuth 2 client (scopes api:audience:read and api:audience:manage), whatever the enterprise sign-in. */
    auth: ['gtmStudio'],
    capabilities: ['audiences'],
  },
} as const;

export type ProviderId = keyof typeof PROVIDER_CATALOG;
export type AuthMethodId = keyof typeof AUTH_OPTIONS;

/** The sign-in methods the settings offer (the enterprise API's); `none` leaves only the search API. */
export const AUTH_METHODS = ['none', ...PROVIDER_CATALOG.enterprise.auth] as const;
