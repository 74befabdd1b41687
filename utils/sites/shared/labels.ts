import { withoutHonorific } from '../../detect/person-name.ts';
import type { Site } from './define-site.ts';

/** Controls and screen-reader-only text inside a field: "Edit Account Name", "View profile". */
const NOT_THE_VALUE = 'button, [role="button"], .slds-assistive-text, .assistiveText, .visually-hidden, .sr-only, [aria-hidden="true"]';

/** Buttons, screen-reader-only and hidden text: what is left out when the value itself sits in a `role="button"` control. */
const NEVER_THE_VALUE = 'button, .slds-assistive-text, .assistiveText, .visually-hidden, .sr-only, [aria-hidden="true"]';

/**
 * The text a field's value shows, without its edit buttons and screen-reader-only text. HubSpot
 * wraps a read-only value in its edit control (`role="button"`): when nothing else is left, the
 * control's text is the value.
 */
export function valueTextOf(element: Element | null | undefined, max = 300): string {
  if (!element) return '';
  return renderedText(element, NOT_THE_VALUE, max) || renderedText(element, NEVER_THE_VALUE, max);
}

/**
 * What an element renders, as a person reads it: an open shadow root's content in place of its
 * host's light children (Lightning's `lightning-formatted-name` keeps the name only there), slotted
 * children where its `<slot>`s are, and a space between the texts of different elements ("To
 * Address" above an address is not "Addressname@…"). Elements matching `skipped` are left out.
 */
function renderedText(element: Element, skipped: string, max: number): string {
  const parts: string[] = [];
  let length = 0;
  const visit = (node: Node) => {
    if (length >= max * 2) return;
    if (node.nodeType === 3) {
      const text = node.nodeValue ?? '';
      parts.push(text);
      length += text.length;
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 11) return;
    if (node.nodeType === 1) {
      const el = node as Element;
      if (el !== element && el.matches(skipped)) return;
      if (el.localName === 'script' || el.localName === 'style' || el.localName === 'template') return;
      parts.push(' ');
      const shadow = el.shadowRoot;
      if (shadow) {
        visit(shadow);
        return;
      }
      if (el.localName === 'slot') {
        const assigned = (el as HTMLSlotElement).assignedNodes?.({ flatten: true }) ?? [];
        for (const child of assigned.length ? assigned : Array.from(el.childNodes)) visit(child);
        return;
      }
    }
    for (let child = node.firstChild; child; child = child.nextSibling) visit(child);
    if (node.nodeType === 1) parts.push(' ');
  };
  visit(element);
  return parts.join('').replace(/\s+/g, ' ').trim().slice(0, max);
}

/**
 * Field values by their visible labels ("Email", "Account Name"), the way a person reads a CRM
 * record: generated class names change every release, labels rarely do. Walks open shadow roots.
 * A label's value is the nearest following sibling of the label or of one of its three closest
 * ancestors that has text of its own.
 */
export function valuesByLabel(root: ParentNode, labels: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [label, fields] of fieldsByLabel(root, labels)) out.set(label, fields.map((f) => f.value));
  return out;
}

/**
 * A site's `badgeAnchor` for record pages: a company's (or person's, or address's) badge goes
 * beside the field whose label is one of these and whose value is its name — an input or the
 * value's text.
 */
export function anchorsInFields(labels: { company: readonly string[]; person?: readonly string[]; email?: readonly string[] }): NonNullable<Site['badgeAnchor']> {
  // Badges are drawn for a batch of detections in one task: the record's fields are read once.
  let cached: { root: ParentNode; fields: Map<string, Field[]> } | null = null;
  const all = [...labels.company, ...(labels.person ?? []), ...(labels.email ?? [])];
  return (root, detection) => {
    const wanted = detection.kind === 'company' ? labels.company : detection.kind === 'person' ? labels.person : detection.kind === 'email' ? labels.email : undefined;
    if (!wanted) return null;
    if (cached?.root !== root) {
      cached = { root, fields: fieldsByLabel(root, all) };
      queueMicrotask(() => (cached = null));
    }
    const name = (detection.person?.fullName ?? detection.value).trim().toLowerCase();
    for (const label of wanted) {
      // A record's Name field may carry a salutation ("Ms. Fernanda Ribeiro") the person's name does not.
      const field = cached.fields.get(label)?.find((f) => withoutHonorific(f.value).toLowerCase() === name);
      if (field) return field.element;
    }
    return null;
  };
}

interface Field {
  value: string;
  /** The input, textarea or element whose text is the value. */
  element: Element;
}

function fieldsByLabel(root: ParentNode, labels: readonly string[]): Map<string, Field[]> {
  const wanted = new Map(labels.map((l) => [l.toLowerCase(), l]));
  const out = new Map<string, Field[]>();
  const visit = (node: ParentNode) => {
    const walker = (node as Node).ownerDocument?.createTreeWalker(node as Node, 4) ?? (node as Document).createTreeWalker(node as Node, 4);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const value = text.nodeValue?.replace(/\s+/g, ' ').trim().replace(/[:*]$/, '').trim().toLowerCase();
      if (!value || value.length > 40) continue;
      const label = wanted.get(value);
      if (!label) continue;
      const found = valueNear(text.parentElement, value);
      if (found) out.set(label, [...(out.get(label) ?? []), found]);
    }
    for (const host of Array.from(node.querySelectorAll('*')).filter((e) => e.shadowRoot)) {
      if (host.shadowRoot) visit(host.shadowRoot);
    }
  };
  visit(root);
  return out;
}

function valueNear(label: Element | null, labelText: string): Field | null {
  const labelled = controlFor(label);
  if (labelled) return labelled;
  let current = label;
  for (let depth = 0; current && depth < 4; depth++, current = current.parentElement) {
    for (let sibling = current.nextElementSibling; sibling; sibling = sibling.nextElementSibling) {
      // A required-field asterisk or an icon beside the label is not the value.
      if (sibling.getAttribute('aria-hidden') === 'true') continue;
      const control = sibling.querySelector('input, textarea');
      const typed = typedValue(control);
      const value = typed || valueTextOf(sibling);
      if (value && value.toLowerCase() !== labelText && /[\p{L}\p{N}]/u.test(value)) return { value, element: typed && control ? control : sibling };
    }
  }
  return null;
}

/** The control a `<label for=…>` names, when it holds a value (Dynamics, HubSpot forms). */
function controlFor(label: Element | null): Field | null {
  const owner = label?.closest('label[for]');
  const id = owner?.getAttribute('for');
  if (!owner || !id) return null;
  const scope = owner.getRootNode() as Document | ShadowRoot;
  const control = typeof scope.getElementById === 'function' ? scope.getElementById(id) : null;
  const value = typedValue(control);
  return control && value ? { value, element: control } : null;
}

function typedValue(control: Element | null): string {
  return control && 'value' in control && typeof control.value === 'string' ? control.value.trim() : '';
}

export function first(values: Map<string, string[]>, ...labels: string[]): string | undefined {
  for (const label of labels) {
    const value = values.get(label)?.[0];
    if (value) return value;
  }
  return undefined;
}
