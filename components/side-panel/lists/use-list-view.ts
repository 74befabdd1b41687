import { useCallback, useRef, useState } from 'react';
import { EMPTY_VIEW, type ListView } from '../../../utils/audiences/list-query.ts';
import { listViewsItem } from '../../../utils/stores/storage.ts';

/** Every list's stored view, as the Lists tab read it (useStored(listViewsItem)). */
export interface StoredViews {
  value: Record<string, ListView> | undefined;
  loaded: boolean;
}

/**
 * A list's view (filters, sort, hidden columns), kept in this browser so it is there next time.
 * A change shows at once (the controls are bound to it) and is written to storage after. The
 * stored views are read by the Lists tab when it opens, so a list opened from it asks for its rows
 * at once instead of after a storage read.
 */
export function useListView(listId: string, stored: StoredViews): { view: ListView; loaded: boolean; change: (update: (view: ListView) => ListView) => Promise<void> } {
  const { value, loaded } = stored;
  const [changed, setChanged] = useState<{ listId: string; view: ListView } | null>(null);
  const view = changed?.listId === listId ? changed.view : (value?.[listId] ?? EMPTY_VIEW);
  const current = useRef(view);
  current.current = view;
  const change = useCallback(
    async (update: (view: ListView) => ListView) => {
      const next = update(current.current);
      current.current = next;
      setChanged({ listId, view: next });
      const all = await listViewsItem.getValue();
      await listViewsItem.setValue({ ...all, [listId]: next });
    },
    [listId],
  );
  return { view, loaded, change };
}
