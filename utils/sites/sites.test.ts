// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { SITES } from './index.ts';
import { DEMO_PAGE_MATCHES, SUPPORTED_SITE_MATCHES } from './shared/matches.ts';
import { MatchPattern } from '@webext-core/match-patterns';
import { detect } from '../scan/index.ts';

/** A small page per adapter, as the site renders it, with what must be found on it. */
const PAGES: Record<string, { url: string; html: string; expect: string[] }> = {
  linkedin: {
    url: 'https://www.linkedin.com/in/dana-lin-northwind/',
    html: `<main><section><h1>Dana Lin</h1><div>Chief Revenue Officer</div>
      <button aria-label="Current company: Northwind Traders. Click to skip to experience card">Northwind Traders</button></section></main>`,
    expect: ['person:Dana Lin', 'company:Northwind Traders'],
  },
  salesforce: {
    url: 'https://acme.lightning.force.com/lightning/r/Account/0015e00000XyZaBAAV/view',
    html: `<records-record-layout-item><div class="slds-form-element"><span class="slds-form-element__label">Account Name</span>
      <div class="slds-form-element__control"><span>Northwind Traders</span></div></div></records-record-layout-item>
      <div><span>Website</span><div><a href="https://www.northwind.io">https://www.northwind.io</a></div></div>`,
    expect: ['company:Northwind Traders', 'domain:northwind.io'],
  },
  hubspot: {
    url: 'https://app.hubspot.com/contacts/2401234/record/0-1/51',
    html: `<h1>Lena Ortiz</h1><dl><dt>First name</dt><dd>Lena</dd><dt>Last name</dt><dd>Ortiz</dd>
      <dt>Email</dt><dd>lena@brightloom.com</dd><dt>Company name</dt><dd>Brightloom</dd></dl>`,
    expect: ['person:Lena Ortiz', 'company:Brightloom', 'email:lena@brightloom.com'],
  },
  pipedrive: {
    url: 'https://acme.pipedrive.com/organization/77',
    html: `<h1>Acme Robotics</h1><div><label>Website</label><div>acmerobotics.com</div></div>`,
    expect: ['company:Acme Robotics', 'domain:acmerobotics.com'],
  },
  dynamics: {
    url: 'https://acme.crm.dynamics.com/main.aspx?appid=1&pagetype=entityrecord&etn=contact&id=6f1c2a4e-0000-0000-0000-000000000001',
    html: `<div><label>Full Name</label><div><input value="Omar Haddad"></div></div>
      <div><label>Company Name</label><div>Acme Robotics</div></div><div><label>Email</label><div>omar@acmerobotics.com</div></div>`,
    expect: ['person:Omar Haddad', 'company:Acme Robotics', 'email:omar@acmerobotics.com'],
  },
  gmail: {
    url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXKnLwqbTmWcJrKxLsZzNqbVtT',
    html: `<div role="main"><h2>Q1 pilot</h2><span email="dana@northwind.io" name="Dana Lin">Dana Lin</span> to
      <span email="sam@brightloom.com" name="Sam">me</span></div>`,
    expect: ['email:dana@northwind.io', 'email:sam@brightloom.com'],
  },
  demo: {
    url: 'http://localhost:8787/demo/crm/contacts/50001',
    html: `<h1>Dana Lin</h1><dl><dt>Account Name</dt><dd><a href="/demo/companies/1001">Northwind Traders</a></dd>
      <dt>Website</dt><dd><a href="https://www.northwind.io">https://www.northwind.io</a></dd>
      <dt>Email</dt><dd><a href="mailto:dana@northwind.io">dana@northwind.io</a></dd></dl>`,
    expect: ['person:Dana Lin', 'company:Northwind Traders', 'domain:northwind.io', 'email:dana@northwind.io'],
  },
};

