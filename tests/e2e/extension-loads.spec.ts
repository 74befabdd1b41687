import { test, expect, openExtensionPage } from './fixtures.ts';

test('the built extension loads: worker running, side panel page renders', async ({ context, extensionId }) => {
  expect(extensionId).toMatch(/^[a-p]{32}$/);
  const panel = await openExtensionPage(context, extensionId, 'sidepanel.html');
  await expect(panel.locator('#root')).not.toBeEmpty();
});
