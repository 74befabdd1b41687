/**
 * The supported sites as the options page lists them. Ids are the site adapters' ids (the file
 * names under utils/sites/); `settings.sites[id] === false` switches one off.
 * TODO(issue 5, 2026-11-22): read these from the site adapters' registry once utils/sites has one.
 */
export const SUPPORTED_SITES: { id: string; label: string; where: string }[] = [
  { id: 'linkedin', label: 'LinkedIn', where: 'www.linkedin.com' },
  { id: 'salesforce', label: 'Salesforce', where: '*.lightning.force.com, *.my.salesforce.com' },
  { id: 'hubspot', label: 'HubSpot', where: 'app.hubspot.com, app-eu1.hubspot.com' },
  { id: 'pipedrive', label: 'Pipedrive', where: '*.pipedrive.com' },
  { id: 'dynamics', label: 'Microsoft Dynamics 365', where: '*.dynamics.com' },
  { id: 'gmail', label: 'Gmail', where: 'mail.google.com' },
];

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
