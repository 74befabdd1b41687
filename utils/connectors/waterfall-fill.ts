/**
 * The waterfall behind the provider: after the provider's answer for a contact (and a company's
 * phone), each configured field it left empty is tried through the configured steps in order
 * (runWaterfall); a value found is written into the result with its source's label, so the card
 * and the page's badge can say "from App-Z".
 */
import type { FinalState } from '../lookup/results.ts';
import type { Detection } from '../schemas/detection.ts';
import type { LookupResult } from '../schemas/lookup.ts';
import type { ConnectorDefinition } from './connector.ts';
import { valuesFromEntity, type EntityValues } from './entity-values.ts';
import { enrichOutputs, type SectionDeps } from './sections.ts';
import { tabEntityValues } from './tab-entity-values.ts';
import type { WaterfallConfig, WaterfallField, WaterfallStep } from './views.ts';
import { runWaterfall, type WaterfallSource } from './waterfall.ts';
import { PROVIDER_STEP, stepKey } from './waterfall-sources.ts';

export interface WaterfallFillDeps extends SectionDeps {
  config: WaterfallConfig;
  connectors: readonly ConnectorDefinition[];
}

/** The provider's value for a field, read from and written back into a result. */
function fieldOf(result: LookupResult, field: WaterfallField): string | null {
  if (result.type === 'company') return field === 'companyPhone' ? (result.company.phone ?? null) : null;
  const { contact } = result;
  switch (field) {
    case 'mobilePhone':
      return contact?.mobilePhone ?? null;
    case 'directPhone':
      return contact?.phone ?? null;
    case 'email':
      return contact?.email ?? null;
    case 'companyPhone':
      return result.company?.phone ?? null;
  }
}

function withField(result: LookupResult, field: WaterfallField, value: string): LookupResult {
  if (result.type === 'company') return field === 'companyPhone' ? { ...result, company: { ...result.company, phone: value } } : result;
  const { contact } = result;
  switch (field) {
    case 'mobilePhone':
      return contact ? { ...result, contact: { ...contact, mobilePhone: value } } : result;
    case 'directPhone':
      return contact ? { ...result, contact: { ...contact, phone: value } } : result;
    case 'email':
      return contact ? { ...result, contact: { ...contact, email: value } } : result;
    case 'companyPhone':
      return result.company ? { ...result, company: { ...result.company, phone: value } } : result;
  }
}

function fillable(result: LookupResult, field: WaterfallField): boolean {
  if (result.type === 'company') return field === 'companyPhone';
  return field === 'companyPhone' ? result.company !== null : result.contact !== null && result.revealed;
}

function connectorSource(step: Extract<WaterfallStep, { kind: 'connector' }>, deps: WaterfallFillDeps): WaterfallSource<EntityValues> | null {
  const definition = deps.connectors.find((c) => c.id === step.connectorId);
  const action = definition?.actions.find((a) => a.id === step.actionId && a.category === 'Enrich');
  if (!definition || !action) return null;
  // A step on one of the action's own outputs (the usual set-up) shares the card section's cached
  // answer: one request serves both. Another path is an output set of its own, cached apart.
  const own = action.outputs.some((o) => o.path === step.outputPath);
  const wanted = own ? action : { ...action, outputs: [{ path: step.outputPath, label: definition.name }] };
  return {
    id: stepKey(step),
    label: definition.name,
    async lookup(entity) {
      const values = valuesFromEntity(action, entity);
      if (!values) return null;
      const { outputs } = await enrichOutputs(definition, wanted, values, deps, false, own ? '' : step.outputPath);
      const value = outputs.find((o) => o.path === step.outputPath)?.value ?? null;
      const picked = Array.isArray(value) ? (value[0] ?? null) : value;
      return typeof picked === 'string' || typeof picked === 'number' ? String(picked) : null;
    },
  };
}

export async function fillFromWaterfall(state: FinalState, detection: Detection, key: string, deps: WaterfallFillDeps): Promise<FinalState> {
  if (state.status !== 'RESULT' || state.result.held) return state;
  let result = state.result;
  const filledBy: Record<string, string> = { ...result.filledBy };
  const entity = tabEntityValues({ key, detection, state });
  for (const [field, steps] of Object.entries(deps.config) as [WaterfallField, WaterfallStep[]][]) {
    if (!fillable(result, field) || fieldOf(result, field) || steps.length === 0) continue;
    const provided = fieldOf(result, field);
    const sources = steps.flatMap((step): WaterfallSource<EntityValues>[] => {
      if (step.kind === 'provider') return [{ id: PROVIDER_STEP, label: result.provenance.provider, lookup: () => Promise.resolve(provided) }];
      const source = connectorSource(step, deps);
      return source ? [source] : [];
    });
    const found = await runWaterfall(field, steps.map(stepKey), sources, entity);
    if (found.value !== null && found.sourceId !== PROVIDER_STEP) {
      result = withField(result, field, found.value);
      filledBy[field] = found.sourceLabel;
    }
  }
  return Object.keys(filledBy).length > 0 ? { ...state, result: { ...result, filledBy } } : state;
}
