import { loadCorpus } from '../fixtures/corpus.ts';
import { test, expect, serveFixture } from './fixtures.ts';
import type { Page } from '@playwright/test';

/**
 * Fixture pages from the labelled corpus at their real URLs: the content script draws badges beside
 * the detected emails, people and companies, and the page's own layout is the same as with no
 * extension at all (the same HTML served at a URL the content script does not run on).
 */

// Company sites are scanned on demand only: tests/e2e/on-demand.spec.ts.
const PAGES = [
  'salesforce-lead', 'pipedrive-person', 'hubspot-contact', 'hubspot-contact-eu', 'dynamics-contact', 'salesforce-account',
  // Labelled blind: Lightning's fields inside shadow roots, Dynamics' inputs, HubSpot's associated company card.
  'heldout-salesforce-lead-fernanda-albuquerque-ribeiro', 'heldout-dynamics-contact-zuzana-dvorakova', 'heldout-hubspot-contact-kwame-asante-mensah',
];
const corpus = new Map(loadCorpus().map((p) => [p.name, p]));

async function boxes(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.body.querySelectorAll('*')).map((e) => {
      const r = e.getBoundingClientRect();
      return `${e.tagName} ${r.x.toFixed(1)},${r.y.toFixed(1)} ${r.width.toFixed(1)}×${r.height.toFixed(1)}`;
    }),
  );
}

async function badgeKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const host = document.querySelector('sidecar-badges');
    return Array.from(host?.shadowRoot?.querySelectorAll('button') ?? []).map((b) => b.dataset.key ?? '');
  });
}

for (const name of PAGES) {
  test(`${name}: badges beside what was detected, page layout unchanged`, async ({ context, serviceWorker }) => {
    expect(serviceWorker).toBeTruthy();
    const fixture = corpus.get(name);
    if (!fixture) throw new Error(`no fixture ${name}`);
    const url = new URL(fixture.url);
    await serveFixture(context, new RegExp(`^${url.origin.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/`), fixture.html);
    const plainUrl = `https://no-extension.invalid${url.pathname}${url.search}`;
    await serveFixture(context, /^https:\/\/no-extension\.invalid\//, fixture.html);

    const plain = await context.newPage();
    await plain.goto(plainUrl);
    const before = await boxes(plain);
    await plain.close();

    const page = await context.newPage();
    await page.goto(url.href);
    await expect.poll(() => badgeKeys(page), { timeout: 15_000 }).not.toEqual([]);
    const keys = await badgeKeys(page);
    for (const email of fixture.expected.email) expect(keys).toContain(`email:${email}`);
    for (const company of fixture.expected.company) expect(keys).toContain(`company:${company.toLowerCase()}`);
    for (const person of fixture.expected.person) expect(keys.some((k) => k.startsWith(`person:${person.toLowerCase()}|`)), person).toBe(true);

    // Every badge sits beside an element showing what it stands for: to its right, on its line.
    const placements = await page.evaluate(() => {
      const host = document.querySelector('sidecar-badges');
      // What an element renders, its open shadow roots' text included (Lightning's formatted fields).
      const rendered = (node: Node): string => {
        if (node.nodeType === Node.TEXT_NODE) return node.nodeValue ?? '';
        const element = node as Element;
        const children = Array.from((element.shadowRoot ?? node).childNodes);
        return children.map(rendered).join('');
      };
      const shows = (element: Element, wanted: string) => {
        const own = (element instanceof HTMLInputElement ? element.value : rendered(element)).toLowerCase();
        const link = element.getAttribute('href') ?? '';
        // An obfuscated address ("name [at] domain [dot] de") shows its value spelled out.
        const spelled = own.replace(/\s*[[(]\s*at\s*[\])]\s*|\s+at\s+/g, '@').replace(/\s*[[(]\s*dot\s*[\])]\s*|\s+dot\s+/g, '.');
        return own.includes(wanted) || spelled.includes(wanted) || link.toLowerCase().includes(wanted);
      };
      // The page's elements, those inside its open shadow roots (Dynamics' fields) included.
      const everyElement: Element[] = [];
      const collect = (root: ParentNode) => {
        for (const element of Array.from(root.querySelectorAll('*'))) {
          everyElement.push(element);
          if (element.shadowRoot && element !== host) collect(element.shadowRoot);
        }
      };
      collect(document.body);
      return Array.from(host?.shadowRoot?.querySelectorAll('button') ?? []).map((b) => {
        const key = b.dataset.key ?? '';
        const badge = b.getBoundingClientRect();
        const wanted = key.replace(/^[a-z]+:/, '').split('|')[0] ?? '';
        const beside = everyElement.filter((e) => {
          if (e.closest('sidecar-badges') || !shows(e, wanted)) return false;
          const r = e.getBoundingClientRect();
          const middle = badge.y + badge.height / 2;
          return r.width > 0 && middle >= r.top - 2 && middle <= r.bottom + 2 && badge.x >= r.left && badge.x <= r.right + 16;
        });
        return { key, width: badge.width, beside: beside.length };
      });
    });
    expect(placements.length).toBe(keys.length);
    for (const p of placements) {
      expect(p.width, p.key).toBeGreaterThan(0);
      expect(p.beside, `${p.key}: no element showing it beside the badge`).toBeGreaterThan(0);
    }

    // The page's own elements did not move or resize, and its text is what it was.
    const after = (await boxes(page)).filter((b) => !b.startsWith('SIDECAR-BADGES'));
    expect(after).toEqual(before);
    expect(await page.evaluate(() => document.body.textContent?.includes('Sidecar'))).toBe(false);
  });
}
