/**
 * How a delivery proves where it comes from. Every POST carries the webhook's verification token
 * (x-zoominfo-token, as published) and X-Sidecar-Signature: `t=<unix seconds>,v1=<hex>`, the
 * HMAC-SHA256, keyed with the verification token, of `<t>.<raw body>`. A receiver recomputes it
 * over the bytes it received and refuses a timestamp more than 5 minutes
 * away from its clock, so a captured delivery cannot be replayed later (server/README.md, "Webhooks").
 */
import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-sidecar-signature';
export const TOKEN_HEADER = 'x-zoominfo-token';

export function sign(token: string, body: string, atSeconds: number): string {
  const mac = createHmac('sha256', token).update(`${atSeconds}.${body}`).digest('hex');
  return `t=${atSeconds},v1=${mac}`;
}