describe('site adapters', () => {
  const allowed = [...SUPPORTED_SITE_MATCHES, ...DEMO_PAGE_MATCHES].map((m) => new MatchPattern(m));

  for (const site of SITES) {
    describe(site.id, () => {
      it('has test URLs, matches every one of them, and none of the other adapters\' URLs', () => {
        expect(site.testUrls.length).toBeGreaterThan(0);
        for (const url of site.testUrls) expect(site.includes(new URL(url)), url).toBe(true);
        for (const other of SITES.filter((s) => s !== site)) {
          for (const url of other.testUrls) expect(site.includes(new URL(url)), `${site.id} must not match ${url}`).toBe(false);
        }
      });

      it('runs only where the content script is allowed to run', () => {
        for (const url of site.testUrls) expect(allowed.some((p) => p.includes(new URL(url))), url).toBe(true);
      });

      it('finds what its fixture page shows', () => {
        const page = PAGES[site.id];
        expect(page, `a fixture page for ${site.id}`).toBeDefined();
        if (!page) return;
        document.body.replaceChildren(...Array.from(new DOMParser().parseFromString(page.html, 'text/html').body.childNodes));
        const found = detect(document, new URL(page.url)).map((d) => `${d.kind}:${d.kind === 'company' || d.kind === 'person' ? d.value : d.value.toLowerCase()}`);
        for (const wanted of page.expect) expect(found, wanted).toContain(wanted);
      });
    });
  }
});

