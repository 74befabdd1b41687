import { MatchPattern } from '@webext-core/match-patterns';
import type { Detection } from '../../schemas/detection.ts';

/**
 * One site adapter: data-like and self-testing (the github-url-detection model). Every adapter has
 * the same shape; sites.test.ts proves each matches its own test URLs and none of the others'.
 */
export interface Site {
  /** = file name */
  id: string;
  name: string;
  /** Match patterns (also the content script's and host permissions' patterns). */
  matches: readonly string[];
  /** Real URLs this adapter is for. */
  testUrls: readonly string[];
  /** Detections from the site's own structure; empty when its markup is not recognised. */
  detect(root: ParentNode, url: URL): Detection[];
  /**
   * The site renders its fields inside open shadow roots (Lightning, Dynamics): the first scan looks
   * for shadow hosts at once. Elsewhere that search waits for an idle moment after the first scan.
   */
  shadowDom?: boolean;
  /** The element a badge for this detection should sit beside, when the site has a better spot. */
  badgeAnchor?(root: ParentNode, detection: Detection): Element | null;
}

export function defineSite(site: Site): Site & { includes(url: URL): boolean } {
  const patterns = site.matches.map((m) => new MatchPattern(m));
  return { ...site, includes: (url) => patterns.some((p) => p.includes(url)) };
}
