import type { BrowserContext } from '@playwright/test';
import type { CredentialsInput } from '../../utils/messaging.ts';
import type { SettingsInput } from '../../utils/schemas/settings.ts';

/**
 * Configures the loaded extension the way a user would through Options: the same privileged
 * messages, sent from an extension page (content scripts may not send them).
 */
export async function configureExtension(
  context: BrowserContext,
  extensionId: string,
  settings: Partial<SettingsInput>,
  credentials: CredentialsInput,
): Promise<void> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const errors = await page.evaluate(
    async ({ settings, credentials }) => {
      const { runtime } = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome;
      const send = (name: string, input: unknown) =>
        Promise.race([
          runtime.sendMessage({ protocol: 'sidecar/1', name, input }) as Promise<{ ok: boolean; error?: { message: string } }>,
          new Promise<{ ok: boolean; error: { message: string } }>((resolve) =>
            setTimeout(() => resolve({ ok: false, error: { message: `no answer to ${name} within 15 s` } }), 15_000),
          ),
        ]);
      const results = [await send('saveSettings', settings), await send('saveCredentials', credentials)];
      return results.filter((r) => !r.ok).map((r) => r.error?.message);
    },
    { settings, credentials },
  );
  await page.close();
  if (errors.length > 0) throw new Error(`configuring the extension failed: ${errors.join('; ')}`);
}

/**
 * Automatic enrichment with caps that never stop it: for the tests about the lookup pipeline
 * itself (the default, preview, is tested in credits.spec.ts).
 */
export const AUTO_ENRICH: Partial<SettingsInput> = { autoEnrich: true, dailyCreditCap: 100_000, pageCreditCap: 10_000 };

/** The demo account of the reference server (api-contract.md §3 defaults). */
export function demoCredentials(): CredentialsInput {
  return {
    authMethod: 'password',
    username: 'demo@example.com',
    secrets: { password: 'demo-password', searchApiKey: 'demo-key' },
  };
}
