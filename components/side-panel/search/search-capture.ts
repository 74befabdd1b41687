import type { CaptureFields } from '../../../utils/audiences/capture.ts';
import type { SearchForm } from './search-request.ts';
import { hasFilter, type Kind, type Rows, type Source } from './sources.ts';

/**
 * Search results as list rows: a contact by name, company, and whatever identifies them that the
 * search tells (the search API's email and LinkedIn profile; the enterprise preview has neither,
 * so enrichment matches on name and company); a company by name and website.
 */
export function searchRowsAsFields(result: Rows): CaptureFields[] {
  switch (result.kind) {
    case 'contacts':
      return result.source === 'search-api'
        ? result.rows.map((c) => person(c.full_name, c.company.name, c.email ?? undefined, c.linkedin_url ?? undefined))
        : result.rows.map((c) => person([c.firstName, c.lastName].filter(Boolean).join(' '), c.company?.name ?? undefined));
    case 'companies':
    case 'intent':
      return result.rows.map((c) => ({ company: c.name ?? undefined, website: c.website ?? c.domain ?? undefined }));
  }
}

function person(name: string, company?: string, email?: string, linkedin?: string): CaptureFields {
  const [first, ...rest] = name.trim().split(/\s+/);
  return { name: name || undefined, firstName: rest.length > 0 ? first : undefined, lastName: rest.length > 0 ? rest.join(' ') : undefined, company, email, linkedin };
}

/** What a search capture writes as each row's source: the search and its filters, for whoever reads the list later. */
export function searchSource(kind: Kind, source: Source, form: SearchForm): string {
  const said = (Object.keys(form) as (keyof SearchForm)[])
    .filter((field) => hasFilter(source, kind, field) && form[field] !== '' && form[field] !== false)
    .map((field) => `${field}=${String(form[field])}`);
  return `Sidecar search: ${kind}${said.length > 0 ? ` (${said.join(', ')})` : ''}`;
}
