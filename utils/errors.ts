/**
 * Every failure the user can see carries a stable id (for code and tests) and a human sentence
 * (for the UI). `retryable` says whether trying again can help.
 */
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
] as const;
export type ErrorId = (typeof ERROR_IDS)[number];

export class SidecarError extends Error {
  override readonly name = 'SidecarError';
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
