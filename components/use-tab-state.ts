import { useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { creditsItem, lastErrorItem, selectionItem, settingsItem, tabStateItem } from '../utils/stores/storage.ts';
import type { TabState } from '../utils/schemas/lookup.ts';
import type { Settings } from '../utils/schemas/settings.ts';

/**
 * The pages read the background's state straight from storage and watch it (no polling): the
 * worker writes, every open page re-renders.
 */

interface Watchable<T> {
  fallback: T;
  getValue(): Promise<T>;
  watch(cb: (value: T) => void): () => void;
}

/** A stored value and whether it has been read yet. */
export function useStored<T>(item: Watchable<T> | null): { value: T | undefined; loaded: boolean } {
  const [state, setState] = useState<{ item: Watchable<T> | null; value: T | undefined; loaded: boolean }>({
    item,
    value: undefined,
    loaded: false,
  });
  useEffect(() => {
    if (!item) return;
    let live = true;
    const unwatch = item.watch((value) => {
      if (live) setState({ item, value: value ?? item.fallback, loaded: true });
    });
    void item.getValue().then((value) => {
      if (live) setState((s) => (s.item === item && s.loaded ? s : { item, value, loaded: true }));
    });
    return () => {
      live = false;
      unwatch();
    };
  }, [item]);
  // A value read for a previous item (the tab changed) is not shown for the new one.
  if (state.item !== item) return { value: undefined, loaded: false };
  return { value: state.value, loaded: state.loaded };
}

/** `?tabId=123` pins a page to one tab (tests, and the panel opened for a specific tab). */
export function pinnedTabId(search: string): number | null {
  const raw = new URLSearchParams(search).get('tabId');
  if (raw === null || !/^\d+$/.test(raw)) return null;
  return Number(raw);
}

/** The tab the side panel or popup belongs to: the active tab of this window, followed as it changes. */
export function useActiveTabId(): number | null | undefined {
  const pinned = useMemo(() => pinnedTabId(globalThis.location?.search ?? ''), []);
  const [tabId, setTabId] = useState<number | null | undefined>(pinned ?? undefined);
  useEffect(() => {
    if (pinned !== null) return;
    let live = true;
    let windowId: number | undefined;
    const refresh = async () => {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      windowId = tab?.windowId;
      if (live) setTabId(tab?.id ?? null);
    };
    const onActivated = (info: { tabId: number; windowId: number }) => {
      if (windowId === undefined || info.windowId === windowId) setTabId(info.tabId);
    };
    const onUpdated = (id: number, _change: unknown, tab: { active?: boolean; windowId?: number }) => {
      if (tab.active && (windowId === undefined || tab.windowId === windowId)) setTabId(id);
    };
    void refresh().catch(() => live && setTabId(null));
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    return () => {
      live = false;
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  }, [pinned]);
  return tabId;
}

export function useTabState(tabId: number | null | undefined): { state: TabState | null; loaded: boolean } {
  const item = useMemo(() => (typeof tabId === 'number' ? tabStateItem(tabId) : null), [tabId]);
  const { value, loaded } = useStored(item);
  return { state: value ?? null, loaded: loaded || tabId === null };
}

export function useSelection(tabId: number | null | undefined): string | null {
  const item = useMemo(() => (typeof tabId === 'number' ? selectionItem(tabId) : null), [tabId]);
  return useStored(item).value?.key ?? null;
}

export function useCredits() {
  return useStored(creditsItem).value ?? null;
}

export function useLastError() {
  return useStored(lastErrorItem).value ?? null;
}

/** Settings, read-only: pages change them through the saveSettings message. */
export function useSettings(): Settings | undefined {
  return useStored(settingsItem).value;
}
