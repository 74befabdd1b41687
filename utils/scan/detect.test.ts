// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { findEmails, normaliseEmail } from '../detect/email.ts';
import { registrableDomain, isCompanyDomain } from '../detect/domains.ts';
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

  it('skips text hidden by markup: the hidden attribute and an inline display: none, in the first scan and in added nodes', () => {
    const html = `<body><div hidden>Old address: old@northwind.io</div><p style="display: none">print@northwind.io</p>
      <p style="color:red;DISPLAY:none">shout@northwind.io</p><p>dana@northwind.io</p></body>`;
    const doc = page(html);
    expect(detect(doc, new URL('https://www.northwind.io/')).filter((d) => d.kind === 'email').map((d) => d.value)).toEqual(['dana@northwind.io']);
    const detector = createDetector(new URL('https://www.northwind.io/'));
    detector.full(doc);
    const added = doc.createElement('div');
    added.setAttribute('hidden', '');
    added.append(Object.assign(doc.createElement('span'), { textContent: 'later@northwind.io' }));
    doc.body.append(added);
    expect(detector.changed([added.firstChild as Node])).toEqual([]);
  });

  it('lists a company once whatever legal form each mention carries, keeping the most confident name', () => {
    const doc = page(`<head><meta property="og:site_name" content="Kräuterhof Sonnleitner">
      <script type="application/ld+json">{"@type":"LocalBusiness","name":"Kräuterhof Sonnleitner GmbH"}</script></head><body></body>`);
    const companies = detect(doc, new URL('https://www.sonnleitner-kraeuter.de/kontakt')).filter((d) => d.kind === 'company');
    expect(companies.map((d) => d.value)).toEqual(['Kräuterhof Sonnleitner GmbH']);
  });

  it('reads an article: the organisation it is about (and its site), the publisher as the site, not the author', () => {
    const doc = page(`<head><script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"Rosa Writer"},
      "publisher":{"@type":"Organization","name":"Fintech Courier"},"about":{"@type":"Organization","name":"Lonvia","url":"https://www.lonvia.io"}}</script></head><body></body>`);
    const found = detect(doc, new URL('https://www.fintechcourier.co.uk/news/lonvia')).map((d) => `${d.kind}:${d.value}`);
    expect(found).toEqual(expect.arrayContaining(['company:Lonvia', 'domain:lonvia.io', 'company:Fintech Courier']));
    expect(found).not.toContain('person:Rosa Writer');
  });

  it("reads a company site's team list: name-classed elements in team cards and microdata persons, nothing else named", () => {
    const doc = page(`<body><ul class="team-grid"><li class="team-card"><div class="team-card__body"><h3 class="team-card__name">Zeynep Aydın</h3><p>Export</p></div></li>
      <li class="team-card"><div><h3 class="team-card__name">Florian Weißenböck</h3></div></li></ul>
      <div itemscope itemtype="https://schema.org/Person"><span itemprop="name">Agnieszka Kowalska</span></div>
      <section class="products"><h3 class="product-name">Salbei Tee</h3></section>
      <div class="team-member"><span class="member-name">Our whole team</span><span class="company-name">Kräuterhof Sonnleitner</span></div></body>`);
    const people = detect(doc, new URL('https://www.sonnleitner-kraeuter.de/team')).filter((d) => d.kind === 'person').map((d) => d.value);
    expect(people.sort()).toEqual(['Agnieszka Kowalska', 'Florian Weißenböck', 'Zeynep Aydın']);
  });

  it("reads person cards on team and speakers pages: a portrait's alt naming the heading, or a speaker card with its company; not a section's heading", () => {
    const doc = page(`<body><section class="team"><h2>Ihre Ansprechpartner</h2>
      <div class="box"><figure><img alt="Jürgen Weiß"></figure><div><h3 class="box-title">Jürgen Weiß</h3><p>Leiter Vertrieb</p></div></div>
      <div class="box"><figure><img alt="Office dog"></figure><div><h3 class="box-title">Bruno Hund</h3></div></div></section>
      <article class="speaker-card"><h3 class="speaker-card__name">Prof. Dr. Henrike Albers</h3><p class="speaker-card__company">Universität St. Gallen</p></article>
      <section><h3>Product Roadmap</h3><p>Coming soon</p></section></body>`);
    const found = detect(doc, new URL('https://www.holzapfel-software.de/unternehmen/team/')).filter((d) => d.kind !== 'domain');
    expect(found.map((d) => [d.kind, d.value, d.person?.companyName])).toEqual(
      expect.arrayContaining([['person', 'Jürgen Weiß', undefined], ['person', 'Henrike Albers', 'Universität St. Gallen'], ['company', 'Universität St. Gallen', undefined]]),
    );
    expect(found.map((d) => d.value)).not.toEqual(expect.arrayContaining(['Ihre Ansprechpartner']));
    expect(found.map((d) => d.value)).not.toContain('Bruno Hund');
    expect(found.map((d) => d.value)).not.toContain('Product Roadmap');
  });

  it('reads the people a news story quotes or is about, once each, not a surname repeated alone', () => {
    const doc = page(`<head><meta property="og:type" content="article"></head><body><article>
      <p>“We will roll it out,” said <strong>Ingvild Hægeland</strong>, chief executive of Fresvik Cold Chain.</p>
      <p>Koelbox was founded in 2019 by Thijs van Rijswijk and Noor El Amrani, two former engineers.</p>
      <p>“The brand stays,” said Van Rijswijk. Analysts at Big Bank Research were not surprised.</p></article>
      <aside><p>Most read: said Someone Famous</p></aside></body>`);
    const people = detect(doc, new URL('https://www.nordiclogisticsreview.com/news/fresvik')).filter((d) => d.kind === 'person').map((d) => d.value);
    expect(people.sort()).toEqual(['Ingvild Hægeland', 'Noor El Amrani', 'Thijs van Rijswijk']);
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
