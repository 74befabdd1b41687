/**
 * Connector failures: a SidecarError (utils/errors.ts) whose id is one of the ids only connectors
 * raise, so a failure crosses the message boundary with its id and sentence intact.
 */
import { CONNECTOR_ERROR_IDS, SidecarError } from '../errors.ts';

export { CONNECTOR_ERROR_IDS };
export type ConnectorErrorId = (typeof CONNECTOR_ERROR_IDS)[number];

export class ConnectorError extends SidecarError {
  override readonly name: string = 'ConnectorError';
  declare readonly id: ConnectorErrorId;

  constructor(id: ConnectorErrorId, message: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super(id, message, options);
  }
}
