import { useEffect, useId, useRef, useState } from 'react';
import type { ConnectorDefinition } from '../../../utils/connectors/connector.ts';
import { MAX_WATERFALL_STEPS, WATERFALL_FIELDS, type WaterfallConfig, type WaterfallField, type WaterfallStep } from '../../../utils/connectors/views.ts';
import { describeStep, stepKey, WATERFALL_FIELD_LABELS, waterfallSources, type WaterfallSourceOption } from '../../../utils/connectors/waterfall-sources.ts';
import { useSend } from '../../background.tsx';
import { useAction } from '../../ui.tsx';

type Draft = Record<WaterfallField, WaterfallStep[]>;

const draftOf = (config: WaterfallConfig): Draft => Object.fromEntries(WATERFALL_FIELDS.map((field) => [field, config[field] ?? []])) as Draft;

/** An empty field is left out: it means "provider only", as an absent one does. */
const configOf = (draft: Draft): WaterfallConfig => Object.fromEntries(WATERFALL_FIELDS.filter((field) => draft[field].length > 0).map((field) => [field, draft[field]]));

function StepLabel({ step, connectors }: { step: WaterfallStep; connectors: readonly ConnectorDefinition[] }) {
  const described = describeStep(step, connectors);
  if (!described.missing) return <span className="waterfall-step-label">{described.label}</span>;
  return (
    <span className="waterfall-step-label missing" data-testid="waterfall-missing">
      {described.label} <span className="hint">{described.reason} It is skipped; remove it.</span>
    </span>
  );
}

/**
 * One field's ordered sources. Moving or removing a step re-renders the list, so focus is put
 * back where the keyboard user was: on the moved step's button (or its other move button once it
 * reaches an end), on a neighbour's Remove after a removal.
 */
function FieldSteps({ field, steps, sources, connectors, onChange }: { field: WaterfallField; steps: WaterfallStep[]; sources: WaterfallSourceOption[]; connectors: readonly ConnectorDefinition[]; onChange: (steps: WaterfallStep[]) => void }) {
  const legendId = useId();
  const fieldset = useRef<HTMLFieldSetElement>(null);
  const focusNext = useRef<string[]>([]);
  const [choice, setChoice] = useState('');
  const fieldLabel = WATERFALL_FIELD_LABELS[field];
  const available = sources.filter((source) => !steps.some((step) => stepKey(step) === source.key));
  // Nothing is chosen until the admin picks: a source added by a stray Add is a wrong answer on a card.
  const chosen = available.find((source) => source.key === choice);
  const full = steps.length >= MAX_WATERFALL_STEPS;

  useEffect(() => {
    const candidates = [...(fieldset.current?.querySelectorAll<HTMLButtonElement | HTMLSelectElement>('[data-focus]') ?? [])];
    const target = focusNext.current.map((name) => candidates.find((el) => el.dataset.focus === name)).find((el) => el && !el.disabled);
    focusNext.current = [];
    target?.focus();
  }, [steps]);

  function move(index: number, by: -1 | 1) {
    const step = steps[index];
    const other = steps[index + by];
    if (!step || !other) return;
    const next = [...steps];
    next[index] = other;
    next[index + by] = step;
    const key = stepKey(step);
    focusNext.current = by < 0 ? [`${key}:up`, `${key}:down`] : [`${key}:down`, `${key}:up`];
    onChange(next);
  }
  function remove(index: number) {
    const neighbours = [steps[index + 1], steps[index - 1]].flatMap((s) => (s ? [`${stepKey(s)}:remove`] : []));
    focusNext.current = [...neighbours, 'add-source'];
    onChange(steps.filter((_, i) => i !== index));
  }
  function add() {
    if (!chosen || full) return;
    focusNext.current = ['add', `${chosen.key}:remove`];
    setChoice('');
    onChange([...steps, chosen.step]);
  }

  return (
    <fieldset ref={fieldset} className="waterfall-field" aria-labelledby={legendId} data-testid={`waterfall-${field}`}>
      <legend id={legendId}>{fieldLabel}</legend>
      {steps.length === 0 ? (
        <p className="muted">Provider only: no other source is tried.</p>
      ) : (
        <ol className="waterfall-steps">
          {steps.map((step, index) => {
            const key = stepKey(step);
            const { label } = describeStep(step, connectors);
            return (
              <li key={key} className="waterfall-step">
                <span className="waterfall-step-number" aria-hidden="true">
                  {index + 1}.
                </span>
                <StepLabel step={step} connectors={connectors} />
                <span className="waterfall-step-controls">
                  <button type="button" className="icon-button" data-focus={`${key}:up`} aria-label={`Move ${label} up`} title="Move up" disabled={index === 0} onClick={() => move(index, -1)}>
                    <span aria-hidden="true">↑</span>
                  </button>
                  <button type="button" className="icon-button" data-focus={`${key}:down`} aria-label={`Move ${label} down`} title="Move down" disabled={index === steps.length - 1} onClick={() => move(index, 1)}>
                    <span aria-hidden="true">↓</span>
                  </button>
                  <button type="button" className="icon-button" data-focus={`${key}:remove`} aria-label={`Remove ${label}`} title="Remove" onClick={() => remove(index)}>
                    <span aria-hidden="true">✕</span>
                  </button>
                </span>
              </li>
            );
          })}
        </ol>
      )}
      <div className="row-actions waterfall-add">
        <select data-focus="add-source" aria-label={`Source to add to ${fieldLabel}`} value={chosen?.key ?? ''} disabled={available.length === 0 || full} onChange={(e) => setChoice(e.target.value)}>
          <option value="" disabled>
            {available.length === 0 ? 'Every source is in the list' : 'Choose a source…'}
          </option>
          {available.map((source) => (
            <option key={source.key} value={source.key}>
              {source.label}
            </option>
          ))}
        </select>
        <button type="button" className="button small" data-focus="add" aria-label={`Add to ${fieldLabel}`} disabled={!chosen || full} onClick={add}>
          Add
        </button>
      </div>
      {full ? <p className="hint">At most {MAX_WATERFALL_STEPS} sources per field.</p> : null}
    </fieldset>
  );
}

