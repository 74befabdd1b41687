import { describe, expect, it } from 'vitest';
import { ConnectorSecrets, connectorKeysOf } from './connector-secrets.ts';
import { memoryKv } from '../../tests/unit/memory-kv.ts';

describe('connector API keys deployed by policy', () => {
  it("win over the rep's own key and are never written to the browser's store", async () => {
    const kv = memoryKv();
    const secrets = new ConnectorSecrets(kv, async () => ({ 'app-z': 'org-key' }));
    await secrets.update('app-z', { apiKey: 'my-key', clientSecret: 'cs' });
    expect(await secrets.get('app-z')).toEqual({ apiKey: 'org-key', clientSecret: 'cs' });
    expect(JSON.stringify([...kv.map.values()])).not.toContain('org-key');
    expect(await secrets.get('other')).toEqual({});
  });

  it('a policy that cannot be read leaves the own keys in force', async () => {
    const secrets = new ConnectorSecrets(memoryKv(), () => Promise.reject(new Error('no managed area')));
    await secrets.update('app-z', { apiKey: 'my-key' });
    expect(await secrets.get('app-z')).toEqual({ apiKey: 'my-key' });
  });

  it('reads connectorKeys from the policy value, and nothing from another shape', () => {
    expect(connectorKeysOf({ connectorKeys: { 'app-z': 'k' }, provider: {} })).toEqual({ 'app-z': 'k' });
    expect(connectorKeysOf({ connectorKeys: ['k'] })).toEqual({});
    expect(connectorKeysOf(undefined)).toEqual({});
  });
});
