/**
 * Deterministic generated records. Faker (seeded) supplies vocabularies once; each record then
 * comes from its own small PRNG keyed by (seed, kind, index), so generation is fast (no faker call
 * per record), and a record does not depend on how many others were generated before it.
 */
import { Faker, en } from '@faker-js/faker';
import { slug } from '../lib/normalize.ts';
import type { CompanyRow, ContactRow, NewsRow, ScoopRow, SignalRow } from './rows.ts';
import {
  COUNTRIES,
  COUNTRY_WEIGHTS,
  DEPARTMENTS,
  DEPARTMENT_WEIGHTS,
  INDUSTRIES,
  NEWS_TEMPLATES,
  SCOOP_TEMPLATES,
  SENIORITIES,
  SUFFIXES,
  TECHNOLOGIES,
} from './pools.ts';
import { mulberry32 } from '../lib/random.ts';

export const GENERATED_COMPANY_BASE = 100_000;
export const GENERATED_CONTACT_BASE = 1_000_000;
/** Three contacts with the same name at the first generated company: a guaranteed MULTI_MATCH. */
export const NAMESAKE_IDS = [999_001, 999_002, 999_003];
export const NAMESAKE = { firstName: 'Alex', lastName: 'Morgan' };

export function hash32(...parts: number[]): number {
  let h = 2166136261;
  for (const p of parts) {
    h ^= p;
    h = Math.imul(h, 16777619);
    h ^= h >>> 13;
  }
  return h >>> 0;
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const between = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
function weighted<T>(rng: Rng, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = rng() * total;
  for (let i = 0; i < items.length; i++) {
    r -= weights[i] ?? 0;
    if (r < 0) return items[i] as T;
  }
  return items[items.length - 1] as T;
}
function sample<T>(rng: Rng, items: readonly T[], n: number): T[] {
  const copy = [...items];
  const out: T[] = [];
  for (let i = 0; i < n && copy.length > 0; i++) out.push(copy.splice(Math.floor(rng() * copy.length), 1)[0] as T);
  return out;
}
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Reference "today" of the generated data, so a seed is the same whatever day it runs. */
const REFERENCE_DAY = Date.UTC(2026, 10, 15);
const DAY_MS = 86_400_000;

interface Vocab {
  firstNames: string[];
  lastNames: string[];
  adjectives: string[];
  nouns: string[];
  streets: string[];
}

function uniqueBySlug(words: string[], min = 3): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const w of words) {
    const s = slug(w);
    if (s.length < min || seen.has(s)) continue;
    seen.add(s);
    out.push(w);
  }
  return out;
}

function vocabulary(seed: number): Vocab {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed);
  const many = (n: number, f: () => string) => Array.from({ length: n }, f);
  return {
    firstNames: uniqueBySlug(many(1500, () => faker.person.firstName())).slice(0, 400),
    lastNames: uniqueBySlug(many(1500, () => faker.person.lastName())).slice(0, 400),
    adjectives: uniqueBySlug(many(1500, () => faker.word.adjective({ length: { min: 4, max: 8 } }))).slice(0, 200),
    nouns: uniqueBySlug(many(1500, () => faker.word.noun({ length: { min: 4, max: 8 } }))).slice(0, 200),
    streets: many(200, () => faker.location.street()),
  };
}

export interface GeneratedCompany {
  row: CompanyRow;
  signals: (Omit<SignalRow, 'topic_id' | 'company_id'> & { topic: string })[];
  news: NewsRow[];
  scoops: ScoopRow[];
}

export class Generator {
  readonly #seed: number;
  readonly #vocab: Vocab;
  readonly #companyCount: number;
  readonly #topics: readonly string[];
  /** Domains and countries by company index, for contacts. */
  readonly #companyCache = new Map<number, CompanyRow>();

  constructor(seed: number, companyCount: number, topics: readonly string[]) {
    this.#seed = seed;
    this.#vocab = vocabulary(seed);
    this.#companyCount = companyCount;
    this.#topics = topics;
  }

  companyId(index: number): number {
    return GENERATED_COMPANY_BASE + index + 1;
  }

