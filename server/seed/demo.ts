/**
 * The demo records (server/seed/demo-dataset.json, a copy of shared/demo-dataset.json): always in
 * the database with exactly their ids and values. Parsed with zod so a bad edit fails at start.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { CompanyRow, ContactRow, NewsRow, ScoopRow } from './rows.ts';

const place = z.object({ city: z.string().nullable(), state: z.string().nullable(), country: z.string().nullable() });

const demoCompany = z.object({
  id: z.number().int(),
  name: z.string(),
  domain: z.string().nullable(),
  website: z.string().nullable(),
  industry: z.string().nullable(),
  sub_industry: z.string().nullable(),
  functions: z.array(z.string()),
  employees: z.number().int().nullable(),
  revenue_usd: z.number().nullable(),
  location: place,
  technologies: z.array(z.string()),
  created_at: z.string(),
  founded_year: z.number().int().nullable(),
  ticker: z.string().nullable(),
  linkedin_url: z.string().nullable(),
  intent: z
    .array(
      z.object({
        topic: z.string(),
        score: z.number().int(),
        spike: z.boolean(),
        signal_date: z.string(),
        audience_strength: z.enum(['low', 'medium', 'high']),
      }),
    )
    .default([]),
  news: z
    .array(z.object({ headline: z.string(), category: z.string().nullable().optional(), published_at: z.string().nullable().optional(), url: z.string().nullable().optional() }))
    .default([]),
  scoops: z
    .array(z.object({ type: z.string().nullable().optional(), description: z.string(), published_at: z.string().nullable().optional() }))
    .default([]),
});

const demoContact = z.object({
  id: z.number().int(),
  first_name: z.string(),
  last_name: z.string(),
  job_title: z.string().nullable(),
  department: z.string().nullable(),
  seniority: z.string().nullable(),
  is_decision_maker: z.boolean(),
  company_id: z.number().int(),
  email: z.string().nullable(),
  personal_email: z.string().nullable(),
  phone: z.string().nullable(),
  mobile_phone: z.string().nullable(),
  linkedin_url: z.string().nullable(),
  location: place,
});

const demoDataset = z.object({ companies: z.array(demoCompany), contacts: z.array(demoContact) });
export type DemoDataset = z.infer<typeof demoDataset>;
export type DemoCompany = z.infer<typeof demoCompany>;
export type DemoContact = z.infer<typeof demoContact>;

export const DEMO_DATASET_PATH = new URL('./demo-dataset.json', import.meta.url);

let cached: DemoDataset | undefined;
export function loadDemoDataset(): DemoDataset {
  cached ??= demoDataset.parse(JSON.parse(readFileSync(DEMO_DATASET_PATH, 'utf8')));
  return cached;
}

export function demoCompanyRow(c: DemoCompany): CompanyRow {
  return {
    id: c.id,
    name: c.name,
    domain: c.domain,
    website: c.website,
    industry: c.industry,
    sub_industry: c.sub_industry,
    functions: c.functions,
    employees: c.employees,
    revenue_usd: c.revenue_usd,
    city: c.location.city,
    state: c.location.state,
    country: c.location.country,
    technologies: c.technologies,
    created_at: c.created_at,
    founded_year: c.founded_year,
    ticker: c.ticker,
    linkedin_url: c.linkedin_url,
    street: null,
    zip_code: null,
    phone: null,
    description: null,
    total_funding_usd: null,
    recent_funding_date: null,
  };
}

export function demoContactRow(c: DemoContact): ContactRow {
  return {
    id: c.id,
    company_id: c.company_id,
    first_name: c.first_name,
    last_name: c.last_name,
    job_title: c.job_title,
    department: c.department,
    seniority: c.seniority,
    is_decision_maker: c.is_decision_maker,
    email: c.email,
    personal_email: c.personal_email,
    phone: c.phone,
    mobile_phone: c.mobile_phone,
    direct_dnc: c.phone ? false : null,
    mobile_dnc: c.mobile_phone ? false : null,
    linkedin_url: c.linkedin_url,
    city: c.location.city,
    state: c.location.state,
    country: c.location.country,
    accuracy_score: null,
    updated_at: null,
    picture: null,
  };
}

/** Demo news ids are company id × 10 + n; generated ones start at 1,000,000. */
export function demoNewsRows(c: DemoCompany): NewsRow[] {
  return c.news.map((n, i) => ({
    id: c.id * 10 + i,
    company_id: c.id,
    headline: n.headline,
    category: n.category ?? null,
    published_date: n.published_at ?? null,
    url: n.url ?? null,
  }));
}

export function demoScoopRows(c: DemoCompany): ScoopRow[] {
  return c.scoops.map((s, i) => ({
    id: c.id * 10 + i,
    company_id: c.id,
    type: s.type ?? null,
    description: s.description,
    published_date: s.published_at ?? null,
  }));
}
