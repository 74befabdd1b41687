import { browser } from 'wxt/browser';
import type { BackgroundMessages, MessageInput, MessageOutput } from './messaging.ts';
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

/** Answers the background's `scanPage`; anything else, or from anyone else, is ignored. */
export function onScanRequest(scan: () => number): void {
  browser.runtime.onMessage.addListener((raw: unknown, sender: { id?: string; tab?: unknown }, sendResponse: (r: unknown) => void) => {
    const isOurs = sender.id === browser.runtime.id && sender.tab === undefined;
    if (!isOurs || typeof raw !== 'object' || raw === null || !('name' in raw) || raw.name !== 'scanPage') return false;
    sendResponse({ ok: true, output: { detections: scan() } });
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
