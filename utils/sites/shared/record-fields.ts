import type { Detection } from '../../schemas/detection.ts';
import { isCompanyDomain, registrableDomain } from '../../detect/domains.ts';
import { normaliseEmail } from '../../detect/email.ts';
import { withoutHonorific } from '../../detect/person-name.ts';
import { textOf } from '../../detect/walk.ts';
import { valueTextOf } from './labels.ts';

/** Shared by the CRM adapters: detections from a record's name, company and website fields. */

export function companyAndDomain(name: string | undefined, website: string | undefined, source: string): Detection[] {
  const out: Detection[] = [];
  if (name && name.length <= 200) out.push({ kind: 'company', value: name, source, confidence: 0.9 });
  const domain = website ? registrableDomain(website) : null;
  if (domain && isCompanyDomain(domain)) out.push({ kind: 'domain', value: domain, source, confidence: 0.9 });
  return out;
}

/**
 * The addresses in a record's Email fields. CRMs edit in place, so the record's own address is
 * often an input's value: on screen for the user, but not page text the generic scan reads.
 */
export function emailsFrom(values: readonly string[] | undefined, source: string): Detection[] {
  const out: Detection[] = [];
  for (const value of values ?? []) {
    for (const part of value.split(/[\s,;]+/)) {
      const email = normaliseEmail(part.replace(/^mailto:/i, ''));
      if (email) out.push({ kind: 'email', value: email, source, confidence: 0.95 });
    }
  }
  return out;
}

/** A person's name on a record: its full-name field, else its first- and last-name fields (Dynamics' and HubSpot's default forms). */
export function nameFrom(fields: Map<string, string[]>, full: string | undefined, given: string, family: string): string | undefined {
  const fullName = full ? fields.get(full)?.[0] : undefined;
  return fullName || [fields.get(given)?.[0], fields.get(family)?.[0]].filter(Boolean).join(' ') || undefined;
}

export function personFrom(fullName: string | undefined, companyName: string | undefined, source: string): Detection | null {
  const name = fullName ? withoutHonorific(fullName).trim() : undefined;
  if (!name || name.length > 120 || !/\s/.test(name)) return null;
  return { kind: 'person', value: name, source, confidence: 0.85, person: { fullName: name, companyName } };
}

/**
 * Which column of a table is headed by one of `wanted` (lower-cased). A header's name is its
 * `aria-label`, else its text without the screen-reader-only "Sort by:" Lightning puts in it.
 */
function columnIndex(table: Element, wanted: ReadonlySet<string>): number {
  return Array.from(table.querySelectorAll('thead th')).findIndex((th) => wanted.has((th.getAttribute('aria-label')?.trim() || valueTextOf(th, 60)).toLowerCase()));
}

/** The cells of a list view's column, by its header text. */
export function tableColumn(root: ParentNode, headers: readonly string[]): string[] {
  const wanted = new Set(headers.map((h) => h.toLowerCase()));
  const values = new Set<string>();
  for (const table of Array.from(root.querySelectorAll('table'))) {
    const column = columnIndex(table, wanted);
    if (column === -1) continue;
    for (const row of Array.from(table.querySelectorAll('tbody tr'))) {
      const value = textOf(row.children[column], 200);
      if (value) values.add(value);
    }
  }
  return [...values];
}

/**
 * People listed on a page as links to their own records (list views, related lists, subgrids):
 * the link text is the name; the company, when the link sits in a table row, is the cell under one
 * of `companyHeaders`, else `companyName`.
 */
export function peopleFromRecordLinks(
  root: ParentNode,
  selector: string,
  source: string,
  options: { companyHeaders?: readonly string[]; companyName?: string; max?: number } = {},
): Detection[] {
  const out: Detection[] = [];
  const seen = new Set<string>();
  for (const link of Array.from(root.querySelectorAll(selector)).slice(0, options.max ?? 2000)) {
    const person = personFrom(textOf(link, 120), rowValue(link, options.companyHeaders ?? []) ?? options.companyName, source);
    if (!person || seen.has(person.value)) continue;
    seen.add(person.value);
    out.push({ ...person, confidence: 0.8 });
  }
  return out;
}

/**
 * Companies shown as links to their own records (a contact's associated company card), each with
 * the website link beside it in the same card, if any: the card is the link's closest ancestor
 * (up to three levels) holding a link off the CRM.
 */
export function companiesFromRecordLinks(root: ParentNode, selector: string, source: string, max = 20): Detection[] {
  const out: Detection[] = [];
  for (const link of Array.from(root.querySelectorAll(selector)).slice(0, max)) {
    const name = textOf(link, 200);
    if (!name || !/\p{L}/u.test(name)) continue;
    let website: string | undefined;
    let card = link.parentElement;
    for (let depth = 0; card && depth < 3 && !website; depth++, card = card.parentElement) {
      website = Array.from(card.querySelectorAll('a[href^="http"]'))
        .map((a) => a.getAttribute('href') ?? '')
        .find((href) => { const domain = registrableDomain(href); return domain !== null && isCompanyDomain(domain); });
    }
    out.push(...companyAndDomain(name, website, source).map((d) => ({ ...d, confidence: 0.8 })));
  }
  return out;
}

/** The text of the cell, in the same table row as `element`, under one of `headers`. */
function rowValue(element: Element, headers: readonly string[]): string | undefined {
  if (headers.length === 0) return undefined;
  const row = element.closest('tr');
  const table = row?.closest('table');
  if (!row || !table) return undefined;
  const wanted = new Set(headers.map((h) => h.toLowerCase()));
  const column = columnIndex(table, wanted);
  return column === -1 ? undefined : textOf(row.children[column], 200) || undefined;
}
