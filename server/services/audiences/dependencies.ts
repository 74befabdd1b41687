/** What an AI column can be grounded in: the audience's other columns, and the matched record. */
import type { DataType } from '../../audiences/schemas.ts';

export interface Source {
  id: string;
  name: string;
  dataType: DataType;
  type: 'COLUMN' | 'KNOWLEDGE_BASE';
}

/** The matched record itself, read from this server's database at enrichment time. */
export function knowledgeBaseSources(type: 'CONTACT' | 'COMPANY'): Source[] {
  const company: Source = { id: 'ZOOMINFO_COMPANY', name: 'ZoomInfo company record', dataType: 'OBJECT', type: 'KNOWLEDGE_BASE' };
  if (type === 'COMPANY') return [company];
  return [{ id: 'ZOOMINFO_CONTACT', name: 'ZoomInfo contact record', dataType: 'OBJECT', type: 'KNOWLEDGE_BASE' }, company];
}
