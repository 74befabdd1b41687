import { browser } from 'wxt/browser';

/**
 * Opens the side panel (Chrome) or sidebar (Firefox). Call it synchronously from the user's gesture:
 * any `await` before it and Chrome refuses ("sidePanel.open() may only be called in response to a
 * user gesture").
 */
/** Firefox's sidebar API, missing from the Chrome-based types WXT ships. */
interface FirefoxSidebar {
  sidebarAction: { open(): Promise<void> };
}

export function openSidePanel(tabId: number | undefined, windowId?: number): Promise<void> {
  if (import.meta.env.FIREFOX) return (browser as unknown as FirefoxSidebar).sidebarAction.open();
  if (tabId !== undefined) return browser.sidePanel.open({ tabId });
  if (windowId !== undefined) return browser.sidePanel.open({ windowId });
  return Promise.reject(new Error('No tab or window to open the side panel in.'));
}

export function configureSidePanel(): void {
  if (import.meta.env.FIREFOX) return;
  // The toolbar button opens the popup; the popup, the keyboard command, badges and the context
  // menu open the panel.
  void browser.sidePanel.setPanelBehavior({ openPanelOnActionClick: false }).catch(() => undefined);
}
