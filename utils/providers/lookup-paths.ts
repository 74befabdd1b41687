import type { LookupField } from '../schemas/enterprise-api.ts';

/**
 * Where each lookup lives: the published path first (`/lookup/managementLevel`), then the spelling
 * the reference server first answered (`/lookup/managementlevel`).
 */
export const LOOKUP_PATHS: Record<LookupField, readonly [string, ...string[]]> = {
  departments: ['lookup/department', 'lookup/departments'],
  managementlevel: ['lookup/managementLevel', 'lookup/managementlevel'],
  industries: ['lookup/industry', 'lookup/industries'],
  'intent/topics': ['lookup/intent/topics'],
  technologies: ['lookup/tech/product', 'lookup/technologies'],
};
