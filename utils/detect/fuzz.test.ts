// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { findEmails } from './email.ts';
import { detect } from './index.ts';

/**
 * 5,000 generated adversarial documents (issue 4): deep nesting, 1 MB text nodes,
 * "a".repeat(50000) + "@", lone surrogates, giant attribute values, walls of '@', ' at ', ' dot '.
 * detect() must never throw and must stay linear. The 50 ms per document figure is asserted where
 * timing is meaningful — `npm run bench:detect`; on this shared 2-core machine the unit test
 * asserts a generous per-document ceiling and, above all, linear scaling from 100 KB to 1 MB.
 */

const DOCUMENTS = 5000;
/**
 * Far above the 50 ms target (happy-dom is many times slower than Chromium on deep trees, and this
 * machine is shared: a GC pause alone can take 800 ms), far below what catastrophic backtracking
 * over a 1 MB node would take (minutes). The per-document figure is printed; the linear-scaling
 * test below is the real guard.
 */
const CEILING_MS = 3000;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['@', ' at ', ' dot ', '[at]', '(dot)', '.', '-', 'a', 'dana', 'northwind', '.io', '.com', '\uD800', '\uDFFF', '😀', ' ', '\n', '@@', 'x@y', 'logo@2x.png', 'user@localhost', 'a.', 'ø', '\u200b', '<', '&'];
const URLS = ['https://www.acme-corp.com/', 'https://www.linkedin.com/in/x/', 'https://acme.lightning.force.com/lightning/r/Lead/00Q5e00000AbCdEAAZ/view', 'https://app.hubspot.com/contacts/1/record/0-1/2', 'https://mail.google.com/mail/u/0/#inbox/x', 'https://acme.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=contact&id=1'];

function noise(random: () => number, length: number): string {
  const parts: string[] = [];
  let size = 0;
  while (size < length) {
    const piece = PIECES[Math.floor(random() * PIECES.length)] ?? '@';
    const repeat = random() < 0.05 ? Math.floor(random() * 2000) : 1;
    const chunk = piece.repeat(repeat);
    parts.push(chunk);
    size += chunk.length;
  }
  return parts.join('').slice(0, length);
}

/** Fills the one test document (happy-dom keeps every document it creates alive: 5,000 run out of memory). */
function adversarialDocument(i: number, random: () => number): Document {
  const doc = document;
  const body = doc.body;
  body.replaceChildren();
  const shape = i % 10;
  if (shape === 0) {
    // Deep nesting, with text at every level.
    let parent: Element = body;
    const depth = 200 + Math.floor(random() * 2000);
    for (let d = 0; d < depth; d++) {
      const child = doc.createElement(random() < 0.5 ? 'div' : 'span');
      if (d % 50 === 0) child.append(noise(random, 40));
      parent.append(child);
      parent = child;
    }
  } else if (shape === 1 && i % 100 === 1) {
    // 1 MB text nodes (every hundredth document: they dominate the run time).
    body.append(i % 200 === 1 ? `${'a'.repeat(1_000_000)}@` : noise(random, 1_000_000));
  } else if (shape === 2) {
    body.append(`${'a'.repeat(50_000)}@`, doc.createElement('br'), `@${'b'.repeat(50_000)}.com`);
  } else if (shape === 3) {
    // Giant attribute values, including on links and labelled fields.
    const a = doc.createElement('a');
    a.setAttribute('href', `mailto:${noise(random, 100_000)}`);
    a.setAttribute('title', noise(random, 200_000));
    a.append(noise(random, 100));
    const label = doc.createElement('label');
    label.textContent = 'Email';
    const value = doc.createElement('input');
    value.setAttribute('value', noise(random, 50_000));
    body.append(a, label, value);
  } else if (shape === 4) {
    // Lone surrogates and odd code points around '@'.
    body.append(`\uD800dana@northwind.io\uDFFF ${'\uD83D@'.repeat(1000)} ${noise(random, 5000)}`);
  } else if (shape === 5) {
    // Walls of ' at ' and ' dot ' (the obfuscation matcher's worst case).
    body.append(`${'x at '.repeat(5000)}${'y dot '.repeat(5000)} ${'[at] [dot] '.repeat(2000)}`);
  } else if (shape === 6) {
    const script = doc.createElement('script');
    script.setAttribute('type', 'application/ld+json');
    script.textContent = random() < 0.5 ? noise(random, 20_000) : JSON.stringify({ '@type': 'Organization', name: noise(random, 5000), url: noise(random, 5000), '@graph': Array.from({ length: 100 }, () => ({ '@type': 'Person', name: noise(random, 50) })) });
    body.append(script);
  } else {
    // Many small nodes of noise.
    for (let n = 0; n < 50; n++) {
      const el = doc.createElement(['p', 'td', 'span', 'li'][n % 4] ?? 'p');
      el.append(noise(random, Math.floor(random() * 500)));
      body.append(el);
    }
  }
  return doc;
}

describe('fuzzing detect()', () => {
  it(`survives ${DOCUMENTS} adversarial documents, each within ${CEILING_MS} ms`, () => {
    const random = rng(4);
    let slowest = 0;
    let slowestIndex = -1;
    const times: number[] = [];
    for (let i = 0; i < DOCUMENTS; i++) {
      const doc = adversarialDocument(i, random);
      const url = new URL(URLS[i % URLS.length] ?? 'https://www.acme-corp.com/');
      const start = performance.now();
      expect(() => detect(doc, url)).not.toThrow();
      const ms = performance.now() - start;
      times.push(ms);
      if (ms > slowest) {
        slowest = ms;
        slowestIndex = i;
      }
    }
    times.sort((a, b) => a - b);
    console.log(`fuzz: ${DOCUMENTS} documents, median ${times[DOCUMENTS >> 1]?.toFixed(2)} ms, p99 ${times[Math.floor(DOCUMENTS * 0.99)]?.toFixed(2)} ms, max ${slowest.toFixed(1)} ms (document ${slowestIndex})`);
    expect(slowest).toBeLessThan(CEILING_MS);
  }, 240_000);

  it('scales linearly: 1 MB of adversarial text costs about ten times 100 KB', () => {
    const shapes = [(n: number) => `${'a'.repeat(n - 1)}@`, (n: number) => '@'.repeat(n), (n: number) => 'a@'.repeat(n / 2), (n: number) => 'x at y dot '.repeat(n / 11), (n: number) => `${'a.'.repeat(n / 4)}@${'b.'.repeat(n / 4)}`, (n: number) => '[at]'.repeat(n / 4)];
    const time = (text: string) => {
      let best = Infinity;
      for (let r = 0; r < 3; r++) {
        const start = performance.now();
        findEmails(text);
        best = Math.min(best, performance.now() - start);
      }
      return best;
    };
    for (const shape of shapes) {
      const small = time(shape(100_000));
      const large = time(shape(1_000_000));
      // Linear is ×10; quadratic would be ×100. Allow noise and a floor for tiny timings.
      expect(large, `${shape(20).slice(0, 20)}…: 100 KB ${small.toFixed(2)} ms, 1 MB ${large.toFixed(2)} ms`).toBeLessThan(Math.max(small, 1) * 30);
    }
  });
});
