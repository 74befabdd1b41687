import type { Detection } from '../schemas/detection.ts';
import { defineSite } from './shared/define-site.ts';
import { siteInfo } from './shared/matches.ts';
import { anchorsInFields, first, valuesByLabel } from './shared/labels.ts';
import { companyAndDomain, emailsFrom, nameFrom, peopleFromRecordLinks, personFrom } from './shared/record-fields.ts';

/** Dynamics 365 contact, lead and account forms (`main.aspx?etn=…&pagetype=entityrecord`). */
export default defineSite({
  ...siteInfo('dynamics'),
  shadowDom: true,
  testUrls: [
    'https://acme.crm.dynamics.com/main.aspx?appid=1&pagetype=entityrecord&etn=contact&id=6f1c2a4e-0000-0000-0000-000000000001',
    'https://acme.crm4.dynamics.com/main.aspx?pagetype=entityrecord&etn=account&id=6f1c2a4e-0000-0000-0000-000000000002',
  ],
  badgeAnchor: anchorsInFields({ company: ['Account Name', 'Company Name', 'Parent Account'], person: ['Full Name', 'First Name'], email: ['Email'] }),
  detect(root, url) {
    const entity = url.searchParams.get('etn');
    if (url.searchParams.get('pagetype') !== 'entityrecord' || !entity) return [];
    const fields = valuesByLabel(root, ['Full Name', 'Account Name', 'Company Name', 'Website', 'Parent Account', 'Topic', 'Email', 'First Name', 'Last Name']);
    if (entity === 'account') {
      const companyName = first(fields, 'Account Name');
      // The account's Contacts subgrid links to each contact's form.
      return [...companyAndDomain(companyName, first(fields, 'Website'), 'dynamics'), ...peopleFromRecordLinks(root, 'a[href*="etn=contact"]', 'dynamics', { companyName })];
    }
    const companyName = first(fields, 'Company Name', 'Account Name', 'Parent Account');
    const out: Detection[] = [];
    const person = personFrom(nameFrom(fields, 'Full Name', 'First Name', 'Last Name'), companyName, 'dynamics');
    if (person) out.push(person);
    out.push(...emailsFrom(fields.get('Email'), 'dynamics'));
    out.push(...companyAndDomain(companyName, first(fields, 'Website'), 'dynamics'));
    return out;
  },
});
