import type { Detection } from '../schemas/detection.ts';
import { isCompanyDomain, registrableDomain } from './domains.ts';
import { detectArticlePeople, isArticle } from './article-people.ts';
import { linkedinProfileUrl } from './linkedin-url.ts';
import { PERSON_NAME, withoutHonorific } from './person-name.ts';
import { HIDDEN_BY_MARKUP, textOf } from './walk.ts';

/** JSON-LD (organisations, people, what an article is about), og:site_name, a team page's people and the people a story quotes: what the page says about itself. */
export function detectStructured(root: ParentNode, url: URL): Detection[] {
  const out: Detection[] = [];
  for (const script of Array.from(root.querySelectorAll('script[type="application/ld+json"]')).slice(0, 20)) {
    const text = script.textContent ?? '';
    if (text.length > 200_000) continue;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      continue;
    }
    for (const item of flatten(data)) out.push(...fromJsonLd(item));
  }
  const site = root.querySelector('meta[property="og:site_name"]')?.getAttribute('content')?.trim();
  if (site && site.length <= 120) out.push({ kind: 'company', value: site, source: 'meta', confidence: 0.6 });
  if (TEAM_PAGE.test(url.pathname)) out.push(...detectTeam(root));
  if (isArticle(root)) out.push(...detectArticlePeople(root));
  return out;
}

/**
 * The pages a site keeps its people on: team, about and contact pages, an event's speakers.
 * Looking for person cards costs a few passes over the document, which a 10,000-row list at some
 * other path should not pay.
 */
const TEAM_PAGE =
  /^\/?$|\b(?:team|teams|about|about-us|people|leadership|management|founders|staff|contact|contact-us|kontakt|impressum|ueber-uns|uber-uns|unternehmen|mitarbeiter|ansprechpartner|equipe|equipo|chi-siamo|company|speakers?|referenten|sprecher|intervenants|ponentes|relatori|sprekers)\b/i;

/** Cards a site lists its people in (by the class names its authors give them). */
const TEAM_CARD = /team|member|staff|people|person|employee|leadership|founder|ansprechpartner|contact-person|speaker|referent|author-card|profile-card/i;
/** "name" classes that name something else. */
const NOT_A_PERSON = /company|product|brand|file|user|host|domain|org|site|page|app|job|event|project|plan|item/i;
/** The element of a person card that holds their employer. */
const CARD_COMPANY = '[class*="company" i], [class*="organisation" i], [class*="organization" i], [class*="affiliation" i], [class*="employer" i]';

/**
 * People a site lists on its team, about or speakers page: microdata Persons, and person cards — a
 * heading or a name-classed element whose text reads as a person's name, inside a card that is
 * classed as a team/speaker card or that shows their portrait (an image whose alt text names
 * them). A card's company line, where it has one, is the person's company and a company too.
 */
export function detectTeam(root: ParentNode): Detection[] {
  const out: Detection[] = [];
  const seen = new Set<string>();
  const companies = new Set<string>();
  const add = (element: Element, card: Element | null) => {
    const fullName = withoutHonorific(textOf(element, 200));
    if (fullName.length > 60 || seen.has(fullName) || !PERSON_NAME.test(fullName) || element.closest(HIDDEN_BY_MARKUP)) return;
    seen.add(fullName);
    const companyName = textOf(card?.querySelector(CARD_COMPANY), 200);
    const usable = companyName.length <= 80 && /\p{L}/u.test(companyName) ? companyName : undefined;
    out.push({ kind: 'person', value: fullName, source: 'text', confidence: 0.6, person: { fullName, companyName: usable } });
    if (usable && !companies.has(usable)) {
      companies.add(usable);
      out.push({ kind: 'company', value: usable, source: 'text', confidence: 0.5 });
    }
  };
  for (const element of Array.from(root.querySelectorAll('[itemtype$="schema.org/Person"] [itemprop="name"]')).slice(0, 100)) add(element, element.closest('[itemtype$="schema.org/Person"]'));
  for (const element of Array.from(root.querySelectorAll('[class*="name" i], h2, h3, h4, h5')).slice(0, 400)) {
    const named = element.getAttribute('class') ?? '';
    if (/name/i.test(named) && NOT_A_PERSON.test(named)) continue;
    const card = personCard(element);
    if (card) add(element, card);
  }
  return out;
}

