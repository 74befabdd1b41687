import { z } from 'zod';
import { companySummary, contactSummary, type IntentCompany, type IntentSearchResult, type IntentSignal } from './enterprise-api.ts';

/**
 * Readers for the enterprise API answers whose published shape differs from the one the reference
 * server first answered (api-contract.md, Amendments). The client must work against both — a real
 * account and any reference server — so each reader accepts either form and returns one shape.
 */

const maybe = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

/** An intent signal as either form has it: `companyId` (reference) or `company { id }` (published). */
const anySignal = z.object({
  id: maybe(z.union([z.string(), z.number()])),
  companyId: maybe(z.number()),
  company: maybe(z.object({ id: z.number(), name: maybe(z.string()), website: maybe(z.string()) })),
  topic: z.string(),
  topicId: maybe(z.union([z.number(), z.string()])),
  category: maybe(z.string()),
  signalScore: z.number().min(0).max(100),
  signalDate: maybe(z.string()),
  audienceStrength: maybe(z.string()),
  spike: maybe(z.boolean()),
  /** The published name of a spike. */
  newSignal: maybe(z.boolean()),
  recommendedContacts: maybe(z.array(contactSummary)),
});
type AnySignal = z.infer<typeof anySignal>;

function toSignal(s: AnySignal, companyId: number): IntentSignal {
  return {
    companyId: s.companyId ?? s.company?.id ?? companyId,
    topic: s.topic,
    topicId: s.topicId ?? s.id ?? null,
    signalScore: s.signalScore,
    signalDate: s.signalDate ?? null,
    audienceStrength: s.audienceStrength ?? null,
    spike: s.spike ?? s.newSignal ?? null,
    recommendedContacts: s.recommendedContacts ?? [],
  };
}

/**
 * `/enrich/intent`: `{ data: { result: [ { data: [signal] } ] } }` (reference) or `{ data: [signal] }`
 * (published). Signals of one company; `companyId` fills in where a signal does not name it.
 */
export function intentEnrichReader(companyId: number) {
  return z
    .union([
      z.object({ data: z.object({ result: z.array(z.object({ data: z.array(anySignal) })) }) }).transform((b) => b.data.result.flatMap((r) => r.data)),
      z.object({ data: z.array(anySignal) }).transform((b) => b.data),
    ])
    .transform((signals) => signals.map((s) => toSignal(s, companyId)));
}

const envelope = { maxResults: z.number().int(), totalResults: z.number().int(), currentPage: z.number().int() };

/**
 * `/search/intent`: companies each with their signals (reference), or one row per signal naming its
 * company (published) — grouped here by company, in the order the companies first appear.
 */
export const intentSearchReader = z.union([
  z.object({ ...envelope, data: z.array(companySummary.extend({ signals: z.array(anySignal) })) }).transform(
    (b): IntentSearchResult => ({ ...b, data: b.data.map((c) => ({ ...c, signals: c.signals.map((s) => toSignal(s, c.id)) })) }),
  ),
  z.object({ ...envelope, data: z.array(anySignal.extend({ company: z.object({ id: z.number(), name: maybe(z.string()), website: maybe(z.string()) }) })) }).transform(
    (b): IntentSearchResult => {
      const companies = new Map<number, IntentCompany>();
      for (const row of b.data) {
        const company = companies.get(row.company.id) ?? { id: row.company.id, name: row.company.name, website: row.company.website, signals: [] };
        company.signals.push(toSignal(row, row.company.id));
        companies.set(row.company.id, company);
      }
      return { maxResults: b.maxResults, totalResults: b.totalResults, currentPage: b.currentPage, data: [...companies.values()] };
    },
  ),
]);

const lookupEntry = z.union([
  z.object({ id: z.union([z.number(), z.string()]), name: z.string() }),
  z.object({ Id: maybe(z.union([z.number(), z.string()])), Name: z.string() }).transform((e) => ({ id: e.Id ?? e.Name, name: e.Name })),
  z.string().transform((name) => ({ id: name, name })),
]);

/** `/lookup/*`: `{ data: [ { id, name } ] }` (reference) or a bare list of `{ Id?, Name }` or strings (published). */
export const lookupReader = z.union([z.object({ data: z.array(lookupEntry) }).transform((b) => b.data), z.array(lookupEntry)]);
export type LookupValue = z.infer<typeof lookupReader>[number];

/** One person of an org chart: a contact summary (previewed free, revealed on demand) and their place in it. */
export const orgPerson = contactSummary.extend({
  tier: z.number().int().min(1),
  subTier: z.number().int(),
  /** Whom they report to, when the provider says; null leaves it to the tiers (utils/company/org-tree.ts). */
  managerId: z.number().nullable(),
});
export type OrgPerson = z.infer<typeof orgPerson>;

