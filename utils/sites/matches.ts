/**
 * Where detection runs by default (issue 4): the supported CRM, LinkedIn and Gmail hosts, plus the
 * reference server's demo pages. wxt.config.ts turns these into host permissions and content-script
 * matches; every site adapter's own `matches` must be covered by this list (sites.test.ts).
 */
export const SUPPORTED_SITE_MATCHES = [
  'https://www.linkedin.com/*',
  'https://*.lightning.force.com/*',
  'https://*.my.salesforce.com/*',
  'https://app.hubspot.com/*',
  'https://app-eu1.hubspot.com/*',
  'https://*.pipedrive.com/*',
  'https://*.dynamics.com/*',
  'https://mail.google.com/*',
] as const;

/** The reference server's demo pages, so `npm start` shows detection at once. */
export const DEMO_PAGE_MATCHES = ['http://localhost/demo/*', 'http://127.0.0.1/demo/*'] as const;
