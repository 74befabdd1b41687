import { browser } from 'wxt/browser';

/** Firefox's sidebar API, missing from the Chrome-based types WXT ships. */
interface FirefoxSidebar {
  sidebarAction: { open(): Promise<void> };
}

/**
 * Opens the side panel (Chrome) or the sidebar (Firefox) from an extension page. Call it first in
 * the click handler, before any await: both browsers require a user gesture.
 */
export function openSidePanel(tabId: number | undefined): Promise<void> {
  if (import.meta.env.FIREFOX) return (browser as unknown as FirefoxSidebar).sidebarAction.open();
  if (tabId !== undefined) return browser.sidePanel.open({ tabId });
  return Promise.reject(new Error('No tab to open the side panel for.'));
}
