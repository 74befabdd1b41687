import type { Detection } from '../schemas/detection.ts';
import { isCompanyDomain, registrableDomain } from './domains.ts';
import { linkedinProfileUrl } from './linkedin-url.ts';

/** JSON-LD Organization/Person and og:site_name: what the page says about itself. */
export function detectStructured(root: ParentNode): Detection[] {
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

function fromJsonLd(item: Json): Detection[] {
  const kinds = types(item);
  const out: Detection[] = [];
  if (kinds.some((k) => /Organization|Corporation|LocalBusiness/.test(k))) {
    const name = str(item.name);
    if (name) out.push({ kind: 'company', value: name, source: 'jsonld', confidence: 0.9 });
    const url = str(item.url);
    const domain = url ? registrableDomain(url) : null;
    if (domain && isCompanyDomain(domain)) out.push({ kind: 'domain', value: domain, source: 'jsonld', confidence: 0.9 });
  }
  if (kinds.includes('Person')) {
    const fullName = str(item.name);
    if (fullName) {
      const worksFor = item.worksFor as Json | undefined;
      const companyName = str(worksFor?.name);
      const sameAs = Array.isArray(item.sameAs) ? item.sameAs : [item.sameAs];
      const profileUrl = sameAs.map((s) => (typeof s === 'string' ? linkedinProfileUrl(s) : null)).find(Boolean) ?? undefined;
      out.push({ kind: 'person', value: fullName, source: 'jsonld', confidence: 0.85, person: { fullName, companyName, profileUrl } });
    }
  }
  return out;
}
