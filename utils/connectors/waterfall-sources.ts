/**
 * What a waterfall step is and what it is called: the key that identifies a step (shared by the
 * worker's waterfall-fill.ts and the Options editor), the sources an admin can pick from — the
 * provider and every output of every Enrich action — and a step's label, "missing: …" when its
 * connector or action is gone.
 */
import type { ConnectorDefinition } from './connector.ts';
import type { WaterfallField, WaterfallStep } from './views.ts';

export const PROVIDER_STEP = 'provider';

export const WATERFALL_FIELD_LABELS: Record<WaterfallField, string> = {
  mobilePhone: 'Mobile phone',
  directPhone: 'Direct phone',
  email: 'Email',
  companyPhone: 'Company phone',
};

/** One string per step; two steps with the same key are the same source. */
export const stepKey = (step: WaterfallStep): string => (step.kind === 'provider' ? PROVIDER_STEP : `${step.connectorId}/${step.actionId}/${step.outputPath}`);

export interface WaterfallSourceOption {
  key: string;
  label: string;
  step: WaterfallStep;
}

/** "Your provider", then each output of each Enrich action, connector by connector. */
export function waterfallSources(connectors: readonly ConnectorDefinition[]): WaterfallSourceOption[] {
  const provider: WaterfallSourceOption = { key: PROVIDER_STEP, label: 'Your provider', step: { kind: 'provider' } };
  const outputs = connectors.flatMap((connector) =>
    connector.actions
      .filter((action) => action.category === 'Enrich')
      .flatMap((action) =>
        action.outputs.map((output): WaterfallSourceOption => {
          const step: WaterfallStep = { kind: 'connector', connectorId: connector.id, actionId: action.id, outputPath: output.path };
          return { key: stepKey(step), label: `${connector.name} · ${action.name} · ${output.label}`, step };
        }),
      ),
  );
  return [provider, ...outputs];
}

export type StepDescription = { label: string; missing: false } | { label: string; missing: true; reason: string };

/**
 * How the editor shows a step. The worker skips a step whose connector or Enrich action is gone,
 * so it is labelled "missing" for the admin to remove; a path that is not (or no longer) one of
 * the action's outputs still runs, and is shown by its path.
 */
export function describeStep(step: WaterfallStep, connectors: readonly ConnectorDefinition[]): StepDescription {
  if (step.kind === 'provider') return { label: 'Your provider', missing: false };
  const connector = connectors.find((c) => c.id === step.connectorId);
  if (!connector) return { label: `missing: ${step.connectorId} · ${step.actionId} · ${step.outputPath}`, missing: true, reason: `There is no connector "${step.connectorId}" any more.` };
  const action = connector.actions.find((a) => a.id === step.actionId && a.category === 'Enrich');
  if (!action) return { label: `missing: ${connector.name} · ${step.actionId} · ${step.outputPath}`, missing: true, reason: `${connector.name} has no Enrich action "${step.actionId}" any more.` };
  const output = action.outputs.find((o) => o.path === step.outputPath);
  return { label: `${connector.name} · ${action.name} · ${output?.label ?? step.outputPath}`, missing: false };
}
