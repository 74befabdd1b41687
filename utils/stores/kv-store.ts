/**
 * A small key-value store on the extension origin's IndexedDB. Content scripts run on the page's
 * origin, so they cannot open it: this is where long-lived secrets, the lookup cache and the
 * background's jobs live.
 */

export interface KvStore<T> {
  get(key: string): Promise<T | undefined>;
  getMany(keys: string[]): Promise<(T | undefined)[]>;
  set(key: string, value: T): Promise<void>;
  setMany(entries: [string, T][]): Promise<void>;
  delete(key: string): Promise<void>;
  clear(): Promise<number>;
  /** Every stored value (small stores only: the cache is never listed). */
  values(): Promise<T[]>;
}

const DB_NAME = 'sidecar';
const STORES = ['secrets', 'cache', 'jobs'] as const;
export type StoreName = (typeof STORES)[number];

let opening: Promise<IDBDatabase> | null = null;

function openDb(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    // Version 2 added the jobs store; an upgrade creates whichever store is missing.
    const request = indexedDB.open(DB_NAME, 2);
    request.onupgradeneeded = () => {
      for (const name of STORES) if (!request.result.objectStoreNames.contains(name)) request.result.createObjectStore(name);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'));
  }).catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

function result<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

export function idbStore<T>(name: StoreName): KvStore<T> {
  const tx = async (mode: IDBTransactionMode) => (await openDb()).transaction(name, mode);
  return {
    async get(key) {
      return (await result((await tx('readonly')).objectStore(name).get(key))) as T | undefined;
    },
    async getMany(keys) {
      const store = (await tx('readonly')).objectStore(name);
      return Promise.all(keys.map((k) => result(store.get(k)) as Promise<T | undefined>));
    },
    async set(key, value) {
      const t = await tx('readwrite');
      t.objectStore(name).put(value, key);
      await done(t);
    },
    async setMany(entries) {
      const t = await tx('readwrite');
      for (const [k, v] of entries) t.objectStore(name).put(v, k);
      await done(t);
    },
    async delete(key) {
      const t = await tx('readwrite');
      t.objectStore(name).delete(key);
      await done(t);
    },
    async values() {
      return (await result((await tx('readonly')).objectStore(name).getAll())) as T[];
    },
    async clear() {
      const t = await tx('readwrite');
      const count = await result(t.objectStore(name).count());
      t.objectStore(name).clear();
      await done(t);
      return count;
    },
  };
}
