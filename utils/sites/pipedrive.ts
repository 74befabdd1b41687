import type { Detection } from '../schemas/detection.ts';
import { textOf } from '../detect/walk.ts';
import { defineSite } from './shared/define-site.ts';
import { siteInfo } from './shared/matches.ts';
import { anchorsInFields, first, valuesByLabel } from './shared/labels.ts';
import { companyAndDomain, emailsFrom, peopleFromRecordLinks, personFrom } from './shared/record-fields.ts';

/** Pipedrive person and organization pages. */
export default defineSite({
  ...siteInfo('pipedrive'),
  testUrls: ['https://acme.pipedrive.com/person/1042', 'https://acme.pipedrive.com/organization/77'],
  badgeAnchor: anchorsInFields({ company: ['Organization', 'Name'], person: ['Name'], email: ['Email'] }),
  detect(root, url) {
    const kind = /^\/(person|organization)\/\d+/.exec(url.pathname)?.[1];
    if (!kind) return [];
    const title = textOf(root.querySelector('h1') ?? root.querySelector('[data-test="header-title"]'), 200);
    const fields = valuesByLabel(root, ['Organization', 'Website', 'Name', 'Email']);
    if (kind === 'organization') {
      const companyName = title || first(fields, 'Name');
      return [...companyAndDomain(companyName, first(fields, 'Website'), 'pipedrive'), ...peopleFromRecordLinks(root, 'a[href^="/person/"]', 'pipedrive', { companyName })];
    }
    const companyName = first(fields, 'Organization');
    const out: Detection[] = [];
    const person = personFrom(title || first(fields, 'Name'), companyName, 'pipedrive');
    if (person) out.push(person);
    out.push(...emailsFrom(fields.get('Email'), 'pipedrive'));
    out.push(...companyAndDomain(companyName, undefined, 'pipedrive'));
    return out;
  },
});
