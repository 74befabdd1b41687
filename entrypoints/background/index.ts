import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createCore } from '../../utils/background/core.ts';
import { onBackgroundMessage, sendToTab } from '../../utils/messaging.ts';
import { createContextMenus, onContextMenuClick } from './context-menus.ts';
import { syncCustomSites } from './custom-sites.ts';
import { settingsItem } from '../../utils/stores/storage.ts';
import { coreStorage, managedConnectorKeys, managedPolicy, managedSettings, secretStore } from './core-storage.ts';
import { configureSidePanel, openSidePanel } from '../../utils/side-panel.ts';
import { ConnectorSecrets } from '../../utils/connectors/connector-secrets.ts';

const RESUME_ALARM = 'sidecar-resume-lookups';

export default defineBackground({
  type: 'module',
  main() {
    const core = createCore({
      storage: coreStorage,
      secrets: secretStore,
      browser: {
        openSidePanel: (tabId) => openSidePanel(tabId),
        async scanTab(tabId) {
          await browser.scripting.executeScript({ target: { tabId }, files: ['/content-scripts/content.js'] });
          await sendToTab(tabId, 'scanPage', {});
        },
        async tabUrl(tabId) {
          return (await browser.tabs.get(tabId)).url ?? '';
        },
        scheduleResume(at) {
          void browser.alarms.create(RESUME_ALARM, { when: at + 50 });
        },
        async notify(title, message) {
          await browser.notifications.create({ type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title, message });
        },
        async pushBadgeStates(tabId, states, sources) {
          await sendToTab(tabId, 'updateBadges', { states, sources });
        },
        managedStorage: managedPolicy.get,
        redirectUrl: () => browser.identity.getRedirectURL(),
        async launchWebAuthFlow(url) {
          const redirected = await browser.identity.launchWebAuthFlow({ url, interactive: true });
          if (!redirected) throw new Error('The sign-in window returned no address.');
          return redirected;
        },
      },
      jobs: { alarms: browser.alarms },
      connectors: {
        secrets: new ConnectorSecrets(undefined, managedConnectorKeys),
      },
    });

    // Every listener is registered here, synchronously: one added after an await misses the event
    // that woke the worker.
    onBackgroundMessage(core.handlers);
    browser.runtime.onInstalled.addListener(() => createContextMenus());
    browser.contextMenus.onClicked.addListener((info, tab) => onContextMenuClick(core, info, tab));
    browser.commands.onCommand.addListener((command, tab) => {
      if (command === 'open-side-panel') void openSidePanel(tab?.id, tab?.windowId).catch(() => undefined);
    });
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === RESUME_ALARM) void core.resume();
      else void core.jobs.onAlarm(alarm.name);
    });
    browser.tabs.onUpdated.addListener((tabId, change) => {
      if (change.url) void core.navigated(tabId, change.url);
    });
    browser.tabs.onRemoved.addListener((tabId) => void core.tabClosed(tabId));
    browser.permissions.onAdded.addListener(() => void syncCustomSites().catch(() => undefined));
    browser.permissions.onRemoved.addListener(() => void syncCustomSites().catch(() => undefined));
    settingsItem.watch(() => void syncCustomSites().catch(() => undefined));
    // Chrome applies a changed policy while running; the next request uses the new provider settings.
    browser.storage.onChanged.addListener((_changes, area) => {
      if (area !== 'managed') return;
      managedSettings.invalidate();
      managedPolicy.invalidate();
      core.settingsChanged();
    });

    configureSidePanel();
    // Tokens live in storage.session: keep it from content scripts (Chrome's default, made explicit).
    if (!import.meta.env.FIREFOX) {
      void browser.storage.session.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined);
    }
    // A worker stopped mid-batch left lookups LOADING: finish them.
    void core.resume();
    // A worker stopped mid-capture left a job unfinished: go on with it.
    void core.jobs.resume().catch(() => undefined);
  },
});
