/** Normalisations shared by the seed (stored columns) and the matchers (inputs). */
import { createHash } from 'node:crypto';
import { getDomain, getPublicSuffix } from 'tldts';

/** Lower-case SHA-256 hex of the trimmed, lower-cased address (api-contract.md, enrich input). */
export function emailSha256(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

/** Digits only; `null` when fewer than 6 (not a phone number). */
export function phoneDigits(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 6 ? digits : null;
}

/**
 * `in/<slug>` for a LinkedIn profile URL, whatever its case, `www.`, country subdomain, query or
 * trailing slash; `company/<slug>` for company pages; `null` for anything else.
 */
export function linkedinKey(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url.trim()) ? url.trim() : `https://${url.trim()}`);
  } catch {
    return null;
  }
  const host = parsed.hostname.toLowerCase();
  if (host !== 'linkedin.com' && !host.endsWith('.linkedin.com')) return null;
  const parts = parsed.pathname.split('/').filter((p) => p.length > 0);
  const [kind, slug] = parts;
  if ((kind !== 'in' && kind !== 'company') || !slug) return null;
  let decoded = slug;
  try {
    decoded = decodeURIComponent(slug);
  } catch {
    // keep the raw slug
  }
  return `${kind}/${decoded.toLowerCase()}`;
}

/** Registrable domain (eTLD+1) of any URL or bare domain: `https://www.acme.co.uk/x` → `acme.co.uk`. */
export function registrableDomain(input: string | null | undefined): string | null {
  if (!input) return null;
  const trimmed = input.trim().toLowerCase();
  if (trimmed.length === 0) return null;
  const host = trimmed.includes('@') && !trimmed.includes('/') ? trimmed.slice(trimmed.lastIndexOf('@') + 1) : trimmed;
  return getDomain(host, { allowPrivateDomains: false }) ?? null;
}

/** Public suffix of a domain, without the dot: `acme.co.uk` → `co.uk`. */
export function publicSuffix(domain: string | null | undefined): string | null {
  if (!domain) return null;
  return getPublicSuffix(domain) ?? null;
}

/** Escapes LIKE metacharacters so user text matches literally inside `%…%`. */
export function likeContains(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Strips accents and anything but a-z0-9, for generated email local parts and domains. */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** `2019-03-14T09:00:00Z`: ISO 8601 UTC without milliseconds when they are zero. */
export function isoInstant(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}
