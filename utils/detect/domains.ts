/**
 * Domain knowledge for detection: registrable domains, and the domains that never mean "a
 * company" — free mail, and platforms every page links to.
 *
 * The content script cannot afford the public suffix list (tldts is ~47 KB gzipped, more than its
 * whole budget), so this covers the suffixes B2B pages use: a two-letter country code under one of
 * the usual second levels (co.uk, com.br, com.au, co.jp…). The background re-derives the canonical
 * registrable domain with tldts (canonicalDomains in utils/lookup/lookup-input.ts) before keying lookups.
 */

export const FREE_MAIL_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'hotmail.co.uk', 'live.com', 'msn.com', 'yahoo.com',
  'yahoo.co.uk', 'ymail.com', 'icloud.com', 'me.com', 'mac.com', 'aol.com', 'proton.me', 'protonmail.com', 'pm.me',
  'gmx.com', 'gmx.de', 'gmx.net', 'web.de', 't-online.de', 'mail.com', 'mail.ru', 'yandex.ru', 'yandex.com', 'qq.com',
  '163.com', '126.com', 'zoho.com', 'fastmail.com', 'hey.com', 'tutanota.com', 'orange.fr', 'free.fr', 'laposte.net',
  'libero.it', 'uol.com.br', 'bol.com.br', 'rediffmail.com', 'naver.com',
]);

/** Sites nearly every page links to: a link to them says nothing about a company on the page. */
export const PLATFORM_DOMAINS = new Set([
  'linkedin.com', 'facebook.com', 'twitter.com', 'x.com', 'instagram.com', 'youtube.com', 'youtu.be', 'tiktok.com',
  'google.com', 'apple.com', 'microsoft.com', 'github.com', 'medium.com', 'wikipedia.org', 'w3.org', 'schema.org',
  'gravatar.com', 'cloudflare.com', 'googleapis.com', 'gstatic.com', 'doubleclick.net', 'bit.ly', 'wordpress.com',
  'salesforce.com', 'force.com', 'hubspot.com', 'pipedrive.com', 'dynamics.com', 'zoominfo.com', 'mailchimp.com',
  'example.com', 'example.org', 'example.net',
  'xing.com', 'pinterest.com', 'vimeo.com', 'npmjs.com', 'gitlab.com', 'githubusercontent.com', 'zoho.eu',
  // The EU's online dispute resolution page, which every German and Austrian shop's Impressum must link.
  'europa.eu',
]);

const SECOND_LEVELS = new Set(['co', 'com', 'net', 'org', 'gov', 'edu', 'ac', 'or', 'ne', 'go', 'gob', 'mil', 'ltd', 'plc', 'nom', 'sch', 'info', 'biz']);

/** The host of a URL or bare host, lower-cased, or null when it is not a DNS name. */
export function hostOf(hostOrUrl: string): string | null {
  let host = hostOrUrl.trim().toLowerCase();
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(host)) {
    try {
      host = new URL(host).hostname;
    } catch {
      return null;
    }
  } else {
    host = host.split(/[/?#:]/)[0] ?? '';
  }
  host = host.replace(/\.$/, '');
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) || /^[\d.]+$/.test(host)) return null;
  const tld = host.slice(host.lastIndexOf('.') + 1);
  return /^[a-z]{2,24}$/.test(tld) || tld.startsWith('xn--') ? host : null;
}

/** The registrable domain of a host or URL (`www.shop.acme.co.uk` → `acme.co.uk`), or null. */
export function registrableDomain(hostOrUrl: string): string | null {
  const host = hostOf(hostOrUrl);
  if (!host) return null;
  const labels = host.split('.');
  const tld = labels[labels.length - 1] ?? '';
  const second = labels[labels.length - 2] ?? '';
  const take = tld.length === 2 && SECOND_LEVELS.has(second) && labels.length >= 3 ? 3 : 2;
  return labels.length >= take ? labels.slice(-take).join('.') : null;
}

/** True for a domain that can stand for a company (not free mail, not a platform). */
export function isCompanyDomain(domain: string): boolean {
  return !FREE_MAIL_DOMAINS.has(domain) && !PLATFORM_DOMAINS.has(domain);
}
