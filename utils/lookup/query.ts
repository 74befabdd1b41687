import { registrableDomain } from '../detect/domains.ts';
import type { LookupQuery } from '../messaging.ts';

/**
 * What a user typed or selected (popup quick lookup, context menu): an email, a domain or URL, or
 * else a company name. Free of tldts so the popup stays small; the background normalises the
 * domain again with the full public suffix list.
 */
export function classifyQuery(text: string): LookupQuery | null {
  const value = text.trim();
  if (!value) return null;
  const email = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/.exec(value)?.[0];
  if (email) return { kind: 'email', value: email.toLowerCase() };
  if (!/\s/.test(value)) {
    const domain = registrableDomain(value);
    if (domain) return { kind: 'domain', value: domain };
  }
  return value.length <= 200 ? { kind: 'company', value } : null;
}

/** What a context-menu click asks to look up: the selected or linked email, domain or company. */
export function queryFromMenuClick(info: { menuItemId: string | number; linkUrl?: string; selectionText?: string }): LookupQuery | null {
  const id = String(info.menuItemId);
  const text = id.endsWith('-link') ? decodeURIComponent((info.linkUrl ?? '').replace(/^mailto:/i, '').split('?')[0] ?? '') : (info.selectionText ?? '');
  const query = classifyQuery(text);
  if (!query) return null;
  if (id.startsWith('enrich-email')) return query.kind === 'email' ? query : null;
  return query.kind === 'email' ? { kind: 'domain' as const, value: query.value.split('@')[1] ?? query.value } : query;
}
