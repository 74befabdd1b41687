import { describe, expect, it } from 'vitest';
import { parseConnector } from './connector.ts';
import { mergeConnectors, parseManagedConnectors } from './managed.ts';
import { appZConnector } from './test-fixtures.ts';

describe('connectors deployed by policy', () => {
  it('parses the managed area, skipping (and reporting) an invalid entry', () => {
    const managed = parseManagedConnectors({ apiBaseUrl: 'https://x.example', connectors: [appZConnector(), { id: 'bad', name: '' }] });
    expect(managed.connectors.map((c) => c.id)).toEqual(['app-z']);
    expect(managed.problems).toHaveLength(1);
    expect(managed.problems[0]).toMatch(/^Policy connector #2: /);
    expect(parseManagedConnectors(undefined)).toEqual({ connectors: [], problems: [] });
    expect(parseManagedConnectors('nonsense').problems[0]).toContain('not an object');
  });

  it('lists managed connectors read-only, winning an id clash over the user one', () => {
    const managed = parseConnector(appZConnector({ name: 'App-Z (company)' }));
    const userSame = parseConnector(appZConnector({ name: 'App-Z (mine)' }));
    const userOther = parseConnector(appZConnector({ id: 'crm', name: 'CRM' }));
    const listed = mergeConnectors([userSame, userOther], [managed]);
    expect(listed.map((l) => [l.definition.name, l.source, l.readOnly, l.shadowsUserConnector])).toEqual([
      ['App-Z (company)', 'managed', true, true],
      ['CRM', 'user', false, false],
    ]);
  });
});
