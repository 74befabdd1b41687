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

describe('createDetector', () => {
  it('changed() parses only added text: a re-reported old subtree is walked once and reports nothing', () => {
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

    // The observer reports the row and, as when a list is moved, the table body it sits in: the
    // row is inside the body, so it is walked once, as part of it; the old rows are read (one
    // value check each) but were parsed already, so nothing old comes back.
    expect(detector.changed([row, ...(tbody ? [tbody] : [])]).map((d) => d.value)).toEqual(['new@northwind.io']);
    expect(Math.max(...before.values())).toBeLessThanOrEqual(1);
    expect([...added.values()].every((n) => n === 1)).toBe(true);

    // Reported again: nothing new, each text read once more at most.
    const again = countReads(row);
    expect(detector.changed([row])).toEqual([]);
    expect(Math.max(...again.values())).toBeLessThanOrEqual(1);
  });

  it('finds what was added to a subtree while it was detached (no mutation records there)', () => {
    const doc = page('<body><ul id="list"><li>one@northwind.io</li></ul></body>');
    const detector = createDetector(new URL('https://crm.acme-corp.com/contacts'));
    detector.full(doc);
    const list = doc.getElementById('list');
    if (!list) throw new Error('fixture');
    list.remove();
    const item = doc.createElement('li');
    item.textContent = 'two@northwind.io';
    list.append(item);
    doc.body.append(list);
    // The observer reports only the re-inserted list.
    expect(detector.changed([list]).map((d) => d.value)).toEqual(['two@northwind.io']);
  });

  it('skips text added inside a script, a hidden region or Sidecar\'s own UI', () => {
    const doc = page('<body><script id="s"></script><div id="h" aria-hidden="true"></div><div id="o" data-sidecar></div><p id="ok"></p></body>');
    const detector = createDetector(new URL('https://crm.acme-corp.com/contacts'));
    detector.full(doc);
    const added = ['s', 'h', 'o', 'ok'].map((id, i) => {
      const text = doc.createTextNode(`x${i}@northwind.io`);
      doc.getElementById(id)?.append(text);
      return text;
    });
    expect(detector.changed(added).map((d) => d.value)).toEqual(['x3@northwind.io']);
  });

  it('on a site not known for shadow DOM, full() leaves shadow roots to shadowRoots() + changed(), once', () => {
    const doc = page('<body><p>out@northwind.io</p><x-card id="host"></x-card></body>');
    const shadow = doc.getElementById('host')?.attachShadow({ mode: 'open' });
    const inner = doc.createElement('p');
    inner.textContent = 'in@northwind.io';
    shadow?.append(inner);
    const roots: ShadowRoot[] = [];
    const detector = createDetector(new URL('https://crm.acme-corp.com/contacts'), { onShadowRoot: (r) => roots.push(r) });
    const first = detector.full(doc).map((d) => d.value);
    expect(first).toContain('out@northwind.io');
    expect(first).not.toContain('in@northwind.io');
    const pending = detector.shadowRoots();
    expect(pending).toEqual([shadow]);
    expect(detector.changed(pending).map((d) => d.value)).toEqual(['in@northwind.io']);
    expect(detector.shadowRoots()).toEqual([]);
  });

  it('on Salesforce, full() walks open shadow roots at once and hands each to onShadowRoot (the content script observes them)', () => {
    const doc = page('<body><div id="host"></div></body>');
    const shadow = doc.getElementById('host')?.attachShadow({ mode: 'open' });
    const inner = doc.createElement('p');
    inner.textContent = 'in@northwind.io';
    shadow?.append(inner);
    const roots: ShadowRoot[] = [];
    const detector = createDetector(new URL('https://acme.lightning.force.com/lightning/o/Lead/list'), { onShadowRoot: (r) => roots.push(r) });
    expect(detector.full(doc).map((d) => d.value)).toContain('in@northwind.io');
    expect(roots).toEqual([shadow]);
    expect(detector.shadowRoots()).toEqual([]);
  });

  it('skips a shadow root handed to changed() whose host is hidden', () => {
    const doc = page('<body><div aria-hidden="true"><div id="host"></div></div></body>');
    const shadow = doc.getElementById('host')?.attachShadow({ mode: 'open' });
    const inner = doc.createElement('p');
    inner.textContent = 'in@northwind.io';
    shadow?.append(inner);
    const detector = createDetector(new URL('https://crm.acme-corp.com/contacts'));
    detector.full(doc);
    expect(shadow ? detector.changed([shadow]) : null).toEqual([]);
  });

  it('reports at most 50 link domains per page, however far a list grows', () => {
    const links = (from: number, count: number) => Array.from({ length: count }, (_, i) => `<li><a href="https://www.vendor${from + i}.com/">vendor ${from + i}</a></li>`).join('');
    const doc = page(`<body><ul id="list">${links(0, 30)}</ul></body>`);
    const detector = createDetector(new URL('https://crm.acme-corp.com/contacts'));
    expect(detector.full(doc).filter((d) => d.kind === 'domain' && d.source === 'link')).toHaveLength(30);
    const list = doc.getElementById('list');
    const added = Array.from({ length: 40 }, (_, i) => {
      const item = doc.createElement('li');
      const link = doc.createElement('a');
      link.setAttribute('href', `https://www.vendor${100 + i}.com/`);
      link.textContent = `vendor ${100 + i}`;
      item.append(link);
      list?.append(item);
      return item;
    });
    expect(detector.changed(added).filter((d) => d.kind === 'domain')).toHaveLength(20);
    // A navigation starts a new page with a new allowance.
    expect(detector.full(doc).filter((d) => d.kind === 'domain' && d.source === 'link')).toHaveLength(50);
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
