/**
 * bench:detect — page detection in headless Chromium on a generated CRM list page of 10,000 rows
 * (name, email, company, website; ~100,000 nodes). The page scan (utils/scan/index.ts) is
 * bundled for the page with rolldown (vite's bundler) and run by the page itself:
 *  - first scan: what the content script runs on load, createDetector(url).full(document), median of
 *    several runs; then the shadow-root search it leaves for an idle moment (shadowRoots()), and
 *    detect(document, url), which does both in one call;
 *  - baseline: an email regex over document.body.innerText, in the same page (the usual approach);
 *  - floor: a bare TreeWalker over the text nodes with the same email regex on each, in the same
 *    page and run: the least any DOM scan for emails costs, so first scan ÷ floor is the price of
 *    everything detection does beyond that;
 *  - incremental: 100 rows appended, createDetector().changed() on them (median of batches);
 *  - fuzzing: the 5,000 adversarial documents of tests/fixtures/adversarial.ts, detect() timed on each;
 *  - the content script bundle, gzipped (.output/chrome-mv3/content-scripts/content.js).
 * Figures → BENCHMARKS.md (detect section).
 */
import { chromium, type Browser } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'rolldown';
import { FUZZ_DOCUMENTS } from '../fixtures/adversarial.ts';
import { machine, median, writeBenchmarkSection } from './bench-report.ts';
import { findChromium } from '../../scripts/system-deps.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const BATCHES = 10;
const ROOT = path.resolve(import.meta.dirname, '../..');
const CONTENT_JS = path.join(ROOT, '.output/chrome-mv3/content-scripts/content.js');
const PAGE_URL = 'https://crm.acme-corp.com/contacts?view=all';

async function bundleDetector(): Promise<string> {
  const result = await build({
    input: path.join(ROOT, 'tests/bench/detect-page-entry.ts'),
    output: { format: 'iife', minify: true },
    write: false,
    logLevel: 'silent',
  });
  const chunk = result.output.find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('rolldown produced no chunk');
  return chunk.code;
}

