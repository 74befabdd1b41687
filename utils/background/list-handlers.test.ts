import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { coreStorage } from '../../entrypoints/background/core-storage.ts';
import type { RunningServer } from '../../server/app.ts';
import { serverFactory } from '../../server/testing/harness.ts';
import { columnsByRole, matchColumn } from '../audiences/list-columns.ts';
import { rowQueryOf } from '../audiences/list-query.ts';
import { ENRICH_WATCH_JOB } from '../audiences/enrich-watch-job.ts';
import type { Row } from '../audiences/schemas.ts';
import { JobStore } from '../jobs/job-store.ts';
import { LookupCache } from '../lookup/cache.ts';
import type { SenderContext } from '../messaging.ts';
import type { Detection } from '../schemas/detection.ts';
import { DEFAULT_SETTINGS } from '../schemas/settings.ts';
import { idbStore } from '../stores/kv-store.ts';
import { SecretStore } from '../stores/secrets.ts';
import { settingsItem, tabStateItem } from '../stores/storage.ts';
import { createCore } from './core.ts';
import { exportListCsv } from '../../components/side-panel/lists/list-export.ts';

/** The Lists handlers against the reference server's Audiences API, in-process: real HTTP, real database. */

const factory = serverFactory('pglite');
let server: RunningServer;
let knownEmails: string[];
const panel: SenderContext = { isExtensionPage: true, url: 'chrome-extension://x/sidepanel.html', tabId: undefined };
const PAGE = 'https://acme.my.salesforce.com/lightning/o/Contact/list';

beforeAll(async () => {
  server = await factory.start();
  knownEmails = (await server.db.query<{ email: string }>('SELECT email FROM contacts WHERE email IS NOT NULL ORDER BY id LIMIT 40')).map((r) => r.email);
}, 120_000);
afterAll(() => factory.stopAll());
beforeEach(async () => {
  await idbStore('jobs').clear();
});

async function connect(client: { id: string; secret: string } | null, fetchImpl: typeof fetch = fetch) {
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, baseUrl: server.url, gtmClientId: client?.id ?? '' });
  const secrets = new SecretStore();
  await secrets.update(client ? { gtmClientSecret: client.secret } : {});
  const cache = new LookupCache();
  return createCore({
    storage: coreStorage,
    browser: { openSidePanel: () => Promise.resolve(), scanTab: () => Promise.resolve(), tabUrl: () => Promise.resolve(PAGE), scheduleResume: () => undefined, notify: () => Promise.resolve() },
    secrets,
    cache,
    registry: { fetch: fetchImpl, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 5))) },
    jobs: { store: new JobStore(), alarms: { create: () => Promise.resolve(), clear: () => Promise.resolve() } },
  });
}
const manager = () => connect({ id: 'demo-client', secret: 'demo-secret' });
type Core = Awaited<ReturnType<typeof connect>>;

const email = (value: string): Detection => ({ kind: 'email', value, source: 'salesforce', confidence: 0.99 });
const person = (fullName: string, profileUrl?: string, companyName?: string): Detection => ({
  kind: 'person', value: fullName, source: 'salesforce', confidence: 0.9, person: { fullName, profileUrl, companyName },
});

async function pageHolds(tabId: number, detections: Detection[], url = PAGE) {
  await tabStateItem(tabId).setValue({ tabId, url, updatedAt: Date.now(), entities: detections.map((d, i) => ({ key: `k${i}:${d.value}`, detection: d, state: { status: 'BLANK' } })) });
}

