import type { Detection } from '../schemas/detection.ts';
import { isCompanyDomain, registrableDomain } from '../detect/domains.ts';
import { normaliseEmail } from '../detect/email.ts';
import { HIDDEN_BY_MARKUP } from '../detect/walk.ts';
import { defineSite } from './shared/define-site.ts';
import { siteInfo } from './shared/matches.ts';

/** Links in a thread's messages (signatures' websites) are reported like any page's links. */
const LINK_CONFIDENCE = 0.4;
const EMAIL_IN_TITLE = /\s-\s([^\s@]+@[^\s@]+)\s-\s[^-]*$/;

/**
 * Gmail: the sender and recipients of the open thread. Gmail shows names and keeps each address in
 * the `email` attribute of the name's element — that element is what the user sees and hovers.
 * The thread is the main region that holds its subject heading: in split-pane mode the inbox list
 * is a main region too, and its senders are not the thread's. The signed-in account (in the
 * document title, shown as "me") is the user, not a contact.
 */
export default defineSite({
  ...siteInfo('gmail'),
  testUrls: ['https://mail.google.com/mail/u/0/#inbox/FMfcgzQXKnLwqbTmWcJrKxLsZzNqbVtT'],
  detect(root) {
    const heading = root.querySelector('h2[data-thread-perm-id], h2.hP');
    const thread = heading?.closest('[role="main"]') ?? root.querySelector('[role="main"]');
    if (!thread) return [];
    const doc = (root as Node).nodeType === 9 ? (root as Document) : (root as Node).ownerDocument;
    const own = normaliseEmail(EMAIL_IN_TITLE.exec(doc?.title ?? '')?.[1] ?? '');
    const out: Detection[] = [];
    for (const element of Array.from(thread.querySelectorAll('[email]')).slice(0, 500)) {
      if (element.closest('tr.zA, [role="grid"]')) continue;
      const email = normaliseEmail(element.getAttribute('email') ?? '');
      if (email && email !== own) out.push({ kind: 'email', value: email, source: 'gmail', confidence: 0.97 });
    }
    for (const link of Array.from(thread.querySelectorAll('.a3s a[href^="http"]')).slice(0, 200)) {
      // Collapsed quoted text (the user's own earlier message among it) is not on screen.
      if (link.closest(HIDDEN_BY_MARKUP)) continue;
      const domain = registrableDomain(link.getAttribute('href') ?? '');
      if (domain && isCompanyDomain(domain)) out.push({ kind: 'domain', value: domain, source: 'gmail', confidence: LINK_CONFIDENCE });
    }
    return out;
  },
});
