import { useCallback } from 'react';
import { EMPTY_VIEW, type ListView } from '../../../utils/audiences/list-query.ts';
import { listViewsItem } from '../../../utils/stores/storage.ts';
import { useStored } from '../../use-tab-state.ts';

/** A list's view (filters, sort, hidden columns), kept in this browser so it is there next time. */
export function useListView(listId: string): { view: ListView; loaded: boolean; change: (update: (view: ListView) => ListView) => Promise<void> } {
  const { value, loaded } = useStored(listViewsItem);
  const view = value?.[listId] ?? EMPTY_VIEW;
  const change = useCallback(
    async (update: (view: ListView) => ListView) => {
      const all = await listViewsItem.getValue();
      await listViewsItem.setValue({ ...all, [listId]: update(all[listId] ?? EMPTY_VIEW) });
    },
    [listId],
  );
  return { view, loaded, change };
}
