/**
 * The lookups a published client asks for (GET /lookup/…): the values its criteria take, and the
 * input and output fields of each endpoint, as this server's data has them.
 */
import { z } from 'zod';
import {
  companyFeedRequest,
  companySearchCriteria,
  companySummary,
  contactSearchCriteria,
  contactSummary,
  enrichCompanyRequest,
  enrichContactRequest,
  enrichIntentRequest,
  intentSearchRequest,
  newsArticle,
  personInput,
  companyInput,
  scoop,
} from '../../utils/schemas/enterprise-api.ts';
import type { Queryable } from '../db/index.ts';
import { PUBLISHED_INPUTS } from './published-inputs.ts';
import { COMPANY_FIELDS, CONTACT_COMPANY_FIELDS, CONTACT_FIELDS, EMPLOYEE_BANDS, EMPLOYEE_TOP_BAND, REVENUE_BANDS, REVENUE_TOP_BAND } from './records.ts';
import { techLookup } from './tech-tags.ts';

/** The published management levels, and the seniorities of this server's data each covers. */
export const MANAGEMENT_LEVELS: Record<string, string[]> = {
  'C Level Exec': ['C-Level'],
  'VP Level Exec': ['VP'],
  Director: ['Director'],
  Manager: ['Manager'],
  'Non Manager': ['Senior', 'Individual Contributor', 'Entry'],
};

export interface LookupValue {
  id: number | string;
  name: string;
}

const numbered = (names: string[]): LookupValue[] => names.map((name, i) => ({ id: i + 1, name }));

/** The values of a published lookup, or null when it is not one this server has. */
export async function publishedLookup(db: Queryable, name: string): Promise<LookupValue[] | null> {
  const kind = (k: string) => db.query<LookupValue>('SELECT id, name FROM lookups WHERE kind = $1 ORDER BY id', [k]);
  const distinct = async (column: 'state' | 'country') =>
    numbered((await db.query<{ v: string }>(`SELECT DISTINCT ${column} AS v FROM companies WHERE ${column} IS NOT NULL ORDER BY 1`)).map((r) => r.v));
  switch (name) {
    case 'department':
      return kind('departments');
    case 'industry':
      return kind('industries');
    case 'tech/product':
      return techLookup();
    case 'managementLevel':
      return numbered(Object.keys(MANAGEMENT_LEVELS));
    case 'state':
      return distinct('state');
    case 'country':
      return distinct('country');
    case 'employeecount':
      return numbered([...EMPLOYEE_BANDS.map(([, band]) => band), EMPLOYEE_TOP_BAND]);
    case 'revenuerange':
      return numbered([...REVENUE_BANDS.map(([, band]) => band), REVENUE_TOP_BAND]);
    default:
      return null;
  }
}

export const PUBLISHED_LOOKUPS = ['department', 'industry', 'tech/product', 'managementLevel', 'state', 'country', 'employeecount', 'revenuerange'];

export interface FieldEntry {
  fieldName: string;
  fieldType?: string;
  accessGranted: boolean;
}

function typesOf(schema: z.ZodObject): Record<string, string> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, { type?: string }> };
  return Object.fromEntries(Object.entries(json.properties ?? {}).map(([k, v]) => [k, v.type ?? 'string']));
}

function inputs(schema: z.ZodObject, documented: readonly string[]): FieldEntry[] {
  const types = typesOf(schema);
  const served = Object.keys(schema.shape).map((fieldName) => ({ fieldName, fieldType: types[fieldName] ?? 'string', accessGranted: true }));
  // Documented fields this data cannot serve are listed too, without access (a search answers them 400).
  const refused = documented.filter((f) => !(f in schema.shape)).map((fieldName) => ({ fieldName, accessGranted: false }));
  return [...served, ...refused];
}

const outputs = (names: readonly string[]): FieldEntry[] => names.map((fieldName) => ({ fieldName, accessGranted: true }));

/**
 * The published output fields of intent search and enrich, by their published names (the company
 * ones land in the nested `company`); `category` is there but always null in this data.
 */
const INTENT_OUTPUTS: FieldEntry[] = [
  ...outputs(['id', 'topic', 'signalScore', 'audienceStrength', 'newSignal', 'signalDate', 'companyId', 'companyName', 'companyWebsite', 'companyHasOtherTopicConsumption', 'recommendedContacts']),
  { fieldName: 'category', accessGranted: false },
];

/** `/lookup/inputfields/{entity}/{action}` and `/lookup/outputfields/{entity}/{action}`. */
export const FIELD_LOOKUPS: Record<string, { input: () => FieldEntry[]; output: () => FieldEntry[] }> = {
  'contact/search': { input: () => inputs(contactSearchCriteria, PUBLISHED_INPUTS.contactSearch), output: () => outputs(Object.keys(contactSummary.shape)) },
  'company/search': {
    input: () => inputs(companySearchCriteria, PUBLISHED_INPUTS.companySearch),
    output: () => outputs(Object.keys(companySummary.shape).filter((f) => f !== 'employeeCount' && f !== 'revenue')),
  },
  'intent/search': { input: () => inputs(intentSearchRequest, PUBLISHED_INPUTS.intentSearch), output: () => INTENT_OUTPUTS },
  'news/search': { input: () => inputs(companyFeedRequest, PUBLISHED_INPUTS.feedSearch), output: () => outputs(Object.keys(newsArticle.shape)) },
  'scoop/search': { input: () => inputs(companyFeedRequest, PUBLISHED_INPUTS.feedSearch), output: () => outputs(Object.keys(scoop.shape)) },
  'contact/enrich': {
    input: () => inputs(personInput, []).concat(inputs(enrichContactRequest, []).filter((f) => f.fieldName === 'outputFields')),
    output: () => outputs([...CONTACT_FIELDS, ...Object.keys(CONTACT_COMPANY_FIELDS)]),
  },
  'company/enrich': {
    input: () => inputs(companyInput, []).concat(inputs(enrichCompanyRequest, []).filter((f) => f.fieldName === 'outputFields')),
    output: () => outputs(COMPANY_FIELDS),
  },
  'intent/enrich': {
    input: () =>
      inputs(companyInput, [])
        .concat(inputs(enrichIntentRequest, []).filter((f) => f.fieldName === 'topics'))
        .concat(PUBLISHED_INPUTS.intentEnrich.map((fieldName) => ({ fieldName, accessGranted: false }))),
    output: () => INTENT_OUTPUTS,
  },
};
