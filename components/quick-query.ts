import type { LookupQuery } from '../utils/messaging.ts';

/**
 * What the popup's quick lookup box holds: an email, a domain (or URL), else a company name. The
 * background normalises the value again (registrable domain via tldts); this stays free of tldts
 * so the popup does not carry the public-suffix list.
 */
export function quickQuery(text: string): LookupQuery | null {
  const value = text.trim();
  if (!value) return null;
  const email = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/.exec(value)?.[0];
  if (email) return { kind: 'email', value: email.toLowerCase() };
  const host = value.replace(/^https?:\/\//i, '').split(/[/?#:]/)[0] ?? '';
  if (/^([a-z0-9-]+\.)+[a-z]{2,}$/i.test(host)) {
    return { kind: 'domain', value: host.toLowerCase().replace(/^www\./, '') };
  }
  return value.length <= 200 ? { kind: 'company', value } : null;
}
