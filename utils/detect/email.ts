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

/** RFC 5322 dot-atom specials besides letters, digits and '.': !#$%&'*+/=?^_`{|}~- */
const ATOM_SPECIALS = new Set([33, 35, 36, 37, 38, 39, 42, 43, 47, 61, 63, 94, 95, 96, 123, 124, 125, 126, 45]);

/** Code-point checks, no regex per candidate: this runs once per address on a 10,000-row list. */
function validLocal(local: string): boolean {
  const length = local.length;
  if (length === 0 || length > MAX_LOCAL) return false;
  let alnum = false;
  let previous = 46; // as if after a dot: a leading dot fails below
  for (let i = 0; i < length; i++) {
    const c = local.charCodeAt(i);
    if (c === 46) {
      if (previous === 46) return false;
    } else if (isAlnum(c)) alnum = true;
    else if (!ATOM_SPECIALS.has(c)) return false;
    previous = c;
  }
  if (previous === 46 || !alnum) return false;
  // Tracking and message ids (0c9f3a7e5b1d4c2a@…, UUIDs) are not anybody's address.
  return length < 12 || !(/^[0-9a-f]{12,}$/i.test(local) || /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(local));
}

/** Labels of letters, digits and inner hyphens; a letters-only top-level label that names no file or private zone. */
function validDomain(domain: string): boolean {
  const length = domain.length;
  if (length < 4 || length > MAX_DOMAIN) return false;
  let labelStart = 0;
  let labels = 0;
  for (let i = 0; i <= length; i++) {
    const c = i < length ? domain.charCodeAt(i) : 46;
    if (c === 46) {
      const size = i - labelStart;
      if (size === 0 || size > 63 || domain.charCodeAt(labelStart) === 45 || domain.charCodeAt(i - 1) === 45) return false;
      labels++;
      labelStart = i + 1;
    } else if (!isAlnum(c) && c !== 45) return false;
  }
  if (labels < 2) return false;
  const tld = domain.slice(domain.lastIndexOf('.') + 1).toLowerCase();
  if (tld.length < 2 || tld.length > 24) return false;
  for (let i = 0; i < tld.length; i++) {
    const c = tld.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return !FILE_SUFFIXES.has(tld) && !PRIVATE_SUFFIXES.has(tld);
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

function addressAt(text: string, start: number, at: number, stop: number): string | null {
  const local = text.slice(start, at);
  const domain = text.slice(at + 1, stop);
  return validLocal(local) && validDomain(domain) ? `${local}@${domain}`.toLowerCase() : null;
}

export function findEmails(text: string): FoundEmail[] {
  const found: FoundEmail[] = [];
  eachEmail(text, (value, confidence) => found.push({ value, confidence }));
  return found;
}

/** `findEmails` without the array: one call per address (a 10,000-row list allocates nothing more). */
export function eachEmail(text: string, each: (value: string, confidence: number) => void): void {
  let at = text.indexOf('@');
  let consumedTo = 0;
  while (at !== -1) {
    let start = at;
    while (start > consumedTo && at - start < MAX_LOCAL && isLocalChar(text.charCodeAt(start - 1))) start--;
    let end = at + 1;
    while (end < text.length && end - at <= MAX_DOMAIN && isDomainChar(text.charCodeAt(end))) end++;
    // Quotes and dashes before an address are punctuation; dots and dashes after it too.
    while (start < at && (text.charCodeAt(start) === 39 || text.charCodeAt(start) === 45)) start++;
    let stop = end;
    while (stop > at + 1 && (text.charCodeAt(stop - 1) === 46 || text.charCodeAt(stop - 1) === 45)) stop--;
    // Nothing on one side (`@@`, a lone '@'): no address, and no strings cut for it.
    const email = start < at && stop - at > 4 ? addressAt(text, start, at, stop) : null;
    if (email) {
      each(email, 0.99);
      consumedTo = end;
    }
    at = text.indexOf('@', Math.max(at + 1, email ? end : at + 1));
  }
  // Obfuscated forms need the letters of "at"; most texts with a plain '@' lack them.
  if (!MAYBE_OBFUSCATED.test(text)) return;
  for (const email of findObfuscated(text)) each(email.value, email.confidence);
}

/** Cheap gate for the obfuscated forms: "at" after a space or an opening bracket, before a space or a closing one. */
export const MAYBE_OBFUSCATED = /[\s[({]at[\s\])}]/i;
const BRACKET_AT = /[[({]\s{0,3}at\s{0,3}[\])}]/i;
const WORD_AT_DOT = /\sat\s[\s\S]{1,80}\sdot\s/i;

/**
 * `name at domain dot com`, `name [at] domain [dot] com`, `name(at)domain.com`: lower confidence.
 * Plain " at " needs a spelled-out " dot " too, or ordinary prose ("at home.It") would match.
 */
function findObfuscated(text: string): FoundEmail[] {
  if (!BRACKET_AT.test(text) && !WORD_AT_DOT.test(text)) return [];
  const out: FoundEmail[] = [];
  const scanned = text.slice(0, 200_000);
  // Anchored on each spelled "at": a pattern starting with the local part would be tried at every
  // position of the text, each attempt reaching 64 characters ahead.
  const atToken = new RegExp(AT_TOKEN.source, 'gi');
  let consumedTo = 0;
  for (let token = atToken.exec(scanned); token; token = atToken.exec(scanned)) {
    let localEnd = token.index;
    for (let spaces = 0; spaces < 3 && localEnd > consumedTo && isSpace(scanned.charCodeAt(localEnd - 1)); spaces++) localEnd--;
    let localStart = localEnd;
    while (localStart > consumedTo && localEnd - localStart < MAX_LOCAL && isObfuscatedLocalChar(scanned.charCodeAt(localStart - 1))) localStart--;
    if (localStart === localEnd) continue;
    DOMAIN_AFTER_AT.lastIndex = token.index + token[0].length;
    const domainMatch = DOMAIN_AFTER_AT.exec(scanned);
    if (!domainMatch) continue;
    const rest = domainMatch[1] ?? '';
    const spelledDot = /[[({]\s*dot\s*[\])}]|\sdot\s/i.test(rest);
    if (!spelledDot && !BRACKET_AT.test(token[0])) continue;
    const domain = rest.replace(/\s{0,3}(?:[[({]\s{0,3}dot\s{0,3}[\])}]|\sdot\s)\s{0,3}/gi, '.').replace(/\s+/g, '');
    const email = normaliseEmail(`${scanned.slice(localStart, localEnd)}@${domain}`);
    if (!email) continue;
    out.push({ value: email, confidence: 0.7 });
    consumedTo = DOMAIN_AFTER_AT.lastIndex;
    atToken.lastIndex = consumedTo;
  }
  return out;
}

/** A spelled-out "at": `[at]`, `(at)`, `{at}` (spaces allowed inside) or " at ". */
const AT_TOKEN = /[[({]\s{0,3}at\s{0,3}[\])}]|\sat\s/;
/** The domain after a spelled "at", its dots plain or spelled (sticky: tried only where an "at" ends). */
const DOMAIN_AFTER_AT = /\s{0,3}([A-Za-z0-9-]{1,63}(?:\s{0,3}(?:[[({]\s{0,3}dot\s{0,3}[\])}]|\sdot\s|\.)\s{0,3}[A-Za-z0-9-]{1,63}){1,4})/y;

/** Whitespace as `\s` sees it in the texts this reads: space, tab, line breaks, no-break space. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 160;
}

/** The local part of an obfuscated address: letters, digits and `._%+-`. */
function isObfuscatedLocalChar(c: number): boolean {
  return isAlnum(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
}
