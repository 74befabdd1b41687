import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { backgroundMessages, dispatch, sendToBackground, onBackgroundMessage, type Handlers, type BackgroundMessages } from './messaging.ts';
import { SidecarError } from './errors.ts';

const self = { id: 'sidecar-id', origin: 'chrome-extension://sidecar-id/' };
const contentScript = { id: 'sidecar-id', url: 'https://www.linkedin.com/in/dana', tab: { id: 4 } as never };
const sidePanel = { id: 'sidecar-id', url: 'chrome-extension://sidecar-id/sidepanel.html' };

function handlers(calls: string[]): Handlers<BackgroundMessages> {
  return new Proxy({} as Handlers<BackgroundMessages>, {
    get: (_, name: string) => (input: unknown, sender: { tabId?: number }) => {
      calls.push(`${name}:${JSON.stringify(input)}:${sender.tabId ?? '-'}`);
      if (name === 'reportDetections') return { tracked: 1 };
      if (name === 'clearCache') return { cleared: 3 };
      if (name === 'getBadgeStates') return { 'email:a@b.io': 'RESULT' };
      throw new SidecarError('internal', 'not in this test');
    },
  });
}

const envelope = (name: string, input: unknown) => ({ protocol: 'sidecar/1', name, input });

describe('message protocol', () => {
  it('declares every message with an access level and both schemas', () => {
    for (const [name, def] of Object.entries(backgroundMessages)) {
      expect(['content', 'extension'], name).toContain(def.access);
      expect(def.input, name).toBeDefined();
      expect(def.output, name).toBeDefined();
    }
  });

  it('accepts a content script report and tells the handler which tab sent it', async () => {
    const calls: string[] = [];
    const reply = await dispatch(backgroundMessages, handlers(calls), envelope('reportDetections', { url: 'https://x.io', detections: [], replace: true }), contentScript, self);
    expect(reply).toEqual({ ok: true, output: { tracked: 1 } });
    expect(calls).toEqual(['reportDetections:{"url":"https://x.io","detections":[],"replace":true}:4']);
  });

  it('refuses messages from other extensions', async () => {
    const calls: string[] = [];
    const reply = await dispatch(backgroundMessages, handlers(calls), envelope('getBadgeStates', {}), { ...contentScript, id: 'evil' }, self);
    expect(reply).toMatchObject({ ok: false, error: { id: 'refused' } });
    expect(calls).toEqual([]);
  });

  it('refuses privileged messages from content scripts, accepts them from extension pages', async () => {
    for (const name of ['saveCredentials', 'saveSettings', 'revealContact', 'getSettings', 'clearCache', 'testConnection'] as const) {
      const calls: string[] = [];
      const reply = await dispatch(backgroundMessages, handlers(calls), envelope(name, {}), contentScript, self);
      expect(reply, name).toMatchObject({ ok: false, error: { id: 'refused' } });
      expect(calls).toEqual([]);
    }
    const reply = await dispatch(backgroundMessages, handlers([]), envelope('clearCache', {}), sidePanel, self);
    expect(reply).toEqual({ ok: true, output: { cleared: 3 } });
  });

  it('validates input before any handler runs, and says what was wrong', async () => {
    const calls: string[] = [];
    const bad = envelope('reportDetections', { url: 'https://x.io', detections: [{ kind: 'phone', value: '1' }], replace: true });
    const reply = await dispatch(backgroundMessages, handlers(calls), bad, contentScript, self);
    expect(reply).toMatchObject({ ok: false, error: { id: 'invalid_input', message: expect.stringContaining('kind') } });
    expect(calls).toEqual([]);
  });

  it('passes a settings change on as exactly the fields it names (no defaults filled in)', async () => {
    const calls: string[] = [];
    await dispatch(backgroundMessages, handlers(calls), envelope('saveSettings', { badges: false }), sidePanel, self);
    expect(calls).toEqual(['saveSettings:{"badges":false}:-']);
  });

  it('refuses unknown message names, including inherited ones', async () => {
    for (const name of ['toString', '__proto__', 'deleteEverything']) {
      const reply = await dispatch(backgroundMessages, handlers([]), envelope(name, {}), sidePanel, self);
      expect(reply).toMatchObject({ ok: false, error: { id: 'invalid_input' } });
    }
  });

  it('ignores messages that are not ours at all', async () => {
    expect(await dispatch(backgroundMessages, handlers([]), { hello: 'world' }, sidePanel, self)).toBeUndefined();
  });

  it('carries a handler error back as a SidecarError with its id and sentence', async () => {
    const reply = await dispatch(backgroundMessages, handlers([]), envelope('getStatus', {}), sidePanel, self);
    expect(reply).toMatchObject({ ok: false, error: { id: 'internal', message: 'not in this test', retryable: false } });
  });

  it('end to end through the runtime, refuses a sender that carries no extension id', async () => {
    fakeBrowser.runtime.id = 'sidecar-id';
    onBackgroundMessage(handlers([]));
    // The fake runtime delivers messages with an empty sender, as a page-injected script would look.
    await expect(sendToBackground('getBadgeStates', {})).rejects.toMatchObject({ id: 'refused', message: expect.stringContaining('refused') });
  });
});
