import type { Audience, ListColumn } from './schemas.ts';

/**
 * The columns Sidecar gives a list it creates, each with the role Sidecar reads it by, and how it
 * feeds the provider's match. A list made elsewhere is read by the same names; a role it lacks
 * stays empty.
 */
export const LIST_COLUMNS = [
  { role: 'name', name: 'Full Name', dataType: 'TEXT' },
  { role: 'email', name: 'Email', dataType: 'EMAIL', mappedTo: 'CONTACT_EMAIL' },
  { role: 'company', name: 'Company', dataType: 'TEXT', mappedTo: 'COMPANY_NAME' },
  { role: 'firstName', name: 'First Name', dataType: 'TEXT', mappedTo: 'CONTACT_FIRST_NAME' },
  { role: 'lastName', name: 'Last Name', dataType: 'TEXT', mappedTo: 'CONTACT_LAST_NAME' },
  { role: 'linkedin', name: 'LinkedIn URL', dataType: 'URL', mappedTo: 'CONTACT_LINKEDIN_URL' },
  { role: 'website', name: 'Website', dataType: 'TEXT' },
  { role: 'sourceUrl', name: 'Source URL', dataType: 'TEXT' },
  { role: 'capturedAt', name: 'Captured At', dataType: 'TEXT' },
  /** The client row key: what makes a capture's retry idempotent and a duplicate recognisable. */
  { role: 'key', name: 'Sidecar Key', dataType: 'TEXT' },
] as const;

export type ColumnRole = (typeof LIST_COLUMNS)[number]['role'];

/** The list's column for each role Sidecar knows, by name (case-insensitive). */
export function columnsByRole(columns: readonly ListColumn[]): Partial<Record<ColumnRole, string>> {
  const out: Partial<Record<ColumnRole, string>> = {};
  for (const def of LIST_COLUMNS) {
    const found = columns.find((c) => c.attributes.columnType === 'CUSTOM' && c.attributes.name.toLowerCase() === def.name.toLowerCase());
    if (found) out[def.role] = found.id;
  }
  return out;
}

/** The match column (one per audience): the record id a row matched, or NO_RESULT. */
export function matchColumn(list: Audience): ListColumn | undefined {
  return list.attributes.columns.find((c) => c.attributes.columnType === 'ZOOMINFO_MATCH');
}

/** The order the table (and an export) shows: name, email, company, the match, then the rest as the list has them. */
export function displayOrder(columns: readonly ListColumn[], withHidden = false): ListColumn[] {
  const roles = columnsByRole(columns);
  const match = columns.find((c) => c.attributes.columnType === 'ZOOMINFO_MATCH')?.id;
  const first = [roles.name, roles.email, roles.company, match].filter((id): id is string => Boolean(id));
  const rest = columns.filter((c) => !first.includes(c.id) && (withHidden || !c.attributes.isHidden));
  return [...first.map((id) => columns.find((c) => c.id === id)).filter((c): c is ListColumn => Boolean(c)), ...rest];
}
