import { z } from 'zod';
import { AudiencesClient, type AudienceAccess } from '../audiences/client.ts';
import { signInClient } from '../auth/credentials.ts';
import { TokenManager, type AccessToken } from '../auth/token-manager.ts';
import { SidecarError } from '../errors.ts';
import { GTM_SCOPES } from '../schemas/provider-catalog.ts';
import { defineProvider, defineProviderPlugin } from './define-provider.ts';

const tokenResponse = z.object({ access_token: z.string().min(1), expires_in: z.number().positive().optional(), scope: z.string().optional() });

/**
 * api-contract.md §4: GTM Studio's Audiences API (Sidecar's lists), signed in to with its own
 * OAuth 2 client (client credentials, both audience scopes asked; a client granted only reads gets
 * a read-only token). The reference server serves it under the enterprise base URL by default.
 */
export default defineProviderPlugin('gtm-studio', ({ settings, secrets, http, tokenStore, now, sleep, fetch }) => {
  const secret = secrets.gtmClientSecret;
  if (!settings.gtmClientId || !secret) return null;
  const origin = (settings.gtmBaseUrl || settings.baseUrl).replace(/\/+$/, '');
  const signIn = signInClient(`${origin}/gtm/oauth/v1/token`, 'GTM Studio sign-in', fetch);
  let scopes: string[] | null = null;

  async function fetchToken(scope: string): Promise<AccessToken & { scope: string }> {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: settings.gtmClientId, client_secret: secret ?? '', scope });
    const { data } = await signIn.request('POST', '', undefined, tokenResponse, { form });
    return { token: data.access_token, expiresAt: Date.now() + (data.expires_in ?? 3600) * 1000, scope: data.scope ?? scope };
  }
  /** Both scopes if the client has them; a read-only client is refused `manage` (400 invalid_scope), so it asks for reads. */
  async function source(): Promise<AccessToken> {
    const token = await fetchToken(`${GTM_SCOPES.read} ${GTM_SCOPES.manage}`).catch((error: unknown) => {
      if (error instanceof SidecarError && error.id === 'invalid_input') return fetchToken(GTM_SCOPES.read);
      throw error;
    });
    scopes = token.scope.split(/\s+/);
    return token;
  }

  const tokens = new TokenManager({ source, store: tokenStore(`gtm|${origin}|${settings.gtmClientId}`), now, sleep });
  const client = new AudiencesClient(
    http({ baseUrl: `${origin}/gtm/studio/v1`, label: 'GTM Studio', limiterKey: `gtm|${origin}`, tokens }),
    async (): Promise<AudienceAccess> => {
      // A token kept from an earlier worker does not say its scope: sign in again once to learn it.
      const token = await tokens.getToken();
      if (scopes === null) {
        await tokens.invalidate(token);
        await tokens.getToken();
      }
      return scopes?.includes(GTM_SCOPES.manage) ? 'manage' : 'read';
    },
  );
  return defineProvider({ id: 'gtm-studio', label: 'GTM Studio', reset: () => tokens.reset() }, { audiences: () => Promise.resolve(client) });
});
