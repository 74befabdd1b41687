/**
 * "Connect" for an OAuth connector: the consent page in the browser's auth window
 * (identity.launchWebAuthFlow), then the code exchange. A closed window, a denial or a state
 * mismatch stores nothing, so the connector stays as it was, and says why in one sentence.
 */
import type { ConnectorDefinition } from './connector.ts';
import { ConnectorError } from './errors.ts';
import type { ConnectorExecutor } from './executor.ts';
import { oauthSettings } from './executor.ts';
import { completeAuthorization, startAuthorization } from './oauth.ts';
import type { ConnectorSecrets } from './connector-secrets.ts';

export interface OAuthConnectDeps {
  executor: ConnectorExecutor;
  secrets: ConnectorSecrets;
  redirectUrl: string;
  /** Opens the consent page interactively; resolves with the URL the provider redirected to. */
  launch: (url: string) => Promise<string>;
  fetch?: typeof fetch;
  now?: () => number;
}

export async function connectOAuth(definition: ConnectorDefinition, deps: OAuthConnectDeps): Promise<void> {
  const settings = oauthSettings(definition, deps.redirectUrl);
  const { url, pending } = await startAuthorization(settings);
  let redirectedTo: string;
  try {
    redirectedTo = await deps.launch(url.href);
  } catch (error) {
    throw new ConnectorError('access_denied', `The sign-in window for "${definition.name}" closed before you approved, so the connector stays unconnected. Choose Connect again to retry.`, { cause: error });
  }
  const { clientSecret } = await deps.secrets.get(definition.id);
  const tokens = await completeAuthorization(settings, pending, redirectedTo, { clientSecret, fetch: deps.fetch, now: deps.now });
  await (await deps.executor.session(definition)).connected(tokens);
}
