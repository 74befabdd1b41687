/**
 * `npm run bench:audiences-search`: the rows search of the Audiences API against an earlier
 * version of itself, in one process on the same data, so that the ratio holds on a loaded host
 * where absolute times do not. The earlier server/services/audiences/search.ts is read from git
 * (--baseline, a commit) and imported beside the current one; both run each search in turn on one
 * PostgreSQL (a private cluster) holding a 100,000-row audience built as bench:audiences builds its
 * large one (Email, Score INTEGER, Region TEXT). Every answer of the two is compared: a faster
 * search that answered differently would be no result. Writes the "audiences-search" section of
 * BENCHMARKS.md.
 *
 * Options: --rows N --baseline <commit> --searches N --no-write
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { openDb } from '../../server/db/index.ts';
import { migrate } from '../../server/db/migrations.ts';
import { upsertRows } from '../../server/services/audiences/rows.ts';
import { searchRows, type RowSearch } from '../../server/services/audiences/search.ts';
import { addColumns, createAudience, getColumns } from '../../server/services/audiences/store.ts';
import { startPgCluster } from '../../server/testing/pg-cluster.ts';
import { machine, writeBenchmarkSection } from './bench-report.ts';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    // The search as bench:audiences measured it at p95 51.5 ms (one statement, the page and the total sharing every hit).
    baseline: { type: 'string', default: 'f9bba04' },
    searches: { type: 'string', default: '200' },
    'no-write': { type: 'boolean', default: false },
  },
});
const ROWS = Number(args.rows);
const SEARCHES = Number(args.searches);
const WARM_UP = 20;

const root = path.resolve(import.meta.dirname, '../..');
const services = path.join(root, 'server/services/audiences');

/** The baseline's search.ts, its relative imports pointed at this tree (their interfaces are unchanged). */
async function loadBaseline(dir: string): Promise<typeof searchRows> {
  const source = execFileSync('git', ['show', `${args.baseline}:server/services/audiences/search.ts`], { cwd: root, encoding: 'utf8' });
  const file = path.join(dir, 'search-baseline.ts');
  writeFileSync(file, source.replace(/from '(\.{1,2}\/[^']+)'/g, (_, rel: string) => `from '${pathToFileURL(path.resolve(services, rel)).href}'`));
  const module = (await import(pathToFileURL(file).href)) as { searchRows: typeof searchRows };
  return module.searchRows;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const ms = (v: number) => `${v.toFixed(1)} ms`;

const dir = mkdtempSync(path.join(os.tmpdir(), 'sidecar-bench-search-'));
const cluster = await startPgCluster();
let text = '';
try {
  const baseline = await loadBaseline(dir);
  const db = await openDb(await cluster.createDatabase(), dir);
  try {
    await migrate(db);
    const audienceId = await createAudience(db, 'bench', { name: 'Bench large', type: 'CONTACT', columns: [{ attributes: { name: 'Email', dataType: 'EMAIL' } }] }, false);
    const [score, region] = await addColumns(db, 'bench', audienceId, [
      { columnType: 'CUSTOM', name: 'Score', dataType: 'INTEGER' },
      { columnType: 'CUSTOM', name: 'Region', dataType: 'TEXT' },
    ]);
    const email = (await getColumns(db, audienceId)).find((c) => c.name === 'Email')?.id;
    if (!score || !region || !email) throw new Error('the bench audience has no Email, Score and Region columns');
    const regions = ['EMEA', 'AMER', 'APAC', 'LATAM'];
    console.log(`building a ${ROWS}-row audience…`);
    for (let i = 0; i < ROWS; i += 500) {
      const values = Array.from({ length: Math.min(500, ROWS - i) }, (_, k) => [
        { columnId: email, value: `person${i + k}@example${(i + k) % 97}.com` },
        { columnId: score, value: (i + k) % 1000 },
        { columnId: region, value: regions[(i + k) % 4] ?? 'EMEA' },
      ]);
      await upsertRows(db, audienceId, values.map((v) => ({ type: 'Row' as const, attributes: { values: v } })), ROWS);
    }
    // Autovacuum would get there on a running server; both versions read the same settled tables.
    await db.query('VACUUM ANALYZE gtm_rows');
    await db.query('VACUUM ANALYZE gtm_cells');
    const columns = await getColumns(db, audienceId);

    const cases: { label: string; search: (i: number) => RowSearch }[] = [
      {
        label: 'two conditions (TEXT EQUALS, INTEGER GREATER_THAN) + sort on the INTEGER, pages 1–5 of 25 (the bench:audiences search)',
        search: (i) => ({
          filter: { operator: 'AND', filters: [{ type: 'Filter', columnId: region, filterOperator: 'EQUALS', values: ['EMEA'] }, { type: 'Filter', columnId: score, filterOperator: 'GREATER_THAN', values: [(i * 37) % 900] }] },
          sort: `-${score}`,
          page: 1 + (i % 5),
          size: 25,
        }),
      },
      { label: 'no condition, no sort, pages 1–5 of 25 (a list opened in the side panel)', search: (i) => ({ page: 1 + (i % 5), size: 25 }) },
    ];
    const results: string[] = [];
    for (const { label, search } of cases) {
      const times = { before: [] as number[], now: [] as number[] };
      for (let i = 0; i < WARM_UP + SEARCHES; i++) {
        // Alternate which runs first, so neither gets the other's warm cache each time.
        const order = i % 2 === 0 ? (['before', 'now'] as const) : (['now', 'before'] as const);
        const answers: Record<string, string> = {};
        for (const which of order) {
          const started = performance.now();
          const answer = await (which === 'before' ? baseline : searchRows)(db, audienceId, columns, search(i));
          if (i >= WARM_UP) times[which].push(performance.now() - started);
          answers[which] = JSON.stringify(answer);
        }
        if (answers.before !== answers.now) throw new Error(`${label}: search ${i} answered differently from the baseline`);
      }
      const ratio = (p: number) => (percentile(times.before, p) / percentile(times.now, p)).toFixed(1);
      const line = `| ${label} | p50 ${ms(percentile(times.before, 50))}, p95 ${ms(percentile(times.before, 95))} | p50 ${ms(percentile(times.now, 50))}, p95 ${ms(percentile(times.now, 95))} | ${ratio(50)}× / ${ratio(95)}× |`;
      console.log(line);
      results.push(line);
    }
    text = [
      '## Audiences rows search, before and after (`npm run bench:audiences-search`)',
      '',
      `tests/bench/audiences-search.ts: the search service of commit ${args.baseline} and this tree's, in one process, taking turns on the same ${ROWS.toLocaleString('en')}-row audience on PostgreSQL 15 (a private cluster), ${SEARCHES} searches each after ${WARM_UP} to warm up; every answer identical. Machine: ${machine()}. Taken on a host loaded by other work: compare the ratio, not the times, with the Audiences section.`,
      '',
      '| search | before | now | ratio (p50 / p95) |',
      '|---|---|---|---|',
      ...results,
      '',
      'Where the time goes now (EXPLAIN ANALYZE of the two-condition search): the page stops after its rows, walking the sort column\'s index; the exact total (`meta.total`, which the published description requires) is one hash join of the two conditions\' index entries, most of what is left. With no condition the total is the audience\'s record count.',
    ].join('\n');
  } finally {
    await db.close();
  }
} finally {
  await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`\n${text}`);
if (!args['no-write'] && text) writeBenchmarkSection('audiences-search', text);
