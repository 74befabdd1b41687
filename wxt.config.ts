import { defineConfig } from 'wxt';
import { DEFAULT_BASE_URL } from './utils/schemas/settings.ts';
import { SUPPORTED_SITE_MATCHES } from './utils/sites/shared/matches.ts';

const referenceServer = new URL(DEFAULT_BASE_URL);

// https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  imports: false,
  manifestVersion: 3,
  // The sources zip Mozilla's reviewers rebuild from: code, not local data or test output.
  zip: { excludeSources: ['.data/**', 'tests/artifacts/**', 'test-results/**', 'playwright-report/**', '*.log'] },
  manifest: ({ browser }) => ({
    name: 'Sidecar — B2B enrichment',
    description:
      'Finds emails, companies and people on LinkedIn, CRM records and any page, and enriches them in the side panel.',
    permissions: [
      'storage',
      'alarms',
      'contextMenus',
      'activeTab',
      'scripting',
      'notifications',
      // Connectors' OAuth consent in the browser's auth window (launchWebAuthFlow, getRedirectURL).
      'identity',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    // The reference server and the supported sites only; any other site is asked for when the
    // user adds it (design.md, "Host permissions": never <all_urls> at install).
    host_permissions: [
      `${referenceServer.protocol}//${referenceServer.hostname}/*`,
      'http://127.0.0.1/*',
      ...SUPPORTED_SITE_MATCHES,
    ],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    commands: {
      'open-side-panel': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Open the Sidecar side panel',
      },
    },
    action: { default_title: 'Sidecar' },
    // What an organisation may deploy by policy (README, "Deploying by policy"). Chrome reads
    // storage.managed against this schema; Firefox fills it from policies.json, without a schema.
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed-schema.json' } }),
    // Closed: no other extension and no web page may message Sidecar (Chrome otherwise lets every
    // extension connect when the key is absent).
    ...(browser === 'firefox' ? {} : { externally_connectable: { ids: [] } }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              // Fixed, so identity.getRedirectURL() — registered with a connector's OAuth provider —
              // and the policies.json key (3rdparty.Extensions.<id>) stay the same on every install.
              id: 'sidecar@sidecar.dev',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
