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

// SCAFFOLD (branch conn-contract only, never merged like this): the conn-worker branch replaces every handler.
export function connectorHandlers(_ctx: BackgroundContext): HandlerGroup<ConnectorMessages> {
  const missing = (): never => {
    throw new SidecarError('unsupported', 'Connectors are not built yet.');
  };
  return {
    connectorsOverview: missing,
    saveConnector: missing,
    deleteConnector: missing,
    connectConnector: missing,
    disconnectConnector: missing,
    testConnectorAction: missing,
    connectorSections: missing,
    previewConnectAction: missing,
    runConnectAction: missing,
    runRetrieveAction: missing,
    saveWaterfall: missing,
  };
}
