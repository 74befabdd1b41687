import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createDetector } from '../../utils/scan/index.ts';
import { sameEntityKey } from '../../utils/lookup/entity-key.ts';
import { contentSettings, onBackgroundRequest, sendFromContent } from '../../utils/messaging-content.ts';
import type { Detection } from '../../utils/schemas/detection.ts';
import { DEMO_PAGE_MATCHES, SUPPORTED_SITE_MATCHES } from '../../utils/sites/shared/matches.ts';
import { siteFor } from '../../utils/sites/index.ts';
import { createBadges, findNamed, type BadgeStatus } from './badges.ts';

/**
 * Finds what the page shows and reports it; nothing else. No credential, no network, no React.
 * Mutations are only queued in the observer callback and scanned later, when the browser is idle;
 * a hidden tab does no work.
 */
export default defineContentScript({
  matches: [...SUPPORTED_SITE_MATCHES, ...DEMO_PAGE_MATCHES],
  runAt: 'document_idle',
  async main(ctx) {
    const url = new URL(location.href);
    const site = siteFor(url);
    const settings = await contentSettings();
    // A supported site the user switched off: nothing runs until asked (toolbar "scan this page").
    // Badges: off by the `badges` setting; on LinkedIn only when the user opted in (issue 4: inject
    // no DOM there by default).
    const badges = settings.badges && (site?.id !== 'linkedin' || settings.linkedinBadges);
    // The worker pushes badge colours when lookups change (updateBadges); nothing here polls.
    let scanner: ReturnType<typeof runScanner> | null = null;
    onBackgroundRequest({
      scanPage() {
        if (scanner) return { detections: scanner.rescan() };
        scanner = runScanner(ctx, badges);
        return { detections: scanner.count() };
      },
      updateBadges({ states, sources }) {
        scanner?.setBadgeStates(states, sources ?? {});
        return { ok: true };
      },
    });
    if (site && settings.sites[site.id] === false) return;
    scanner = runScanner(ctx, badges);
  },
});

const OBSERVED: MutationObserverInit = { childList: true, subtree: true, characterData: true };

function runScanner(ctx: ContentScriptContext, withBadges: boolean) {
  const queue = new Set<Node>();
  // Mutations inside a shadow root are not seen by an observer of the document: each root a scan
  // enters is observed too.
  const observer = new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type === 'characterData') queue.add(m.target);
      else for (const node of Array.from(m.addedNodes)) queue.add(node);
    }
    schedule();
  });
  const newDetector = () => createDetector(new URL(location.href), { onShadowRoot: (root) => observer.observe(root, OBSERVED) });
  let detector = newDetector();
  const reported = new Set<string>();
  let draining = false;
  const badges = withBadges ? createBadges(document, (key) => void sendFromContent('openSidePanel', { key }).catch(() => undefined)) : null;
  if (badges) {
    ctx.onInvalidated(() => badges.remove());
    ctx.addEventListener(window, 'resize', () => badges.reposition());
  }

  const drawBadges = (detections: Detection[]) => {
    if (!badges) return;
    badges.reposition();
    // The site adapter knows its record layout (a company's badge beside the company field); a
    // heading or link with the name is the fallback.
    const site = siteFor(new URL(location.href));
    const anchorOf = (detection: Detection) =>
      detection.kind === 'email'
        ? (detector.anchorOf(`email:${detection.value}`) ?? site?.badgeAnchor?.(document, detection) ?? undefined)
        : (site?.badgeAnchor?.(document, detection) ?? findNamed(document, detection.person?.fullName ?? detection.value));
    badges.add(detections.filter((d) => d.kind !== 'domain').map((detection) => ({ detection, anchor: anchorOf(detection) })));
  };

  const send = (detections: Detection[], replace: boolean) => {
    const fresh = replace ? detections : detections.filter((d) => !reported.has(sameEntityKey(d)));
    if (replace) {
      reported.clear();
      badges?.clear();
    }
    for (const d of fresh) reported.add(sameEntityKey(d));
    if (!replace && fresh.length === 0) return;
    drawBadges(fresh);
    void sendFromContent('reportDetections', { url: location.href, detections: fresh.slice(0, 5000), replace }).catch(() => undefined);
  };

  const rescan = (): number => {
    detector = newDetector();
    queue.clear();
    const all = detector.full(document);
    send(all, true);
    // Shadow roots the first scan did not look for (it skips that search where the site is not
    // known to use shadow DOM): found when the page is idle and scanned like added nodes.
    shadowPending = true;
    schedule();
    return all.length;
  };

  let shadowPending = false;
  const drain = () => {
    draining = false;
    if (document.hidden) return;
    if (shadowPending) {
      shadowPending = false;
      for (const root of detector.shadowRoots()) queue.add(root);
    }
    if (queue.size === 0) return;
    const nodes = [...queue];
    queue.clear();
    send(detector.changed(nodes), false);
  };

  const schedule = () => {
    if (draining || document.hidden) return;
    draining = true;
    if ('requestIdleCallback' in window) ctx.requestIdleCallback(drain, { timeout: 1000 });
    else ctx.setTimeout(drain, 200);
  };

  observer.observe(document.documentElement, OBSERVED);
  ctx.onInvalidated(() => observer.disconnect());

  // In-app navigation (LinkedIn, Lightning, HubSpot are single-page apps): a new page, a new scan.
  ctx.addEventListener(window, 'wxt:locationchange', () => rescan());
  ctx.addEventListener(document, 'visibilitychange', () => {
    if (!document.hidden) schedule();
  });

  if (document.hidden) {
    const onVisible = () => {
      if (document.hidden) return;
      document.removeEventListener('visibilitychange', onVisible);
      rescan();
    };
    document.addEventListener('visibilitychange', onVisible);
  } else {
    rescan();
  }
  return {
    rescan,
    count: () => reported.size,
    setBadgeStates: (states: Record<string, BadgeStatus>, sources: Record<string, string>) => badges?.setStatuses(states, sources),
  };
}
