import { companyKey } from '../detect/company-name.ts';
import { linkedinProfileUrl } from '../detect/linkedin-url.ts';
import type { Detection } from '../schemas/detection.ts';

/**
 * The one identifier of what a detection stands for: the per-tab entity key, the cache key and the
 * badge key, computed the same way by the content script and the worker. No public suffix list (it
 * would outweigh the content script's budget): a domain arrives registrable already, from
 * detection (utils/detect/domains.ts) or from the worker's normalisation with tldts
 * (utils/lookup/lookup-input.ts).
 */
export function entityKey(d: Pick<Detection, 'kind' | 'value' | 'person'>): string {
  switch (d.kind) {
    case 'email':
    case 'domain':
      return `${d.kind}:${d.value.trim().toLowerCase()}`;
    case 'company':
      return `company:${collapse(d.value)}`;
    case 'person': {
      const profile = d.person?.profileUrl ? linkedinProfileUrl(d.person.profileUrl) : null;
      if (profile) return `person:${profile}`;
      return `person:${collapse(d.person?.fullName ?? d.value)}|${collapse(d.person?.companyName ?? '')}`;
    }
  }
}

/**
 * When two detections are one entity: the same entity key, except that a company is named with or
 * without its legal form ("Kräuterhof Sonnleitner GmbH" in JSON-LD, "Kräuterhof Sonnleitner" in
 * og:site_name) — the provider matches names without it, and a page lists the company once.
 */
export function sameEntityKey(d: Pick<Detection, 'kind' | 'value' | 'person'>): string {
  return d.kind === 'company' ? `company:${companyKey(d.value)}` : entityKey(d);
}

/** One detection per entity, the most confident, with its entity key. */
export function dedupe(detections: Detection[]): { key: string; detection: Detection }[] {
  const best = new Map<string, Detection>();
  for (const d of detections) {
    const same = sameEntityKey(d);
    const seen = best.get(same);
    if (!seen || d.confidence > seen.confidence) best.set(same, d);
  }
  return [...best.values()].map((detection) => ({ key: entityKey(detection), detection }));
}

function collapse(s: string): string {
  return s.trim().replace(/\s+/g, ' ').toLowerCase();
}
