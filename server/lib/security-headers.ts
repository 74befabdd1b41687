/**
 * Headers of the server's HTML pages (/docs, /demo/, a consent page): a Content-Security-Policy
 * that runs only the page's own inline <script> and <style> blocks (allowed by their SHA-256, so
 * the pages need no nonce plumbing) and that no other site may frame (clickjacking: a framed
 * consent page can be approved by a click the user meant for something else), plus
 * X-Frame-Options for browsers without frame-ancestors. Every response gets nosniff.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

export interface SecurityHeaderOptions {
  /**
   * Where the page's forms may submit, beyond 'self'. Browsers also check the redirects that
   * follow a submission, so a consent page lists the redirect URIs it sends the user back to.
   */
  formAction?: readonly string[];
}

const INLINE_BLOCK = /<(script|style)\b([^>]*)>([\s\S]*?)<\/\1\s*>/gi;

function sha256Source(content: string): string {
  return `'sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}'`;
}

/** The policy for this page: its inline blocks by hash, everything else from this origin only. */
export function contentSecurityPolicy(html: string, options: SecurityHeaderOptions = {}): string {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  for (const [, tag, attributes, content] of html.matchAll(INLINE_BLOCK)) {
    if (content === undefined || /\bsrc\s*=/i.test(attributes ?? '')) continue;
    (tag?.toLowerCase() === 'script' ? scripts : styles).add(sha256Source(content));
  }
  const sources = (set: Set<string>) => (set.size > 0 ? [...set].join(' ') : "'none'");
  return [
    "default-src 'none'",
    `script-src ${sources(scripts)}`,
    `style-src ${sources(styles)}`,
    "img-src 'self' data:",
    "connect-src 'self'",
    `form-action ${["'self'", ...(options.formAction ?? [])].join(' ')}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Adds the headers to HTML responses (nosniff to all). A policy already set is kept: a page with
 * needs of its own mounts this with its options on its path, and the app-wide one leaves it be.
 */
export function securityHeaders(options: SecurityHeaderOptions = {}): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!(c.res.headers.get('content-type') ?? '').includes('text/html')) {
      c.res.headers.set('X-Content-Type-Options', 'nosniff');
      return;
    }
    // A new response: headers added to @hono/node-server's lightweight one around a read of its body can miss the wire (2.1.8).
    const page = await c.res.text();
    const res = new Response(page, { status: c.res.status, statusText: c.res.statusText, headers: c.res.headers });
    if (!res.headers.has('Content-Security-Policy')) res.headers.set('Content-Security-Policy', contentSecurityPolicy(page, options));
    res.headers.set('X-Content-Type-Options', 'nosniff');
    res.headers.set('X-Frame-Options', 'DENY');
    res.headers.set('Referrer-Policy', 'no-referrer');
    c.res = res;
  };
}
