/**
 * A company's structure and coverage (issue #16): its org chart, its corporate family, its
 * locations and technologies, and the news and scoop enrich queries. SQL only; the routes shape.
 */
import type { Queryable } from '../db/index.ts';
import { FAMILY_DEPTH, type FamilyNode, type OrgChartPerson, type ParentageEntry } from '../../utils/schemas/enterprise-org.ts';
import { TECH_BY_PRODUCT } from './tech-tags.ts';
import { Where } from './where.ts';

interface CompanyBrief {
  id: number;
  name: string;
  city: string | null;
  state: string | null;
}

async function companyBrief(db: Queryable, id: number): Promise<CompanyBrief | undefined> {
  const [row] = await db.query<CompanyBrief>('SELECT id, name, city, state FROM companies WHERE id = $1', [id]);
  return row;
}

/** Department names a comma-separated `department` asks for: names or lookup ids; `c-suite` means the executives. */
async function departmentFilter(db: Queryable, raw: string): Promise<{ names: string[]; cSuite: boolean }> {
  const tokens = raw.split(',').map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0);
  const lookups = await db.query<{ id: number; name: string }>("SELECT id, name FROM lookups WHERE kind = 'departments'");
  const names = new Set<string>();
  for (const token of tokens) {
    for (const l of lookups) if (String(l.id) === token || l.name.toLowerCase() === token) names.add(l.name.toLowerCase());
  }
  return { names: [...names], cSuite: tokens.some((t) => t === 'c-suite' || t === 'c suite') };
}

interface OrgRow {
  id: number;
  first_name: string;
  last_name: string;
  job_title: string | null;
  department: string | null;
  seniority: string | null;
  has_email: boolean;
  has_direct_phone: boolean;
  accuracy_score: number | null;
  updated_at: string | null;
  manager_id: number | null;
  tier: number;
  sub_tier: number;
}

/** The people of `companyId` in the departments asked for, top of the company first; none for an unknown company. */
export async function orgChart(db: Queryable, companyId: number, department: string): Promise<OrgChartPerson[]> {
  const company = await companyBrief(db, companyId);
  if (!company) return [];
  const { names, cSuite } = await departmentFilter(db, department);
  const rows = await db.query<OrgRow>(
    `SELECT c.id, c.first_name, c.last_name, c.job_title, c.department, c.seniority,
            c.email IS NOT NULL AS has_email, c.phone IS NOT NULL AS has_direct_phone, c.accuracy_score,
            to_char(c.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at,
            o.manager_id, o.tier, o.sub_tier
     FROM org_positions o JOIN contacts c ON c.id = o.contact_id
     WHERE o.company_id = $1 AND (lower(c.department) = ANY($2::text[]) OR ($3 AND c.seniority = 'C-Level'))
     ORDER BY o.tier, o.sub_tier, c.id`,
    [companyId, names, cSuite],
  );
  return rows.map((r) => ({
    id: r.id,
    firstName: r.first_name,
    middleName: null,
    lastName: r.last_name,
    lastUpdatedDate: r.updated_at,
    title: r.job_title,
    hasEmail: r.has_email,
    hasDirectPhone: r.has_direct_phone,
    department: r.department,
    jobFunction: r.department,
    orgChartTier: r.tier,
    orgChartSubTier: r.sub_tier,
    contactAccuracyScore: r.accuracy_score,
    company: { id: company.id, name: company.name },
    managerId: r.manager_id,
    managementLevel: r.seniority,
  }));
}

interface FamilyRow extends CompanyBrief {
  parent_id: number | null;
  sub_unit_type: number | null;
  sub_unit_desc: string | null;
  acquired_date: string | null;
}

const FAMILY_SELECT = `SELECT co.id, co.name, co.city, co.state, f.parent_id, f.sub_unit_type, f.sub_unit_desc,
  to_char(f.acquired_date, 'YYYY-MM-DD"T"00:00:00.000"Z"') AS acquired_date
  FROM companies co LEFT JOIN corporate_family f ON f.company_id = co.id`;

/**
 * `parentage`: the companies above this one, nearest first; `familyTree`: the whole family from its
 * ultimate parent down (a company without a family is a tree of itself).
 */
export async function corporateHierarchy(db: Queryable, companyId: number): Promise<{ parentage: ParentageEntry[]; familyTree: FamilyNode[] }> {
  const chain: FamilyRow[] = [];
  const seen = new Set<number>();
  let next: number | null = companyId;
  while (next !== null && !seen.has(next)) {
    seen.add(next);
    const [row]: FamilyRow[] = await db.query<FamilyRow>(`${FAMILY_SELECT} WHERE co.id = $1`, [next]);
    if (!row) break;
    chain.push(row);
    next = row.parent_id;
  }
  const parentage = chain.slice(1).map((p, i) => {
    const child = chain[i];
    return {
      companyId: String(p.id),
      companyName: p.name,
      city: p.city,
      state: p.state,
      subUnitType: child?.sub_unit_type === null || child?.sub_unit_type === undefined ? null : String(child.sub_unit_type),
      subUnitDesc: child?.sub_unit_desc ?? null,
      acquiredByDate: child?.acquired_date ?? null,
    };
  });
  const root = chain.at(-1);
  if (!root) return { parentage, familyTree: [] };
  const below = async (parent: number, depth: number): Promise<FamilyNode[]> => {
    if (depth >= FAMILY_DEPTH) return [];
    const children = await db.query<FamilyRow>(`${FAMILY_SELECT} WHERE f.parent_id = $1 ORDER BY co.id`, [parent]);
    return Promise.all(
      children.map(async (c) => {
        const familyNodes = await below(c.id, depth + 1);
        return {
          companyId: c.id,
          name: c.name,
          city: c.city,
          state: c.state,
          subUnitTypeInfo: { typeId: c.sub_unit_type ?? 3, typeDescription: c.sub_unit_desc ?? '' },
          ...(familyNodes.length > 0 ? { familyNodes } : {}),
        };
      }),
    );
  };
  return { parentage, familyTree: [{ companyId: root.id, name: root.name, city: root.city, state: root.state, familyNodes: await below(root.id, 0) }] };
}

