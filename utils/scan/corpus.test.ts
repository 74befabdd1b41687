// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { attachDeclarativeShadowRoots, CORPUS_TARGETS, loadCorpus, printScore } from '../../tests/fixtures/corpus.ts';
import type { Detection } from '../schemas/detection.ts';
import { detect } from './index.ts';

/**
 * Precision and recall per kind over the labelled corpus (tests/fixtures/pages): every page at its
 * real URL, detect() on the document happy-dom parses, compared with the labels. Issue 4's targets.
 * tests/e2e/corpus.spec.ts scores the same pages as Chromium renders them.
 */

describe('labelled corpus', () => {
  const corpus = loadCorpus();
  const results: { page: (typeof corpus)[number]; found: Detection[] }[] = [];

  it('has at least 30 labelled pages', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
  });

  for (const page of corpus) {
    it(`${page.name} (${page.url})`, () => {
      const doc = new DOMParser().parseFromString(page.html, 'text/html');
      attachDeclarativeShadowRoots(doc);
      results.push({ page, found: detect(doc, new URL(page.url)) });
    });
  }

  it('meets the precision and recall targets per kind', () => {
    const { rows } = printScore(results, 'happy-dom');
    for (const row of rows) {
      const target = CORPUS_TARGETS[row.kind];
      if (!target) continue;
      expect(row.precision, `${row.kind} precision`).toBeGreaterThanOrEqual(target.precision);
      expect(row.recall, `${row.kind} recall`).toBeGreaterThanOrEqual(target.recall);
    }
  });
});
