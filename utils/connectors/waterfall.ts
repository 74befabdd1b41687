/**
 * The waterfall: per field (mobile phone, direct phone, email…), an ordered list of sources — the
 * provider first, then connector Enrich actions — tried in order until one gives a value. The
 * result names the source that gave it, so the card can say where a number came from.
 */

export interface WaterfallSource<Entity> {
  id: string;
  /** What the card shows: "ZoomInfo", "App-Z". */
  label: string;
  /** The field's value from this source, or null when it has none. May throw. */
  lookup(entity: Entity, field: string): Promise<string | null>;
}

export type WaterfallResult =
  | { value: string; sourceId: string; sourceLabel: string; failures: WaterfallFailure[] }
  | { value: null; sourceId: null; sourceLabel: null; failures: WaterfallFailure[] };

export interface WaterfallFailure {
  sourceId: string;
  message: string;
}

/**
 * Tries `order`'s sources one after another (later ones are not called once a value is found).
 * A source that fails is recorded and skipped: one broken connector must not hide the others.
 */
export async function runWaterfall<Entity>(field: string, order: readonly string[], sources: readonly WaterfallSource<Entity>[], entity: Entity): Promise<WaterfallResult> {
  const failures: WaterfallFailure[] = [];
  for (const id of order) {
    const source = sources.find((s) => s.id === id);
    if (!source) {
      failures.push({ sourceId: id, message: `The source ${id} no longer exists.` });
      continue;
    }
    try {
      const value = await source.lookup(entity, field);
      if (value !== null && value.trim() !== '') return { value, sourceId: source.id, sourceLabel: source.label, failures };
    } catch (error) {
      failures.push({ sourceId: source.id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { value: null, sourceId: null, sourceLabel: null, failures };
}

/** Every field of a waterfall configuration, each through its own order. */
export async function runWaterfalls<Entity>(config: Readonly<Record<string, readonly string[]>>, sources: readonly WaterfallSource<Entity>[], entity: Entity): Promise<Record<string, WaterfallResult>> {
  const entries = await Promise.all(Object.entries(config).map(async ([field, order]) => [field, await runWaterfall(field, order, sources, entity)] as const));
  return Object.fromEntries(entries);
}
