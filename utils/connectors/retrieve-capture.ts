/**
 * A Retrieve table's rows as list rows: each column whose output says what it is (an email, a
 * domain, a company name…) fills that field of the row; the other columns stay in the table.
 */
import type { CaptureFields } from '../audiences/capture.ts';
import type { EntityField } from './connector.ts';
import type { JsonValue } from './template.ts';
import type { RetrieveTable } from './views.ts';

const CAPTURED: Partial<Record<EntityField, keyof CaptureFields>> = {
  email: 'email',
  domain: 'website',
  firstName: 'firstName',
  lastName: 'lastName',
  fullName: 'name',
  companyName: 'company',
  linkedinUrl: 'linkedin',
};

function text(value: JsonValue | undefined): string | undefined {
  if (value === null || value === undefined || typeof value === 'object') return undefined;
  const said = String(value).trim();
  return said === '' ? undefined : said;
}

/** Whether the table says enough of its rows (some column is a person's or company's field) to add them to a list. */
export function canCapture(table: Pick<RetrieveTable, 'columns'>): boolean {
  return table.columns.some((column) => column.entityField !== undefined && CAPTURED[column.entityField] !== undefined);
}

export function retrieveRowsAsFields(table: Pick<RetrieveTable, 'columns' | 'rows'>): CaptureFields[] {
  return table.rows.map((row) => {
    const fields: CaptureFields = {};
    table.columns.forEach((column, index) => {
      const field = column.entityField ? CAPTURED[column.entityField] : undefined;
      const value = text(row[index]);
      if (field && value !== undefined && fields[field] === undefined) fields[field] = value;
    });
    // A person given as first and last name is named by both.
    if (!fields.name && fields.firstName && fields.lastName) fields.name = `${fields.firstName} ${fields.lastName}`;
    return fields;
  });
}
