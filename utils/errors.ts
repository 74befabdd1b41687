/**
 * Every failure the user can see carries a stable id (for code and tests) and a human sentence
 * (for the UI). `retryable` says whether trying again can help.
 */
/** Failures only data connectors raise (utils/connectors/errors.ts); kept here so they cross the message boundary. */
export const CONNECTOR_ERROR_IDS = [
  'invalid_definition',
  'invalid_import',
  'invalid_logo',
  'endpoint_escapes_base',
  'unknown_placeholder',
  'missing_value',
  'invalid_value',
  'credential_placement',
  'response_too_large',
  'response_not_json',
  'http_error',
  'timeout',
  'network',
  'state_mismatch',
  'access_denied',
  'authorization_failed',
  'reconnect_needed',
  'read_only',
] as const;

export const ERROR_IDS = [
  'not_configured',
  'unauthorized',
  'forbidden',
  'credits_exhausted',
  'rate_limited',
  'timeout',
  'network',
  'server_error',
  'bad_response',
  'invalid_input',
  'invalid_key',
  'not_found',
  'unsupported',
  'refused',
  'internal',
  ...CONNECTOR_ERROR_IDS.filter((id) => id !== 'timeout' && id !== 'network'),
] as const;
export type ErrorId = (typeof ERROR_IDS)[number];

export class SidecarError extends Error {
  override readonly name: string = 'SidecarError';
  readonly id: ErrorId;
  readonly retryable: boolean;

  constructor(id: ErrorId, message: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.id = id;
    this.retryable = options.retryable ?? false;
  }

  toJSON(): SerializedError {
    return { id: this.id, message: this.message, retryable: this.retryable };
  }
}

export interface SerializedError {
  id: ErrorId;
  message: string;
  retryable: boolean;
}

export function toSidecarError(error: unknown): SidecarError {
  if (error instanceof SidecarError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SidecarError('internal', `Something went wrong inside Sidecar: ${message}`, { cause: error });
}
