import type { LookupStatus, TabEntity, TabState } from '../schemas/lookup.ts';

type Send = (tabId: number, states: Record<string, LookupStatus>, sources: Record<string, string>) => Promise<void>;

const FIELD_NAMES: Readonly<Record<string, string>> = { mobilePhone: 'mobile phone', directPhone: 'direct phone', email: 'email', companyPhone: 'company phone' };

/** What connectors filled for an entity, as the badge's title says it: "mobile phone from App-Z". */
export function filledSentence(entity: TabEntity): string | null {
  const filled = entity.state.status === 'RESULT' ? entity.state.result.filledBy : undefined;
  if (!filled || Object.keys(filled).length === 0) return null;
  return Object.entries(filled)
    .map(([field, source]) => `${FIELD_NAMES[field] ?? field} from ${source}`)
    .join(', ');
}

/**
 * Badge colours pushed to a tab's content script when its lookups change, instead of the content
 * script asking every few seconds: a visible CRM tab lets the worker go idle. Writes that land
 * together (one batch's results) make one message, and a tab hears only of a change.
 */
export class BadgePush {
  private readonly send: Send;
  private readonly windowMs: number;
  /** What each tab was last told, as JSON. */
  private readonly told = new Map<number, string>();
  private readonly pending = new Map<number, TabState | null>();

  constructor(send: Send, windowMs = 30) {
    this.send = send;
    this.windowMs = windowMs;
  }

  /** A tab's state was written. */
  changed(tabId: number, state: TabState | null): void {
    const scheduled = this.pending.has(tabId);
    this.pending.set(tabId, state);
    if (!scheduled) setTimeout(() => void this.flush(tabId), this.windowMs);
  }

  /** The tab's content script scanned afresh: it knows no colours, so the next write is told even if unchanged. */
  rescanned(tabId: number): void {
    this.told.delete(tabId);
  }

  forget(tabId: number): void {
    this.told.delete(tabId);
    this.pending.delete(tabId);
  }

  private async flush(tabId: number): Promise<void> {
    if (!this.pending.has(tabId)) return;
    const state = this.pending.get(tabId) ?? null;
    this.pending.delete(tabId);
    const entities = state?.entities ?? [];
    const states = Object.fromEntries(entities.map((e) => [e.key, e.state.status]));
    const sources = Object.fromEntries(entities.flatMap((e) => {
      const sentence = filledSentence(e);
      return sentence ? [[e.key, sentence]] : [];
    }));
    const json = JSON.stringify([states, sources]);
    if (this.told.get(tabId) === json) return;
    this.told.set(tabId, json);
    // A tab without the content script (or closed meanwhile) cannot be told; nothing to do then.
    await this.send(tabId, states, sources).catch(() => undefined);
  }
}
