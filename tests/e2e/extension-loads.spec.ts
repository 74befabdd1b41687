import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect, openExtensionPage } from './fixtures.ts';

test('the built extension loads: worker running, side panel page renders', async ({ context, extensionId }) => {
  expect(extensionId).toMatch(/^[a-p]{32}$/);
  const panel = await openExtensionPage(context, extensionId, 'sidepanel.html');
  await expect(panel.locator('#root')).not.toBeEmpty();
});

test('LinkedIn cannot probe for Sidecar: the built manifests expose no web-accessible resources', async () => {
  // LinkedIn fetches known extensions' web-accessible files to find them (issue 4).
  for (const build of ['chrome-mv3', 'firefox-mv3']) {
    const manifest = JSON.parse(readFileSync(path.resolve('.output', build, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.web_accessible_resources, build).toBeUndefined();
  }
});
