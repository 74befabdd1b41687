import type { Detection } from '../schemas/detection.ts';
import { siteFor } from '../sites/index.ts';
import { isCompanyDomain, registrableDomain } from './domains.ts';
import { findEmails, normaliseEmail } from './email.ts';
import { detectStructured } from './structured.ts';
import { walk } from './walk.ts';

/**
 * Pure page detection: no extension APIs, so the content script, unit tests (happy-dom) and
 * benchmarks run the same code. `detect` scans a whole root; `createDetector` remembers what it
 * scanned and afterwards looks only at added or changed nodes.
 */

export type { Detection };

/** Links to other sites are weak evidence: reported, but not looked up without the user. */
const LINK_CONFIDENCE = 0.4;
const MAX_LINK_DOMAINS = 50;
const MAYBE_AT = /at/i;
const OBFUSCATED_AT = /\bat\b|[[({]\s*at\s*[\])}]/i;

interface GenericOptions {
  pageDomain: string | null;
  links: boolean;
  /** Filled with the element each email was found in (its text's parent, or the mailto link). */
  anchors?: Map<string, Element>;
}

function genericDetect(root: Node, options: GenericOptions, seen?: WeakSet<Node>): Detection[] {
  const out: Detection[] = [];
  let linkDomains = 0;
  walk(
    root,
    {
      text(node) {
        const value = node.nodeValue ?? '';
        // Cheap gates first: most text has neither an '@' nor the letters of an obfuscated one.
        if (!value.includes('@') && !(MAYBE_AT.test(value) && OBFUSCATED_AT.test(value))) return;
        for (const email of findEmails(value)) {
          out.push({ kind: 'email', value: email.value, source: 'text', confidence: email.confidence });
          if (options.anchors && node.parentElement && !options.anchors.has(`email:${email.value}`)) options.anchors.set(`email:${email.value}`, node.parentElement);
        }
      },
      element(element) {
        if (element.tagName !== 'A') return;
        const href = element.getAttribute('href');
        if (!href) return;
        if (/^mailto:/i.test(href)) {
          const address = safeDecode(href.slice(7).split('?')[0] ?? '');
          for (const part of address.split(',')) {
            const email = normaliseEmail(part.trim());
            if (!email) continue;
            out.push({ kind: 'email', value: email, source: 'mailto', confidence: 0.99 });
            if (options.anchors) options.anchors.set(`email:${email}`, element);
          }
          return;
        }
        if (!options.links || linkDomains >= MAX_LINK_DOMAINS || !/^https?:\/\//i.test(href)) return;
        const domain = registrableDomain(href);
        if (domain && domain !== options.pageDomain && isCompanyDomain(domain)) {
          linkDomains++;
          out.push({ kind: 'domain', value: domain, source: 'link', confidence: LINK_CONFIDENCE });
        }
      },
    },
    seen,
  );
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function siteDetections(root: ParentNode, url: URL): { site: boolean; found: Detection[] } {
  const site = siteFor(url);
  if (!site) return { site: false, found: [] };
  try {
    return { site: true, found: site.detect(root, url) };
  } catch {
    // A site's markup changed under the adapter: generic detection still runs.
    return { site: true, found: [] };
  }
}

/** Identity of a detection within one page (the background derives the canonical key). */
export function detectionKey(d: Detection): string {
  if (d.kind === 'person') return `person:${(d.person?.profileUrl ?? `${d.value}|${d.person?.companyName ?? ''}`).toLowerCase()}`;
  return `${d.kind}:${d.value.toLowerCase()}`;
}

/** One detection per entity: the most confident one wins. */
export function dedupeDetections(detections: Detection[]): Detection[] {
  const best = new Map<string, Detection>();
  for (const d of detections) {
    const key = detectionKey(d);
    const seen = best.get(key);
    if (!seen || d.confidence > seen.confidence) best.set(key, d);
  }
  return [...best.values()];
}

export function detect(root: ParentNode, url: URL, seen?: WeakSet<Node>, anchors?: Map<string, Element>): Detection[] {
  const { site, found } = siteDetections(root, url);
  const ownDomain = registrableDomain(url.hostname);
  const generic = genericDetect(root as unknown as Node, { pageDomain: ownDomain, links: !site || found.length === 0, anchors }, seen);
  const page: Detection[] = [];
  // On a company's own site, the site is the company; CRMs and LinkedIn are not.
  if (!site && ownDomain && isCompanyDomain(ownDomain)) {
    page.push({ kind: 'domain', value: ownDomain, source: 'page', confidence: 0.7 }, ...detectStructured(root));
  }
  return dedupeDetections([...found, ...page, ...generic]);
}

/** Full scan once, then only what changed: nodes already scanned are remembered. */
export function createDetector(url: URL) {
  let seen = new WeakSet<Node>();
  let current = url;
  let ownDomain = registrableDomain(url.hostname);
  let site = siteFor(url);
  let root: ParentNode | null = null;
  // Single-page apps render the record after the first scan: until the site adapter has found
  // something, each drain asks it again (adapters gate on the URL first, so this is cheap).
  let siteSettled = false;
  let anchors = new Map<string, Element>();
  return {
    /** The element an email was found in (badges sit beside it), by `email:<address>`. */
    anchorOf(key: string): Element | undefined {
      const element = anchors.get(key);
      return element?.isConnected ? element : undefined;
    },
    /** Scans everything (first load, in-app navigation). */
    full(scanRoot: ParentNode, at: URL = current): Detection[] {
      seen = new WeakSet<Node>();
      anchors = new Map();
      current = at;
      ownDomain = registrableDomain(at.hostname);
      site = siteFor(at);
      root = scanRoot;
      const found = detect(scanRoot, at, seen, anchors);
      siteSettled = !site || found.some((d) => d.source === site?.id);
      return found;
    },
    /** Scans added or changed nodes only. */
    changed(nodes: Iterable<Node>): Detection[] {
      const out: Detection[] = [];
      for (const node of nodes) {
        if (!node.isConnected) continue;
        if (node.nodeType === 3) seen.delete(node);
        out.push(...genericDetect(node, { pageDomain: ownDomain, links: !site, anchors }, seen));
      }
      if (!siteSettled && root) {
        const { found } = siteDetections(root, current);
        if (found.length > 0) {
          siteSettled = true;
          out.push(...found);
        }
      }
      return dedupeDetections(out);
    },
  };
}
