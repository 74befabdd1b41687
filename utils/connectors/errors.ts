/**
 * Connector failures: a stable id for code and tests, a sentence for the admin or rep, and whether
 * trying again can help — the same shape as SidecarError (utils/errors.ts), with the ids that only
 * connectors raise.
 */
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
] as const;
export type ConnectorErrorId = (typeof CONNECTOR_ERROR_IDS)[number];

export class ConnectorError extends Error {
  override readonly name = 'ConnectorError';
  readonly id: ConnectorErrorId;
  readonly retryable: boolean;

  constructor(id: ConnectorErrorId, message: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.id = id;
    this.retryable = options.retryable ?? false;
  }

  toJSON(): { id: ConnectorErrorId; message: string; retryable: boolean } {
    return { id: this.id, message: this.message, retryable: this.retryable };
  }
}
