/**
 * The site catalog, data only: each site adapter's id (= its file name), the name users see and
 * the pages it runs on. The adapters, the manifest (wxt.config.ts: host permissions and
 * content-script matches) and the Options page's site list all read it, so a site is declared
 * once and Options does not bundle the adapters.
 */
export const SITE_CATALOG = {
  linkedin: { name: 'LinkedIn', matches: ['https://www.linkedin.com/*'] },
  salesforce: { name: 'Salesforce', matches: ['https://*.lightning.force.com/*', 'https://*.my.salesforce.com/*'] },
  hubspot: { name: 'HubSpot', matches: ['https://app.hubspot.com/*', 'https://app-eu1.hubspot.com/*'] },
  pipedrive: { name: 'Pipedrive', matches: ['https://*.pipedrive.com/*'] },
  dynamics: { name: 'Microsoft Dynamics 365', matches: ['https://*.dynamics.com/*'] },
  gmail: { name: 'Gmail', matches: ['https://mail.google.com/*'] },
} as const;

export type SiteId = keyof typeof SITE_CATALOG | 'demo';

/** The reference server's demo pages, so `npm start` shows detection at once. */
export const DEMO_PAGE_MATCHES = ['http://localhost/demo/*', 'http://127.0.0.1/demo/*'] as const;

/** id, name and matches for an adapter's `defineSite({ ...siteInfo('hubspot'), … })`. */
export function siteInfo(id: SiteId): { id: SiteId; name: string; matches: readonly string[] } {
  if (id === 'demo') return { id, name: 'Sidecar demo pages', matches: DEMO_PAGE_MATCHES };
  return { id, ...SITE_CATALOG[id] };
}

/** Where detection runs by default (issue 4): every supported site's pages. */
export const SUPPORTED_SITE_MATCHES: readonly string[] = Object.values(SITE_CATALOG).flatMap((site) => site.matches);

/** Match patterns for the sites the user added (origins like https://crm.example.com). */
export function customSiteMatches(origins: string[]): string[] {
  return origins.flatMap((origin) => {
    try {
      const url = new URL(origin);
      return url.protocol === 'https:' || url.protocol === 'http:' ? [`${url.protocol}//${url.hostname}/*`] : [];
    } catch {
      return [];
    }
  });
}
