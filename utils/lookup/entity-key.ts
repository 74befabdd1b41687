import { getDomain } from 'tldts';
import type { Detection } from '../schemas/detection.ts';
import { linkedinProfileUrl } from '../detect/linkedin-url.ts';

/**
 * The normalised identifier of a detection: the cache key and the per-tab entity key. Domains are
 * reduced to their registrable domain with tldts here, in the background — the full public suffix
 * list is ~47 KB gzipped, more than the content script's whole budget.
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
