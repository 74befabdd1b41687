import type { Detection } from '../schemas/detection.ts';
import { isCompanyDomain, registrableDomain } from '../detect/domains.ts';
import { linkedinProfileUrl } from '../detect/linkedin-url.ts';
import { textOf } from '../detect/walk.ts';
import { defineSite } from './define-site.ts';
import { siteInfo } from './matches.ts';
import { first, valuesByLabel } from './labels.ts';

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
  return out;
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
    const companyName = companyInHeadline(subtitle);
    out.push({ kind: 'person', value: fullName, source: 'linkedin', confidence: 0.9, person: { fullName, companyName, profileUrl } });
    // Each result's current company is a company on the page too (its intent signals are a lookup away).
    if (companyName && companyName.length <= 120 && !companies.has(companyName)) {
      companies.add(companyName);
      out.push({ kind: 'company', value: companyName, source: 'linkedin', confidence: 0.6 });
    }
  }
  return out;
}

/** "Procurement Manager at Kanem Agritech | MCIPS" → "Kanem Agritech" (LinkedIn headlines in several languages). */
function companyInHeadline(headline: string): string | undefined {
  const company = / (?:at|bei|chez|@) (.+)$/.exec(headline)?.[1]?.split(/\s+[|·•]\s+/)[0]?.trim();
  return company || undefined;
}
