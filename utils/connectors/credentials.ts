/**
 * Credentials by placement, the way n8n and Make model them: one type per way a secret travels,
 * each with the one function that applies it to a built request. Applying never mutates the
 * request it is given.
 */
import type { ConnectorAuth } from './connector.ts';
import { ConnectorError } from './errors.ts';
import type { JsonValue, RequestSpec } from './template.ts';

export interface HeaderCredential {
  type: 'header';
  name: string;
  value: string;
}
export interface QueryCredential {
  type: 'query';
  name: string;
  value: string;
}
export interface BodyCredential {
  type: 'body';
  name: string;
  value: string;
}
export interface BearerCredential {
  type: 'bearer';
  token: string;
}
export interface OAuth2Credential {
  type: 'oauth2';
  accessToken: string;
}
export type Credential = HeaderCredential | QueryCredential | BodyCredential | BearerCredential | OAuth2Credential;

function noLineBreak(value: string, what: string): string {
  if (/[\r\n\0]/.test(value)) throw new ConnectorError('invalid_value', `The ${what} contains a line break; connect again with the right value.`);
  return value;
}

function withHeader(request: RequestSpec, name: string, value: string): RequestSpec {
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([key]) => key.toLowerCase() !== name.toLowerCase()));
  return { ...request, headers: { ...headers, [name]: value } };
}

export function applyHeaderCredential(request: RequestSpec, credential: HeaderCredential): RequestSpec {
  return withHeader(request, credential.name, noLineBreak(credential.value, 'API key'));
}

export function applyQueryCredential(request: RequestSpec, credential: QueryCredential): RequestSpec {
  const url = new URL(request.url.href);
  url.searchParams.set(credential.name, credential.value);
  return { ...request, url };
}

export function applyBodyCredential(request: RequestSpec, credential: BodyCredential): RequestSpec {
  if (request.method === 'GET') throw new ConnectorError('credential_placement', 'This connector sends its API key in the body, but the action is a GET request, which has no body; place the key in a header or query parameter.');
  const body: JsonValue = request.json ?? {};
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ConnectorError('credential_placement', 'This connector sends its API key in the body, which needs the body to be a JSON object.');
  }
  return { ...withHeader(request, 'Content-Type', 'application/json'), json: { ...body, [credential.name]: credential.value } };
}

export function applyBearerCredential(request: RequestSpec, credential: BearerCredential): RequestSpec {
  return withHeader(request, 'Authorization', `Bearer ${noLineBreak(credential.token, 'token')}`);
}

export function applyOAuth2Credential(request: RequestSpec, credential: OAuth2Credential): RequestSpec {
  return withHeader(request, 'Authorization', `Bearer ${noLineBreak(credential.accessToken, 'access token')}`);
}

export function applyCredential(request: RequestSpec, credential: Credential): RequestSpec {
  switch (credential.type) {
    case 'header':
      return applyHeaderCredential(request, credential);
    case 'query':
      return applyQueryCredential(request, credential);
    case 'body':
      return applyBodyCredential(request, credential);
    case 'bearer':
      return applyBearerCredential(request, credential);
    case 'oauth2':
      return applyOAuth2Credential(request, credential);
  }
}

/** The credential a connector's auth settings make of a stored secret (API key or access token). */
export function credentialFor(auth: ConnectorAuth, secret: string): Credential {
  if (auth.type === 'oauth2') return { type: 'oauth2', accessToken: secret };
  return { type: auth.placement, name: auth.keyName, value: secret };
}
