import { SidecarError } from '../errors.ts';
import { settingsSchema, type Secrets } from '../schemas/settings.ts';
import { STICKY_ERRORS, type BackgroundContext, type HandlerGroup } from './context.ts';

/** The account: connection status and credits, settings, credentials and the connection test. */
export function accountHandlers(
  ctx: BackgroundContext,
): HandlerGroup<'getStatus' | 'getSettings' | 'saveSettings' | 'getCredentials' | 'saveCredentials' | 'testConnection'> {
  const { storage, secrets, providers, noteError } = ctx;

  async function credentialSummary() {
    const [settings, stored] = await Promise.all([storage.getSettings(), secrets.get()]);
    return {
      authMethod: settings.authMethod,
      username: settings.username,
      clientId: settings.clientId,
      tokenUrl: settings.tokenUrl,
      stored: (Object.keys(stored) as (keyof Secrets)[]).filter((k) => Boolean(stored[k])),
    };
  }

  return {
    async getStatus() {
      const [settings, set, lastError] = await Promise.all([storage.getSettings(), providers(), storage.getLastError()]);
      let credits = await storage.getCredits();
      if (!credits && set.capabilities.includes('usage')) {
        // Usage is free: ask once, so the popup shows credits before the first enrich.
        const usage = await set.for('usage').usage().catch(() => []);
        const records = usage.find((u) => u.limitType === 'RecordLimit');
        if (records) {
          await storage.setCredits(records.usageRemaining);
          credits = await storage.getCredits();
        }
      }
      return {
        configured: set.configured,
        provider: set.providers.map((p) => p.label).join(' + ') || 'none',
        baseUrl: settings.baseUrl,
        authMethod: settings.authMethod,
        creditsRemaining: credits?.remaining ?? null,
        creditsUpdatedAt: credits?.at ?? null,
        lastError,
        capabilities: set.capabilities,
      };
    },
    getSettings: () => storage.getSettings(),
    async saveSettings(patch) {
      const next = settingsSchema.parse({ ...(await storage.getSettings()), ...patch });
      await storage.setSettings(next);
      ctx.invalidateProviders();
      return next;
    },
    getCredentials: () => credentialSummary(),
    async saveCredentials({ authMethod, username, clientId, tokenUrl, secrets: update }) {
      const settings = await storage.getSettings();
      const next = settingsSchema.parse({ ...settings, authMethod, username, clientId, tokenUrl });
      await Promise.all([storage.setSettings(next), secrets.update(update)]);
      const old = await providers();
      await old.reset();
      ctx.invalidateProviders();
      await storage.setLastError(null);
      // What failed for want of working credentials gets another go with the new ones.
      await ctx.lookups.retryFailed(STICKY_ERRORS);
      return credentialSummary();
    },
    async testConnection() {
      const [settings, set] = await Promise.all([storage.getSettings(), providers()]);
      if (!set.configured) throw new SidecarError('not_configured', 'Choose how to sign in and enter the credentials first.');
      const who = settings.username || settings.clientId || (settings.authMethod === 'apiKey' ? 'API key' : 'search API key');
      if (set.capabilities.includes('usage')) {
        const usage = await set.for('usage').usage().catch(noteError);
        const records = usage.find((u) => u.limitType === 'RecordLimit');
        if (records) await storage.setCredits(records.usageRemaining);
        return { who, provider: set.providers.map((p) => p.label).join(' + '), usage };
      }
      await set.for('searchContacts').searchContacts({ per_page: 1 }).catch(noteError);
      return { who, provider: set.providers.map((p) => p.label).join(' + '), usage: [] };
    },
  };
}
