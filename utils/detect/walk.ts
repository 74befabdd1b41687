/**
 * Walks what the user can read: text nodes and links, into open shadow roots (Lightning and
 * Dynamics render fields there), skipping scripts, styles, form internals and Sidecar's own UI.
 * Reads `textContent`/`nodeValue` only — never `innerText`, which forces layout.
 *
 * Cost is what matters on a 100,000-node CRM list: the browser iterates (a SHOW_TEXT TreeWalker,
 * `querySelectorAll`), script only looks at each text's value, and the "is this hidden from the
 * user?" question is asked only of the few texts and links that could hold something, answered
 * from their ancestors and remembered per element for the rest of the scan.
 */

const SKIPPED_TAGS = ['script', 'style', 'noscript', 'template', 'textarea', 'option', 'select', 'iframe', 'svg', 'head', 'meta', 'title', 'code', 'pre'];
const SKIP = new Set(SKIPPED_TAGS);
/** Sidecar's own in-page UI (badges) carries this attribute. */
export const OWN_UI_ATTRIBUTE = 'data-sidecar';

const ELEMENT = 1;
const TEXT = 3;
const DOCUMENT = 9;
const FRAGMENT = 11;
/** NodeFilter.SHOW_TEXT (not the global: workers and Node have no NodeFilter). */
const SHOW_TEXT = 4;
const SHOW_ELEMENT = 1;
/** XPathResult.ORDERED_NODE_SNAPSHOT_TYPE */
const ORDERED_SNAPSHOT = 7;
const MAILTO = 'a[href^="mailto:" i]';
const HTTP_LINK = 'a[href^="http" i]';
const MAX_LINKS = 2000;
/**
 * Regions skipped with all their descendants, raw-text elements (script, style…) among them. One
 * selector each: Blink answers a single selector over 100,000 nodes in a fraction of a millisecond,
 * the same selectors as one list about three times slower (measured in bench:detect's page). A
 * document's text is walked from its body, so what only lives in the head is not asked for, nor
 * `template` (its content is not part of the tree).
 */
const NOT_IN_BODY = new Set(['head', 'meta', 'title', 'template']);
/**
 * Hidden without a stylesheet's help: the `hidden` attribute and an inline `display: none` (a
 * retired address kept in the markup, a print-only footer). Hiding by class would need computed
 * style, which is not asked for.
 */
const INLINE_NONE = /display:\s?none/i;
/** Hidden by markup (`hidden`, `aria-hidden`, inline `display: none`): for adapters that query elements directly. */
export const HIDDEN_BY_MARKUP = '[aria-hidden="true"], [hidden], [style*="display:none" i], [style*="display: none" i]';
/**
 * Each selector is a pass over the document (about 1.3 ms on bench:detect's page): the inline-hidden
 * candidates share one, `[style*="display" i]` also matching what is displayed, which isSkipped()
 * sorts out.
 */
const SKIPPED_REGIONS = [...SKIPPED_TAGS.filter((tag) => !NOT_IN_BODY.has(tag)), '[aria-hidden="true"]', `[${OWN_UI_ATTRIBUTE}]`, '[hidden], [style*="display" i]'];

