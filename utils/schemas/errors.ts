import { z } from 'zod';

/** Stable error ids of both provider contracts (api-contract.md, "Conventions"). */
export const apiErrorId = z.enum([
  'invalid_input',
  'unauthorized',
  'forbidden',
  'not_found',
  'payload_too_large',
  'rate_limited',
  'credits_exhausted',
  'internal',
]);
export type ApiErrorId = z.infer<typeof apiErrorId>;

export const apiError = z.object({
  id: apiErrorId,
  code: z.number().int(),
  details: z.string(),
});
export type ApiError = z.infer<typeof apiError>;

/** Every error response, in both contracts, carries this envelope. */
export const apiErrorEnvelope = z.object({ errors: z.array(apiError).min(1) });
export type ApiErrorEnvelope = z.infer<typeof apiErrorEnvelope>;

export const API_ERROR_STATUS: Record<ApiErrorId, number> = {
  invalid_input: 400,
  unauthorized: 401,
  credits_exhausted: 402,
  forbidden: 403,
  not_found: 404,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
};
