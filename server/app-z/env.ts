/** The Hono env of the App-Z sub-app: how the request authenticated, for the handlers and the log. */
import type { AppZScope } from './oauth-store.ts';
import type { CredentialPlacement } from './request-log.ts';

export interface AppZEnv {
  Variables: {
    credential: CredentialPlacement;
    /** Scopes of the access token; an API key may do everything. */
    scopes: readonly AppZScope[];
  };
}
