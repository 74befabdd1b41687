import type { Detection } from '../schemas/detection.ts';
import { textOf } from '../detect/walk.ts';
import { defineSite } from './shared/define-site.ts';
import { siteInfo } from './shared/matches.ts';
import { anchorsInFields, first, valuesByLabel } from './shared/labels.ts';
import { companyAndDomain, personFrom } from './shared/record-fields.ts';

/** The reference server's demo pages: a CRM-style record and a profile page (server/routes/demo.ts). */
export default defineSite({
  ...siteInfo('demo'),
  testUrls: ['http://localhost:8787/demo/crm/contacts/50001', 'http://127.0.0.1:8787/demo/in/dana-lin-northwind'],
  badgeAnchor: anchorsInFields({ company: ['Account Name'] }),
  detect(root, url) {
    const fields = valuesByLabel(root, ['Account Name', 'Website', 'Title']);
    const name = textOf(root.querySelector('h1'), 120);
    const out: Detection[] = [];
    if (url.pathname.startsWith('/demo/crm/')) {
      const companyName = first(fields, 'Account Name');
      const person = personFrom(name, companyName, 'demo');
      if (person) out.push(person);
      out.push(...companyAndDomain(companyName, first(fields, 'Website'), 'demo'));
    }
    return out;
  },
});
