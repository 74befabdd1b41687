import { textOf } from '../detect/walk.ts';
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
  if (!element.querySelector(NOT_THE_VALUE)) return textOf(element, max);
  return textWithout(element, NOT_THE_VALUE, max) || textWithout(element, NEVER_THE_VALUE, max);
}

function textWithout(element: Element, skipped: string, max: number): string {
  let text = '';
  const walker = (element.ownerDocument ?? document).createTreeWalker(element, 4);
  for (let node = walker.nextNode(); node && text.length < max * 2; node = walker.nextNode()) {
    const hidden = node.parentElement?.closest(skipped);
    if (hidden && element.contains(hidden)) continue;
    text += ` ${node.nodeValue ?? ''}`;
  }
  return text.replace(/\s+/g, ' ').trim().slice(0, max);
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
      const field = cached.fields.get(label)?.find((f) => f.value.toLowerCase() === name);
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