describe('badge anchors on record pages', () => {
  const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
  const anchorFor = (html: string, url: string, kind: 'company' | 'person' | 'email', name: string) => {
    const doc = parse(html);
    const site = SITES.find((s) => s.includes(new URL(url)));
    const detection = detect(doc, new URL(url)).find((d) => d.kind === kind && (d.person?.fullName ?? d.value) === name);
    if (!site || !detection) throw new Error(`no ${kind} ${name} at ${url}`);
    return site.badgeAnchor?.(doc, detection) ?? null;
  };

  it('HubSpot: a company badge goes beside the "Company name" input, not in the subtitle that mentions it', () => {
    const anchor = anchorFor(
      `<h2>Lena Ortiz</h2><div>Marketing Director at Brightloom</div>
       <div><label>Company name</label><div><input id="company" value="Brightloom"></div></div>`,
      'https://app.hubspot.com/contacts/2401234/record/0-1/51',
      'company',
      'Brightloom',
    );
    expect(anchor?.id).toBe('company');
  });

  it('Salesforce: a person badge goes beside the Name field even when it shows a salutation', () => {
    const html = `<div><span>Name</span><div><span id="name">Ms. Fernanda Albuquerque Ribeiro</span></div></div>`;
    const url = 'https://acme.lightning.force.com/lightning/r/Lead/00Q8d00000Kx3QmEAJ/view';
    expect(anchorFor(html, url, 'person', 'Fernanda Albuquerque Ribeiro')?.textContent).toBe('Ms. Fernanda Albuquerque Ribeiro');
  });

  it('Dynamics: a person badge goes beside the "Full Name" field, a company badge beside "Company Name"', () => {
    const html = `<div><label>Full Name</label><div><input id="name" value="Omar Haddad"></div></div>
      <div><label>Company Name</label><div id="company">Acme Robotics</div></div>`;
    const url = 'https://acme.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=contact&id=1';
    expect(anchorFor(html, url, 'person', 'Omar Haddad')?.id).toBe('name');
    expect(anchorFor(html, url, 'company', 'Acme Robotics')?.id).toBe('company');
  });

  it('Salesforce, HubSpot, Pipedrive, Dynamics: a record whose address is only an Email input still yields it, badged beside the input', () => {
    const records = [
      'https://acme.lightning.force.com/lightning/r/Contact/0035e00000AbCdEAAZ/view',
      'https://app.hubspot.com/contacts/2401234/record/0-1/51',
      'https://acme.pipedrive.com/person/1042',
      'https://acme.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=contact&id=1',
    ];
    const html = `<h1>Lena Ortiz</h1><div><label>Email</label><div><input id="email" type="email" value="Lena@Brightloom.com"></div></div>`;
    for (const url of records) {
      const found = detect(parse(html), new URL(url)).filter((d) => d.kind === 'email');
      expect(found.map((d) => d.value), url).toEqual(['lena@brightloom.com']);
      expect(anchorFor(html, url, 'email', 'lena@brightloom.com')?.id, url).toBe('email');
    }
  });

  it('an "Email" label beside something that is not an address (a button, a placeholder) yields no email', () => {
    const html = `<h1>Lena Ortiz</h1><div><span>Email</span><div><button>Send email</button></div></div>
      <div><label>Email</label><div><input placeholder="name@company.com" value=""></div></div>`;
    const found = detect(parse(html), new URL('https://app.hubspot.com/contacts/2401234/record/0-1/51'));
    expect(found.filter((d) => d.kind === 'email')).toEqual([]);
  });

  it('Dynamics: a <label for> names its input; the required-field asterisk beside the label is not the value', () => {
    const html = `<div><div><label for="name-input">Account Name</label><span aria-hidden="true">*</span></div>
      <div><input id="name-input" value="Fonderie Vasseur &amp; Fils SAS"></div></div>`;
    const found = detect(parse(html), new URL('https://acme.crm4.dynamics.com/main.aspx?pagetype=entityrecord&etn=account&id=1'));
    expect(found.filter((d) => d.kind === 'company').map((d) => d.value)).toEqual(['Fonderie Vasseur & Fils SAS']);
  });

  it("HubSpot: a read-only value inside the field's edit control is still the value", () => {
    const html = `<h1>Korvald Bioteknikk AS</h1><div><label><span>Company domain name</span></label><div><div role="button" aria-label="Edit Company domain name">
      <a href="http://korvald.no">korvald.no</a></div></div></div>`;
    const found = detect(parse(html), new URL('https://app.hubspot.com/contacts/1/record/0-2/2'));
    expect(found.filter((d) => d.kind === 'domain').map((d) => d.value)).toEqual(['korvald.no']);
    // A real button beside a label is never the value: no company called "Add".
    const empty = detect(parse('<div><span>Company name</span><div><button>Add</button></div></div>'), new URL('https://app.hubspot.com/contacts/1/record/0-2/3'));
    expect(empty.filter((d) => d.kind === 'company')).toEqual([]);
  });

  it('Salesforce list view: columns found by their header name despite the hidden "Sort by:" text; Website cells give domains', () => {
    const html = `<table><thead><tr><th><span class="slds-assistive-text">Select All</span></th>
      <th aria-label="Account Name"><a role="button"><span class="slds-assistive-text">Sort by: </span><span>Account Name</span></a></th>
      <th><a role="button"><span class="slds-assistive-text">Sort by: </span><span>Website</span></a></th></tr></thead>
      <tbody><tr><td><input type="checkbox"></td><th scope="row"><a href="/lightning/r/0017Q00000MksYTQAE/view">Calloway &amp; Finch Ltd</a></th>
      <td><a href="http://www.callowayfinch.co.uk">www.callowayfinch.co.uk</a></td></tr></tbody></table>`;
    const found = detect(parse(html), new URL('https://acme.lightning.force.com/lightning/o/Account/list?filterName=All')).map((d) => `${d.kind}:${d.value}`);
    expect(found).toEqual(expect.arrayContaining(['company:Calloway & Finch Ltd', 'domain:callowayfinch.co.uk']));
  });

  it("Gmail in split-pane mode: the open thread's people, not the inbox list's senders nor the signed-in account; links in collapsed quotes skipped", () => {
    const doc = parse(`<html><head><title>Design review - clara@gmail.com - Gmail</title></head><body><div role="main"><table role="grid"><tr class="zA"><td>
      <span email="noreply@bahn.de">Deutsche Bahn</span></td></tr></table>
      <div role="main"><h2 class="hP" data-thread-perm-id="thread-f:1">Design review</h2>
      <span email="tiago@cortexa-robotics.pt">Tiago</span>, <span email="clara@gmail.com">me</span>
      <div class="a3s">Best, Tiago <a href="https://www.cortexa-robotics.pt">www.cortexa-robotics.pt</a>
      <div style="display:none"><a href="https://www.meyerhoff-design.de">www.meyerhoff-design.de</a></div></div></div></div></body></html>`);
    const found = detect(doc, new URL('https://mail.google.com/mail/u/0/#inbox/FMfcgzQbfBxLkPqRtVwsJdKmNhGzXcTp')).map((d) => `${d.kind}:${d.value}`);
    expect(found.sort()).toEqual(['domain:cortexa-robotics.pt', 'email:tiago@cortexa-robotics.pt']);
  });

  it("LinkedIn search results: each result's current company, from headlines in several languages, without the headline's trailing credentials", () => {
    const result = (slug: string, name: string, headline: string) =>
      `<li><a href="/in/${slug}/"><span aria-hidden="true">${name}</span></a><div class="entity-result__primary-subtitle">${headline}</div></li>`;
    const html = `<main><ul>${result('ana', 'Ana Figueiredo', 'Procurement Manager at Solmar Conservas')}${result('kemi', 'Kemi Bello', 'Procurement Manager at Kanem Agritech | MCIPS')}
      ${result('jonas', 'Jonas Huber', 'Einkaufsleiter bei Alpenkraft Bau GmbH')}${result('li', 'Li Wei', 'Founder')}</ul></main>`;
    const found = detect(parse(html), new URL('https://www.linkedin.com/search/results/people/?keywords=procurement'));
    expect(found.filter((d) => d.kind === 'company').map((d) => d.value).sort()).toEqual(['Alpenkraft Bau GmbH', 'Kanem Agritech', 'Solmar Conservas']);
    expect(found.find((d) => d.value === 'Kemi Bello')?.person?.companyName).toBe('Kanem Agritech');
  });

  it("Salesforce: a field's value rendered inside a shadow root (lightning-formatted-name, -url) is read; a label's text never runs into the value beside it", () => {
    const doc = parse(`<div><span>Name</span><div><span><lightning-formatted-name id="name"></lightning-formatted-name></span><button><span class="slds-assistive-text">Edit Name</span></button></div></div>
      <div><span>Website</span><div><lightning-formatted-url id="url"></lightning-formatted-url></div></div>
      <div><span>Company</span><div><span>Transportes Serra Azul Ltda.</span></div></div>
      <ul><li><span>Email</span><ul><li><span>To Address</span><span>fernanda.ribeiro@serraazul.com.br</span></li></ul></li></ul>`);
    doc.getElementById('name')?.attachShadow({ mode: 'open' }).append('Ms. Fernanda Albuquerque Ribeiro');
    const link = Object.assign(doc.createElement('a'), { href: 'http://www.serraazul.com.br', textContent: 'www.serraazul.com.br' });
    doc.getElementById('url')?.attachShadow({ mode: 'open' }).append(link);
    const found = detect(doc, new URL('https://acme.lightning.force.com/lightning/r/Lead/00Q8d00000Kx3QmEAJ/view')).map((d) => `${d.kind}:${d.value}`);
    expect(found).toEqual(expect.arrayContaining(['person:Fernanda Albuquerque Ribeiro', 'domain:serraazul.com.br', 'email:fernanda.ribeiro@serraazul.com.br']));
    expect(found.filter((f) => f.includes('address'))).toEqual([]);
  });

  it('Salesforce list view: people linked by record id alone (003 contact, 00Q lead), with their Account Name cell; accounts (001) are not people', () => {
    const html = `<table><thead><tr><th aria-label="Name">Name</th><th aria-label="Account Name">Account Name</th></tr></thead><tbody>
      <tr><th><a href="/lightning/r/0035j00001Ab00QzAAK/view">Ahmed Al-Sayegh</a></th><td><a href="/lightning/r/0015j00000Tq00LmAAG/view">Gulfstream Marine Services LLC</a></td></tr>
      <tr><th><a href="/lightning/r/00Q5j00001Ab00QzAAK/view">Kenji Watanabe</a></th><td>Kumo Data KK</td></tr></tbody></table>`;
    const people = detect(parse(html), new URL('https://acme.lightning.force.com/lightning/o/Contact/list?filterName=AllContacts')).filter((d) => d.kind === 'person');
    expect(people.map((d) => [d.value, d.person?.companyName])).toEqual([['Ahmed Al-Sayegh', 'Gulfstream Marine Services LLC'], ['Kenji Watanabe', 'Kumo Data KK']]);
  });

  it("Dynamics: a contact form's First Name and Last Name make the person when there is no Full Name field", () => {
    const html = `<div><label for="f">First Name</label></div><div><input id="f" value="Zuzana"></div>
      <div><label for="l">Last Name</label><span aria-hidden="true">*</span></div><div><input id="l" value="Dvořáková"></div>
      <div><label for="c">Company Name</label></div><div><input id="c" value="MoravaTech s.r.o."></div>`;
    const people = detect(parse(html), new URL('https://acme.crm4.dynamics.com/main.aspx?pagetype=entityrecord&etn=contact&id=1')).filter((d) => d.kind === 'person');
    expect(people.map((d) => [d.value, d.person?.companyName])).toEqual([['Zuzana Dvořáková', 'MoravaTech s.r.o.']]);
  });

  it("HubSpot contact: the associated company card gives the contact's company and its domain", () => {
    const html = `<h1>Kwame Asante-Mensah</h1><aside><div class="association-card"><div><a href="https://app-eu1.hubspot.com/contacts/1/record/0-2/12904481">Gold Coast Agro Processing Ltd</a></div>
      <div><a href="http://goldcoastagro.com.gh">goldcoastagro.com.gh</a></div></div></aside>`;
    const found = detect(parse(html), new URL('https://app.hubspot.com/contacts/1/record/0-1/74501'));
    expect(found.map((d) => `${d.kind}:${d.value}`)).toEqual(expect.arrayContaining(['company:Gold Coast Agro Processing Ltd', 'domain:goldcoastagro.com.gh']));
    expect(found.find((d) => d.kind === 'person')?.person?.companyName).toBe('Gold Coast Agro Processing Ltd');
  });

  it('LinkedIn company page: the people it lists, named by link text or photo alt, with the company; not the aside', () => {
    const html = `<main><h1>Nordlys Robotics AB</h1><ul><li><a href="https://www.linkedin.com/in/karin-akesson/"><img alt="Karin Åkesson"></a>
      <a href="https://www.linkedin.com/in/karin-akesson/"><div class="artdeco-entity-lockup__title">Karin Åkesson</div></a></li>
      <li><a href="/in/mehmet-yildiz/"><img alt="Mehmet Yıldız"></a></li></ul>
      <aside><a href="/in/someone-else/">Someone Else</a></aside></main>`;
    const people = detect(parse(html), new URL('https://www.linkedin.com/company/nordlys-robotics/about/')).filter((d) => d.kind === 'person');
    expect(people.map((d) => [d.value, d.person?.companyName])).toEqual([['Karin Åkesson', 'Nordlys Robotics AB'], ['Mehmet Yıldız', 'Nordlys Robotics AB']]);
  });

  it('LinkedIn search results: a company from "Title | Company", "Title — Company", Dutch "bij", or the "Current:" line; not from two titles', () => {
    const result = (slug: string, name: string, headline: string, current = '') =>
      `<li><a href="/in/${slug}/"><span aria-hidden="true">${name}</span></a><div class="entity-result__primary-subtitle">${headline}</div><p class="entity-result__summary">${current}</p></li>`;
    const html = `<main><ul>${result('a', 'Aiko Sato', 'Account Director | Senbazuru Systems KK')}${result('b', 'Bram de Vries', 'Commercieel directeur bij Dijkstra Vastgoed B.V.')}
      ${result('c', 'Carla Souza', 'Gerente de Vendas | Cafeteira', 'Current: Gerente de Vendas B2B at Cafeteira Nacional S.A.')}${result('d', 'Dev Rao', 'CRO &amp; Co-founder — Brightpath.io')}
      ${result('e', 'Eva Lind', 'Sales Manager | Account Executive')}</ul></main>`;
    const found = detect(parse(html), new URL('https://www.linkedin.com/search/results/people/?keywords=revops'));
    expect(found.filter((d) => d.kind === 'company').map((d) => d.value).sort()).toEqual(['Brightpath.io', 'Cafeteira Nacional S.A.', 'Dijkstra Vastgoed B.V.', 'Senbazuru Systems KK']);
  });

  it('no field shows the name: no anchor from the adapter (the content script falls back to headings and links)', () => {
    const doc = parse('<div><label>Company name</label><div><input value="Brightloom"></div></div>');
    const hubspot = SITES.find((s) => s.id === 'hubspot');
    expect(hubspot?.badgeAnchor?.(doc, { kind: 'company', value: 'Northwind', source: 'hubspot', confidence: 0.9 })).toBeNull();
  });
});