const id = z.union([z.number().int(), z.string().regex(/^-?\d+$/).transform(Number)]);

const orgEntry = z.object({
  id,
  firstName: maybe(z.string()),
  lastName: maybe(z.string()),
  /** Published: `title`; `jobTitle` as the contact records name it. */
  title: maybe(z.string()),
  jobTitle: maybe(z.string()),
  department: maybe(z.string()),
  managementLevel: maybe(z.union([z.string(), z.array(z.string())])),
  hasEmail: maybe(z.boolean()),
  hasDirectPhone: maybe(z.boolean()),
  contactAccuracyScore: maybe(z.number()),
  orgChartTier: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]),
  orgChartSubTier: maybe(z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)])),
  managerId: maybe(id),
  company: maybe(z.object({ id, name: maybe(z.string()) })),
});

/** `/enrich/orgchart`: `{ maxResults, totalResults, currentPage, data: [person] }` as published, `managerId` where the provider adds it. */
export const orgChartReader = z.object({ data: z.array(orgEntry) }).transform((b) =>
  b.data.map(
    (p): OrgPerson => ({
      id: p.id,
      firstName: p.firstName,
      lastName: p.lastName,
      jobTitle: p.title ?? p.jobTitle,
      department: p.department,
      managementLevel: p.managementLevel,
      hasEmail: p.hasEmail,
      hasDirectPhone: p.hasDirectPhone,
      contactAccuracyScore: p.contactAccuracyScore,
      company: p.company,
      tier: Math.max(1, p.orgChartTier),
      subTier: p.orgChartSubTier ?? 1,
      managerId: p.managerId ?? null,
    }),
  ),
);

/** A company of a corporate family, enough to name it and open its card. */
export const familyCompany = z.object({ id: z.number(), name: z.string(), city: z.string().nullable(), state: z.string().nullable() });
export type FamilyCompany = z.infer<typeof familyCompany>;

export const corporateFamily = z.object({
  /** The companies above this one, nearest first. */
  parents: z.array(familyCompany),
  /** The companies directly below this one. */
  subsidiaries: z.array(familyCompany),
});
export type CorporateFamily = z.infer<typeof corporateFamily>;

interface AnyNode {
  companyId: number;
  name?: string | null;
  city?: string | null;
  state?: string | null;
  subUnitTypeInfo?: { typeId?: number | null } | null;
  familyNodes?: AnyNode[] | null;
}
const anyNode: z.ZodType<AnyNode> = z.lazy(() =>
  z.object({
    companyId: id,
    name: maybe(z.string()),
    city: maybe(z.string()),
    state: maybe(z.string()),
    subUnitTypeInfo: maybe(z.object({ typeId: maybe(z.number()) })),
    familyNodes: maybe(z.array(anyNode)),
  }),
);

/** Published locations (typeId 1) of a family tree are offices, not companies: they have no card of their own. */
const LOCATION_TYPE = 1;

function findNode(nodes: AnyNode[], companyId: number): AnyNode | undefined {
  for (const node of nodes) {
    if (node.companyId === companyId) return node;
    const below = findNode(node.familyNodes ?? [], companyId);
    if (below) return below;
  }
  return undefined;
}

const named = (n: { id: number; name?: string | null; city?: string | null; state?: string | null }): FamilyCompany | null =>
  n.name ? { id: n.id, name: n.name, city: n.city ?? null, state: n.state ?? null } : null;

/**
 * `/enrich/corporatehierarchy` for one company: `{ data: { result: [ { data: [ { parentage, familyTree } ] } ] } }`.
 * Parents from `parentage`; subsidiaries are the company's own node's children in `familyTree`.
 */
export function corporateHierarchyReader(companyId: number) {
  return z
    .object({
      data: z.object({
        result: z.array(
          z.object({
            data: z.array(
              z.object({
                parentage: maybe(
                  z.array(
                    z.object({ companyId: id, companyName: maybe(z.string()), city: maybe(z.string()), state: maybe(z.string()) }),
                  ),
                ),
                familyTree: maybe(z.array(anyNode)),
              }),
            ),
          }),
        ),
      }),
    })
    .transform((b): CorporateFamily => {
      const found = b.data.result[0]?.data[0];
      if (!found) return { parents: [], subsidiaries: [] };
      const parents = (found.parentage ?? []).map((p) => named({ id: p.companyId, name: p.companyName, city: p.city, state: p.state })).filter((p) => p !== null);
      const own = findNode(found.familyTree ?? [], companyId);
      const subsidiaries = (own?.familyNodes ?? [])
        .filter((n) => n.subUnitTypeInfo?.typeId !== LOCATION_TYPE)
        .map((n) => named({ id: n.companyId, name: n.name, city: n.city, state: n.state }))
        .filter((n) => n !== null);
      return { parents, subsidiaries };
    });
}
