import { ConnectorError } from '../connectors/errors.ts';
import type { ConnectorAction, ConnectorDefinition } from '../connectors/connector.ts';
import { parseConnector } from '../connectors/connector.ts';
import { connectOAuth } from '../connectors/oauth-connect.ts';
import { outputFields } from '../connectors/outputs.ts';
import { retrieveTableOf } from '../connectors/retrieve-table.ts';
import { connectorSections, previewRequest, requireConnectValues } from '../connectors/sections.ts';
import { tabEntityValues } from '../connectors/tab-entity-values.ts';
import { SidecarError } from '../errors.ts';
import type { BackgroundContext, HandlerGroup } from './context.ts';

type ConnectorMessages =
  | 'connectorsOverview'
  | 'saveConnector'
  | 'deleteConnector'
  | 'connectConnector'
  | 'disconnectConnector'
  | 'testConnectorAction'
  | 'connectorSections'
  | 'previewConnectAction'
  | 'runConnectAction'
  | 'runRetrieveAction'
  | 'saveWaterfall';

function actionOf(definition: ConnectorDefinition, actionId: string, category?: ConnectorAction['category']): ConnectorAction {
  const action = definition.actions.find((a) => a.id === actionId && (category === undefined || a.category === category));
  if (!action) throw new ConnectorError('invalid_definition', `${definition.name} has no ${category ? `${category} ` : ''}action "${actionId}".`);
  return action;
}

/** Data connectors (issue 14): storage, connection, execution and cards; the logic lives in utils/connectors. */
export function connectorHandlers(ctx: BackgroundContext): HandlerGroup<ConnectorMessages> {
  const { store, executor, secrets, cache, redirectUrl } = ctx.connectors;
  const { fetch: connectorFetch, now } = ctx.connectors;

  const viewOf = async (connectorId: string) => store.view(await store.find(connectorId));

  async function entityOf(tabId: number, key: string) {
    const entity = (await ctx.tabs.get(tabId))?.entities.find((e) => e.key === key);
    if (!entity) throw new SidecarError('not_found', 'This card is no longer on the page; look it up again.');
    return tabEntityValues(entity);
  }

  async function connectAction(tabId: number, key: string, connectorId: string, actionId: string) {
    const { definition } = await store.find(connectorId);
    const action = actionOf(definition, actionId, 'Connect');
    return { definition, action, values: requireConnectValues(definition, action, await entityOf(tabId, key)) };
  }

  return {
    async connectorsOverview() {
      const catalog = await store.catalog();
      return {
        connectors: await Promise.all(catalog.connectors.map((listed) => store.view(listed))),
        problems: catalog.problems,
        redirectUrl: redirectUrl(),
        waterfall: catalog.waterfall,
        waterfallManaged: catalog.waterfallManaged,
      };
    },
    async saveConnector({ connector, clientSecret }) {
      const saved = await store.save(connector, clientSecret);
      executor.forget(saved.id);
      return viewOf(saved.id);
    },
    async deleteConnector({ connectorId }) {
      await store.delete(connectorId);
      executor.forget(connectorId);
      return { ok: true as const };
    },
    async connectConnector({ connectorId, apiKey }) {
      const { definition } = await store.find(connectorId);
      if (definition.auth.type === 'apiKey') {
        if (apiKey === undefined) throw new ConnectorError('missing_value', `Enter the ${definition.auth.displayName} to connect ${definition.name}.`);
        await secrets.update(connectorId, { apiKey });
        return viewOf(connectorId);
      }
      const launch = ctx.browser.launchWebAuthFlow;
      if (!launch) throw new SidecarError('unsupported', 'This browser cannot open a sign-in window for connectors.');
      await connectOAuth(definition, { executor, secrets, redirectUrl: redirectUrl(), launch: (url) => launch(url), fetch: connectorFetch, now });
      return viewOf(connectorId);
    },
    async disconnectConnector({ connectorId }) {
      const { definition } = await store.find(connectorId);
      await secrets.update(connectorId, definition.auth.type === 'apiKey' ? { apiKey: undefined } : { connection: { status: 'not_connected' } });
      executor.forget(connectorId);
      return viewOf(connectorId);
    },
    async testConnectorAction({ connector, actionId, values }) {
      const definition = parseConnector(connector);
      const run = await executor.run(definition, actionOf(definition, actionId), values, 'if_saved');
      return { status: run.status, durationMs: run.durationMs, bytes: run.bytes, json: run.json, outputs: run.outputs, fields: run.json === null ? [] : outputFields(run.json) };
    },
    async connectorSections({ tabId, key, refresh }) {
      const [entity, catalog, ttlMs] = await Promise.all([entityOf(tabId, key), store.catalog(), ctx.connectors.ttlMs()]);
      const deps = { executor, cache, ttlMs, now };
      return connectorSections(catalog.connectors.map((c) => c.definition), entity, deps, refresh);
    },
    async previewConnectAction({ tabId, key, connectorId, actionId }) {
      const { definition, action, values } = await connectAction(tabId, key, connectorId, actionId);
      return previewRequest(definition, action, values);
    },
    async runConnectAction({ tabId, key, connectorId, actionId }) {
      const { definition, action, values } = await connectAction(tabId, key, connectorId, actionId);
      const run = await executor.run(definition, action, values);
      if (run.status < 200 || run.status >= 300) throw new ConnectorError('http_error', `${definition.name} refused "${action.name}" (HTTP ${run.status}).`, { retryable: run.status === 429 || run.status >= 500 });
      return { status: run.status, durationMs: run.durationMs };
    },
    async runRetrieveAction({ connectorId, actionId, values }) {
      const { definition } = await store.find(connectorId);
      const action = actionOf(definition, actionId, 'Retrieve');
      const run = await executor.run(definition, action, values);
      if (run.status < 200 || run.status >= 300) throw new ConnectorError('http_error', `${definition.name} answered HTTP ${run.status} to "${action.name}".`, { retryable: run.status === 429 || run.status >= 500 });
      return { status: run.status, durationMs: run.durationMs, ...retrieveTableOf(run.json, action.outputs) };
    },
    async saveWaterfall({ waterfall }) {
      await store.saveWaterfall(waterfall);
      return { ok: true as const };
    },
  };
}
