import { z } from 'zod';
import { companyKey } from '../detect/company-name.ts';
import { linkedinProfileUrl } from '../detect/linkedin-url.ts';
import type { Detection } from '../schemas/detection.ts';
import type { RowInput } from './client.ts';
import type { ColumnRole } from './list-columns.ts';
import type { Row } from './schemas.ts';

/**
 * A page's detections as list rows: one row per person, email or company, each with the page it
 * came from and when, and its identities (email, LinkedIn profile, registrable domain) that make
 * two rows the same person or company. The first identity is the row's client key, written in the
 * list's "Sidecar Key" column: a capture's chunk done again finds its rows by it.
 */

export const captureRow = z.object({
  key: z.string().min(1),
  name: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  email: z.string().optional(),
  company: z.string().optional(),
  linkedin: z.string().optional(),
  website: z.string().optional(),
  sourceUrl: z.string(),
  capturedAt: z.string(),
});
export type CaptureRow = z.infer<typeof captureRow>;

/** One capture job item: the row and the list it goes to. */
export const captureItem = z.object({ listId: z.string(), row: captureRow });
export type CaptureItem = z.infer<typeof captureItem>;

function collapse(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Every identity of a row: what says "already in the list". */
export function identities(row: CaptureFields): string[] {
  const out: string[] = [];
  if (row.email) out.push(`email:${row.email.trim().toLowerCase()}`);
  const profile = row.linkedin ? linkedinProfileUrl(row.linkedin) : null;
  if (profile) out.push(`li:${profile}`);
  const personless = !row.name && !row.email && !profile;
  if (personless && row.website) out.push(`domain:${row.website.trim().toLowerCase()}`);
  if (out.length === 0 && row.name) out.push(`person:${collapse(row.name)}|${row.company ? companyKey(row.company) : ''}`);
  if (out.length === 0 && row.company) out.push(`company:${companyKey(row.company)}`);
  return out;
}

/** What a row says of the person or company, before it is given its key, source and time. */
export type CaptureFields = Omit<CaptureRow, 'key' | 'sourceUrl' | 'capturedAt'>;

function fromDetection(d: Detection): CaptureFields {
  switch (d.kind) {
    case 'email':
      return { email: d.value };
    case 'domain':
      return { website: d.value };
    case 'company':
      return { company: d.value };
    case 'person': {
      const name = d.person?.fullName ?? d.value;
      const [first, ...rest] = name.trim().split(/\s+/);
      const profile = d.person?.profileUrl ? linkedinProfileUrl(d.person.profileUrl) : null;
      return {
        name,
        firstName: rest.length > 0 ? first : undefined,
        lastName: rest.length > 0 ? rest.join(' ') : undefined,
        company: d.person?.companyName || undefined,
        linkedin: profile ?? undefined,
      };
    }
  }
}

/** The detections as rows, each identity once: a later detection of someone already captured is dropped. */
export function captureRows(detections: readonly Detection[], sourceUrl: string, at: Date): CaptureRow[] {
  return rowsOf(detections.map(fromDetection), sourceUrl, at);
}

/** People and companies (a page's, or search results') as rows, each identity once. */
export function rowsOf(found: readonly CaptureFields[], sourceUrl: string, at: Date): CaptureRow[] {
  const seen = new Set<string>();
  const rows: CaptureRow[] = [];
  for (const fields of found) {
    const ids = identities(fields);
    const [key] = ids;
    if (!key || ids.some((id) => seen.has(id))) continue;
    for (const id of ids) seen.add(id);
    rows.push({ key, ...fields, sourceUrl, capturedAt: at.toISOString() });
  }
  return rows;
}

const ROLE_FIELDS: [ColumnRole, keyof CaptureRow][] = [
  ['key', 'key'], ['name', 'name'], ['firstName', 'firstName'], ['lastName', 'lastName'], ['email', 'email'], ['company', 'company'],
  ['linkedin', 'linkedin'], ['website', 'website'], ['sourceUrl', 'sourceUrl'], ['capturedAt', 'capturedAt'],
];

/** The row as cells of the list's columns; a field the list has no column for is left out. */
export function toRowInput(row: CaptureRow, columns: Partial<Record<ColumnRole, string>>): RowInput {
  const values: RowInput['values'] = [];
  for (const [role, field] of ROLE_FIELDS) {
    const columnId = columns[role];
    const value = row[field];
    if (columnId && value) values.push({ columnId, value });
  }
  return { values };
}

/** The identities a stored row holds, read from its cells. */
export function storedIdentities(row: Row, columns: Partial<Record<ColumnRole, string>>): string[] {
  const text = (role: ColumnRole): string | undefined => {
    const value = row.attributes.values.find((c) => c.columnId === columns[role])?.value;
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const key = text('key');
  const ids = identities({ name: text('name'), email: text('email'), company: text('company'), linkedin: text('linkedin'), website: text('website') });
  return key ? [key, ...ids] : ids;
}
