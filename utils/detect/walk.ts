/**
 * Walks what the user can read: text nodes and links, into open shadow roots (Lightning and
 * Dynamics render fields there), skipping scripts, styles, form internals and Sidecar's own UI.
 * Reads `textContent`/`nodeValue` only — never `innerText`, which forces layout.
 */

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'OPTION', 'SELECT', 'IFRAME', 'SVG', 'HEAD', 'META', 'TITLE', 'CODE', 'PRE']);
/** Sidecar's own in-page UI (badges) carries this attribute. */
export const OWN_UI_ATTRIBUTE = 'data-sidecar';

export function isSkipped(element: Element): boolean {
  return SKIP.has(element.tagName.toUpperCase()) || element.hasAttribute(OWN_UI_ATTRIBUTE) || element.getAttribute('aria-hidden') === 'true';
}

export interface Visit {
  text(node: Text): void;
  element(element: Element): void;
}

/** Visits `root` and everything below it, including open shadow roots; `seen` skips visited nodes. */
export function walk(root: Node, visit: Visit, seen?: WeakSet<Node>): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) break;
    if (seen) {
      if (seen.has(node)) continue;
      seen.add(node);
    }
    if (node.nodeType === 3) {
      if (node.nodeValue && node.nodeValue.length > 2) visit.text(node as Text);
      continue;
    }
    if (node.nodeType === 1) {
      const element = node as Element;
      if (isSkipped(element)) continue;
      visit.element(element);
      if (element.shadowRoot) stack.push(element.shadowRoot);
    } else if (node.nodeType !== 9 && node.nodeType !== 11) {
      continue;
    }
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push(child);
    }
  }
}

/** Text of an element, whitespace collapsed, bounded. */
export function textOf(element: Element | null | undefined, max = 300): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, max);
}