interface LocationRow {
  id: number;
  name: string;
  phone: string | null;
  street: string | null;
  city: string | null;
  state: string | null;
  zip_code: string | null;
  country: string | null;
  employees: number | null;
  sub_unit_desc: string | null;
}

/** The headquarters, then each subsidiary's address, as the company's locations. */
export async function companyLocations(db: Queryable, companyId: number): Promise<LocationRow[]> {
  const rows = await db.query<LocationRow>(
    `SELECT co.id, co.name, co.phone, co.street, co.city, co.state, co.zip_code, co.country, co.employees, f.sub_unit_desc
     FROM companies co LEFT JOIN corporate_family f ON f.company_id = co.id AND f.parent_id = $1
     WHERE co.id = $1 OR f.parent_id = $1
     ORDER BY (co.id = $1) DESC, co.id`,
    [companyId],
  );
  return rows.some((r) => r.id === companyId) ? rows : [];
}

export async function companyTechnologies(db: Queryable, companyId: number): Promise<{ tag: string; category: string | null }[]> {
  const [row] = await db.query<{ technologies: string[] }>('SELECT technologies FROM companies WHERE id = $1', [companyId]);
  return (row?.technologies ?? []).map((tag) => ({ tag, category: TECH_BY_PRODUCT.get(tag)?.category ?? null }));
}

export interface NewsQuery {
  companyId: number;
  categories?: string[];
  url?: string[];
  pageDateMin?: string;
  pageDateMax?: string;
  limit: number;
  page: number;
}

export interface NewsRecord {
  id: number;
  company_id: number;
  company_name: string;
  headline: string;
  category: string | null;
  url: string | null;
  published: string | null;
}

/** The company's news, most recent first, filtered as the published endpoint filters it. */
export async function enrichNews(db: Queryable, q: NewsQuery): Promise<{ rows: NewsRecord[]; total: number }> {
  const where = new Where();
  where.add(`n.company_id = ${where.param(q.companyId)}`);
  if (q.categories) where.add(`lower(n.category) = ANY(${where.param(q.categories.map((c) => c.toLowerCase()))}::text[])`);
  if (q.url) where.add(`(${q.url.map((u) => `n.url ILIKE ${where.param(`%${u.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`)}`).join(' OR ')})`);
  if (q.pageDateMin) where.add(`n.published_date >= ${where.param(q.pageDateMin)}::date`);
  if (q.pageDateMax) where.add(`n.published_date <= ${where.param(q.pageDateMax)}::date`);
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM news n ${where.sql}`, where.params);
  const limit = where.param(q.limit);
  const offset = where.param((q.page - 1) * q.limit);
  const rows = await db.query<NewsRecord>(
    `SELECT n.id, n.company_id, co.name AS company_name, n.headline, n.category, n.url, to_char(n.published_date, 'YYYY-MM-DD') AS published
     FROM news n JOIN companies co ON co.id = n.company_id ${where.sql}
     ORDER BY n.published_date DESC NULLS LAST, n.id LIMIT ${limit} OFFSET ${offset}`,
    where.params,
  );
  return { rows, total: count?.n ?? 0 };
}

export interface ScoopQuery {
  companyIds: number[];
  companyName?: string;
  domain?: string;
  scoopIds?: number[];
  from: string;
  to?: string;
  scoopType?: string;
  keywords?: string[];
  rpp: number;
  page: number;
  ascending: boolean;
}

export interface ScoopRecord {
  id: number;
  company_id: number;
  company_name: string;
  type: string | null;
  description: string;
  published: string | null;
}

export async function enrichScoops(db: Queryable, q: ScoopQuery): Promise<{ rows: ScoopRecord[]; total: number }> {
  const where = new Where();
  const who: string[] = [];
  if (q.companyIds.length > 0) who.push(`s.company_id = ANY(${where.param(q.companyIds)}::int[])`);
  if (q.companyName) who.push(`lower(co.name) = ${where.param(q.companyName.trim().toLowerCase())}`);
  if (q.domain) who.push(`co.domain = ${where.param(q.domain)}`);
  if (q.scoopIds) who.push(`s.id = ANY(${where.param(q.scoopIds)}::int[])`);
  where.add(`(${who.join(' OR ')})`);
  where.add(`s.published_date >= ${where.param(q.from)}::date`);
  if (q.to) where.add(`s.published_date <= ${where.param(q.to)}::date`);
  if (q.scoopType) where.add(`lower(s.type) = ${where.param(q.scoopType.toLowerCase())}`);
  for (const k of q.keywords ?? []) where.add(`s.description ILIKE ${where.param(`%${k.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`)}`);
  const from = `FROM scoops s JOIN companies co ON co.id = s.company_id ${where.sql}`;
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`, where.params);
  const limit = where.param(q.rpp);
  const offset = where.param((q.page - 1) * q.rpp);
  const rows = await db.query<ScoopRecord>(
    `SELECT s.id, s.company_id, co.name AS company_name, s.type, s.description, to_char(s.published_date, 'YYYY-MM-DD') AS published
     ${from} ORDER BY s.published_date ${q.ascending ? 'ASC' : 'DESC'} NULLS LAST, s.id LIMIT ${limit} OFFSET ${offset}`,
    where.params,
  );
  return { rows, total: count?.n ?? 0 };
}
