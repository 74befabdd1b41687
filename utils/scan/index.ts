import type { Detection } from '../schemas/detection.ts';
import { siteFor } from '../sites/index.ts';
import { dedupe, sameEntityKey } from '../lookup/entity-key.ts';
import { isCompanyDomain, registrableDomain } from '../detect/domains.ts';
import { genericDetect, MAX_LINK_DOMAINS } from '../detect/generic.ts';
import { detectStructured } from '../detect/structured.ts';
import { createHiddenCheck, openShadowRoots } from '../detect/walk.ts';

/**
 * A page's detections: its site adapter's (utils/sites), the page's own structured data and the
 * generic detectors (utils/detect), one per entity. Pure: no extension APIs, so the content
 * script, unit tests (happy-dom) and benchmarks run the same code. `detect` scans a whole root;
 * `createDetector` remembers what it scanned and afterwards looks only at added or changed nodes.
 */

export type { Detection };

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

/** One detection per entity on a page: the most confident one wins. */
function dedupeDetections(detections: Detection[]): Detection[] {
  return dedupe(detections).map(({ detection }) => detection);
}

interface ScanState {
  anchors?: Map<string, Element>;
  parsed?: WeakMap<Text, string>;
  onShadowRoot?: (root: ShadowRoot) => void;
  shadowHosts?: boolean;
  linkBudget?: { left: number };
}

function scanPage(root: ParentNode, url: URL, state: ScanState = {}): { site: boolean; found: Detection[] } {
  const { site, found } = siteDetections(root, url);
  const ownDomain = registrableDomain(url.hostname);
  const generic = genericDetect(root as unknown as Node, { pageDomain: ownDomain, links: !site || found.length === 0, ...state });
  const page: Detection[] = [];
  // On a company's own site, the site is the company; CRMs and LinkedIn are not.
  if (!site && ownDomain && isCompanyDomain(ownDomain)) {
    page.push({ kind: 'domain', value: ownDomain, source: 'page', confidence: 0.7 }, ...detectStructured(root, url));
  }
  return { site: site && found.length > 0, found: dedupeDetections([...found, ...page, ...generic]) };
}

/** Everything `root` shows at `url`: the site adapter's detections, then generic ones, one per entity. */
export function detect(root: ParentNode, url: URL): Detection[] {
  return scanPage(root, url).found;
}

export interface DetectorOptions {
  /** Called with each open shadow root a scan enters: mutations inside it are not seen by an observer of the document. */
  onShadowRoot?: (root: ShadowRoot) => void;
}

/**
 * Full scan once, then only what changed. What the detector has returned is remembered (by
 * entity), so nothing comes back twice; text parsed by `changed()` is remembered per node with its
 * value (a WeakMap: removed nodes are not kept alive), so a node the observer reports again — a
 * parent re-reported with its new child, a moved subtree — is walked but not parsed again, while a
 * text whose value changed is. The full scan does not fill that map: on a 10,000-row list its
 * 10,000 entries cost more than the rare re-parse they would save.
 */
export function createDetector(url: URL, options: DetectorOptions = {}) {
  let parsed = new WeakMap<Text, string>();
  /** Keys of everything returned since the last full scan; built on the first `changed()` (off the first scan's clock). */
  let returned: Set<string> | null = null;
  let lastFull: Detection[] = [];
  let current = url;
  let ownDomain = registrableDomain(url.hostname);
  let site = siteFor(url);
  let root: ParentNode | null = null;
  // Single-page apps render the record after the first scan: until the site adapter has found
  // something, each drain asks it again (adapters gate on the URL first, so this is cheap).
  let siteSettled = false;
  let anchors = new Map<string, Element>();
  let linkBudget = { left: MAX_LINK_DOMAINS };
  let shadowSearched = false;
  const fresh = (detections: Detection[]) => {
    returned ??= new Set(lastFull.map(sameEntityKey));
    lastFull = [];
    const out: Detection[] = [];
    for (const d of detections) {
      const key = sameEntityKey(d);
      if (returned.has(key)) continue;
      returned.add(key);
      out.push(d);
    }
    return out;
  };
  return {
    /** The element an email was found in (badges sit beside it), by `email:<address>`. */
    anchorOf(key: string): Element | undefined {
      const element = anchors.get(key);
      return element?.isConnected ? element : undefined;
    },
    /** Scans everything (first load, in-app navigation) and forgets what came before. */
    full(scanRoot: ParentNode, at: URL = current): Detection[] {
      parsed = new WeakMap();
      returned = null;
      anchors = new Map();
      linkBudget = { left: MAX_LINK_DOMAINS };
      current = at;
      ownDomain = registrableDomain(at.hostname);
      site = siteFor(at);
      root = scanRoot;
      // Shadow hosts are searched for now only where the site is known to render in shadow DOM;
      // elsewhere `shadowRoots()` finds them later, when the page is idle.
      shadowSearched = site?.shadowDom === true;
      const scan = scanPage(scanRoot, at, { anchors, linkBudget, onShadowRoot: options.onShadowRoot, shadowHosts: shadowSearched });
      siteSettled = !site || scan.site;
      lastFull = scan.found;
      return scan.found;
    },
    /**
     * The document's open shadow roots, when the last full scan did not search for them (once per
     * full scan): pass them to `changed()`.
     */
    shadowRoots(): ShadowRoot[] {
      if (shadowSearched || !root) return [];
      shadowSearched = true;
      return openShadowRoots(root as unknown as Document);
    },
    /** Scans added or changed nodes only (nodes inside another reported node are walked once); returns only what is new. */
    changed(nodes: Iterable<Node>): Detection[] {
      const batch = new Set(nodes);
      const hidden = createHiddenCheck();
      const out: Detection[] = [];
      for (const node of batch) {
        if (!node.isConnected || insideAnother(node, batch)) continue;
        out.push(...genericDetect(node, { pageDomain: ownDomain, links: !site, anchors, parsed, hidden, linkBudget, onShadowRoot: options.onShadowRoot }));
      }
      if (!siteSettled && root) {
        const { found } = siteDetections(root, current);
        if (found.length > 0) {
          siteSettled = true;
          out.push(...found);
        }
      }
      return fresh(dedupeDetections(out));
    },
  };
}

export type Detector = ReturnType<typeof createDetector>;

/** True when an ancestor of `node` (within its tree) is also in `batch`. */
function insideAnother(node: Node, batch: Set<Node>): boolean {
  for (let parent = node.parentNode; parent; parent = parent.parentNode) {
    if (batch.has(parent)) return true;
  }
  return false;
}
