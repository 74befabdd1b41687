import type { Detection } from '../schemas/detection.ts';
import { defineSite } from './shared/define-site.ts';
import { siteInfo } from './shared/matches.ts';
import { companyAndDomain, emailsFrom, peopleFromRecordLinks, personFrom, tableColumn } from './shared/record-fields.ts';
import { anchorsInFields, first, valuesByLabel } from './shared/labels.ts';

/**
 * Salesforce Lightning: the object type and record id come from the URL
 * (`/lightning/r/<Object>/<Id>/view`), not from Lightning's generated markup; field values by label.
 */
export function salesforceRecord(url: URL): { object: string; id: string } | null {
  const match = /^\/lightning\/r\/([A-Za-z_]+)\/([A-Za-z0-9]{15,18})\/view/.exec(url.pathname);
  return match?.[1] && match[2] ? { object: match[1], id: match[2] } : null;
}

const COMPANY_COLUMNS = ['Account Name', 'Company', 'Account'];
/**
 * Links to contact and lead records: list views' Name column, related lists. Lightning often links
 * a record by its id alone (`/lightning/r/0035j00001Ab00QzAAK/view`), whose key prefix says the
 * object: 003 a contact, 00Q a lead.
 */
const PEOPLE_LINKS = 'a[href*="/lightning/r/Contact/"], a[href*="/lightning/r/Lead/"], a[href*="/lightning/r/003"], a[href*="/lightning/r/00Q"]';

export default defineSite({
  ...siteInfo('salesforce'),
  shadowDom: true,
  testUrls: [
    'https://acme.lightning.force.com/lightning/r/Lead/00Q5e00000AbCdEAAZ/view',
    'https://acme.lightning.force.com/lightning/r/Account/0015e00000XyZaBAAV/view',
    'https://acme.lightning.force.com/lightning/o/Contact/list?filterName=Recent',
  ],
  badgeAnchor: anchorsInFields({ company: ['Account Name', 'Company', 'Name'], person: ['Name'], email: ['Email'] }),
  detect(root, url) {
    const record = salesforceRecord(url);
    if (!record) {
      if (!/^\/lightning\/o\/[A-Za-z_]+\/list/.test(url.pathname)) return [];
      return [
        ...tableColumn(root, COMPANY_COLUMNS).map((value): Detection => ({ kind: 'company', value, source: 'salesforce', confidence: 0.85 })),
        ...tableColumn(root, ['Website']).flatMap((website) => companyAndDomain(undefined, website, 'salesforce')),
        ...peopleFromRecordLinks(root, PEOPLE_LINKS, 'salesforce', { companyHeaders: COMPANY_COLUMNS }),
      ];
    }
    const fields = valuesByLabel(root, ['Name', 'Account Name', 'Company', 'Website', 'Title', 'Email']);
    const out: Detection[] = [];
    const companyName = first(fields, 'Account Name', 'Company');
    if (record.object === 'Account') {
      const account = first(fields, 'Account Name', 'Name');
      out.push(...companyAndDomain(account, first(fields, 'Website'), 'salesforce'));
      // The account's related Contacts list.
      out.push(...peopleFromRecordLinks(root, PEOPLE_LINKS, 'salesforce', { companyName: account }));
    } else {
      out.push(...companyAndDomain(companyName, first(fields, 'Website'), 'salesforce'));
      const person = personFrom(first(fields, 'Name'), companyName, 'salesforce');
      if (person) out.push(person);
      out.push(...emailsFrom(fields.get('Email'), 'salesforce'));
    }
    return out;
  },
});
