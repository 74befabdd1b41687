// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { attachDeclarativeShadowRoots, comparable, KINDS, loadCorpus, valuesOf } from '../../tests/fixtures/corpus.ts';
import type { DetectionKind } from '../schemas/detection.ts';
import { detect } from './index.ts';

/**
 * Precision and recall per kind over the labelled corpus (tests/fixtures/pages): every page at its
 * real URL, detect() on the parsed document, compared with the labels. Issue 4's targets.
 */

const TARGETS: Partial<Record<DetectionKind, { precision: number; recall: number }>> = {
  email: { precision: 0.99, recall: 0.97 },
  company: { precision: 0.9, recall: 0.9 },
  person: { precision: 0.9, recall: 0.9 },
};

describe('labelled corpus', () => {
  const corpus = loadCorpus();
  const totals = Object.fromEntries(KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }])) as Record<DetectionKind, { tp: number; fp: number; fn: number }>;
  const misses: string[] = [];

  it('has at least 30 labelled pages', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
  });

  for (const page of corpus) {
    it(`${page.name} (${page.url})`, () => {
      const doc = new DOMParser().parseFromString(page.html, 'text/html');
      attachDeclarativeShadowRoots(doc);
      const found = detect(doc, new URL(page.url));
      for (const kind of KINDS) {
        const got = valuesOf(found, kind);
        const want = new Set(page.expected[kind].map(comparable));
        for (const v of got) {
          if (want.has(v)) totals[kind].tp++;
          else {
            totals[kind].fp++;
            misses.push(`${page.name}: extra ${kind} ${v}`);
          }
        }
        for (const v of want) {
          if (!got.has(v)) {
            totals[kind].fn++;
            misses.push(`${page.name}: missed ${kind} ${v}`);
          }
        }
      }
    });
  }

  it('meets the precision and recall targets per kind', () => {
    const rows = KINDS.map((kind) => {
      const { tp, fp, fn } = totals[kind];
      const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
      const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
      return { kind, labelled: tp + fn, found: tp + fp, tp, fp, fn, precision: Number(precision.toFixed(3)), recall: Number(recall.toFixed(3)), target: TARGETS[kind] ? `≥ ${TARGETS[kind].precision} / ≥ ${TARGETS[kind].recall}` : '(reported)' };
    });
    console.log(`Detection over ${corpus.length} labelled pages`);
    console.table(rows);
    if (misses.length) console.log(misses.join('\n'));
    for (const row of rows) {
      const target = TARGETS[row.kind];
      if (!target) continue;
      expect(row.precision, `${row.kind} precision`).toBeGreaterThanOrEqual(target.precision);
      expect(row.recall, `${row.kind} recall`).toBeGreaterThanOrEqual(target.recall);
    }
  });
});
