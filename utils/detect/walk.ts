/**
 * Walks what the user can read: text nodes and links, into open shadow roots (Lightning and
 * Dynamics render fields there), skipping scripts, styles, form internals and Sidecar's own UI.
 * Reads `textContent`/`nodeValue` only — never `innerText`, which forces layout.
 */

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'option', 'select', 'iframe', 'svg', 'head', 'meta', 'title', 'code', 'pre']);
/** Sidecar's own in-page UI (badges) carries this attribute. */
export const OWN_UI_ATTRIBUTE = 'data-sidecar';

export function isSkipped(element: Element): boolean {
  if (SKIP.has(element.localName)) return true;
  // Most elements have no attributes at all: skip the two lookups for them.
  return element.attributes.length > 0 && (element.hasAttribute(OWN_UI_ATTRIBUTE) || element.getAttribute('aria-hidden') === 'true');
}

export interface Visit {
  text(node: Text): void;
  element(element: Element): void;
}

/**
 * Visits `root` and everything below it, including open shadow roots; `seen` skips visited nodes
 * (and their subtrees). Iterates firstChild/nextSibling — no child lists copied, no recursion, so
 * deep nesting cannot overflow the stack.
 */
export function walk(root: Node, visit: Visit, seen?: WeakSet<Node>): void {
  const roots: Node[] = [root];
  while (roots.length > 0) {
    const top = roots.pop();
    let node: Node | null = top ?? null;
    while (node) {
      let descend = false;
      if (!seen?.has(node)) {
        seen?.add(node);
        const type = node.nodeType;
        if (type === 3) {
          const value = node.nodeValue;
          if (value && value.length > 2) visit.text(node as Text);
        } else if (type === 1) {
          const element = node as Element;
          if (!isSkipped(element)) {
            visit.element(element);
            if (element.shadowRoot) roots.push(element.shadowRoot);
            descend = true;
          }
        } else if (type === 9 || type === 11) {
          descend = true;
        }
      }
      if (descend && node.firstChild) {
        node = node.firstChild;
        continue;
      }
      while (node && node !== top && !node.nextSibling) node = node.parentNode;
      node = node && node !== top ? node.nextSibling : null;
    }
  }
}

/** Text of an element, whitespace collapsed, bounded. */
export function textOf(element: Element | null | undefined, max = 300): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, max);
}
