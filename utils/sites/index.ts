import demo from './demo.ts';
import dynamics from './dynamics.ts';
import gmail from './gmail.ts';
import hubspot from './hubspot.ts';
import linkedin from './linkedin.ts';
import pipedrive from './pipedrive.ts';
import salesforce from './salesforce.ts';

/** Every site adapter. Adding a site = one file here + its fixture. */
export const SITES = [linkedin, salesforce, hubspot, pipedrive, dynamics, gmail, demo] as const;
export type SiteAdapter = (typeof SITES)[number];

export function siteFor(url: URL): SiteAdapter | undefined {
  return SITES.find((site) => site.includes(url));
}
