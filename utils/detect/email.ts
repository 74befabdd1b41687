import { registrableDomain } from './domains.ts';

/**
 * Emails in text, found in linear time: the text is only scanned around each `@`, with bounded
 * reaches either side (no regex runs over the whole text, so no catastrophic backtracking on
 * `"a".repeat(50000) + "@"`).
 */

export interface FoundEmail {
  value: string;
  confidence: number;
}

/** Character classes as code-point tests: a regex per character is the finder's hot loop. */
function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
/** [A-Za-z0-9._%+'-] */
function isLocalChar(c: number): boolean {
  return isAlnum(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 39 || c === 45;
}
/** [A-Za-z0-9.-] */
function isDomainChar(c: number): boolean {
  return isAlnum(c) || c === 46 || c === 45;
}
const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;
/** Suffixes of file names that look like addresses: logo@2x.png, icon@3x.webp. */
/** Names that never resolve on the internet (RFC 2606, 6761, 6762; ICANN's .internal): dev@db.internal. */
const PRIVATE_SUFFIXES = new Set(['localhost', 'local', 'internal', 'intranet', 'lan', 'home', 'corp', 'test', 'invalid', 'example', 'localdomain']);
const FILE_SUFFIXES = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'avif', 'ico', 'bmp', 'css', 'js', 'mjs', 'map', 'json', 'woff', 'woff2', 'ttf', 'mp4', 'webm', 'pdf', 'zip']);

function validLocal(local: string): boolean {
  if (local.length === 0 || local.length > MAX_LOCAL) return false;
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  // RFC 5322 dot-atom characters only (mailto: and attribute values reach here unfiltered).
  if (!/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+$/.test(local)) return false;
  // Tracking and message ids (0c9f3a7e5b1d4c2a@…, UUIDs) are not anybody's address.
  if (/^[0-9a-f]{12,}$/i.test(local) || /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(local)) return false;
  return /[A-Za-z0-9]/.test(local);
}

function validDomain(domain: string): boolean {
  if (domain.length < 4 || domain.length > MAX_DOMAIN || !domain.includes('.')) return false;
  const labels = domain.split('.');
  if (labels.some((l) => l.length === 0 || l.length > 63 || l.startsWith('-') || l.endsWith('-'))) return false;
  const tld = labels[labels.length - 1] ?? '';
  if (!/^[a-z]{2,24}$/i.test(tld) || FILE_SUFFIXES.has(tld.toLowerCase()) || PRIVATE_SUFFIXES.has(tld.toLowerCase())) return false;
  return registrableDomain(domain) !== null;
}

/** Checks and normalises one candidate address; null if it is not one. */
export function normaliseEmail(raw: string): string | null {
  const at = raw.lastIndexOf('@');
  if (at <= 0) return null;
  const local = raw.slice(0, at);
  const domain = raw.slice(at + 1).replace(/\.$/, '');
  if (!validLocal(local) || !validDomain(domain)) return null;
  return `${local}@${domain}`.toLowerCase();
}

export function findEmails(text: string): FoundEmail[] {
  const found: FoundEmail[] = [];
  let at = text.indexOf('@');
  let consumedTo = 0;
  while (at !== -1) {
    let start = at;
    while (start > consumedTo && at - start < MAX_LOCAL && isLocalChar(text.charCodeAt(start - 1))) start--;
    let end = at + 1;
    while (end < text.length && end - at <= MAX_DOMAIN && isDomainChar(text.charCodeAt(end))) end++;
    // Quotes and dashes before an address are punctuation; a leading dot makes it no address.
    const local = text.slice(start, at).replace(/^['-]+/, '');
    const domain = text.slice(at + 1, end).replace(/[.-]+$/, '');
    const email = normaliseEmail(`${local}@${domain}`);
    if (email) {
      found.push({ value: email, confidence: 0.99 });
      consumedTo = end;
    }
    at = text.indexOf('@', Math.max(at + 1, email ? end : at + 1));
  }
  found.push(...findObfuscated(text));
  return found;
}

const BRACKET_AT = /[[({]\s{0,3}at\s{0,3}[\])}]/i;
const WORD_AT_DOT = /\sat\s[\s\S]{1,80}\sdot\s/i;

/**
 * `name at domain dot com`, `name [at] domain [dot] com`, `name(at)domain.com`: lower confidence.
 * Plain " at " needs a spelled-out " dot " too, or ordinary prose ("at home.It") would match.
 */
function findObfuscated(text: string): FoundEmail[] {
  if (!BRACKET_AT.test(text) && !WORD_AT_DOT.test(text)) return [];
  const out: FoundEmail[] = [];
  const pattern =
    /([A-Za-z0-9._%+-]{1,64})\s{0,3}(?:[[({]\s{0,3}at\s{0,3}[\])}]|\sat\s)\s{0,3}([A-Za-z0-9-]{1,63}(?:\s{0,3}(?:[[({]\s{0,3}dot\s{0,3}[\])}]|\sdot\s|\.)\s{0,3}[A-Za-z0-9-]{1,63}){1,4})/gi;
  for (const match of text.slice(0, 200_000).matchAll(pattern)) {
    const [whole, local = '', rest = ''] = match;
    const spelledDot = /[[({]\s*dot\s*[\])}]|\sdot\s/i.test(rest);
    const bracketAt = BRACKET_AT.test(whole);
    if (!bracketAt && !spelledDot) continue;
    const domain = rest.replace(/\s{0,3}(?:[[({]\s{0,3}dot\s{0,3}[\])}]|\sdot\s)\s{0,3}/gi, '.').replace(/\s+/g, '');
    const email = normaliseEmail(`${local}@${domain}`);
    if (email) out.push({ value: email, confidence: 0.7 });
  }
  return out;
}
