import { useCallback, useRef, useState } from 'react';
import { EMPTY_VIEW, type ListView } from '../../../utils/audiences/list-query.ts';
import { listViewsItem } from '../../../utils/stores/storage.ts';
import { useStored } from '../../use-tab-state.ts';

/**
 * A list's view (filters, sort, hidden columns), kept in this browser so it is there next time.
 * A change shows at once (the controls are bound to it) and is written to storage after.
 */
export function useListView(listId: string): { view: ListView; loaded: boolean; change: (update: (view: ListView) => ListView) => Promise<void> } {
  const { value, loaded } = useStored(listViewsItem);
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
