import { SidecarError } from '../errors.ts';
import { detectionFor } from '../lookup/lookup-input.ts';
import type { BackgroundContext, HandlerGroup } from './context.ts';

/** Lookups: what the page reports, what the user asks for, and what the user decides about a match. */
export function lookupHandlers(
  ctx: BackgroundContext,
): HandlerGroup<'reportDetections' | 'getBadgeStates' | 'retryLookup' | 'revealEntity' | 'enrichHeld' | 'lookup' | 'revealContact' | 'chooseCandidate' | 'rejectMatch' | 'clearCache'> {
  const { lookups, tabs, storage } = ctx;
  return {
    async reportDetections({ url, detections, replace }, sender) {
      if (sender.tabId === undefined) throw new SidecarError('invalid_input', 'Detections must come from a tab.');
      if (replace) ctx.badges.rescanned(sender.tabId);
      return { tracked: await lookups.report(sender.tabId, url, detections, replace) };
    },
    async getBadgeStates(_input, sender) {
      if (sender.tabId === undefined) return {};
      const state = await tabs.get(sender.tabId);
      return Object.fromEntries((state?.entities ?? []).map((e) => [e.key, e.state.status]));
    },
    async retryLookup({ tabId, key }) {
      await lookups.retry(tabId, key);
      return { ok: true };
    },
    async revealEntity({ tabId, key }) {
      await lookups.revealPreview(tabId, key);
      return { ok: true };
    },
    async enrichHeld({ tabId }) {
      return { enriching: await lookups.enrichHeld(tabId) };
    },
    async lookup({ tabId, query }) {
      // Typed into the quick lookup: looked up as the mode says; its card offers the reveal.
      const key = await lookups.lookupOne(tabId, await ctx.browser.tabUrl(tabId), detectionFor(query, 'quick-lookup'), false);
      await storage.setSelection(tabId, key);
      return { key };
    },
    revealContact: ({ personId, tabId, key }) => lookups.reveal(personId, tabId !== undefined && key ? { tabId, key } : undefined),
    async chooseCandidate({ tabId, key, personId }) {
      await lookups.choose(tabId, key, personId);
      return { ok: true };
    },
    async rejectMatch({ tabId, key }) {
      await lookups.reject(tabId, key);
      return { ok: true };
    },
    async clearCache() {
      return { cleared: await ctx.cache.clear() };
    },
  };
}
