import path from 'node:path';
import { build } from 'rolldown';
import { CORPUS_TARGETS, loadCorpus, printScore } from '../fixtures/corpus.ts';
import type { Detection } from '../../utils/schemas/detection.ts';
import { test, expect, serveFixture } from './fixtures.ts';

/**
 * The labelled corpus as Chromium renders it: each page at its real URL (declarative shadow DOM
 * attached by the browser's parser, not by a test helper), detect() run by the page on its own
 * document. happy-dom (utils/detect/corpus.test.ts) and a real browser differ in ways that matter:
 * a `div`-hosted shadow root was found by one and missed by the other.
 */

async function detectorBundle(): Promise<string> {
  const result = await build({
    input: path.resolve('tests/bench/detect-page-entry.ts'),
    output: { format: 'iife' },
    write: false,
    logLevel: 'silent',
  });
  const chunk = result.output.find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('rolldown produced no chunk');
  return chunk.code;
}

test('labelled corpus in Chromium: precision and recall per kind meet the targets', async ({ context }) => {
  const bundle = await detectorBundle();
  const corpus = loadCorpus();
  const results: { page: (typeof corpus)[number]; found: Detection[] }[] = [];
  const tab = await context.newPage();
  for (const page of corpus) {
    await context.unrouteAll();
    // Only the page itself: its stylesheets, scripts and images live on hosts this machine cannot
    // reach, and waiting for each to fail is most of a page's time (the last route added wins).
    await context.route('**/*', (route) => route.abort());
    await serveFixture(context, page.url.split('#')[0] ?? page.url, page.html);
    await tab.goto(page.url);
    await tab.addScriptTag({ content: bundle });
    const found = await tab.evaluate(() => {
      const api = (window as unknown as { SidecarDetect: { detect(root: ParentNode, url: URL): unknown[] } }).SidecarDetect;
      return api.detect(document, new URL(location.href));
    });
    results.push({ page, found: found as Detection[] });
  }
  const { rows } = printScore(results, 'Chromium');
  expect(results.length).toBeGreaterThanOrEqual(30);
  for (const row of rows) {
    const target = CORPUS_TARGETS[row.kind];
    if (!target) continue;
    expect(row.precision, `${row.kind} precision`).toBeGreaterThanOrEqual(target.precision);
    expect(row.recall, `${row.kind} recall`).toBeGreaterThanOrEqual(target.recall);
  }
});
