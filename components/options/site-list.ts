import { SITE_CATALOG } from '../../utils/sites/shared/matches.ts';

/**
 * The supported sites as the options page lists them, from the site catalog the adapters are built
 * on (the demo pages are not a site a user switches). `settings.sites[id] === false` switches one off.
 */
export const SUPPORTED_SITES: { id: string; label: string; where: string }[] = Object.entries(SITE_CATALOG).map(([id, site]) => ({
  id,
  label: site.name,
  where: [...new Set(site.matches.map((pattern) => new URL(pattern.replace('*.', 'wildcard.')).hostname.replace('wildcard.', '*.')))].join(', '),
}));

/** What the user typed as a site → its origin and the host-permission pattern to request. */
export function siteOrigin(input: string): { origin: string; pattern: string } | null {
  const raw = input.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (!url.hostname.includes('.') && url.hostname !== 'localhost') return null;
  return { origin: `${url.protocol}//${url.hostname}`, pattern: `${url.protocol}//${url.hostname}/*` };
}