/** What the organisation's policy set, as text: no controls. */
function ManagedWaterfall({ waterfall, connectors }: { waterfall: WaterfallConfig; connectors: readonly ConnectorDefinition[] }) {
  return (
    <dl className="fields waterfall-managed">
      {WATERFALL_FIELDS.map((field) => {
        const steps = waterfall[field] ?? [];
        return (
          <div key={field} className="field" data-testid={`waterfall-${field}`}>
            <dt>{WATERFALL_FIELD_LABELS[field]}</dt>
            <dd>
              {steps.length === 0 ? (
                <span className="muted">Provider only</span>
              ) : (
                <ol className="waterfall-steps">
                  {steps.map((step, index) => (
                    <li key={stepKey(step)} className="waterfall-step">
                      <span className="waterfall-step-number" aria-hidden="true">
                        {index + 1}.
                      </span>
                      <StepLabel step={step} connectors={connectors} />
                    </li>
                  ))}
                </ol>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/**
 * Options → Connectors → Waterfall (issue 14): per field, the sources tried in order for what the
 * provider left empty — the provider and the outputs of Enrich actions (Retrieve and Connect
 * actions answer no card field). Read-only when the organisation's policy sets it.
 */
export function WaterfallEditor({ connectors, waterfall, managed }: { connectors: readonly ConnectorDefinition[]; waterfall: WaterfallConfig; managed: boolean }) {
  const send = useSend();
  const headingId = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(waterfall));
  const [savedConfig, setSavedConfig] = useState(() => JSON.stringify(configOf(draftOf(waterfall))));
  const [justSaved, setJustSaved] = useState(false);
  const sources = waterfallSources(connectors);
  const config = configOf(draft);
  const changed = JSON.stringify(config) !== savedConfig;
  const save = useAction(async () => {
    await send('saveWaterfall', { waterfall: config });
    setSavedConfig(JSON.stringify(config));
    setJustSaved(true);
  });

  return (
    <section className="waterfall-editor" aria-labelledby={headingId} data-testid="waterfall-editor">
      <h3 id={headingId}>
        Waterfall{managed ? <span className="tag">Set by your organisation</span> : null}
      </h3>
      <p className="section-hint">
        Per field, the sources tried in order until one gives a value; the card says which one did. Sidecar keeps your provider&apos;s value when it has one, so the
        other sources fill only what it leaves empty. Sources are the outputs of connectors&apos; Enrich actions.
      </p>
      {managed ? (
        <ManagedWaterfall waterfall={waterfall} connectors={connectors} />
      ) : (
        <>
          {sources.length === 1 ? <p className="hint">No Enrich action has outputs yet: add one to a connector to use it here.</p> : null}
          {WATERFALL_FIELDS.map((field) => (
            <FieldSteps
              key={field}
              field={field}
              steps={draft[field]}
              sources={sources}
              connectors={connectors}
              onChange={(steps) => {
                setJustSaved(false);
                save.clearError();
                setDraft((d) => ({ ...d, [field]: steps }));
              }}
            />
          ))}
          <div className="row-actions">
            <button type="button" className="button primary" disabled={!changed || save.pending} onClick={() => void save.start()}>
              {save.pending ? 'Saving…' : 'Save waterfall'}
            </button>
            <span role="status" className="muted">
              {justSaved && !changed ? 'Waterfall saved.' : changed ? 'Unsaved changes.' : ''}
            </span>
          </div>
          {save.error ? (
            <p className="inline-error" role="alert">
              {save.error.message}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
