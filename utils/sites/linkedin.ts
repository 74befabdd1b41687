import type { Detection } from '../schemas/detection.ts';
import { isCompanyDomain, registrableDomain } from '../detect/domains.ts';
import { linkedinProfileUrl } from '../detect/linkedin-url.ts';
import { PERSON_NAME } from '../detect/person-name.ts';
import { textOf } from '../detect/walk.ts';
import { defineSite } from './shared/define-site.ts';
import { siteInfo } from './shared/matches.ts';
import { first, valuesByLabel } from './shared/labels.ts';

/**
 * LinkedIn: reads the URL, title and visible DOM only — no internal APIs, no captured requests,
 * no web-accessible resources (LinkedIn probes for them).
 */
export default defineSite({
  ...siteInfo('linkedin'),
  testUrls: [
    'https://www.linkedin.com/in/dana-lin-northwind/',
    'https://www.linkedin.com/company/northwind/about/',
    'https://www.linkedin.com/search/results/people/?keywords=northwind',
  ],
  badgeAnchor(root, detection) {
    // A profile's current company sits in the top card's company button; on a company page the
    // heading carries the name, which the content script's fallback finds.
    return detection.kind === 'company' ? root.querySelector('[aria-label^="Current company"]') : null;
  },
  detect(root, url) {
    if (/^\/in\/[^/]+/.test(url.pathname)) return profile(root, url);
    if (/^\/company\/[^/]+/.test(url.pathname)) return company(root);
    if (url.pathname.startsWith('/search/results/')) return searchResults(root);
    return [];
  },
});

function profile(root: ParentNode, url: URL): Detection[] {
  const fullName = textOf(root.querySelector('main h1') ?? root.querySelector('h1'), 120);
  if (!fullName) return [];
  const current = root.querySelector('[aria-label^="Current company"]')?.getAttribute('aria-label') ?? '';
  const companyName = /^Current company:\s*(.+?)(?:\.\s*Click.*)?$/i.exec(current)?.[1]?.trim() || textOf(root.querySelector('[data-field="experience_company_logo"] span, .experience-item__subtitle'), 120) || undefined;
  const profileUrl = linkedinProfileUrl(url.href) ?? undefined;
  const out: Detection[] = [{ kind: 'person', value: fullName, source: 'linkedin', confidence: 0.95, person: { fullName, companyName, profileUrl } }];
  if (companyName) out.push({ kind: 'company', value: companyName, source: 'linkedin', confidence: 0.85 });
  return out;
}

function company(root: ParentNode): Detection[] {
  const name = textOf(root.querySelector('main h1') ?? root.querySelector('h1'), 120);
  const out: Detection[] = [];
  if (name) out.push({ kind: 'company', value: name, source: 'linkedin', confidence: 0.95 });
  const website = first(valuesByLabel(root, ['Website']), 'Website');
  const domain = website ? registrableDomain(website) : null;
  if (domain && isCompanyDomain(domain)) out.push({ kind: 'domain', value: domain, source: 'linkedin', confidence: 0.9 });
  out.push(...employees(root, name || undefined));
  return out;
}

/**
 * The people a company page lists (its People tab, "employees" cards): profile links in the main
 * column, not the "pages people also viewed" aside. A card often links its photo and its name
 * separately: the name is the link's text, else its photo's alt text.
 */
function employees(root: ParentNode, companyName: string | undefined): Detection[] {
  const names = new Map<string, string>();
  for (const link of Array.from(root.querySelectorAll('main a[href*="/in/"]')).slice(0, 200)) {
    if (link.closest('aside')) continue;
    const profileUrl = linkedinProfileUrl(link.getAttribute('href') ?? '');
    if (!profileUrl || names.get(profileUrl)) continue;
    const text = textOf(link.querySelector('.artdeco-entity-lockup__title, span[aria-hidden="true"]') ?? link, 120) || (link.querySelector('img[alt]')?.getAttribute('alt') ?? '').trim();
    names.set(profileUrl, PERSON_NAME.test(text) ? text : '');
  }
  return [...names]
    .filter(([, fullName]) => fullName)
    .map(([profileUrl, fullName]) => ({ kind: 'person', value: fullName, source: 'linkedin', confidence: 0.8, person: { fullName, companyName, profileUrl } }));
}

function searchResults(root: ParentNode): Detection[] {
  const out: Detection[] = [];
  const seen = new Set<string>();
  const companies = new Set<string>();
  for (const link of Array.from(root.querySelectorAll('main a[href*="/in/"]'))) {
    const profileUrl = linkedinProfileUrl(link.getAttribute('href') ?? '');
    if (!profileUrl || seen.has(profileUrl)) continue;
    const fullName = textOf(link.querySelector('span[aria-hidden="true"]') ?? link, 120).replace(/\s*View .*$/, '');
    if (!fullName || fullName.length < 3) continue;
    seen.add(profileUrl);
    const item = link.closest('li');
    const subtitle = textOf(item?.querySelector('.entity-result__primary-subtitle, [data-field="subtitle"]'), 200);
    const companyName = companyInResult(subtitle, textOf(item?.querySelector('.entity-result__summary'), 200));
    out.push({ kind: 'person', value: fullName, source: 'linkedin', confidence: 0.9, person: { fullName, companyName, profileUrl } });
    // Each result's current company is a company on the page too (its intent signals are a lookup away).
    if (companyName && companyName.length <= 120 && !companies.has(companyName)) {
      companies.add(companyName);
      out.push({ kind: 'company', value: companyName, source: 'linkedin', confidence: 0.6 });
    }
  }
  return out;
}

/** Words of a job title, in the languages LinkedIn headlines are written in. */
const ROLE = /\b(?:head|director|directeur|directora?|diretora?|manager|gerente|leiter(?:in)?|lead|chief|officer|vp|svp|evp|c[eorfmt]o|founder|co-founder|partner|president|engineer|consultant|specialist|analyst|executive|owner|sales|account|operations|marketing|procurement|einkauf|verkauf|responsable|jefe|jefa|direttore|commercieel|hoofd|chef)\b/i;

/**
 * A search result's current company: LinkedIn's "Current: … at X" line when it shows one, else the
 * headline — "Procurement Manager at Kanem Agritech | MCIPS", "Einkaufsleiter bei …", "… bij …",
 * or a job title and a company side by side ("Account Director | Senbazuru Systems KK",
 * "CRO & Co-founder — Brightpath.io").
 */
function companyInResult(headline: string, current: string): string | undefined {
  const at = (text: string) => / (?:at|bei|bij|chez|presso|hos|på|@) (.+)$/.exec(text)?.[1]?.split(/\s+[|·•—–]\s+/)[0]?.trim();
  const explicit = /^Current:\s*(.+)$/i.exec(current)?.[1];
  const fromCurrent = explicit ? at(explicit) : undefined;
  if (fromCurrent) return fromCurrent;
  const fromAt = at(headline);
  if (fromAt) return fromAt;
  const parts = headline.split(/\s+[|·•—–]\s+/).map((p) => p.trim()).filter(Boolean);
  if (parts.length === 2 && parts[0] && parts[1] && ROLE.test(parts[0]) && !ROLE.test(parts[1]) && /^\p{Lu}|^\d/u.test(parts[1])) return parts[1];
  return undefined;
}
