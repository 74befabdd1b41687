import { entityKey } from '../../utils/lookup/entity-key.ts';
import { OWN_UI_ATTRIBUTE } from '../../utils/detect/walk.ts';
import type { Detection } from '../../utils/schemas/detection.ts';

/**
 * In-page badges: one small marker beside each detected email, person and company. They live in
 * one overlay host (an open shadow root, `data-sidecar` so detection skips it) positioned
 * absolutely over the page: nothing is inserted into the page's flow, so no text moves, and no
 * page text or form value changes. `all: initial` on the host keeps page styles out; the styles
 * live in the shadow root, so none leak in.
 */

export type BadgeStatus = 'BLANK' | 'LOADING' | 'RESULT' | 'NO_RESULT' | 'ERROR';

const COLOURS: Record<BadgeStatus, string> = {
  BLANK: '#6b7280',
  LOADING: '#2563eb',
  RESULT: '#16a34a',
  NO_RESULT: '#9ca3af',
  ERROR: '#dc2626',
};
const MAX_BADGES = 300;
const SIZE = 14;

/** Where a company or person badge goes when detection has no element for it: a heading or link showing the name. */
export function findNamed(root: ParentNode, name: string): Element | undefined {
  const wanted = name.trim().toLowerCase();
  for (const element of Array.from(root.querySelectorAll('h1, h2, h3, a, lightning-formatted-name, lightning-formatted-text')).slice(0, 3000)) {
    if ((element.textContent ?? '').replace(/\s+/g, ' ').trim().toLowerCase() === wanted) return element;
  }
  return undefined;
}

export function createBadges(doc: Document, onOpen: (key: string) => void) {
  const host = doc.createElement('sidecar-badges');
  host.setAttribute(OWN_UI_ATTRIBUTE, '');
  host.setAttribute('style', 'all: initial; position: absolute; top: 0; left: 0; width: 0; height: 0; z-index: 2147483646; pointer-events: none;');
  // Open, so tests (and assistive tools) can reach the badges; page styles still cannot.
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = `:host { all: initial; }
button { all: initial; position: absolute; box-sizing: border-box; width: ${SIZE}px; height: ${SIZE}px; border-radius: 50%;
  border: 2px solid #fff; box-shadow: 0 0 0 1px rgba(0,0,0,.25); cursor: pointer; pointer-events: auto; }
button:focus-visible { outline: 2px solid #2563eb; outline-offset: 1px; }`;
  shadow.append(style);
  const badges = new Map<string, { button: HTMLButtonElement; anchor: Element; title: string }>();
  let statuses: Record<string, BadgeStatus> = {};

  // Beside the text, not at the far edge of the block that holds it (a record field's value often
  // fills its column); an input's own box is its text's place. Content rendered in a shadow root
  // (Lightning's formatted fields) is measured there.
  const extent = (anchor: Element): DOMRect => {
    const box = anchor.getBoundingClientRect();
    if (anchor.localName === 'input' || anchor.localName === 'textarea') return box;
    const range = doc.createRange();
    range.selectNodeContents(anchor.shadowRoot ?? anchor);
    const text = range.getBoundingClientRect();
    return text.width > 0 && text.height > 0 ? text : box;
  };

  const place = (button: HTMLButtonElement, anchor: Element) => {
    const box = extent(anchor);
    const view = doc.defaultView;
    button.style.left = `${Math.round(box.right + (view?.scrollX ?? 0) + 2)}px`;
    button.style.top = `${Math.round(box.top + (view?.scrollY ?? 0) + Math.max(0, (box.height - SIZE) / 2))}px`;
    button.hidden = box.width === 0 && box.height === 0;
  };

  return {
    /** Adds badges for new detections beside their anchors (existing ones stay). */
    add(items: { detection: Detection; anchor: Element | undefined }[]) {
      if (!host.isConnected) doc.documentElement.append(host);
      for (const { detection, anchor } of items) {
        // Domains get no badge.
        const key = detection.kind === 'domain' ? null : entityKey(detection);
        if (!key || !anchor || badges.has(key) || badges.size >= MAX_BADGES) continue;
        const button = doc.createElement('button');
        button.type = 'button';
        button.dataset.key = key;
        button.dataset.kind = detection.kind;
        // A badge click is a click: it reveals (issue 17), so the badge says so before it is pressed.
        const title = `Sidecar: ${detection.value} — click to reveal (1 credit, free if enriched in the last 12 months)`;
        button.title = title;
        button.setAttribute('aria-label', `Open ${detection.value} in Sidecar and reveal it`);
        button.style.background = COLOURS[statuses[key] ?? 'BLANK'];
        button.addEventListener('click', (event) => {
          event.preventDefault();
          event.stopPropagation();
          onOpen(key);
        });
        shadow.append(button);
        badges.set(key, { button, anchor, title });
        place(button, anchor);
      }
    },
    /** `sources`: what connectors filled per entity key; the badge's title says it, and data-filled-by carries it. */
    setStatuses(next: Record<string, BadgeStatus>, sources: Record<string, string> = {}) {
      statuses = next;
      for (const [key, { button, title }] of badges) {
        button.style.background = COLOURS[statuses[key] ?? 'BLANK'];
        const filled = sources[key];
        if (filled === undefined) delete button.dataset.filledBy;
        else button.dataset.filledBy = filled;
        button.title = filled === undefined ? title : `${title} · ${filled}`;
      }
    },
    /** Re-places every badge (resize, re-render); drops those whose anchor left the page. */
    reposition() {
      for (const [key, { button, anchor }] of badges) {
        if (!anchor.isConnected) {
          button.remove();
          badges.delete(key);
        } else place(button, anchor);
      }
    },
    clear() {
      for (const { button } of badges.values()) button.remove();
      badges.clear();
    },
    remove() {
      host.remove();
      badges.clear();
    },
    /** For tests: the keys shown. */
    keys: () => [...badges.keys()],
  };
}
