import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appZConnector } from '../../utils/connectors/test-fixtures.ts';
import { actionSchema, connectorSchema, exportConnector, parseConnector, headerTemplateSchema, oauth2AuthSchema, apiKeyAuthSchema, outputSchema, parameterSchema } from '../../utils/connectors/connector.ts';
import { parseManagedConnectors } from '../../utils/connectors/managed.ts';
import { WATERFALL_FIELDS, waterfallConfig } from '../../utils/connectors/views.ts';
import { MANAGED_SECRET_FIELDS, MANAGED_SETTING_FIELDS, parseManagedSettings } from '../../utils/stores/managed-settings.ts';

/**
 * Chrome drops whatever the managed schema does not declare, so a field added to a definition but
 * not to public/managed-schema.json would silently never arrive from a policy. And the README's
 * example policy is what admins copy: it must deploy what it shows.
 */

interface SchemaNode {
  type: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  enum?: unknown[];
  additionalProperties?: SchemaNode;
}

/**
 * Where `value` breaks `node` as Chrome checks a policy against the managed schema: one type per
 * node, no null. Chrome refuses a whole top-level key (all the connectors) for one wrong value.
 */
function mismatches(value: unknown, node: SchemaNode, at = '$'): string[] {
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) && node.type === 'integer' ? 'integer' : typeof value;
  if (kind !== node.type && !(node.type === 'number' && kind === 'number')) return [`${at}: ${kind}, not ${node.type}`];
  if (node.enum && !node.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} is not one of the schema's values`];
  if (Array.isArray(value)) return node.items ? value.flatMap((item, i) => mismatches(item, node.items as SchemaNode, `${at}[${i}]`)) : [];
  if (kind !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => {
    const childNode = node.properties?.[key] ?? node.additionalProperties;
    return childNode ? mismatches(child, childNode, `${at}.${key}`) : [];
  });
}

const schema = JSON.parse(readFileSync('public/managed-schema.json', 'utf8')) as SchemaNode;
const props = (node: SchemaNode | undefined) => Object.keys(node?.properties ?? {}).sort();

describe('the managed storage schema', () => {
  it('declares every deployable provider field, and nothing else', () => {
    expect(props(schema.properties?.provider)).toEqual([...MANAGED_SETTING_FIELDS, ...MANAGED_SECRET_FIELDS].sort());
  });

  it('declares every field of a connector definition, at every level', () => {
    const connector = schema.properties?.connectors?.items;
    const action = connector?.properties?.actions?.items;
    expect(props(connector)).toEqual(Object.keys(connectorSchema.shape).sort());
    expect(props(connector?.properties?.auth)).toEqual([...new Set([...Object.keys(oauth2AuthSchema.shape), ...Object.keys(apiKeyAuthSchema.shape)])].sort());
    expect(props(action)).toEqual(Object.keys(actionSchema.shape).sort());
    expect(props(action?.properties?.parameters?.items)).toEqual(Object.keys(parameterSchema.shape).sort());
    expect(props(action?.properties?.headers?.items)).toEqual(Object.keys(headerTemplateSchema.shape).sort());
    expect(props(action?.properties?.outputs?.items)).toEqual(Object.keys(outputSchema.shape).sort());
  });

  it('takes an exported connector file’s definition as it is (what an admin pastes into a policy)', () => {
    const exported = JSON.parse(exportConnector(parseConnector(appZConnector()))) as { connector: unknown };
    expect(mismatches([exported.connector], schema.properties?.connectors as SchemaNode)).toEqual([]);
    expect(parseManagedConnectors({ connectors: [exported.connector] }).problems).toEqual([]);
  });

  it('declares the waterfall fields', () => {
    expect(props(schema.properties?.waterfall)).toEqual([...WATERFALL_FIELDS].sort());
  });
});

describe('the README’s example policies', () => {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Deploying by policy'));
  const examples = [...section.matchAll(/```json\n([\s\S]*?)```/g)].slice(0, 2).map((m) => JSON.parse(m[1] ?? '') as Record<string, unknown>);

  it('deploy what they show, in Chrome’s and in Firefox’s file', () => {
    expect(examples).toHaveLength(2);
    const [chrome, firefox] = examples as [
      { '3rdparty': { extensions: Record<string, unknown> } },
      { policies: { '3rdparty': { Extensions: Record<string, unknown> } } },
    ];
    for (const value of [chrome['3rdparty'].extensions['<extension id>'], firefox.policies['3rdparty'].Extensions['sidecar@sidecar.dev']]) {
      const settings = parseManagedSettings(value);
      expect(settings.problems).toEqual([]);
      expect(settings.settings).toMatchObject({ baseUrl: 'https://api.zoominfo.com', authMethod: 'oauth' });
      expect(parseManagedConnectors(value).problems).toEqual([]);
      expect(waterfallConfig.safeParse((value as { waterfall: unknown }).waterfall).success).toBe(true);
      expect(mismatches(value, schema)).toEqual([]);
    }
    expect(parseManagedConnectors(chrome['3rdparty'].extensions['<extension id>']).connectors.map((c) => c.id)).toEqual(['app-z']);
  });
});
