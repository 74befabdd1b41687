// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createDetector } from './index.ts';

function page(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

/** Counts how often detection reads each text node of `root`. */
function countReads(root: Node): Map<Node, number> {
  const reads = new Map<Node, number>();
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 4);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node;
    const value = text.nodeValue;
    reads.set(text, 0);
    Object.defineProperty(text, 'nodeValue', {
      configurable: true,
      get: () => {
        reads.set(text, (reads.get(text) ?? 0) + 1);
        return value;
      },
    });
  }
  return reads;
}

const total = (reads: Map<Node, number>) => [...reads.values()].reduce((a, b) => a + b, 0);

describe('createDetector', () => {
  it('changed() reads only the added nodes, never the ones already scanned', () => {
    const doc = page(`<body><table><tbody>${Array.from({ length: 50 }, (_, i) => `<tr><td>Person ${i}</td><td>p${i}@northwind.io</td></tr>`).join('')}</tbody></table></body>`);
    const detector = createDetector(new URL('https://crm.acme-corp.com/contacts'));
    expect(detector.full(doc).filter((d) => d.kind === 'email')).toHaveLength(50);

    const before = countReads(doc.body);
    const tbody = doc.querySelector('tbody');
    const row = doc.createElement('tr');
    for (const text of ['New Person', 'new@northwind.io']) {
      const cell = doc.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    tbody?.append(row);
    const added = countReads(row);

    // The observer reports the row and, as SPAs do, the whole table body it sits in.
    expect(detector.changed([row, ...(tbody ? [tbody] : [])]).map((d) => d.value)).toEqual(['new@northwind.io']);
    expect(total(before)).toBe(0);
    expect(total(added)).toBeGreaterThan(0);

    // Reported again: nothing is read twice.
    const again = countReads(row);
    expect(detector.changed([row])).toEqual([]);
    expect(total(again)).toBe(0);
  });

  it('rescans a text node whose text changed (characterData)', () => {
    const doc = page('<body><p id="p">no address yet</p></body>');
    const detector = createDetector(new URL('https://crm.acme-corp.com/contacts'));
    expect(detector.full(doc).filter((d) => d.kind === 'email')).toEqual([]);
    const text = doc.getElementById('p')?.firstChild;
    if (!text) throw new Error('fixture');
    text.nodeValue = 'now lee@acmerobotics.com';
    expect(detector.changed([text]).map((d) => d.value)).toEqual(['lee@acmerobotics.com']);
  });

  it('ignores nodes removed before the queue drained', () => {
    const doc = page('<body><div id="d"></div></body>');
    const detector = createDetector(new URL('https://crm.acme-corp.com/contacts'));
    detector.full(doc);
    const gone = doc.createElement('p');
    gone.textContent = 'gone@northwind.io';
    expect(detector.changed([gone])).toEqual([]);
  });

  it('full() forgets what it saw: a navigation rescans everything', () => {
    const doc = page('<body><p>one@northwind.io</p></body>');
    const detector = createDetector(new URL('https://crm.acme-corp.com/a'));
    expect(detector.full(doc)).toHaveLength(2);
    expect(detector.full(doc, new URL('https://crm.acme-corp.com/b')).map((d) => d.value)).toContain('one@northwind.io');
  });

  it('asks the site adapter again until a single-page app has rendered the record', () => {
    const doc = page('<body><div id="app">Loading…</div></body>');
    const detector = createDetector(new URL('https://acme.pipedrive.com/person/1042'));
    expect(detector.full(doc).filter((d) => d.kind === 'person')).toEqual([]);
    const app = doc.getElementById('app');
    const header = doc.createElement('h1');
    header.textContent = 'Aisha Bello';
    app?.replaceChildren(header);
    expect(detector.changed([header]).map((d) => `${d.kind}:${d.value}`)).toContain('person:Aisha Bello');
    // Once found, the adapter is not asked again on every drain.
    const more = doc.createElement('p');
    more.textContent = 'note';
    app?.append(more);
    expect(detector.changed([more])).toEqual([]);
  });
});
