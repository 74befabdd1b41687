import type { SearchCompany, SearchContact } from '../../../utils/schemas/search-api.ts';

/**
 * CSV export of search results (RFC 4180: comma-separated, CRLF line ends, quotes doubled). Cells
 * that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) get a leading
 * apostrophe — OWASP "CSV injection" — except phone numbers, which legitimately start with +.
 */

export type Cell = string | number | boolean | null | undefined;
export interface Column<T> {
  header: string;
  value: (row: T) => Cell;
}

const FORMULA = /^[=+\-@\t\r]/;
const PHONE = /^\+[\d\s().-]{6,}$/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA.test(text) && !PHONE.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export const CONTACT_COLUMNS: Column<SearchContact>[] = [
  { header: 'id', value: (c) => c.id },
  { header: 'first_name', value: (c) => c.first_name },
  { header: 'last_name', value: (c) => c.last_name },
  { header: 'job_title', value: (c) => c.job_title },
  { header: 'department', value: (c) => c.department },
  { header: 'seniority', value: (c) => c.seniority },
  { header: 'is_decision_maker', value: (c) => c.is_decision_maker },
  { header: 'email', value: (c) => c.email },
  { header: 'personal_email', value: (c) => c.personal_email },
  { header: 'phone', value: (c) => c.phone },
  { header: 'mobile_phone', value: (c) => c.mobile_phone },
  { header: 'linkedin_url', value: (c) => c.linkedin_url },
  { header: 'city', value: (c) => c.location.city },
  { header: 'state', value: (c) => c.location.state },
  { header: 'country', value: (c) => c.location.country },
  { header: 'company_id', value: (c) => c.company.id },
  { header: 'company_name', value: (c) => c.company.name },
  { header: 'company_domain', value: (c) => c.company.domain },
];

export const COMPANY_COLUMNS: Column<SearchCompany>[] = [
  { header: 'id', value: (c) => c.id },
  { header: 'name', value: (c) => c.name },
  { header: 'domain', value: (c) => c.domain },
  { header: 'website', value: (c) => c.website },
  { header: 'industry', value: (c) => c.industry },
  { header: 'sub_industry', value: (c) => c.sub_industry },
  { header: 'functions', value: (c) => c.functions.join('; ') },
  { header: 'employees', value: (c) => c.employees },
  { header: 'revenue_usd', value: (c) => c.revenue_usd },
  { header: 'city', value: (c) => c.location.city },
  { header: 'state', value: (c) => c.location.state },
  { header: 'country', value: (c) => c.location.country },
  { header: 'technologies', value: (c) => c.technologies.join('; ') },
  { header: 'created_at', value: (c) => c.created_at },
  { header: 'founded_year', value: (c) => c.founded_year },
  { header: 'ticker', value: (c) => c.ticker },
  { header: 'linkedin_url', value: (c) => c.linkedin_url },
];

export function csvFileName(kind: 'contacts' | 'companies', now = new Date()): string {
  return `sidecar-${kind}-${now.toISOString().slice(0, 19).replace(/[:T]/g, '-')}.csv`;
}
