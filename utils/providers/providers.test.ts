import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, settingsSchema } from '../schemas/settings.ts';
import { AUTH_OPTIONS, PROVIDER_CATALOG } from '../schemas/provider-catalog.ts';
import { defineProvider } from './define-provider.ts';
import { PROVIDERS } from './index.ts';
import { createProviderSet, type RegistryDeps } from './registry.ts';
import type { Capability, ProviderDefinition } from './types.ts';

const deps: RegistryDeps = {
  limiterStore: () => ({ load: () => Promise.resolve(null), save: () => Promise.resolve() }),
  tokenStore: () => ({ load: () => Promise.resolve(null), save: () => Promise.resolve() }),
  fetch: () => Promise.reject(new Error('no network in this test')),
};
/** Settings and secrets that configure every provider. */
const everything = {
  settings: { ...DEFAULT_SETTINGS, authMethod: 'password' as const, username: 'demo@example.com' },
  secrets: { password: 'demo-password', searchApiKey: 'search-key', gtmClientSecret: 'demo-secret' },
};

describe('every provider definition', () => {
  it('declares the same parts, under a catalog id, once', () => {
    expect(PROVIDERS.map((p) => p.id).sort()).toEqual(Object.keys(PROVIDER_CATALOG).sort());
    for (const definition of PROVIDERS) {
      expect(Object.keys(definition).sort(), definition.id).toEqual(['auth', 'capabilities', 'create', 'id', 'label']);
      expect(definition.label, definition.id).not.toBe('');
      expect(definition.capabilities.length, definition.id).toBeGreaterThan(0);
    }
  });

  it('authenticates in ways the settings and the Options form know', () => {
    for (const definition of PROVIDERS) {
      for (const method of definition.auth) expect(AUTH_OPTIONS[method].inputs.length, `${definition.id}: ${method}`).toBeGreaterThan(0);
    }
    for (const method of PROVIDER_CATALOG.enterprise.auth) expect(settingsSchema.parse({ authMethod: method }).authMethod).toBe(method);
  });

  it('creates a provider whose capabilities are exactly its methods, when configured, and none when not', () => {
    const context = createProviderSet(everything.settings, everything.secrets, deps);
    for (const definition of PROVIDERS) {
      const provider = context.providers.find((p) => p.id === definition.id);
      expect(provider, definition.id).toBeDefined();
      expect(provider?.label).toBe(definition.label);
      expect([...(provider?.capabilities ?? [])].sort(), definition.id).toEqual([...definition.capabilities].sort());
    }
    const unconfigured = createProviderSet(DEFAULT_SETTINGS, {}, deps);
    expect(unconfigured.configured).toBe(false);
    expect(() => unconfigured.for('enrichContacts')).toThrow(expect.objectContaining({ id: 'not_configured' }));
  });
});

describe('the registry', () => {
  const offering = (id: 'enterprise' | 'search-api', label: string, capability: Capability): ProviderDefinition => ({
    id,
    label,
    auth: [],
    capabilities: [capability],
    create: () => defineProvider({ id, label }, capability === 'news' ? { news: () => Promise.resolve([]) } : { usage: () => Promise.resolve([]) }),
  });

  it('answers a capability with every provider offering it, in the definitions’ order', () => {
    const set = createProviderSet(everything.settings, everything.secrets, deps, [
      offering('search-api', 'first', 'news'),
      offering('enterprise', 'second', 'usage'),
      offering('enterprise', 'third', 'news'),
    ]);
    expect(set.providersFor('news').map((p) => p.label)).toEqual(['first', 'third']);
    expect(set.for('news').label).toBe('first');
    expect(set.providersFor('scoops')).toEqual([]);
    expect(() => set.for('scoops')).toThrow(expect.objectContaining({ id: 'unsupported' }));
  });
});