async function captured(core: Core, jobId: string) {
  for (let i = 0; i < 600; i++) {
    const job = await core.handlers.captureStatus({ jobId }, panel);
    if (job.state !== 'running') return job;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('capture never ended');
}

async function everyRow(core: Core, listId: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (let page = 1; ; page++) {
    const got = await core.handlers.listRows({ listId, query: { page, size: 500 } }, panel);
    rows.push(...got.data);
    if (rows.length >= got.meta.total) return rows;
  }
}

describe('lists: GTM Studio as a provider', () => {
  it('with no GTM Studio client, says what lists need and changes nothing', async () => {
    const core = await connect(null);
    const overview = await core.handlers.listsOverview({}, panel);
    expect(overview.access).toBeNull();
    expect(overview.needs).toMatch(/GTM Studio.*client id and secret/);
    await expect(core.handlers.createList({ name: 'Nope' }, panel)).rejects.toMatchObject({ id: 'not_configured' });
  });

  it('with a read-only client, reads lists (the demo one, enriched) and refuses every change', async () => {
    const core = await connect({ id: 'demo-reader', secret: 'demo-reader-secret' });
    const overview = await core.handlers.listsOverview({}, panel);
    expect(overview.access).toBe('read');
    expect(overview.folders.map((f) => f.attributes.name)).toContain('Demo');
    const demo = overview.lists.find((l) => l.attributes.name === 'Demo contacts');
    expect(demo?.attributes.recordCount).toBeGreaterThan(0);
    const rows = await core.handlers.listRows({ listId: demo?.id ?? '', query: { size: 5 } }, panel);
    expect(rows.data).toHaveLength(5);
    await expect(core.handlers.createList({ name: 'Nope' }, panel)).rejects.toMatchObject({ id: 'forbidden' });
    await expect(core.handlers.deleteList({ listId: demo?.id ?? '' }, panel)).rejects.toMatchObject({ id: 'forbidden' });
    expect((await core.handlers.listsOverview({}, panel)).lists.find((l) => l.id === demo?.id)).toBeDefined();
  });

  it('manages folders and lists: create, rename, move, delete', async () => {
    const core = await manager();
    expect((await core.handlers.listsOverview({}, panel)).access).toBe('manage');
    const folder = await core.handlers.createFolder({ name: 'Q1 events' }, panel);
    const list = await core.handlers.createList({ name: 'Speakers' }, panel);
    expect(matchColumn(list)?.attributes.dataType).toBe('ZI_CONTACT_ID');
    expect(Object.keys(columnsByRole(list.attributes.columns))).toEqual(expect.arrayContaining(['name', 'email', 'company', 'key', 'sourceUrl', 'capturedAt']));
    const moved = await core.handlers.updateList({ listId: list.id, name: 'Speakers 2027', folderId: folder.id }, panel);
    expect(moved.attributes).toMatchObject({ name: 'Speakers 2027', folderId: folder.id });
    expect((await core.handlers.renameFolder({ folderId: folder.id, name: 'Q1 2027 events' }, panel)).attributes.name).toBe('Q1 2027 events');
    await core.handlers.deleteList({ listId: list.id }, panel);
    await core.handlers.deleteFolder({ folderId: folder.id }, panel);
    const after = await core.handlers.listsOverview({}, panel);
    expect(after.lists.find((l) => l.id === list.id)).toBeUndefined();
    expect(after.folders.find((f) => f.id === folder.id)).toBeUndefined();
  });
});

describe('lists: capture, enrich, remove', () => {
  it('captures a page once (duplicates dropped, a second capture adds nothing), enriches every row once, removes rows', async () => {
    const core = await manager();
    const list = await core.handlers.createList({ name: 'Salesforce view' }, panel);
    const roles = columnsByRole(list.attributes.columns);
    const emails = [...knownEmails.slice(0, 30), 'nobody.here@unknown-company.example'];
    await pageHolds(7, [
      ...emails.map(email),
      email(emails[0]?.toUpperCase() ?? ''),
      person('Dana Whitfield', 'https://www.linkedin.com/in/dana-whitfield/', 'Northwind'),
      person('Dana Whitfield', 'https://linkedin.com/in/Dana-Whitfield', 'Northwind'),
    ]);
    const job = await core.handlers.captureToList({ listId: list.id, tabId: 7 }, panel);
    expect(job.total).toBe(32);
    expect((await captured(core, job.jobId)).state).toBe('done');
    let rows = await everyRow(core, list.id);
    expect(rows).toHaveLength(32);
    const cell = (row: Row, role: keyof typeof roles) => row.attributes.values.find((v) => v.columnId === roles[role])?.value;
    expect(rows.every((r) => cell(r, 'sourceUrl') === PAGE && typeof cell(r, 'capturedAt') === 'string')).toBe(true);
    expect(rows.filter((r) => cell(r, 'linkedin') === 'https://www.linkedin.com/in/dana-whitfield')).toHaveLength(1);

    // The same page again, and from another tab: nothing new.
    const again = await core.handlers.captureToList({ listId: list.id, tabId: 7 }, panel);
    await captured(core, again.jobId);
    expect(await everyRow(core, list.id)).toHaveLength(32);

    expect(await core.handlers.enrichPreview({ listId: list.id }, panel)).toEqual({ rows: 32, unmatched: 32, retryable: 0, computing: 0 });
    const { jobId } = await core.handlers.enrichList({ listId: list.id }, panel);
    expect(jobId).not.toBeNull();
    let status = await core.handlers.enrichStatus({ listId: list.id, jobId: jobId ?? '' }, panel);
    for (let i = 0; i < 300 && (status.status === 'SCHEDULED' || status.status === 'RUNNING'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = await core.handlers.enrichStatus({ listId: list.id, jobId: jobId ?? '' }, panel);
    }
    expect(['SUCCEEDED', 'PARTIALLY_SUCCEEDED']).toContain(status.status);
    expect(status.percentProgress).toBe(100);
    rows = await everyRow(core, list.id);
    const match = matchColumn(list)?.id;
    const states = rows.map((r) => r.attributes.values.find((v) => v.columnId === match)?.state);
    expect(states.every((s) => s === 'RESULT' || s === 'NO_RESULT')).toBe(true);
    expect(states.filter((s) => s === 'RESULT').length).toBeGreaterThanOrEqual(30);

    // The export: every row, name/email/company first, the matched ids in the match column.
    const { csv, rows: exported } = await exportListCsv(list, async (page) => core.handlers.listRows({ listId: list.id, query: { page, size: 2 } }, panel));
    expect(exported).toBe(32);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(33);
    expect(lines[0]?.startsWith('Full Name,Email,Company,')).toBe(true);
    const matchedIds = rows.map((r) => r.attributes.values.find((v) => v.columnId === match)?.value).filter((v): v is number | string => typeof v === 'number' || typeof v === 'string');
    expect(matchedIds.length).toBeGreaterThanOrEqual(30);
    for (const id of matchedIds) expect(csv).toContain(`,${id}`);

    // Matched rows are never charged again: nothing left to enrich.
    expect(await core.handlers.enrichPreview({ listId: list.id }, panel)).toMatchObject({ unmatched: 0 });
    expect(await core.handlers.enrichList({ listId: list.id }, panel)).toEqual({ jobId: null });

    await core.handlers.removeRows({ listId: list.id, rowIds: rows.slice(0, 2).map((r) => r.id) }, panel);
    expect(await everyRow(core, list.id)).toHaveLength(30);
  });

  it('a capture of 1,100 rows goes on after the worker stops mid-upsert: every row exactly once', async () => {
    let upserts = 0;
    // The second bulk upsert reaches the server, which writes it; the worker stops before it hears back.
    const dying: typeof fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      const answer = await fetch(input, init);
      if (url.includes('/rows/actions/bulk/upsert') && ++upserts === 2) return new Promise<never>(() => undefined);
      return answer;
    };
    const first = await connect({ id: 'demo-client', secret: 'demo-secret' }, dying);
    const list = await first.handlers.createList({ name: 'Conference attendees' }, panel);
    await pageHolds(9, Array.from({ length: 1100 }, (_, i) => email(`attendee${i}@conference.example`)));
    const job = await first.handlers.captureToList({ listId: list.id, tabId: 9 }, panel);
    await expect.poll(() => upserts, { timeout: 30_000 }).toBe(2);
    expect((await first.handlers.captureStatus({ jobId: job.jobId }, panel)).done).toBe(500);

    // A new worker (the alarm woke it): same job store, a fetch that works.
    const second = await manager();
    await second.jobs.resume();
    expect(await second.handlers.captureStatus({ jobId: job.jobId }, panel)).toMatchObject({ state: 'done', done: 1100, total: 1100 });
    const rows = await everyRow(second, list.id);
    expect(rows).toHaveLength(1100);
    const emailColumn = columnsByRole(list.attributes.columns).email;
    expect(new Set(rows.map((r) => r.attributes.values.find((v) => v.columnId === emailColumn)?.value)).size).toBe(1100);
  });
});

describe('lists: columns, filters and sort', () => {
  async function enriched(core: Core, listId: string, jobId: string | null) {
    let status = await core.handlers.enrichStatus({ listId, jobId: jobId ?? '' }, panel);
    for (let i = 0; i < 300 && (status.status === 'SCHEDULED' || status.status === 'RUNNING'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = await core.handlers.enrichStatus({ listId, jobId: jobId ?? '' }, panel);
    }
    return status.status;
  }

  it('a formula column added to a matched list fills in on the next enrichment, for no credits', async () => {
    const core = await manager();
    const list = await core.handlers.createList({ name: 'Formula list' }, panel);
    await pageHolds(11, knownEmails.slice(0, 5).map(email));
    await captured(core, (await core.handlers.captureToList({ listId: list.id, tabId: 11 }, panel)).jobId);
    expect(await enriched(core, list.id, (await core.handlers.enrichList({ listId: list.id }, panel)).jobId)).toBe('SUCCEEDED');

    const withFormula = await core.handlers.addListColumn({ listId: list.id, column: { columnType: 'FORMULA', name: 'Domain', prompt: '{Email}.split("@")[1]' } }, panel);
    const domain = withFormula.attributes.columns.find((c) => c.attributes.name === 'Domain');
    expect(domain?.attributes.columnType).toBe('FORMULA');
    expect(await core.handlers.enrichPreview({ listId: list.id }, panel)).toEqual({ rows: 5, unmatched: 0, retryable: 0, computing: 5 });
    const started = await core.handlers.enrichList({ listId: list.id }, panel);
    const watching = async () => (await new JobStore().unfinished()).filter((j) => j.kind === ENRICH_WATCH_JOB).length;
    expect(await watching()).toBe(1);
    expect(await enriched(core, list.id, started.jobId)).toBe('SUCCEEDED');
    const cells = (await everyRow(core, list.id)).map((r) => r.attributes.values.find((v) => v.columnId === domain?.id));
    expect(cells.map((c) => c?.state)).toEqual(Array(5).fill('RESULT'));
    expect(cells.map((c) => c?.value).sort()).toEqual(knownEmails.slice(0, 5).map((e) => e.split('@')[1]).sort());
    expect(await core.handlers.enrichPreview({ listId: list.id }, panel)).toMatchObject({ unmatched: 0, computing: 0 });
    // The worker followed both enrichments to their end too (what tells the rep with the panel closed).
    await expect.poll(watching, { timeout: 10_000 }).toBe(0);
  });

  it('filters with the operators filter-metadata allows, and sorts, through the provider', async () => {
    const core = await manager();
    const list = await core.handlers.createList({ name: 'Filtered list' }, panel);
    const emails = ['ann@alpha.example', 'bob@beta.example', 'cy@alpha.example', 'di@gamma.example'];
    await pageHolds(12, emails.map(email));
    await captured(core, (await core.handlers.captureToList({ listId: list.id, tabId: 12 }, panel)).jobId);
    const emailColumn = columnsByRole(list.attributes.columns).email ?? '';
    const metadata = await core.handlers.listFilterMetadata({ listId: list.id }, panel);
    const operators = metadata.find((m) => m.columnId === emailColumn)?.filterOperators.map((o) => o.operator);
    expect(operators).toEqual(expect.arrayContaining(['CONTAINS', 'EQUALS', 'EMPTY']));

    const view = { filters: [{ columnId: emailColumn, operator: 'CONTAINS' as const, values: ['alpha'] }], match: 'AND' as const, sort: { columnId: emailColumn, descending: true }, hidden: [] };
    const page = await core.handlers.listRows({ listId: list.id, query: rowQueryOf(view, list.attributes.columns, 1, 50) }, panel);
    expect(page.meta.total).toBe(2);
    expect(page.data.map((r) => r.attributes.values.find((v) => v.columnId === emailColumn)?.value)).toEqual(['cy@alpha.example', 'ann@alpha.example']);

    const either = { ...view, match: 'OR' as const, filters: [...view.filters, { columnId: emailColumn, operator: 'STARTS_WITH' as const, values: ['di'] }] };
    expect((await core.handlers.listRows({ listId: list.id, query: rowQueryOf(either, list.attributes.columns, 1, 50) }, panel)).meta.total).toBe(3);
  });
});