/**
 * The card around a name: the closest ancestor (four levels up) classed as a person card, or
 * showing the person's portrait. An ancestor holding more elements like the name is the list
 * of cards, and the name its heading ("Ihre Ansprechpartner"), not a person.
 */
function personCard(name: Element): Element | null {
  const text = textOf(name, 200);
  if (!text || text.length > 80) return null;
  const bare = withoutHonorific(text);
  let card = name.parentElement;
  for (let depth = 0; card && depth < 4; depth++, card = card.parentElement) {
    const alike = Array.from(card.getElementsByTagName(name.localName)).filter((e) => e.className === name.className);
    if (alike.length > 1 || card.querySelectorAll('h1, h2, h3, h4, h5').length > 1) return null;
    if (TEAM_CARD.test(card.getAttribute('class') ?? '')) return card;
    const portrait = card.querySelector('img[alt]');
    if (portrait) return (portrait.getAttribute('alt') ?? '').includes(bare) ? card : null;
  }
  return null;
}

type Json = Record<string, unknown>;

function flatten(data: unknown, depth = 0): Json[] {
  if (depth > 4 || data === null || typeof data !== 'object') return [];
  if (Array.isArray(data)) return data.slice(0, 50).flatMap((d) => flatten(d, depth + 1));
  const item = data as Json;
  const graph = item['@graph'];
  return [item, ...(Array.isArray(graph) ? flatten(graph, depth + 1) : [])];
}

function types(item: Json): string[] {
  const t = item['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, 300) : undefined;
}

/** What an article or post says it is about, and who published it (the site's owner, as og:site_name says). */
function fromCreativeWork(item: Json): Detection[] {
  const out: Detection[] = [];
  for (const key of ['about', 'mentions']) {
    const value = item[key];
    for (const subject of (Array.isArray(value) ? value : [value]).slice(0, 20)) {
      if (subject && typeof subject === 'object') out.push(...fromJsonLd(subject as Json, 0.8));
    }
  }
  const publisher = item.publisher;
  if (publisher && typeof publisher === 'object' && !Array.isArray(publisher)) {
    const name = str((publisher as Json).name);
    if (name && types(publisher as Json).some((k) => /Organization|Corporation/.test(k))) out.push({ kind: 'company', value: name, source: 'jsonld', confidence: 0.6 });
  }
  return out;
}

function fromJsonLd(item: Json, confidence = 0.9): Detection[] {
  const kinds = types(item);
  const out: Detection[] = [];
  if (kinds.some((k) => /Article|Posting|CreativeWork|WebPage/.test(k))) out.push(...fromCreativeWork(item));
  if (kinds.some((k) => /Organization|Corporation|LocalBusiness/.test(k))) {
    const name = str(item.name);
    if (name) out.push({ kind: 'company', value: name, source: 'jsonld', confidence });
    const url = str(item.url);
    const domain = url ? registrableDomain(url) : null;
    if (domain && isCompanyDomain(domain)) out.push({ kind: 'domain', value: domain, source: 'jsonld', confidence });
  }
  if (kinds.includes('Person')) {
    const fullName = str(item.name);
    if (fullName) {
      const worksFor = item.worksFor as Json | undefined;
      const companyName = str(worksFor?.name);
      const sameAs = Array.isArray(item.sameAs) ? item.sameAs : [item.sameAs];
      const profileUrl = sameAs.map((s) => (typeof s === 'string' ? linkedinProfileUrl(s) : null)).find(Boolean) ?? undefined;
      out.push({ kind: 'person', value: fullName, source: 'jsonld', confidence: Math.min(confidence, 0.85), person: { fullName, companyName, profileUrl } });
    }
  }
  return out;
}
