import { describe, expect, it } from 'vitest';
import { findEmails, normaliseEmail } from './email.ts';

const values = (text: string) => findEmails(text).map((e) => e.value);

describe('findEmails: addresses', () => {
  it.each([
    ['plain', 'dana@northwind.io', ['dana@northwind.io']],
    ['lower-cased', 'Dana.Lin@NorthWind.IO', ['dana.lin@northwind.io']],
    ['plus and dots', 'first.last+crm@sub.mail.acme.co.uk', ['first.last+crm@sub.mail.acme.co.uk']],
    ['apostrophe and hyphen', "o'brien@fabrikam-foods.com", ["o'brien@fabrikam-foods.com"]],
    ['sentence full stop', 'Write to sales@acme.com.', ['sales@acme.com']],
    ['angle brackets', 'Dana Lin <dana@northwind.io>', ['dana@northwind.io']],
    ['quotes', '"dana@northwind.io", \'lee@acme.com\'', ['dana@northwind.io', 'lee@acme.com']],
    ['parentheses', '(dana@northwind.io)', ['dana@northwind.io']],
    ['two in a row', 'a.b@x-corp.com,c.d@y-corp.com', ['a.b@x-corp.com', 'c.d@y-corp.com']],
    ['full-width punctuation', '連絡：anna@example-gmbh.de（営業）', ['anna@example-gmbh.de']],
    ['emoji', '👋hi@wave-studio.io👋', ['hi@wave-studio.io']],
    ['long new gTLD', 'team@lumen.photography', ['team@lumen.photography']],
    ['country second level', 'kofi@sankofapay.com.gh', ['kofi@sankofapay.com.gh']],
  ])('%s', (_name, text, expected) => {
    expect(values(text)).toEqual(expected);
  });
});

describe('findEmails: the false-positive list', () => {
  it.each([
    ['retina images', 'logo@2x.png icon@3x.webp hero@1.5x.jpg sprite@2x.svg a@2x.avif'],
    ['other file names', 'styles@v2.css bundle@4f3a.js guide@2025.pdf deck@final.zip font@2x.woff2'],
    ['localhost and private names', 'user@localhost dev@localhost root@db.internal x@printer.local y@nas.lan z@box.test w@a.example'],
    ['IP literals', 'root@127.0.0.1 deploy@10.0.0.12 admin@[192.168.0.1]'],
    ['package versions', 'react@18.3.1 pkg@1.2.3 @types/node@20.11.30 tinyqueue@latest yarn@^3 node@v20'],
    ['image digests', 'ghcr.io/acme/app@sha256:4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c'],
    ['tracking and message ids', '0c9f3a7e5b1d4c2a9e8f@ingest.sentry.io 7c9e6679-7425-40de-944b-e07fc1f90ae7@orders.shopwave.io a1b2c3d4e5f6a7b8@t.shopwave.io'],
    ['handles and prose', '@dana @jane-doe price @ $5, email me @ work, room @B2, 3 @ 10'],
    ['too short to be one', 'a@b x@y a@b.c'],
    ['malformed', 'foo@@bar.com @@@ a..b@acme-corp.com .dot@acme-corp.com dana@-acme.com dana@acme-.com dana@acme..com'],
    ['no TLD', 'dana@northwind dana@northwind.'],
    ['numeric TLD', 'dana@northwind.123'],
  ])('%s', (_name, text) => {
    expect(values(text)).toEqual([]);
  });
});

describe('findEmails: obfuscations', () => {
  it.each([
    ['[at] [dot]', 'dana [at] northwind [dot] io', 'dana@northwind.io'],
    ['(at) with a real dot', 'sam(at)brightloom.com', 'sam@brightloom.com'],
    ['{at}', 'jobs{at}acmerobotics.com', 'jobs@acmerobotics.com'],
    ['( at ) ( dot )', 'press (at) acmerobotics (dot) com', 'press@acmerobotics.com'],
    ['spelled-out at and dot', 'reach lee at acmerobotics dot com today', 'lee@acmerobotics.com'],
    ['[at] [dot] without spaces', 'support[at]acmerobotics[dot]com', 'support@acmerobotics.com'],
    ['country second level', 'info [at] contoso [dot] co [dot] uk', 'info@contoso.co.uk'],
  ])('%s, at a lower confidence', (_name, text, expected) => {
    expect(findEmails(text)).toEqual([{ value: expected, confidence: 0.7 }]);
  });

  it.each([
    'See you at home.It was fun',
    'Meet us at SXSW. Doors open at 9.',
    'dot the i and cross the t',
    'I am at work at 9, dot com bubble stories',
    'Look at the map dot by dot',
  ])('prose is not an address: %s', (text) => {
    expect(findEmails(text)).toEqual([]);
  });
});

describe('normaliseEmail', () => {
  it('validates and lower-cases one candidate', () => {
    expect(normaliseEmail('Dana@Northwind.IO')).toBe('dana@northwind.io');
    expect(normaliseEmail('dana@northwind.io.')).toBe('dana@northwind.io');
    expect(normaliseEmail(' dana@northwind.io')).toBeNull();
    expect(normaliseEmail('.dana@northwind.io')).toBeNull();
    expect(normaliseEmail('dana.@northwind.io')).toBeNull();
    expect(normaliseEmail(`${'a'.repeat(65)}@northwind.io`)).toBeNull();
    expect(normaliseEmail('dana@localhost')).toBeNull();
    expect(normaliseEmail('')).toBeNull();
  });
});
