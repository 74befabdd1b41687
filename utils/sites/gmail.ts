import type { Detection } from '../schemas/detection.ts';
import { normaliseEmail } from '../detect/email.ts';
import { defineSite } from './define-site.ts';
import { siteInfo } from './matches.ts';

/**
 * Gmail: the sender and recipients of the open thread. Gmail shows names and keeps each address in
 * the `email` attribute of the name's element — that element is what the user sees and hovers.
 */
export default defineSite({
  ...siteInfo('gmail'),
  testUrls: ['https://mail.google.com/mail/u/0/#inbox/FMfcgzQXKnLwqbTmWcJrKxLsZzNqbVtT'],
  detect(root) {
    const thread = root.querySelector('[role="main"]');
    if (!thread) return [];
    const out: Detection[] = [];
    for (const element of Array.from(thread.querySelectorAll('[email]')).slice(0, 500)) {
      const email = normaliseEmail(element.getAttribute('email') ?? '');
      if (email) out.push({ kind: 'email', value: email, source: 'gmail', confidence: 0.97 });
    }
    return out;
  },
});
