import { browser } from 'wxt/browser';
import type { BackgroundMessages, MessageInput, MessageOutput, TabMessages } from './messaging.ts';
import type { ContentSettings, ContentSettingsKey } from './stores/storage.ts';

/**
 * The content script's end of the protocol (utils/messaging.ts declares every message). It sends
 * without zod — the background validates everything on receipt, and zod plus the schemas would be
 * most of the content script's 20 KB budget — and accepts only this extension's own messages.
 */

type ContentMessages = {
  [N in keyof BackgroundMessages]: BackgroundMessages[N]['access'] extends 'content' ? N : never;
}[keyof BackgroundMessages];

export async function sendFromContent<N extends ContentMessages>(
  name: N,
  input: MessageInput<BackgroundMessages, N>,
): Promise<MessageOutput<BackgroundMessages, N>> {
  const reply: unknown = await browser.runtime.sendMessage({ protocol: 'sidecar/1', name, input });
  if (typeof reply === 'object' && reply !== null && 'ok' in reply) {
    if (reply.ok === true && 'output' in reply) return reply.output as MessageOutput<BackgroundMessages, N>;
    if ('error' in reply && typeof reply.error === 'object' && reply.error !== null && 'message' in reply.error) {
      throw new Error(String(reply.error.message));
    }
  }
  throw new Error(`Sidecar's background did not answer "${name}".`);
}

/** The content script's answers to the background's messages (utils/messaging.ts, tabMessages). */
export type TabRequestHandlers = {
  [N in keyof TabMessages]: (input: MessageInput<TabMessages, N>) => MessageOutput<TabMessages, N>;
};

/**
 * Answers the background's messages to this tab; anything else, or from anyone else (a page, another
 * extension, another tab), is ignored. No zod: only this extension's worker gets through.
 */
export function onBackgroundRequest(handlers: TabRequestHandlers): void {
  browser.runtime.onMessage.addListener((raw: unknown, sender: { id?: string; tab?: unknown }, sendResponse: (r: unknown) => void) => {
    const isOurs = sender.id === browser.runtime.id && sender.tab === undefined;
    if (!isOurs || typeof raw !== 'object' || raw === null || !('name' in raw) || typeof raw.name !== 'string') return false;
    const name = raw.name;
    if (!Object.hasOwn(handlers, name)) return false;
    const input: unknown = 'input' in raw && typeof raw.input === 'object' && raw.input !== null ? raw.input : {};
    const handler = handlers[name as keyof TabMessages] as (input: unknown) => unknown;
    sendResponse({ ok: true, output: handler(input) });
    return false;
  });
}

/**
 * The few settings the content script needs (utils/stores/storage.ts declares the item and these
 * fields), read defensively from storage.local: a value from an older version may lack a field.
 */
export async function contentSettings(): Promise<{ sites: Record<string, boolean>; badges: boolean; linkedinBadges: boolean }> {
  const key: ContentSettingsKey = 'settings';
  const stored = (await browser.storage.local.get(key))[key] as { [K in keyof ContentSettings]?: unknown } | undefined;
  const sites = typeof stored?.sites === 'object' && stored.sites !== null ? (stored.sites as Record<string, boolean>) : {};
  return { sites, badges: stored?.badges !== false, linkedinBadges: stored?.linkedinBadges === true };
}
