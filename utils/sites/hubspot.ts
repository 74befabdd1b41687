import type { Detection } from '../schemas/detection.ts';
import { textOf } from '../detect/walk.ts';
import { defineSite } from './shared/define-site.ts';
import { siteInfo } from './shared/matches.ts';
import { anchorsInFields, first, valuesByLabel } from './shared/labels.ts';
import { companiesFromRecordLinks, companyAndDomain, emailsFrom, nameFrom, peopleFromRecordLinks, personFrom } from './shared/record-fields.ts';

/** HubSpot contact (object 0-1) and company (0-2) records; field values by label. */
export default defineSite({
  ...siteInfo('hubspot'),
  testUrls: ['https://app.hubspot.com/contacts/2401234/record/0-1/51', 'https://app-eu1.hubspot.com/contacts/2401234/record/0-2/9001'],
  badgeAnchor: anchorsInFields({ company: ['Company name', 'Name'], email: ['Email'] }),
  detect(root, url) {
    const object = /\/record\/(0-[12])\/\d+/.exec(url.pathname)?.[1] ?? (/\/contact\/\d+/.test(url.pathname) ? '0-1' : /\/company\/\d+/.test(url.pathname) ? '0-2' : null);
    if (!object) return [];
    const fields = valuesByLabel(root, ['First name', 'Last name', 'Email', 'Company name', 'Company domain name', 'Website URL', 'Name']);
    const out: Detection[] = [];
    if (object === '0-2') {
      const companyName = first(fields, 'Company name', 'Name') ?? textOf(root.querySelector('h1, h2'), 200);
      out.push(...companyAndDomain(companyName, first(fields, 'Company domain name', 'Website URL'), 'hubspot'));
      // The company's associated contacts: links to contact records (object 0-1).
      out.push(...peopleFromRecordLinks(root, 'a[href*="/record/0-1/"]', 'hubspot', { companyName }));
      return out;
    }
    // A contact's company is a property, or the associated company card beside the record.
    const associated = companiesFromRecordLinks(root, 'a[href*="/record/0-2/"]', 'hubspot');
    const companyName = first(fields, 'Company name') ?? associated.find((d) => d.kind === 'company')?.value;
    out.push(...associated);
    const person = personFrom(nameFrom(fields, undefined, 'First name', 'Last name') || textOf(root.querySelector('h1, h2'), 120), companyName, 'hubspot');
    if (person) out.push(person);
    out.push(...emailsFrom(fields.get('Email'), 'hubspot'));
    out.push(...companyAndDomain(companyName, first(fields, 'Website URL', 'Company domain name'), 'hubspot'));
    return out;
  },
});
