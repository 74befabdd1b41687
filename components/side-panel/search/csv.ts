import type { CompanySummary, ContactSummary, IntentCompany } from '../../../utils/schemas/enterprise-api.ts';
import type { SearchCompany, SearchContact } from '../../../utils/schemas/search-api.ts';
import type { Kind, Rows } from './sources.ts';

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

/** The enterprise search's contact summaries: who, where, and what the provider has on file. */
export const PROSPECT_CONTACT_COLUMNS: Column<ContactSummary>[] = [
  { header: 'id', value: (c) => c.id },
  { header: 'first_name', value: (c) => c.firstName },
  { header: 'last_name', value: (c) => c.lastName },
  { header: 'job_title', value: (c) => c.jobTitle },
  { header: 'management_level', value: (c) => (Array.isArray(c.managementLevel) ? c.managementLevel.join('; ') : c.managementLevel) },
  { header: 'department', value: (c) => c.department },
  { header: 'has_email', value: (c) => c.hasEmail },
  { header: 'has_direct_phone', value: (c) => c.hasDirectPhone },
  { header: 'has_mobile_phone', value: (c) => c.hasMobilePhone },
  { header: 'accuracy_score', value: (c) => c.contactAccuracyScore },
  { header: 'company_id', value: (c) => c.company?.id },
  { header: 'company_name', value: (c) => c.company?.name },
];

/** Exact figures where the provider gives them (revenue in thousands of USD), else its ranges. */
export const PROSPECT_COMPANY_COLUMNS: Column<CompanySummary>[] = [
  { header: 'id', value: (c) => c.id },
  { header: 'name', value: (c) => c.name },
  { header: 'website', value: (c) => c.website ?? c.domain },
  { header: 'industry', value: (c) => c.industry },
  { header: 'employees', value: (c) => c.employeeCount ?? c.employeeRange },
  { header: 'revenue_usd', value: (c) => (typeof c.revenue === 'number' ? c.revenue * 1000 : c.revenueRange) },
  { header: 'city', value: (c) => c.city },
  { header: 'state', value: (c) => c.state },
  { header: 'country', value: (c) => c.country },
];

/** One row per company; its topics strongest first, `topic (score)` joined by `; `. */
export const INTENT_COLUMNS: Column<IntentCompany>[] = [
  { header: 'company_id', value: (c) => c.id },
  { header: 'company_name', value: (c) => c.name },
  { header: 'website', value: (c) => c.website ?? c.domain },
  { header: 'topics', value: (c) => strongest(c).map((s) => `${s.topic} (${s.signalScore})`).join('; ') },
  { header: 'top_signal_score', value: (c) => strongest(c)[0]?.signalScore },
  { header: 'latest_signal_date', value: (c) => c.signals.map((s) => s.signalDate ?? '').sort().at(-1) || null },
];

function strongest(c: IntentCompany) {
  return [...c.signals].sort((a, b) => b.signalScore - a.signalScore);
}

/** The CSV of any search's rows, with the columns of its kind and source. */
export function rowsToCsv(result: Rows): string {
  switch (result.kind) {
    case 'contacts':
      return result.source === 'search-api' ? toCsv(result.rows, CONTACT_COLUMNS) : toCsv(result.rows, PROSPECT_CONTACT_COLUMNS);
    case 'companies':
      return result.source === 'search-api' ? toCsv(result.rows, COMPANY_COLUMNS) : toCsv(result.rows, PROSPECT_COMPANY_COLUMNS);
    case 'intent':
      return toCsv(result.rows, INTENT_COLUMNS);
  }
}

export function csvFileName(kind: Kind, now = new Date()): string {
  return `sidecar-${kind}-${now.toISOString().slice(0, 19).replace(/[:T]/g, '-')}.csv`;
}
