import type { Detection } from '../schemas/detection.ts';
import { isCompanyDomain, registrableDomain } from '../detect/domains.ts';
import { textOf } from '../detect/walk.ts';

/** Shared by the CRM adapters: detections from a record's name, company and website fields. */

export function companyAndDomain(name: string | undefined, website: string | undefined, source: string): Detection[] {
  const out: Detection[] = [];
  if (name && name.length <= 200) out.push({ kind: 'company', value: name, source, confidence: 0.9 });
  const domain = website ? registrableDomain(website) : null;
  if (domain && isCompanyDomain(domain)) out.push({ kind: 'domain', value: domain, source, confidence: 0.9 });
  return out;
}

export function personFrom(fullName: string | undefined, companyName: string | undefined, source: string): Detection | null {
  const name = fullName?.replace(/^(Mr|Ms|Mrs|Dr)\.?\s+/i, '').trim();
  if (!name || name.length > 120 || !/\s/.test(name)) return null;
  return { kind: 'person', value: name, source, confidence: 0.85, person: { fullName: name, companyName } };
}

/** The cells of a list view's column, by its header text. */
export function tableColumn(root: ParentNode, headers: readonly string[]): string[] {
  const wanted = new Set(headers.map((h) => h.toLowerCase()));
  const values = new Set<string>();
  for (const table of Array.from(root.querySelectorAll('table'))) {
    const heads = Array.from(table.querySelectorAll('thead th'));
    const column = heads.findIndex((th) => wanted.has(textOf(th, 60).toLowerCase()));
    if (column === -1) continue;
    for (const row of Array.from(table.querySelectorAll('tbody tr'))) {
      const value = textOf(row.children[column], 200);
      if (value) values.add(value);
    }
  }
  return [...values];
}
