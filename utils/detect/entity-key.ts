import { getDomain } from 'tldts';
import type { Detection } from '../schemas/detection.ts';

/**
 * The normalised identifier of a detection: the cache key, the per-tab entity key and the badge's
 * key are all this one string, so the content script and the background agree on it.
 */
export function entityKey(d: Pick<Detection, 'kind' | 'value' | 'person'>): string {
  switch (d.kind) {
    case 'email':
      return `email:${d.value.trim().toLowerCase()}`;
    case 'domain':
      return `domain:${getDomain(d.value.trim().toLowerCase()) ?? d.value.trim().toLowerCase()}`;
    case 'company':
      return `company:${collapse(d.value)}`;
    case 'person': {
      const profile = d.person?.profileUrl ? linkedinProfileUrl(d.person.profileUrl) : null;
      if (profile) return `person:${profile}`;
      const name = collapse(d.person?.fullName ?? d.value);
      return `person:${name}|${collapse(d.person?.companyName ?? '')}`;
    }
  }
}

function collapse(s: string): string {
  return s.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** https://www.linkedin.com/in/<slug>, lower-case, no trailing slash; null if not a profile URL. */
export function linkedinProfileUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw, 'https://www.linkedin.com');
  } catch {
    return null;
  }
  if (!/(^|\.)linkedin\.com$/i.test(url.hostname)) return null;
  const match = /^\/in\/([^/?#]+)/i.exec(url.pathname);
  if (!match?.[1]) return null;
  return `https://www.linkedin.com/in/${decodeURIComponent(match[1]).toLowerCase()}`;
}
