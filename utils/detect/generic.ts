import type { Detection } from '../schemas/detection.ts';
import { isCompanyDomain, registrableDomain } from './domains.ts';
import { eachEmail, MAYBE_OBFUSCATED, normaliseEmail } from './email.ts';
import { walk, type HiddenCheck } from './walk.ts';

/**
 * Generic detection, knowing no site: emails in text and mailto: links, and the company domains
 * a page links to. utils/scan runs it beside the site adapters.
 */

/** Links to other sites are weak evidence: reported, but not looked up without the user. */
const LINK_CONFIDENCE = 0.4;
export const MAX_LINK_DOMAINS = 50;
/** Badges are capped (entrypoints/content/badges.ts): anchors beyond that are never used. */
const MAX_ANCHORS = 1000;

export interface GenericOptions {
  pageDomain: string | null;
  links: boolean;
  /** Filled with the element each email was found in (its text's parent, or the mailto link). */
  anchors?: Map<string, Element>;
  /** Text nodes already parsed, with the value they had: a node moved or reported twice is not parsed again. */
  parsed?: WeakMap<Text, string>;
  /** Called with each open shadow root the walk enters (the content script observes them). */
  onShadowRoot?: (root: ShadowRoot) => void;
  hidden?: HiddenCheck;
  /** Search a document for shadow hosts (see WalkOptions). */
  shadowHosts?: boolean;
  /** Link domains still to report: shared by a detector's scans, so a growing list adds no more than a page. */
  linkBudget?: { left: number };
}


/** Cheap gate: most text has neither an '@' nor the letters of an obfuscated one. */
function mayHoldEmail(value: string): boolean {
  return value.includes('@') || MAYBE_OBFUSCATED.test(value);
}

export function genericDetect(root: Node, options: GenericOptions): Detection[] {
  const out: Detection[] = [];
  const budget = options.linkBudget ?? { left: MAX_LINK_DOMAINS };
  const { anchors, parsed } = options;
  walk(
    root,
    {
      wants: mayHoldEmail,
      text(node, value) {
        if (parsed) {
          if (parsed.get(node) === value) return;
          parsed.set(node, value);
        }
        eachEmail(value, (email, confidence) => {
          out.push({ kind: 'email', value: email, source: 'text', confidence });
          if (!anchors || anchors.size >= MAX_ANCHORS) return;
          const key = `email:${email}`;
          const parent = node.parentElement;
          if (parent && !anchors.has(key)) anchors.set(key, parent);
        });
      },
      mailto(element) {
        const address = safeDecode((element.getAttribute('href') ?? '').slice(7).split('?')[0] ?? '');
        for (const part of address.split(',')) {
          const email = normaliseEmail(part.trim());
          if (!email) continue;
          out.push({ kind: 'email', value: email, source: 'mailto', confidence: 0.99 });
          if (anchors) anchors.set(`email:${email}`, element);
        }
      },
      wantsLinks: () => options.links && budget.left > 0,
      link(element) {
        const href = element.getAttribute('href') ?? '';
        const domain = registrableDomain(href);
        if (domain && domain !== options.pageDomain && isCompanyDomain(domain)) {
          budget.left--;
          out.push({ kind: 'domain', value: domain, source: 'link', confidence: LINK_CONFIDENCE });
        }
      },
      shadowRoot: options.onShadowRoot,
    },
    options.hidden,
    { shadowHosts: options.shadowHosts },
  );
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
