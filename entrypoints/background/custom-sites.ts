import { browser } from 'wxt/browser';
import { settingsItem } from '../../utils/stores/storage.ts';
import { customSiteMatches } from '../../utils/sites/shared/matches.ts';

const SCRIPT_ID = 'sidecar-custom-sites';

/**
 * Detection "always, for sites the user adds": the content script is registered for exactly the
 * added sites whose host permission the user granted (options requests it when the site is added).
 */
export async function syncCustomSites(): Promise<void> {
  const { customSites } = await settingsItem.getValue();
  const granted = [];
  for (const match of customSiteMatches(customSites)) {
    if (await browser.permissions.contains({ origins: [match] })) granted.push(match);
  }
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (granted.length === 0) return;
  await browser.scripting.registerContentScripts([
    { id: SCRIPT_ID, matches: granted, js: ['content-scripts/content.js'], runAt: 'document_idle', persistAcrossSessions: true },
  ]);
}
