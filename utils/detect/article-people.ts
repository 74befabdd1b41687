import type { Detection } from '../schemas/detection.ts';
import { PERSON_NAME } from './person-name.ts';
import { HIDDEN_BY_MARKUP } from './walk.ts';

/** A name inside running text: two to four capitalised words, with the usual particles. */
const NAME = String.raw`\p{Lu}[\p{L}'’-]+(?:\s+(?:\p{Lu}[\p{L}'’-]+|van|von|de|der|den|da|di|du|la|le|dos|das|bin|al|ter|zu)){1,3}`;
/**
 * How a news story names the people it is about: who said something, who founded the company, and
 * a title placed before a name ("chief executive Inês Carvalhal").
 */
const ATTRIBUTED = new RegExp(
  String.raw`(?:\b(?:said|says|added|explained|according to|founded(?: in \d{4})? by|co-founded(?: in \d{4})? by)|\b(?:chief executive|chief \p{L}+ officer|CEO|CFO|CTO|COO|founder|co-founders?|managing director|chair(?:man|woman)?|president)) (${NAME})(?: and (${NAME}))?`,
  'gu',
);

/**
 * Only articles are read this way, and a news page says it is one in its head (og:type). Asked of
 * the head alone: a query over the body of a 10,000-row list would cost more than the answer.
 */
export function isArticle(root: ParentNode): boolean {
  const head = (root as Document).head ?? root;
  return head.querySelector('meta[property="og:type"][content="article"]') !== null;
}

/**
 * The people a news story quotes or is about, from its paragraphs. A surname on its own ("said
 * Van Rijswijk") is the person already named in full, not another one.
 */
export function detectArticlePeople(root: ParentNode): Detection[] {
  const names: string[] = [];
  for (const paragraph of Array.from(root.querySelectorAll('article p, main p')).slice(0, 200)) {
    if (paragraph.closest(`aside, nav, footer, ${HIDDEN_BY_MARKUP}`)) continue;
    const text = (paragraph.textContent ?? '').replace(/\s+/g, ' ');
    if (text.length > 5000) continue;
    for (const match of text.matchAll(ATTRIBUTED)) {
      for (const name of [match[1], match[2]]) if (name && PERSON_NAME.test(name) && !names.includes(name)) names.push(name);
    }
  }
  const full = names.filter((name) => !names.some((other) => other !== name && other.toLowerCase().endsWith(` ${name.toLowerCase()}`)));
  return full.slice(0, 50).map((fullName) => ({ kind: 'person', value: fullName, source: 'text', confidence: 0.5, person: { fullName } }));
}
