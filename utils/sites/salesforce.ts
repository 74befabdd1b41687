import type { Detection } from '../schemas/detection.ts';
import { defineSite } from './define-site.ts';
import { companyAndDomain, personFrom, tableColumn } from './record-fields.ts';
import { valuesByLabel, first } from './labels.ts';

/**
 * Salesforce Lightning: the object type and record id come from the URL
 * (`/lightning/r/<Object>/<Id>/view`), not from Lightning's generated markup; field values by label.
 */
export function salesforceRecord(url: URL): { object: string; id: string } | null {
  const match = /^\/lightning\/r\/([A-Za-z_]+)\/([A-Za-z0-9]{15,18})\/view/.exec(url.pathname);
  return match?.[1] && match[2] ? { object: match[1], id: match[2] } : null;
}

export default defineSite({
  id: 'salesforce',
  name: 'Salesforce',
  matches: ['https://*.lightning.force.com/*', 'https://*.my.salesforce.com/*'],
  testUrls: [
    'https://acme.lightning.force.com/lightning/r/Lead/00Q5e00000AbCdEAAZ/view',
    'https://acme.lightning.force.com/lightning/r/Account/0015e00000XyZaBAAV/view',
    'https://acme.lightning.force.com/lightning/o/Contact/list?filterName=Recent',
  ],
  detect(root, url) {
    const record = salesforceRecord(url);
    if (!record) {
      return /^\/lightning\/o\/[A-Za-z_]+\/list/.test(url.pathname)
        ? tableColumn(root, ['Account Name', 'Company', 'Account']).map((value): Detection => ({ kind: 'company', value, source: 'salesforce', confidence: 0.85 }))
        : [];
    }
    const fields = valuesByLabel(root, ['Name', 'Account Name', 'Company', 'Website', 'Title']);
    const out: Detection[] = [];
    const companyName = first(fields, 'Account Name', 'Company');
    if (record.object === 'Account') {
      out.push(...companyAndDomain(first(fields, 'Account Name', 'Name'), first(fields, 'Website'), 'salesforce'));
    } else {
      out.push(...companyAndDomain(companyName, first(fields, 'Website'), 'salesforce'));
      const person = personFrom(first(fields, 'Name'), companyName, 'salesforce');
      if (person) out.push(person);
    }
    return out;
  },
});
