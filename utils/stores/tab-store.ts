import type { Detection } from '../schemas/detection.ts';
import { tabState as tabStateSchema, type LookupState, type TabEntity, type TabState } from '../schemas/lookup.ts';

/**
 * Per-tab detections and lookup states. Writes to one tab are serialised (lookups finish
 * concurrently), and state patches that arrive together are written together. The backing area is
 * storage.session in the worker, so a restarted worker finds every tab's state where it was.
 */

export interface TabArea {
  get(tabId: number): Promise<unknown>;
  set(tabId: number, state: TabState | null): Promise<void>;
  /** Every stored tab state. */
  all(): Promise<unknown[]>;
}

export class TabStore {
  private readonly area: TabArea;
  private readonly chains = new Map<number, Promise<unknown>>();
  /** State patches waiting for the next write of their tab (results of one batch land together). */
  private readonly pending = new Map<number, { states: Map<string, LookupState>; written: Promise<TabState | null> }>();
  private readonly now: () => number;

  constructor(area: TabArea, now: () => number = Date.now) {
    this.area = area;
    this.now = now;
  }

  async get(tabId: number): Promise<TabState | null> {
    await this.chains.get(tabId);
    return parse(await this.area.get(tabId));
  }

  async all(): Promise<TabState[]> {
    return (await this.area.all()).map(parse).filter((s): s is TabState => s !== null);
  }

  /** Runs `change` on the tab's current state after every earlier change, and stores the result. */
  update(tabId: number, change: (state: TabState | null) => TabState | null): Promise<TabState | null> {
    const next = (this.chains.get(tabId) ?? Promise.resolve()).then(async () => {
      const updated = change(parse(await this.area.get(tabId)));
      await this.area.set(tabId, updated ? { ...updated, updatedAt: this.now() } : null);
      return updated;
    });
    const settled = next.catch(() => undefined);
    this.chains.set(tabId, settled);
    void settled.then(() => {
      if (this.chains.get(tabId) === settled) this.chains.delete(tabId);
    });
    return next;
  }

  /**
   * Sets lookup states of entities already on the tab (keys not on it are ignored). Patches made in
   * the same turn of the event loop are written in one update: a batch of 25 results is one write.
   */
  setStates(tabId: number, states: Map<string, LookupState>): Promise<TabState | null> {
    const waiting = this.pending.get(tabId);
    if (waiting) {
      for (const [key, state] of states) waiting.states.set(key, state);
      return waiting.written;
    }
    const patch = new Map(states);
    const written = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => {
      this.pending.delete(tabId);
      return this.update(tabId, (state) =>
        state ? { ...state, entities: state.entities.map((e) => (patch.has(e.key) ? { ...e, state: patch.get(e.key) ?? e.state } : e)) } : null,
      );
    });
    this.pending.set(tabId, { states: patch, written });
    return written;
  }

  clear(tabId: number): Promise<TabState | null> {
    return this.update(tabId, () => null);
  }
}

function parse(raw: unknown): TabState | null {
  if (raw === null || raw === undefined) return null;
  const parsed = tabStateSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/**
 * Merges a content script's report into the tab's entities. A full scan (`replace`) or a new URL
 * drops what is no longer on the page; an entity already known keeps its lookup state.
 */
export function mergeDetections(
  state: TabState | null,
  tabId: number,
  url: string,
  detections: { key: string; detection: Detection }[],
  replace: boolean,
  now: number,
): TabState {
  const fresh = !state || state.url !== url;
  const previous = new Map((state?.entities ?? []).map((e) => [e.key, e]));
  const entities: TabEntity[] = fresh || replace ? [] : [...(state?.entities ?? [])];
  const present = new Set(entities.map((e) => e.key));
  for (const { key, detection } of detections) {
    if (present.has(key)) continue;
    present.add(key);
    const known = previous.get(key);
    entities.push(known && !fresh ? known : { key, detection, state: { status: 'BLANK' } });
  }
  // Entities added by the user (quick lookup, context menu) stay through a re-scan of the same page.
  if (replace && !fresh && state) {
    for (const e of state.entities) if (!present.has(e.key) && USER_SOURCES.has(e.detection.source)) entities.push(e);
  }
  return { tabId, url, updatedAt: now, entities };
}

/** Detection sources that mean "the user asked", not "the page shows". */
export const USER_SOURCES = new Set(['quick-lookup', 'context-menu']);
