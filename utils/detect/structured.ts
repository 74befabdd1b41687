import type { Detection } from '../schemas/detection.ts';
import { isCompanyDomain, registrableDomain } from './domains.ts';
import { linkedinProfileUrl } from './linkedin-url.ts';

/** JSON-LD (organisations, people, what an article is about), og:site_name, and a team page's people: what the page says about itself. */
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
  return out;
}

/**
 * The pages a company's site keeps its people on. Looking for a team list costs a pass over the
 * document, which a 10,000-row list at some other path should not pay.
 */
const TEAM_PAGE = /^\/?$|\b(?:team|teams|about|about-us|people|leadership|management|founders|staff|contact|contact-us|kontakt|impressum|ueber-uns|uber-uns|unternehmen|equipe|equipo|chi-siamo|company)\b/i;

/** A name as people write theirs: two to four capitalised words, with the usual particles. */
const PERSON_NAME = /^\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|van|von|de|der|den|da|di|du|la|le|dos|das|bin|al|ter|zu)){1,3}$/u;
/** Cards a company's site lists its people in (by the class names its authors give them). */
const TEAM_CARD = /team|member|staff|people|person|employee|leadership|founder|ansprechpartner|contact-person/i;
/** "name" classes that name something else. */
const NOT_A_PERSON = /company|product|brand|file|user|host|domain|org|site|page|app|job|event|project|plan|item/i;

/**
 * People a company's own site lists as its team: microdata Persons, and elements classed as a name
 * (`team-card__name`, `member-name`) inside a team-like card whose text reads as a person's name.
 */
export function detectTeam(root: ParentNode): Detection[] {
  const out: Detection[] = [];
  const seen = new Set<string>();
  const add = (element: Element) => {
    const fullName = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (fullName.length > 60 || seen.has(fullName) || !PERSON_NAME.test(fullName) || element.closest('[hidden], [aria-hidden="true"]')) return;
    seen.add(fullName);
    out.push({ kind: 'person', value: fullName, source: 'text', confidence: 0.6, person: { fullName } });
  };
  for (const element of Array.from(root.querySelectorAll('[itemtype$="schema.org/Person"] [itemprop="name"]')).slice(0, 100)) add(element);
  for (const element of Array.from(root.querySelectorAll('[class*="name" i]')).slice(0, 300)) {
    const own = element.getAttribute('class') ?? '';
    if (NOT_A_PERSON.test(own)) continue;
    let card = element.parentElement;
    for (let depth = 0; card && depth < 4 && !TEAM_CARD.test(card.getAttribute('class') ?? ''); depth++) card = card.parentElement;
    if (card && TEAM_CARD.test(card.getAttribute('class') ?? '')) add(element);
  }
  return out;
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