/** True for an element whose content the user does not read as page text. */
export function isSkipped(element: Element): boolean {
  if (SKIP.has(element.localName)) return true;
  // Most elements have no attributes: hasAttributes() answers without allocating a NamedNodeMap.
  if (!element.hasAttributes()) return false;
  if (element.hasAttribute(OWN_UI_ATTRIBUTE) || element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  const style = element.getAttribute('style');
  return style !== null && INLINE_NONE.test(style);
}

export type HiddenCheck = (node: Node) => boolean;

/**
 * "Is this node inside something the user does not read?" — its own element and every ancestor,
 * across shadow boundaries to the host. Answers are remembered per element for the check's
 * lifetime (one scan), so siblings cost one lookup each.
 */
export function createHiddenCheck(): HiddenCheck {
  const known = new Map<Node, boolean>();
  const hidden = (node: Node): boolean => {
    const path: Node[] = [];
    // A shadow root itself is hidden when its host is (handled in the loop).
    let current: Node | null = node.nodeType === ELEMENT || node.nodeType === FRAGMENT ? node : node.parentNode;
    let result = false;
    while (current) {
      const cached = known.get(current);
      if (cached !== undefined) {
        result = cached;
        break;
      }
      if (current.nodeType === FRAGMENT) {
        // A shadow root: hidden exactly when its host is.
        const host = (current as ShadowRoot).host as Element | undefined;
        result = host ? hidden(host) : false;
        break;
      }
      if (current.nodeType !== ELEMENT) break;
      path.push(current);
      if (isSkipped(current as Element)) {
        result = true;
        break;
      }
      current = current.parentNode;
    }
    for (const element of path) known.set(element, result);
    return result;
  };
  return hidden;
}

export interface WalkOptions {
  /**
   * Whether a document's shadow hosts are searched for (default true). The search visits every
   * element; the content script skips it on a first scan where no shadow DOM is expected and hands
   * the roots of `openShadowRoots()` to an incremental scan when the page is idle.
   */
  shadowHosts?: boolean;
}

export interface Visit {
  /** Decides cheaply whether a text's value can hold anything (e.g. contains '@'). */
  wants(value: string): boolean;
  /** A wanted, visible text node and its value. */
  text(node: Text, value: string): void;
  /** A visible `mailto:` link. */
  mailto(element: Element): void;
  /** A visible http(s) link, while `wantsLinks()` says so. */
  link(element: Element): void;
  wantsLinks(): boolean;
  /** An open shadow root about to be walked (the content script observes it). */
  shadowRoot?(root: ShadowRoot): void;
}

/**
 * Visits the visible text and the links of `root` (an element, text node, document or shadow root)
 * and of every open shadow root below it. `hidden` also covers `root`'s own ancestors, so a node
 * added inside a `<script>` or Sidecar's UI is skipped too.
 */
export function walk(root: Node, visit: Visit, hidden: HiddenCheck = createHiddenCheck(), options: WalkOptions = {}): void {
  const doc = root.nodeType === DOCUMENT ? (root as Document) : root.ownerDocument;
  if (!doc) return;
  const roots: Node[] = [root];
  while (roots.length > 0) {
    const top = roots.pop();
    if (!top) break;
    const type = top.nodeType;
    if (type === TEXT) {
      const value = top.nodeValue;
      if (value && value.length > 2 && visit.wants(value) && !hidden(top)) visit.text(top as Text, value);
      continue;
    }
    if (type !== ELEMENT && type !== DOCUMENT && type !== FRAGMENT) continue;
    if ((type === ELEMENT || (type === FRAGMENT && top === root)) && hidden(top)) continue;
    const parent = top as Element | Document | DocumentFragment;
    // A document or shadow root (the first scan): what is hidden is collected up front, so a Set
    // lookup per candidate text or link replaces a walk up its ancestors. A small added subtree
    // (incremental scans): its few candidates walk up, remembered per element.
    const isHidden = type === ELEMENT ? hidden : hiddenBelow(doc, parent);
    const walker = doc.createTreeWalker(type === DOCUMENT ? ((top as Document).body ?? top) : top, SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const value = node.nodeValue;
      if (value && value.length > 2 && visit.wants(value) && !isHidden(node)) {
        visit.text(node as Text, value);
      }
    }
    forEachMatch(parent, MAILTO, (link) => {
      if (!isHidden(link)) visit.mailto(link);
      return true;
    });
    if (visit.wantsLinks()) visitLinks(parent, visit, isHidden);
    if (type === DOCUMENT && options.shadowHosts === false) continue;
    for (const shadow of openShadowRoots(parent)) {
      if (isHidden(shadow.host)) continue;
      visit.shadowRoot?.(shadow);
      roots.push(shadow);
    }
  }
}

/**
 * What is hidden inside a document or shadow root: every node in a skipped region, found by a few
 * single-selector queries, so a Set lookup per candidate text or link replaces a walk up its
 * ancestors (which would create a script wrapper for each of them).
 */
function hiddenBelow(doc: Document, parent: Document | DocumentFragment | Element): HiddenCheck {
  const hiddenNodes = new Set<Node>();
  for (const selector of SKIPPED_REGIONS) {
    const regions = parent.querySelectorAll(selector);
    for (let i = 0; i < regions.length; i++) {
      const region = regions[i];
      if (!region || hiddenNodes.has(region) || !isSkipped(region)) continue;
      hiddenNodes.add(region);
      const inside = doc.createTreeWalker(region, SHOW_TEXT | SHOW_ELEMENT);
      for (let node = inside.nextNode(); node; node = inside.nextNode()) hiddenNodes.add(node);
    }
  }
  return (node) => hiddenNodes.has(node);
}

/**
 * Company-looking links are weak evidence and capped: the first few thousand links say enough. A
 * document's links are read from its live `links` collection, which the browser fills only as far
 * as it is read (a static query would first collect all 10,000 links of a big list).
 */
function visitLinks(parent: Element | Document | DocumentFragment, visit: Visit, isHidden: HiddenCheck): void {
  const isLink = (element: Element) => element.localName === 'a' && /^https?:\/\//i.test(element.getAttribute('href') ?? '');
  let examined = 0;
  const each = (link: Element) => {
    if (isLink(link) && !isHidden(link)) visit.link(link);
    return ++examined < MAX_LINKS && visit.wantsLinks();
  };
  if (parent.nodeType === DOCUMENT) {
    const links = linksOf(parent as Document);
    for (let i = 0; i < links.length; i++) {
      const link = links[i];
      if (link && !each(link)) return;
    }
    return;
  }
  forEachMatch(parent, HTTP_LINK, each);
}

/**
 * One live collection per document (browsers hand out the same object anyway; a DOM emulation that
 * made a new one per call would keep each alive, listening to every mutation).
 */
const documentLinks = new WeakMap<Document, HTMLCollectionOf<HTMLAnchorElement | HTMLAreaElement>>();
function linksOf(doc: Document): HTMLCollectionOf<HTMLAnchorElement | HTMLAreaElement> {
  let links = documentLinks.get(doc);
  if (!links) {
    links = doc.links;
    documentLinks.set(doc, links);
  }
  return links;
}

/** The open shadow roots whose hosts are in `parent` (or are `parent`), not those nested in them. */
export function openShadowRoots(parent: Element | Document | DocumentFragment): ShadowRoot[] {
  const doc = parent.nodeType === DOCUMENT ? (parent as Document) : parent.ownerDocument;
  if (!doc) return [];
  const out: ShadowRoot[] = [];
  if (parent.nodeType === ELEMENT && (parent as Element).shadowRoot) out.push((parent as Element).shadowRoot as ShadowRoot);
  for (const element of shadowHostCandidates(doc, parent)) {
    if (element.shadowRoot) out.push(element.shadowRoot);
  }
  return out;
}

/**
 * Built-in elements that may host a shadow root, as they usually do: empty in the light DOM
 * (declarative shadow DOM, a script's widget). Asking every `div` and `span` of a big list costs a
 * wrapper each (30 ms on bench:detect's page); empty ones are few. A built-in host that also has
 * light children is not found — web components, which slot light children, are custom elements.
 */
const SHADOW_CAPABLE = new Set(['div', 'span', 'p', 'section', 'article', 'aside', 'main', 'nav', 'header', 'footer', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * Elements that may host an open shadow root: custom elements (names with a hyphen: Lightning's,
 * Dynamics', every web component) and empty built-ins that accept one. Where the browser has XPath,
 * custom elements are found natively — asking every element of a 100,000-node list for
 * `shadowRoot` would create a script wrapper for each. Without XPath (happy-dom in unit tests),
 * every element.
 */
function shadowHostCandidates(doc: Document, parent: Element | Document | DocumentFragment): Element[] {
  // XPath for the whole document (it takes no shadow root as context; small subtrees are cheaper asked directly).
  if (typeof doc.evaluate === 'function' && parent.nodeType === DOCUMENT) {
    const found = doc.evaluate(".//*[contains(local-name(), '-')]", parent, null, ORDERED_SNAPSHOT, null);
    const out: Element[] = [];
    for (let i = 0; i < found.snapshotLength; i++) {
      const node = found.snapshotItem(i);
      if (node) out.push(node as Element);
    }
    // One plain `:empty` query, filtered here: the same test as a selector list is six times slower.
    const empty = parent.querySelectorAll(':empty');
    for (let i = 0; i < empty.length; i++) {
      const element = empty[i];
      if (element && SHADOW_CAPABLE.has(element.localName)) out.push(element);
    }
    return out;
  }
  return Array.from(parent.querySelectorAll('*'));
}

/** `parent` itself when it matches, then its matching descendants, until `each` returns false. */
function forEachMatch(parent: Element | Document | DocumentFragment, selector: string, each: (element: Element) => boolean): void {
  if (parent.nodeType === ELEMENT && (parent as Element).matches(selector) && !each(parent as Element)) return;
  const found = parent.querySelectorAll(selector);
  for (let i = 0; i < found.length; i++) {
    const element = found[i];
    if (element && !each(element)) return;
  }
}

/** Text of an element, whitespace collapsed, bounded. */
export function textOf(element: Element | null | undefined, max = 300): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, max);
}
