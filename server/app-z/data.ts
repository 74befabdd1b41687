/**
 * App-Z's records, derived from the demo dataset so every run answers the same: competitors per
 * company, a CRM view of each demo person (mobile phone and deal stage), and the accounts list.
 * App-Z knows a mobile number for every other demo person, including people the enterprise API has
 * none for — the gap a connector waterfall exists to fill.
 */
import { loadDemoDataset, type DemoCompany, type DemoContact } from '../seed/demo.ts';

export const DEAL_STAGES = ['Prospecting', 'Discovery', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost'] as const;

export const ACCOUNTS_PER_PAGE = 5;

export interface Competitor {
  name: string;
  domain: string | null;
  /** Share of head-to-head deals won against this competitor, 0–1. */
  winRate: number;
  deals: number;
}

export interface AppZPerson {
  email: string;
  firstName: string;
  lastName: string;
  jobTitle: string | null;
  mobilePhone: string | null;
  dealStage: (typeof DEAL_STAGES)[number];
  company: { name: string; domain: string | null };
}

export interface AppZAccount {
  id: string;
  name: string;
  domain: string | null;
  industry: string | null;
  employees: number | null;
  owner: string;
  arrUsd: number;
}

/** FNV-1a: a stable small hash, so derived numbers do not change between runs or machines. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function companyOf(contact: DemoContact, companies: DemoCompany[]): DemoCompany | undefined {
  return companies.find((c) => c.id === contact.company_id);
}

/** A mobile number next to the person's office line: same prefix, a different last block. */
function derivedMobile(contact: DemoContact): string | null {
  if (contact.mobile_phone) return contact.mobile_phone;
  if (contact.id % 2 !== 0 || !contact.phone) return null;
  const last = /(\d{4})$/.exec(contact.phone);
  if (!last?.[1]) return null;
  const block = String((Number(last[1]) + 70) % 10000).padStart(4, '0');
  return contact.phone.slice(0, -4) + block;
}

export function competitorsOf(domain: string): { company: string; competitors: Competitor[] } | null {
  const { companies } = loadDemoDataset();
  const wanted = domain.trim().toLowerCase();
  const company = companies.find((c) => c.domain === wanted);
  if (!company) return null;
  // Same industry first (the likeliest rivals), then the rest, in a stable per-company order.
  const others = companies
    .filter((c) => c.id !== company.id)
    .sort((a, b) => Number(b.industry === company.industry) - Number(a.industry === company.industry) || hash(wanted + a.name) - hash(wanted + b.name));
  const competitors = others.slice(0, 3).map((c) => {
    const h = hash(`${wanted}|${c.name}`);
    return { name: c.name, domain: c.domain, winRate: Math.round((0.2 + (h % 61) / 100) * 100) / 100, deals: 4 + (h % 37) };
  });
  return { company: company.name, competitors };
}

export function personByEmail(email: string): AppZPerson | null {
  const { contacts, companies } = loadDemoDataset();
  const wanted = email.trim().toLowerCase();
  const contact = contacts.find((c) => c.email?.toLowerCase() === wanted);
  if (!contact?.email) return null;
  const company = companyOf(contact, companies);
  return {
    email: contact.email,
    firstName: contact.first_name,
    lastName: contact.last_name,
    jobTitle: contact.job_title,
    mobilePhone: derivedMobile(contact),
    dealStage: DEAL_STAGES[contact.id % DEAL_STAGES.length] ?? 'Prospecting',
    company: { name: company?.name ?? '', domain: company?.domain ?? null },
  };
}

/** True when the domain is one of App-Z's companies (a note must be about someone App-Z knows). */
export function isKnownCompanyDomain(domain: string): boolean {
  return loadDemoDataset().companies.some((c) => c.domain === domain.trim().toLowerCase());
}

const OWNERS = ['Avery Stone', 'Jordan Reyes', 'Sam Okoro', 'Robin Vance'];

export function accountsPage(page: number): { data: AppZAccount[]; page: number; perPage: number; total: number; totalPages: number } {
  const { companies } = loadDemoDataset();
  const sorted = [...companies].sort((a, b) => a.id - b.id);
  const data = sorted.slice((page - 1) * ACCOUNTS_PER_PAGE, page * ACCOUNTS_PER_PAGE).map((c) => ({
    id: `acc_${c.id}`,
    name: c.name,
    domain: c.domain,
    industry: c.industry,
    employees: c.employees,
    owner: OWNERS[hash(c.name) % OWNERS.length] ?? 'Avery Stone',
    arrUsd: 12_000 + (hash(`arr|${c.name}`) % 180) * 1_000,
  }));
  return { data, page, perPage: ACCOUNTS_PER_PAGE, total: sorted.length, totalPages: Math.ceil(sorted.length / ACCOUNTS_PER_PAGE) };
}