  company(index: number): GeneratedCompany {
    const rng = mulberry32(hash32(this.#seed, 1, index));
    const { adjectives, nouns, streets } = this.#vocab;
    const combos = adjectives.length * nouns.length * SUFFIXES.length;
    // A bijection of index onto the name space, so neighbours do not share words.
    const k = (index * 7_919 + 104_729) % combos;
    const adjective = adjectives[k % adjectives.length] ?? 'bright';
    const noun = nouns[Math.floor(k / adjectives.length) % nouns.length] ?? 'harbor';
    const suffix = SUFFIXES[Math.floor(k / (adjectives.length * nouns.length)) % SUFFIXES.length] ?? 'Co';
    const round = Math.floor(index / combos);
    const name = `${capital(adjective)} ${capital(noun)} ${suffix}${round > 0 ? ` ${round + 1}` : ''}`;
    const country = weighted(rng, COUNTRIES, COUNTRY_WEIGHTS);
    const place = pick(rng, country.places);
    const city = pick(rng, place.cities);
    const tld = pick(rng, country.tlds);
    const domainLabel = `${slug(adjective)}${slug(noun)}${suffix === 'Co' ? '' : slug(suffix)}${round > 0 ? round + 1 : ''}`;
    const domain = `${domainLabel}.${tld}`;
    const industry = pick(rng, INDUSTRIES);
    const employees = Math.round(Math.exp(Math.log(5) + rng() * (Math.log(50_000) - Math.log(5))));
    const revenue = Math.round((employees * between(rng, 40, 320)) / 10) * 10_000;
    const createdAt = Date.UTC(2010, 0, 1) + Math.floor(rng() * (Date.UTC(2025, 11, 31) - Date.UTC(2010, 0, 1)));
    const id = this.companyId(index);
    const funded = rng() < 0.3;
    const row: CompanyRow = {
      id,
      name,
      domain,
      website: `https://www.${domain}`,
      industry: industry.name,
      sub_industry: pick(rng, industry.subs),
      functions: sample(rng, industry.functions, between(rng, 1, 2)),
      employees,
      revenue_usd: revenue,
      city,
      state: place.state,
      country: country.name,
      technologies: sample(rng, TECHNOLOGIES, between(rng, 2, 6)).map((t) => t.tag),
      created_at: new Date(createdAt).toISOString(),
      founded_year: between(rng, 1950, 2023),
      ticker: rng() < 0.03 ? slug(name).slice(0, 4).toUpperCase() : null,
      linkedin_url: `https://www.linkedin.com/company/${domainLabel}`,
      street: `${between(rng, 1, 999)} ${pick(rng, streets)}`,
      zip_code: pad(between(rng, 1000, 99999), 5),
      phone: `${country.phonePrefix} 555 ${pad(id % 10_000_000, 7)}`,
      description: `${name} is a ${industry.name.toLowerCase()} company (${pick(rng, industry.subs)}) based in ${city}, ${country.name}.`,
      total_funding_usd: funded ? between(rng, 1, 400) * 1_000_000 : null,
      recent_funding_date: funded ? day(REFERENCE_DAY - between(rng, 30, 900) * DAY_MS) : null,
    };
    const signals = sample(rng, this.#topics, weighted(rng, [0, 1, 2, 3], [40, 30, 20, 10])).map((topic) => {
      const score = between(rng, 20, 100);
      return {
        topic,
        score,
        signal_date: day(REFERENCE_DAY - between(rng, 0, 60) * DAY_MS),
        audience_strength: (score >= 80 ? 'high' : score >= 55 ? 'medium' : 'low') as 'low' | 'medium' | 'high',
        spike: score >= 85,
      };
    });
    const news: NewsRow[] = sample(rng, NEWS_TEMPLATES, weighted(rng, [0, 1, 2], [50, 35, 15])).map((t, j) => ({
      id: GENERATED_CONTACT_BASE + index * 3 + j,
      company_id: id,
      headline: t.headline(name),
      category: t.category,
      published_date: day(REFERENCE_DAY - between(rng, 1, 365) * DAY_MS),
      url: `https://news.example.com/${domainLabel}/${j + 1}`,
    }));
    const scoops: ScoopRow[] = rng() < 0.35
      ? [{ id: GENERATED_CONTACT_BASE + index, company_id: id, ...pick(rng, SCOOP_TEMPLATES), published_date: day(REFERENCE_DAY - between(rng, 1, 120) * DAY_MS) }]
      : [];
    return { row, signals, news, scoops };
  }

  #companyRow(index: number): CompanyRow {
    let row = this.#companyCache.get(index);
    if (!row) {
      row = this.company(index).row;
      if (this.#companyCache.size > 200_000) this.#companyCache.clear();
      this.#companyCache.set(index, row);
    }
    return row;
  }

  /**
   * Contact `index` works at company `index % companyCount` and is its `index / companyCount`-th
   * employee; first names are spread so that e-mail addresses are unique within a company.
   */
  contact(index: number): ContactRow {
    const rng = mulberry32(hash32(this.#seed, 2, index));
    const companyIndex = index % this.#companyCount;
    const position = Math.floor(index / this.#companyCount);
    const company = this.#companyRow(companyIndex);
    const { firstNames, lastNames } = this.#vocab;
    const first = firstNames[(hash32(this.#seed, 3, companyIndex) + position * 7) % firstNames.length] ?? 'Sam';
    const last = pick(rng, lastNames);
    const id = GENERATED_CONTACT_BASE + index + 1;
    const department = weighted(rng, DEPARTMENTS, DEPARTMENT_WEIGHTS);
    const seniority = weighted(rng, SENIORITIES, SENIORITIES.map((s) => s.weight));
    const country = COUNTRIES.find((c) => c.name === company.country) ?? COUNTRIES[0];
    const elsewhere = rng() < 0.2 && country;
    const place = elsewhere ? pick(rng, country.places) : { state: company.state, cities: [company.city ?? ''] };
    const prefix = country?.phonePrefix ?? '+1';
    const hasMobile = rng() < 0.3;
    const hasPersonal = rng() < 0.15;
    const hasLinkedin = rng() < 0.7;
    const local = `${slug(first)}.${slug(last)}`;
    return {
      id,
      company_id: company.id,
      first_name: first,
      last_name: last,
      job_title: seniority.title(pick(rng, department.roles)),
      department: department.name,
      seniority: seniority.name,
      is_decision_maker: seniority.decisionMaker,
      email: `${local}@${company.domain ?? 'example.com'}`,
      personal_email: hasPersonal ? `${local}${id.toString(36)}@${pick(rng, ['gmail.com', 'outlook.com', 'yahoo.com', 'proton.me'])}` : null,
      phone: `${prefix} 555 ${pad(id % 10_000_000, 7)}`,
      mobile_phone: hasMobile ? `${prefix} 7${pad(id % 100_000_000, 8)}` : null,
      direct_dnc: rng() < 0.05,
      mobile_dnc: hasMobile ? rng() < 0.1 : null,
      linkedin_url: hasLinkedin ? `https://www.linkedin.com/in/${slug(first)}-${slug(last)}-${id.toString(36)}` : null,
      city: pick(rng, place.cities) || null,
      state: place.state,
      country: company.country,
      accuracy_score: between(rng, 70, 99),
      updated_at: new Date(REFERENCE_DAY - between(rng, 0, 400) * DAY_MS).toISOString(),
      picture: null,
    };
  }

  namesakes(): ContactRow[] {
    if (this.#companyCount === 0) return [];
    const company = this.#companyRow(0);
    const titles = ['Account Executive', 'Solutions Engineer', 'Customer Success Manager'];
    const departments = ['Sales', 'Engineering', 'Customer Success'];
    return NAMESAKE_IDS.map((id, i) => ({
      ...this.contact(i * this.#companyCount),
      id,
      first_name: NAMESAKE.firstName,
      last_name: NAMESAKE.lastName,
      job_title: titles[i] ?? null,
      department: departments[i] ?? null,
      seniority: 'Individual Contributor',
      is_decision_maker: false,
      email: `alex.morgan${i === 0 ? '' : i + 1}@${company.domain ?? 'example.com'}`,
      personal_email: null,
      phone: `+1 555 ${pad(id, 7)}`,
      mobile_phone: null,
      mobile_dnc: null,
      linkedin_url: null,
    }));
  }
}
