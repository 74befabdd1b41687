import { textOf } from '../detect/walk.ts';

/**
 * Field values by their visible labels ("Email", "Account Name"), the way a person reads a CRM
 * record: generated class names change every release, labels rarely do. Walks open shadow roots.
 * A label's value is the nearest following sibling of the label or of one of its three closest
 * ancestors that has text of its own.
 */
export function valuesByLabel(root: ParentNode, labels: readonly string[]): Map<string, string[]> {
  const wanted = new Map(labels.map((l) => [l.toLowerCase(), l]));
  const out = new Map<string, string[]>();
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

function valueNear(label: Element | null, labelText: string): string | null {
  let current = label;
  for (let depth = 0; current && depth < 4; depth++, current = current.parentElement) {
    for (let sibling = current.nextElementSibling; sibling; sibling = sibling.nextElementSibling) {
      const control = sibling.querySelector('input, textarea');
      const value = control && 'value' in control && typeof control.value === 'string' && control.value ? control.value.trim() : textOf(sibling);
      if (value && value.toLowerCase() !== labelText) return value;
    }
  }
  return null;
}

export function first(values: Map<string, string[]>, ...labels: string[]): string | undefined {
  for (const label of labels) {
    const value = values.get(label)?.[0];
    if (value) return value;
  }
  return undefined;
}
