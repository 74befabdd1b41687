import type { KvStore } from '../../utils/stores/kv-store.ts';

/** A KvStore in a Map, for tests and benchmarks: what IndexedDB holds, without a browser. */
export function memoryKv<T>(): KvStore<T> & { map: Map<string, T> } {
  const map = new Map<string, T>();
  return {
    map,
    get: async (k) => map.get(k),
    getMany: async (keys) => keys.map((k) => map.get(k)),
    set: async (k, v) => void map.set(k, v),
    setMany: async (entries) => entries.forEach(([k, v]) => map.set(k, v)),
    delete: async (k) => void map.delete(k),
    clear: async () => {
      const n = map.size;
      map.clear();
      return n;
    },
    values: async () => [...map.values()],
  };
}
