import { detectionFor } from '../lookup/lookup-input.ts';
import type { BackgroundMessages, Handlers, LookupQuery } from '../messaging.ts';
import { accountHandlers } from './account-handlers.ts';
import { createContext, type CoreOptions } from './context.ts';
import { captureJobHandler } from '../audiences/capture-job.ts';
import { enrichWatchHandler } from '../audiences/enrich-watch-job.ts';
import { JobRunner } from '../jobs/job-runner.ts';
import { JobStore } from '../jobs/job-store.ts';
import { connectorHandlers } from './connector-handlers.ts';
import { listHandlers } from './list-handlers.ts';
import { lookupHandlers } from './lookup-handlers.ts';
import { providerDataHandlers } from './provider-data-handlers.ts';
import { tabHandlers } from './tab-handlers.ts';

export type { CoreBrowser, CoreOptions, CoreStorage } from './context.ts';

/**
 * The background's behaviour, free of `browser`: every handler group composed into the protocol's
 * handlers, plus what the worker's own events (navigation, closed tabs, the context menu, alarms)
 * ask of it. entrypoints/background wires it to the real APIs; unit tests wire it to fakes and a
 * scripted provider.
 */
export function createCore(options: CoreOptions) {
  const ctx = createContext(options);
  const { lookups, tabs, storage } = ctx;
  const jobStore = options.jobs?.store ?? new JobStore();
  const audiences = async () => (await ctx.providers()).for('audiences').audiences();
  const jobs = new JobRunner({
    store: jobStore,
    handlers: [captureJobHandler(audiences), enrichWatchHandler({ audiences, notify: (title, message) => options.browser.notify(title, message) })],
    alarms: options.jobs?.alarms ?? { create: () => Promise.resolve(), clear: () => Promise.resolve() },
  });

  const handlers: Handlers<BackgroundMessages> = {
    ...lookupHandlers(ctx),
    ...tabHandlers(ctx),
    ...providerDataHandlers(ctx),
    ...accountHandlers(ctx),
    ...listHandlers(ctx, { runner: jobs, store: jobStore }),
    ...connectorHandlers(ctx),
  };

  return {
    handlers,
    lookups,
    tabs,
    /** Long work (list captures), resumed by its alarm and at the worker's start. */
    jobs,
    /** A tab navigated: its detections belong to the old page. */
    async navigated(tabId: number, url: string) {
      await tabs.update(tabId, (s) => (s && s.url !== url ? { ...s, url, entities: [] } : s));
    },
    async tabClosed(tabId: number) {
      lookups.forgetTab(tabId);
      ctx.badges.forget(tabId);
      await tabs.clear(tabId);
    },
    /** Context menu and quick lookups: one entity, selected and looked up. */
    async lookupFor(tabId: number, url: string, query: LookupQuery, source: 'context-menu' | 'quick-lookup') {
      const key = await lookups.lookupOne(tabId, url, detectionFor(query, source), source === 'context-menu');
      await storage.setSelection(tabId, key);
      return key;
    },
    resume: () => lookups.resume(),
    /** Settings changed outside saveSettings (an organisation's policy): the next request builds a new provider. */
    settingsChanged: () => ctx.invalidateProviders(),
  };
}

export type Core = ReturnType<typeof createCore>;
