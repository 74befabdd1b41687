import type { BackgroundContext, HandlerGroup } from './context.ts';

/** The side panel and the tabs it shows: opening it, what a tab holds, which entity is selected, scanning on request. */
export function tabHandlers(ctx: BackgroundContext): HandlerGroup<'openSidePanel' | 'getTabState' | 'selectEntity' | 'scanTab'> {
  const { tabs, storage, browser, lookups } = ctx;
  return {
    openSidePanel({ key }, sender) {
      // First, synchronously: any await before open() leaves the user gesture and Chrome refuses.
      const opening = browser.openSidePanel(sender.tabId);
      // A badge click is a click: a preview behind it is revealed (the badge's title says so).
      const selecting =
        sender.tabId !== undefined && key ? Promise.all([storage.setSelection(sender.tabId, key), lookups.revealPreview(sender.tabId, key)]) : Promise.resolve();
      return Promise.all([opening.catch(() => undefined), selecting]).then(() => ({ ok: true as const }));
    },
    getTabState: ({ tabId }) => tabs.get(tabId),
    async selectEntity({ tabId, key }) {
      await storage.setSelection(tabId, key);
      return { ok: true };
    },
    async scanTab({ tabId }) {
      await browser.scanTab(tabId);
      return { tracked: (await tabs.get(tabId))?.entities.length ?? 0 };
    },
  };
}
