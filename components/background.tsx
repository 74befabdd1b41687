import { createContext, useContext, type ReactNode } from 'react';
import { sendToBackground } from '../utils/messaging.ts';

/**
 * How the pages talk to the background: `sendToBackground` in the extension, a fake background in
 * unit tests. The pages never call a provider themselves (design.md, "Processes").
 */
export type Send = typeof sendToBackground;

const SendContext = createContext<Send>(sendToBackground);

export function BackgroundProvider({ send, children }: { send: Send; children: ReactNode }) {
  return <SendContext value={send}>{children}</SendContext>;
}

export function useSend(): Send {
  return useContext(SendContext);
}

/**
 * What the configured provider can do (getStatus → capabilities). The pages offer only that; until
 * the status is known, everything is offered.
 */
const CapabilitiesContext = createContext<readonly string[] | null>(null);

export function CapabilitiesProvider({ capabilities, children }: { capabilities: readonly string[] | null; children: ReactNode }) {
  return <CapabilitiesContext value={capabilities}>{children}</CapabilitiesContext>;
}

export function useCapability(name: string): boolean {
  const capabilities = useContext(CapabilitiesContext);
  return capabilities === null || capabilities.includes(name);
}
