/**
 * The demo audience: folder "Demo" with one CONTACT audience of the demo contacts, already
 * matched (the match cell holds each demo record's id), so /docs and the extension show an
 * enriched audience on first start. Written once; never charged (no account enriched it).
 */
import type { Db } from '../../db/index.ts';
import { loadDemoDataset } from '../../seed/demo.ts';
import { indexCells } from './cells.ts';

const FOLDER = 'demo-folder';
const AUDIENCE = 'demo-contacts';
const COL = { email: 'demo-col-email', name: 'demo-col-name', company: 'demo-col-company', match: 'demo-col-match' } as const;

export async function seedDemoAudience(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(784513)');
    const done = await tx.query('SELECT 1 FROM gtm_audiences WHERE id = $1', [AUDIENCE]);
    if (done.length > 0) return;
    const { contacts, companies } = loadDemoDataset();
    const companyName = new Map(companies.map((c) => [c.id, c.name]));
    await tx.query(`INSERT INTO gtm_folders (id, name, created_by, updated_by) VALUES ($1, 'Demo', 'seed', 'seed') ON CONFLICT (id) DO NOTHING`, [FOLDER]);
    await tx.query(
      `INSERT INTO gtm_audiences (id, folder_id, name, notes, type, record_count, created_by, updated_by)
       VALUES ($1, $2, 'Demo contacts', 'The demo records, matched at seed time.', 'CONTACT', $3, 'seed', 'seed')`,
      [AUDIENCE, FOLDER, contacts.length],
    );
    const columns: [string, string, string, string, string | null][] = [
      [COL.email, 'Email', 'CUSTOM', 'EMAIL', 'CONTACT_EMAIL'],
      [COL.name, 'Full Name', 'CUSTOM', 'TEXT', null],
      [COL.company, 'Company', 'CUSTOM', 'TEXT', 'COMPANY_NAME'],
      [COL.match, 'ZoomInfo Contact', 'ZOOMINFO_MATCH', 'ZI_CONTACT_ID', null],
    ];
    for (const [id, name, type, dataType, mapped] of columns) {
      await tx.query(
        `INSERT INTO gtm_columns (id, audience_id, name, column_type, data_type, mapped_to, created_by, updated_by) VALUES ($1, $2, $3, $4, $5, $6, 'seed', 'seed')`,
        [id, AUDIENCE, name, type, dataType, mapped],
      );
    }
    const cells = contacts.map((c) =>
      JSON.stringify({
        [COL.email]: { v: c.email, s: 'RESULT' },
        [COL.name]: { v: `${c.first_name} ${c.last_name}`, s: 'RESULT' },
        [COL.company]: { v: companyName.get(c.company_id) ?? '', s: 'RESULT' },
        [COL.match]: { v: c.id, s: 'RESULT' },
      }),
    );
    const rows = await tx.query<{ id: string }>(
      `INSERT INTO gtm_rows (audience_id, cells) SELECT $1, c::jsonb FROM unnest($2::text[]) WITH ORDINALITY AS u(c, n) ORDER BY n RETURNING id::text AS id`,
      [AUDIENCE, cells],
    );
    await indexCells(tx, rows.map((r) => r.id));
  });
}
