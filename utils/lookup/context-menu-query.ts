import { classifyQuery } from './query.ts';
import type { LookupQuery } from '../messaging.ts';

/** What a context-menu click asks to look up: the selected or linked email, domain or company. */
export function queryFromMenuClick(info: { menuItemId: string | number; linkUrl?: string; selectionText?: string }): LookupQuery | null {
  const id = String(info.menuItemId);
  const text = id.endsWith('-link') ? decodeURIComponent((info.linkUrl ?? '').replace(/^mailto:/i, '').split('?')[0] ?? '') : (info.selectionText ?? '');
  const query = classifyQuery(text);
  if (!query) return null;
  if (id.startsWith('enrich-email')) return query.kind === 'email' ? query : null;
  return query.kind === 'email' ? { kind: 'domain' as const, value: query.value.split('@')[1] ?? query.value } : query;
}