function contentScriptGzip(): { raw: number; gzip: number } {
  if (!existsSync(CONTENT_JS)) execFileSync(path.join(ROOT, 'node_modules/.bin/wxt'), ['build'], { cwd: ROOT, stdio: 'inherit' });
  const code = readFileSync(CONTENT_JS);
  return { raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

/** The list page, built in the page with DOM calls (a 10,000-row HTML string is slow to ship over CDP). */
function buildListPage(rows: number): number {
  const first = ['Dana', 'Sam', 'Lee', 'Priya', 'Omar', 'Ingrid', 'Kofi', 'Mei', 'Jonas', 'Aisha', 'Mateo', 'Lena'];
  const last = ['Lin', 'Okafor', 'Chen', 'Raman', 'Haddad', 'Larsen', 'Mensah', 'Tanaka', 'Weber', 'Bello', 'Garcia', 'Ortiz'];
  const table = document.createElement('table');
  const head = document.createElement('thead');
  const headRow = document.createElement('tr');
  for (const h of ['Name', 'Email', 'Company', 'Website']) {
    const th = document.createElement('th');
    th.textContent = h;
    headRow.append(th);
  }
  head.append(headRow);
  const body = document.createElement('tbody');
  body.id = 'rows';
  table.append(head, body);
  document.body.append(table);
  const addRows = (from: number, count: number) => {
    const fragment = document.createDocumentFragment();
    for (let i = from; i < from + count; i++) {
      const name = `${first[i % first.length]} ${last[Math.floor(i / first.length) % last.length]}`;
      const company = `Company ${i} Inc`;
      const domain = `company${i}.com`;
      const tr = document.createElement('tr');
      const cells = [name, `${name.toLowerCase().replace(' ', '.')}.${i}@${domain}`, company];
      for (const text of cells) {
        const td = document.createElement('td');
        const span = document.createElement('span');
        span.textContent = text;
        td.append(span);
        tr.append(td);
      }
      const td = document.createElement('td');
      const a = document.createElement('a');
      a.href = `https://www.${domain}/`;
      a.textContent = `www.${domain}`;
      td.append(a);
      tr.append(td);
      fragment.append(tr);
    }
    body.append(fragment);
  };
  addRows(0, rows);
  (window as unknown as { addRows: typeof addRows }).addRows = addRows;
  return rows;
}

/** The fuzzing documents, built one at a time in a fresh page, detect() timed on each. */
async function fuzzInPage(browser: Browser, bundle: string) {
  const page = await browser.newPage();
  await page.setContent('<!DOCTYPE html><html><head><title>Fuzz</title></head><body></body></html>');
  await page.addScriptTag({ content: bundle });
  const result = await page.evaluate((count) => {
    type Api = {
      detect(root: ParentNode, url: URL): unknown[];
      adversarialDocument(doc: Document, i: number, random: () => number): Document;
      FUZZ_URLS: string[];
      rng(seed: number): () => number;
    };
    const api = (window as unknown as { SidecarDetect: Api }).SidecarDetect;
    const random = api.rng(4);
    const times: number[] = [];
    let errors = 0;
    for (let i = 0; i < count; i++) {
      const doc = api.adversarialDocument(document, i, random);
      const url = new URL(api.FUZZ_URLS[i % api.FUZZ_URLS.length] ?? 'https://www.acme-corp.com/');
      const start = performance.now();
      try {
        api.detect(doc, url);
      } catch {
        errors++;
      }
      times.push(performance.now() - start);
    }
    return { times, errors };
  }, FUZZ_DOCUMENTS);
  await page.close();
  const sorted = [...result.times].sort((a, b) => a - b);
  const max = sorted[sorted.length - 1] ?? 0;
  const slowest = result.times.indexOf(max);
  const shapes = ['deep nesting', '1 MB text node', '50,000 × "a" then "@"', 'giant attributes', 'lone surrogates', 'walls of " at " and " dot "', 'JSON-LD noise', 'many small nodes', 'many small nodes', 'many small nodes'];
  return {
    median: median(result.times),
    p99: sorted[Math.floor(sorted.length * 0.99)] ?? 0,
    max,
    slowest,
    slowestShape: shapes[slowest % 10] === '1 MB text node' && slowest % 100 !== 1 ? 'many small nodes' : (shapes[slowest % 10] ?? ''),
    errors: result.errors,
  };
}

async function main() {
  const bundle = await bundleDetector();
  const size = contentScriptGzip();
  const browser = await chromium.launch({
    executablePath: findChromium() ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--headless=new', '--disable-dev-shm-usage', '--disable-extensions', '--js-flags=--expose-gc'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.setContent('<!DOCTYPE html><html><head><title>Contacts</title></head><body><h1>All contacts</h1></body></html>');
  await page.evaluate(buildListPage, ROWS);
  const nodes = await page.evaluate(() => {
    let count = 0;
    const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_ALL);
    while (walker.nextNode()) count++;
    return count;
  });
  await page.addScriptTag({ content: bundle });

  const result = await page.evaluate(
    ({ url, runs, batches, rows }) => {
      type Api = {
        detect(root: ParentNode, url: URL): { kind: string }[];
        createDetector(url: URL): { full(root: ParentNode): unknown[]; changed(nodes: Iterable<Node>): unknown[]; shadowRoots(): unknown[] };
      };
      const api = (window as unknown as { SidecarDetect: Api }).SidecarDetect;
      const at = new URL(url);
      const time = (f: () => unknown) => {
        const start = performance.now();
        const out = f();
        return { ms: performance.now() - start, out };
      };
      const pattern = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
      const tbody = document.getElementById('rows');
      const addRows = (window as unknown as { addRows(from: number, count: number): void }).addRows;
      // Each run re-renders the list, as a CRM list view does, then scans it: the baseline pays
      // the layout innerText forces; detect() reads no layout. The 130,000 nodes the re-render
      // dropped are collected before the clock starts, so neither side pays for the bench's own
      // garbage.
      const collect = (globalThis as unknown as { gc?: () => void }).gc;
      const rerender = () => {
        tbody?.replaceChildren();
        addRows(0, rows);
        collect?.();
      };
      const scans: number[] = [];
      const shadowSearches: number[] = [];
      const completes: number[] = [];
      const baselines: number[] = [];
      const warmBaselines: number[] = [];
      const floors: number[] = [];
      let floorFound = 0;
      const floor = () => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        let matches = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.nodeValue ?? '';
          if (!text.includes('@')) continue;
          matches += text.match(pattern)?.length ?? 0;
        }
        return matches;
      };
      let found = 0;
      let baselineFound = 0;
      for (let r = 0; r < runs; r++) {
        rerender();
        const firstDetector = api.createDetector(at);
        const s = time(() => firstDetector.full(document));
        scans.push(s.ms);
        found = (s.out as unknown[]).length;
        shadowSearches.push(time(() => firstDetector.shadowRoots()).ms);
        rerender();
        const f = time(floor);
        floors.push(f.ms);
        floorFound = Number(f.out);
        rerender();
        completes.push(time(() => api.detect(document, at)).ms);
        rerender();
        // eslint-disable-next-line no-restricted-syntax -- the baseline is the innerText approach the content script avoids
        const b = time(() => document.body.innerText.match(pattern)?.length ?? 0);
        baselines.push(b.ms);
        baselineFound = Number(b.out);
        // eslint-disable-next-line no-restricted-syntax -- same baseline, layout already clean
        warmBaselines.push(time(() => document.body.innerText.match(pattern)?.length ?? 0).ms);
      }
      const detector = api.createDetector(at);
      detector.full(document);
      const increments: number[] = [];
      for (let b = 0; b < batches; b++) {
        const before = tbody?.children.length ?? 0;
        addRows(rows + b * 100, 100);
        const added = Array.from(tbody?.children ?? []).slice(before);
        const inc = time(() => detector.changed(added));
        increments.push(inc.ms);
      }
      return { scans, shadowSearches, completes, baselines, warmBaselines, baselineFound, floors, floorFound, found, increments };
    },
    { url: PAGE_URL, runs: RUNS, batches: BATCHES, rows: ROWS },
  );
  const fuzz = await fuzzInPage(browser, bundle);
  const version = browser.version();
  await browser.close();

  const scan = median(result.scans);
  const firstScan = result.scans[0] ?? 0;
  const baseline = median(result.baselines);
  const warmBaseline = median(result.warmBaselines);
  const increment = median(result.increments);
  const shadowSearch = median(result.shadowSearches);
  const complete = median(result.completes);
  const floor = median(result.floors);
  const checks: { what: string; value: string; target: string; ok: boolean | null }[] = [
    { what: 'first scan (median)', value: `${scan.toFixed(1)} ms`, target: '≤ 50 ms', ok: scan <= 50 },
    { what: 'baseline ÷ first scan', value: `${(baseline / scan).toFixed(1)}×`, target: '≥ 10×', ok: baseline / scan >= 10 },
    { what: 'first scan ÷ floor', value: `${(scan / floor).toFixed(1)}×`, target: 'reported', ok: null },
    { what: '+100 rows, incremental (median)', value: `${increment.toFixed(2)} ms`, target: '≤ 3 ms', ok: increment <= 3 },
    { what: `slowest of ${FUZZ_DOCUMENTS.toLocaleString('en')} adversarial documents`, value: `${fuzz.max.toFixed(1)} ms`, target: '≤ 50 ms', ok: fuzz.max <= 50 },
    { what: 'content script, gzipped', value: `${(size.gzip / 1024).toFixed(1)} KB`, target: '≤ 20 KB', ok: size.gzip <= 20 * 1024 },
  ];
  const body = `## Page detection (\`npm run bench:detect\`)

A generated CRM list page of ${ROWS.toLocaleString('en')} rows (name, email, company, website link): ${nodes.toLocaleString('en')} nodes, in headless Chromium ${version}. The page scan (utils/scan) is bundled for the page (rolldown, minified) and run by the page; ${RUNS} runs.

| measure | result | target | |
|---|---|---|---|
${checks.map((c) => `| ${c.what} | ${c.value} | ${c.target} | ${c.ok === null ? '' : c.ok ? 'met' : '**missed**'} |`).join('\n')}

- First scan (\`createDetector(url).full(document)\`, what the content script runs on load): median ${scan.toFixed(1)} ms (first run ${firstScan.toFixed(1)} ms; all: ${result.scans.map((s) => s.toFixed(1)).join(', ')} ms); ${result.found.toLocaleString('en')} detections after dedupe.
- The search for shadow hosts, which the content script runs when the page is next idle on sites not known to render in shadow DOM (Salesforce and Dynamics search in the first scan): median ${shadowSearch.toFixed(1)} ms. \`detect(document, url)\`, which does both in one call: median ${complete.toFixed(1)} ms (${(baseline / complete).toFixed(1)}× faster than the baseline).
- Baseline (\`/…@…/g\` over \`document.body.innerText\` right after the list renders, so it pays the layout innerText forces): median ${baseline.toFixed(1)} ms (all: ${result.baselines.map((s) => s.toFixed(1)).join(', ')} ms). It finds ${String(result.baselineFound)} raw matches and no companies, people or links. Run again on the already laid-out page it costs ${warmBaseline.toFixed(1)} ms (${(warmBaseline / scan).toFixed(1)}× the first scan): the ratio above holds for pages that have just rendered (SPA lists, the content script at document_idle on a page still building), not for a page whose layout is already clean.
- Floor (a bare \`TreeWalker\` over the text nodes, the same regex on each one holding an \`@\`, on the freshly rendered list): median ${floor.toFixed(1)} ms (all: ${result.floors.map((s) => s.toFixed(1)).join(', ')} ms; ${String(result.floorFound)} matches). The first scan costs ${(scan / floor).toFixed(1)}× that floor — the price of obfuscated addresses, mailto links, companies, people, link domains, hidden-text checks, anchors for badges and dedupe — while the innerText baseline costs ${(baseline / floor).toFixed(1)}× it.
- Incremental: 100 rows appended ${BATCHES} times, \`changed()\` on the added rows: median ${increment.toFixed(2)} ms (max ${Math.max(...result.increments).toFixed(2)} ms).
- Fuzzing (tests/fixtures/adversarial.ts, the documents utils/scan/fuzz.test.ts runs in happy-dom): ${FUZZ_DOCUMENTS.toLocaleString('en')} documents — deep nesting, 1 MB text nodes, \`"a".repeat(50000) + "@"\`, lone surrogates, giant attribute values, walls of \`@\`, \` at \`, \` dot \` — built in the page, \`detect()\` timed on each: median ${fuzz.median.toFixed(2)} ms, p99 ${fuzz.p99.toFixed(2)} ms, slowest ${fuzz.max.toFixed(1)} ms (document ${fuzz.slowest}, ${fuzz.slowestShape}); ${fuzz.errors} exceptions.
- Content script: ${(size.raw / 1024).toFixed(1)} KB, ${(size.gzip / 1024).toFixed(1)} KB gzipped (gzip -9 of \`.output/chrome-mv3/content-scripts/content.js\`).

Machine: ${machine()}.`;
  console.log(body);
  writeBenchmarkSection('detect', body);
}

await main();
