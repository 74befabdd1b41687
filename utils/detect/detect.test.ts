// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { findEmails, normaliseEmail } from './email.ts';
import { registrableDomain, isCompanyDomain } from './domains.ts';
import { createDetector, detect } from './index.ts';

function page(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

describe('findEmails', () => {
  it('finds addresses in prose, lower-cased', () => {
    expect(findEmails('Write to Dana.Lin@Northwind.io or sales@acme.co.uk.').map((e) => e.value)).toEqual(['dana.lin@northwind.io', 'sales@acme.co.uk']);
  });

  it('does not report the usual false positives', () => {
    const traps = 'logo@2x.png icon@3x.webp user@localhost react@18.3.1 pkg@1.2.3 0c9f3a7e5b1d4c2a9e8f@ingest.sentry.io @handle a@b';
    expect(findEmails(traps)).toEqual([]);
  });

  it('recognises common obfuscations, at a lower confidence', () => {
    expect(findEmails('mail: dana [at] northwind [dot] io')).toEqual([{ value: 'dana@northwind.io', confidence: 0.7 }]);
    expect(findEmails('sam(at)brightloom.com')).toEqual([{ value: 'sam@brightloom.com', confidence: 0.7 }]);
    expect(findEmails('reach lee at acmerobotics dot com today')).toEqual([{ value: 'lee@acmerobotics.com', confidence: 0.7 }]);
    expect(findEmails('See you at home.It was fun')).toEqual([]);
  });

  it('stays linear on adversarial text', () => {
    const start = performance.now();
    findEmails(`${'a'.repeat(50_000)}@`);
    findEmails('@'.repeat(100_000));
    findEmails(`${'a.'.repeat(50_000)}@${'b.'.repeat(50_000)}`);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('normalises and validates single candidates', () => {
    expect(normaliseEmail('Dana@Northwind.IO')).toBe('dana@northwind.io');
    expect(normaliseEmail('.dana@northwind.io')).toBeNull();
  });
});

describe('domains', () => {
  it('reduces hosts and URLs to the registrable domain', () => {
    expect(registrableDomain('https://www.shop.acme.co.uk/about')).toBe('acme.co.uk');
    expect(registrableDomain('app.northwind.io')).toBe('northwind.io');
    expect(registrableDomain('localhost')).toBeNull();
    expect(registrableDomain('10.0.0.1')).toBeNull();
  });

  it('never counts free mail or platforms as a company', () => {
    expect(isCompanyDomain('gmail.com')).toBe(false);
    expect(isCompanyDomain('linkedin.com')).toBe(false);
    expect(isCompanyDomain('northwind.io')).toBe(true);
  });
});

describe('detect', () => {
  it('reports what the user can read, not what hides in attributes, options, meta or scripts', () => {
    const doc = page(`<head><meta name="author" content="hidden@northwind.io"><script>var a = "script@northwind.io"</script></head>
      <body><p title="attr@northwind.io">Contact <a href="mailto:dana@northwind.io">Dana</a> or lee@acmerobotics.com</p>
      <select><option value="opt@northwind.io">opt2@northwind.io</option></select><textarea>typed@northwind.io</textarea></body>`);
    const emails = detect(doc, new URL('https://www.northwind.io/team')).filter((d) => d.kind === 'email').map((d) => d.value).sort();
    expect(emails).toEqual(['dana@northwind.io', 'lee@acmerobotics.com']);
  });

  it('reads a company site: its own domain and its JSON-LD', () => {
    const doc = page(`<head><script type="application/ld+json">{"@context":"https://schema.org","@type":"Organization","name":"Northwind Traders","url":"https://www.northwind.io"}</script></head><body><h1>Northwind</h1></body>`);
    const found = detect(doc, new URL('https://www.northwind.io/')).map((d) => `${d.kind}:${d.value}`);
    expect(found).toEqual(expect.arrayContaining(['domain:northwind.io', 'company:Northwind Traders']));
  });

  it('walks open shadow roots', () => {
    const doc = page('<body><div id="host"></div></body>');
    const host = doc.getElementById('host');
    const shadow = host?.attachShadow({ mode: 'open' });
    const field = doc.createElement('span');
    field.textContent = 'shadow@northwind.io';
    shadow?.append(field);
    expect(detect(doc, new URL('https://example.org/')).map((d) => d.value)).toContain('shadow@northwind.io');
  });
});

describe('createDetector', () => {
  it('scans only what was added after the first scan', () => {
    const doc = page('<body><ul><li>one@northwind.io</li></ul></body>');
    const detector = createDetector(new URL('https://crm.example.org/list'));
    expect(detector.full(doc).map((d) => d.value)).toContain('one@northwind.io');
    const list = doc.querySelector('ul');
    const item = doc.createElement('li');
    item.textContent = 'two@northwind.io';
    list?.append(item);
    expect(detector.changed([item]).map((d) => d.value)).toEqual(['two@northwind.io']);
    // Already scanned: a second report of the same node finds nothing new to scan.
    expect(detector.changed([item])).toEqual([]);
    expect(detector.changed([doc.body])).toEqual([]);
  });
});
