/**
 * The structure of the demo companies (issue #16): a reporting tree for each, built from the people
 * it has, and a corporate family among them. Deterministic: the same dataset gives the same tree.
 *
 * The tree runs CEO → one head per department (C-level or VP) → a director → that department's
 * managers → everyone else. Where a company has nobody for a post that someone below needs, a
 * person is generated for it (ids DEMO_ORG_CONTACT_BASE + company × 100 + n), so every company has
 * at least three levels and every demo person reports to someone in their own department.
 */
import type { DemoCompany, DemoContact, DemoDataset } from './demo.ts';
import { hash32 } from './generate.ts';
import type { ContactRow } from './rows.ts';

export const DEMO_ORG_CONTACT_BASE = 60_000;

export interface OrgPositionRow {
  contact_id: number;
  company_id: number;
  manager_id: number | null;
  /** 1 is the top of the company; a report is one tier below its manager. */
  tier: number;
  /** Position among the people with the same manager, from 1. */
  sub_tier: number;
}

export interface FamilyRow {
  company_id: number;
  parent_id: number;
  /** The published subUnitType code (3: subsidiary) and its description. */
  sub_unit_type: number;
  sub_unit_desc: string;
  acquired_date: string | null;
}

/** Parents and subsidiaries among the demo companies: Quanta → Northwind → Brightloom, Quanta → Globex, Kessler → Maple Ridge. */
export const DEMO_FAMILY: readonly FamilyRow[] = [
  { company_id: 1001, parent_id: 1010, sub_unit_type: 3, sub_unit_desc: 'Subsidiary', acquired_date: '2023-06-01' },
  { company_id: 1004, parent_id: 1010, sub_unit_type: 3, sub_unit_desc: 'Subsidiary', acquired_date: '2024-02-12' },
  { company_id: 1002, parent_id: 1001, sub_unit_type: 3, sub_unit_desc: 'Subsidiary', acquired_date: '2025-01-20' },
  { company_id: 1009, parent_id: 1008, sub_unit_type: 3, sub_unit_desc: 'Subsidiary', acquired_date: null },
];

const FIRST = ['Avery', 'Jordan', 'Morgan', 'Riley', 'Casey', 'Quinn', 'Harper', 'Rowan', 'Emerson', 'Sasha', 'Noor', 'Teodor', 'Ines', 'Kenji', 'Amara', 'Lucas'];
const LAST = ['Okafor', 'Lindqvist', 'Moreau', 'Castillo', 'Nakamura', 'Brennan', 'Haddad', 'Kowalski', 'Ferreira', 'Adeyemi', 'Novak', 'Petrov', 'Sato', 'Walsh', 'Iyer', 'Duarte'];

const HEAD_LEVELS = new Set(['C-Level', 'VP', 'Partner']);
const RANK: Record<string, number> = { 'C-Level': 0, Partner: 0, VP: 1, Director: 2, Manager: 3 };
const rank = (c: Pick<ContactRow, 'seniority'>) => RANK[c.seniority ?? ''] ?? 4;
const isChiefExecutive = (c: Pick<ContactRow, 'job_title' | 'seniority'>) =>
  (c.seniority === 'C-Level' || c.seniority === 'Partner') && /chief executive|\bceo\b|managing partner/i.test(c.job_title ?? '');

export interface DemoOrg {
  /** The generated people (the demo people are in the dataset already). */
  contacts: ContactRow[];
  positions: OrgPositionRow[];
}

export function demoOrg(dataset: DemoDataset): DemoOrg {
  const contacts: ContactRow[] = [];
  const positions: OrgPositionRow[] = [];
  for (const company of dataset.companies) {
    const org = companyOrg(company, dataset.contacts.filter((c) => c.company_id === company.id));
    contacts.push(...org.contacts);
    positions.push(...org.positions);
  }
  return { contacts, positions };
}

function companyOrg(company: DemoCompany, people: DemoContact[]): DemoOrg {
  const generated: ContactRow[] = [];
  const domain = company.domain ?? 'example.com';
  const make = (title: string, department: string, seniority: string): ContactRow => {
    const n = generated.length + 1;
    const id = DEMO_ORG_CONTACT_BASE + (company.id % 1000) * 100 + n;
    // n steps through the first names, so no two generated people of a company share an address.
    const first = FIRST[(hash32(company.id, 1) + n) % FIRST.length] ?? 'Avery';
    const last = LAST[(hash32(company.id, 2) + n * 5) % LAST.length] ?? 'Okafor';
    const row: ContactRow = {
      id,
      company_id: company.id,
      first_name: first,
      last_name: last,
      job_title: title,
      department,
      seniority,
      is_decision_maker: true,
      email: `${first}.${last}@${domain}`.toLowerCase(),
      personal_email: null,
      phone: null,
      mobile_phone: null,
      direct_dnc: null,
      mobile_dnc: null,
      linkedin_url: null,
      city: company.location.city,
      state: company.location.state,
      country: company.location.country,
      accuracy_score: 80 + (hash32(company.id, n, 3) % 20),
      updated_at: null,
      picture: null,
    };
    generated.push(row);
    return row;
  };

  const sorted = [...people].sort((a, b) => rank(a) - rank(b) || a.id - b.id);
  const ceo = sorted.find(isChiefExecutive) ?? make('Chief Executive Officer', 'Executive', 'C-Level');
  const managerOf = new Map<number, number | null>([[ceo.id, null]]);
  const departments = [...new Set(sorted.filter((p) => p.id !== ceo.id).map((p) => p.department ?? 'Operations'))];
  for (const department of departments) {
    const members = sorted.filter((p) => p.id !== ceo.id && (p.department ?? 'Operations') === department);
    const head = members.find((p) => HEAD_LEVELS.has(p.seniority ?? '')) ?? make(`VP of ${department}`, department, 'VP');
    managerOf.set(head.id, ceo.id);
    const rest = members.filter((p) => p.id !== head.id);
    const director = rest.find((p) => p.seniority === 'Director') ?? make(`Director of ${department}`, department, 'Director');
    managerOf.set(director.id, head.id);
    const managers = rest.filter((p) => p.seniority === 'Manager');
    for (const m of managers) managerOf.set(m.id, director.id);
    for (const p of rest) {
      if (managerOf.has(p.id)) continue;
      // Other leaders report to the head; everyone else to the first manager, or the director.
      managerOf.set(p.id, HEAD_LEVELS.has(p.seniority ?? '') || p.seniority === 'Director' ? head.id : (managers[0]?.id ?? director.id));
    }
  }

  const positions: OrgPositionRow[] = [];
  const place = (id: number, managerId: number | null, tier: number, subTier: number) => {
    positions.push({ contact_id: id, company_id: company.id, manager_id: managerId, tier, sub_tier: subTier });
    const reports = [...managerOf].filter(([, m]) => m === id).map(([r]) => r);
    reports.forEach((r, i) => place(r, id, tier + 1, i + 1));
  };
  place(ceo.id, null, 1, 1);
  return { contacts: generated, positions };
}
