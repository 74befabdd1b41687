import { browser, type Browser } from 'wxt/browser';
import type { Core } from '../../utils/background/core.ts';
import { queryFromMenuClick } from '../../utils/lookup/query.ts';
import { openSidePanel } from '../../utils/side-panel.ts';

/**
 * "Enrich this email" on a selection containing an email or on a mailto: link; "Look up this
 * company" on a link or a selected domain. The click opens the side panel on the result.
 */
// A menu click is a click: it enriches (issue 17), and its title says what that costs.
const ENRICH_EMAIL = 'Enrich this email (1 credit, free if enriched in the last 12 months)';
const ENRICH_COMPANY = 'Enrich this company (1 credit, free if enriched in the last 12 months)';
const MENUS: Browser.contextMenus.CreateProperties[] = [
  { id: 'enrich-email-selection', title: ENRICH_EMAIL, contexts: ['selection'] },
  { id: 'enrich-email-link', title: ENRICH_EMAIL, contexts: ['link'], targetUrlPatterns: ['mailto:*'] },
  { id: 'lookup-company-selection', title: ENRICH_COMPANY, contexts: ['selection'] },
  { id: 'lookup-company-link', title: ENRICH_COMPANY, contexts: ['link'], targetUrlPatterns: ['http://*/*', 'https://*/*'] },
];

/** Menus persist across worker restarts: create them once per install/update. */
export function createContextMenus(): void {
  void browser.contextMenus.removeAll().then(() => {
    for (const menu of MENUS) browser.contextMenus.create(menu);
  });
}

export function onContextMenuClick(core: Core, info: Browser.contextMenus.OnClickData, tab: Browser.tabs.Tab | undefined): void {
  // Synchronously, before anything else: the gesture ends at the first await.
  void openSidePanel(tab?.id, tab?.windowId).catch(() => undefined);
  const query = queryFromMenuClick(info);
  if (!query || tab?.id === undefined) return;
  void core.lookupFor(tab.id, tab.url ?? info.pageUrl ?? '', query, 'context-menu');
}
