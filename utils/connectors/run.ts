/**
 * One run of an action, the core of "Test API" and of every Enrich, Connect and Retrieve call:
 * build the request from the templates, apply the credential, send it within the response bounds,
 * extract the outputs. Browser-free; the worker adds the limiter and the secret store around it.
 */
import type { ConnectorAction, ConnectorDefinition } from './connector.ts';
import { applyCredential, type Credential } from './credentials.ts';
import { extractOutputs, type ExtractedOutput } from './outputs.ts';
import { sendRequest, type ConnectorResponse, type SendOptions } from './response.ts';
import { buildRequest, toFetchArgs } from './template.ts';

export interface ActionRun extends ConnectorResponse {
  /** The action's outputs from a 2xx answer; empty otherwise. */
  outputs: ExtractedOutput[];
}

export async function runAction(
  connector: Pick<ConnectorDefinition, 'baseUrl'>,
  action: ConnectorAction,
  values: Readonly<Record<string, string>>,
  credential: Credential | null,
  options: SendOptions = {},
): Promise<ActionRun> {
  const built = buildRequest(connector.baseUrl, action, values);
  const request = credential ? applyCredential(built, credential) : built;
  const [url, init] = toFetchArgs(request, connector.baseUrl);
  const response = await sendRequest(url, init, options);
  const ok = response.status >= 200 && response.status < 300;
  return { ...response, outputs: ok && response.json !== null ? extractOutputs(response.json, action.outputs) : [] };
}
