/**
 * The client's IP address, for per-IP limits. The socket's remote address, unless TRUST_PROXY
 * says how many proxies of ours stand in front: then X-Forwarded-For is read from the right, one
 * entry per trusted proxy (each appends the address it received from). Entries further left were
 * written by the client and prove nothing, which is why it is never read without TRUST_PROXY.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { errorResponse } from './errors.ts';
import { SlidingWindowLimiter } from './rate-limit.ts';

/** `trustedProxies` = TRUST_PROXY: 0 believes only the socket. */
export function clientIp(c: Context, trustedProxies: number): string {
  let socketAddress = 'unknown';
  try {
    socketAddress = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // Not served by @hono/node-server (app.request in a test): no socket to ask.
  }
  if (trustedProxies <= 0) return socketAddress;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  const chain = [...forwarded, socketAddress];
  return chain[Math.max(0, chain.length - 1 - trustedProxies)] ?? socketAddress;
}

/** Sliding-window limits per client IP, answered with the enterprise API's 429 (errors envelope, Retry-After). */
export function perIpLimit(options: { perSecond: number; perMinute: number; trustedProxies: number; what: string }): MiddlewareHandler {
  const limiter = new SlidingWindowLimiter(options.perSecond, options.perMinute);
  return async (c, next) => {
    const decision = limiter.take(clientIp(c, options.trustedProxies));
    if (!decision.allowed) {
      return errorResponse(
        c,
        'rate_limited',
        `Too many ${options.what} from this address: at most ${options.perSecond} per second and ${options.perMinute} per minute; retry after ${decision.retryAfterSeconds} s.`,
        { 'Retry-After': String(decision.retryAfterSeconds) },
      );
    }
    await next();
  };
}
