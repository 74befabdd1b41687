import { describe, expect, it } from 'vitest';
import { hostOf, isCompanyDomain, registrableDomain } from './domains.ts';

describe('hostOf', () => {
  it.each([
    ['https://www.Northwind.io/about?x=1', 'www.northwind.io'],
    ['northwind.io/path', 'northwind.io'],
    ['northwind.io:8443', 'northwind.io'],
    ['northwind.io.', 'northwind.io'],
    ['http://xn--bcher-kva.de/', 'xn--bcher-kva.de'],
  ])('%s → %s', (input, host) => {
    expect(hostOf(input)).toBe(host);
  });

  it.each(['localhost', '10.0.0.1', 'http://192.168.0.1/', 'not a host', 'https://', 'northwind', 'a.b.123', 'mailto:x@y.z'])('%s is not a DNS name', (input) => {
    expect(hostOf(input)).toBeNull();
  });
});

describe('registrableDomain', () => {
  it.each([
    ['www.shop.acme.co.uk', 'acme.co.uk'],
    ['https://app.northwind.io/x', 'northwind.io'],
    ['northwind.io', 'northwind.io'],
    ['sankofapay.com.gh', 'sankofapay.com.gh'],
    ['www.tanaka-kobo.co.jp', 'tanaka-kobo.co.jp'],
    ['blog.fabrikamfoods.com', 'fabrikamfoods.com'],
    ['www.berliner-maschinenbau.de', 'berliner-maschinenbau.de'],
    ['lumendesign.studio', 'lumendesign.studio'],
  ])('%s → %s', (input, domain) => {
    expect(registrableDomain(input)).toBe(domain);
  });

  it('agrees with the background on a bare country second level it cannot split further', () => {
    // co.uk alone is a public suffix: no registrable domain (tldts says null too).
    expect(registrableDomain('co.uk')).toBe('co.uk');
  });
});

describe('isCompanyDomain', () => {
  it.each(['gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.co.uk', 'yahoo.com', 'icloud.com', 'proton.me', 'gmx.de', 'web.de', 'qq.com'])('free mail %s is never a company', (d) => {
    expect(isCompanyDomain(d)).toBe(false);
  });
  it.each(['linkedin.com', 'facebook.com', 'github.com', 'google.com', 'salesforce.com', 'hubspot.com', 'example.com'])('platform %s is never a company', (d) => {
    expect(isCompanyDomain(d)).toBe(false);
  });
  it.each(['northwind.io', 'acme.co.uk', 'fabrikamfoods.com'])('%s can be a company', (d) => {
    expect(isCompanyDomain(d)).toBe(true);
  });
});
