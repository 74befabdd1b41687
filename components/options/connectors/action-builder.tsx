import { useState } from 'react';
import { ACTION_CATEGORIES, ENTITY_FIELDS, HTTP_METHODS, type ActionOutput, type ActionParameter, type ConnectorAction, type EntityField } from '../../../utils/connectors/connector.ts';
import { guessEntityField, outputFields, type OutputField } from '../../../utils/connectors/outputs.ts';
import { actionPlaceholders, type JsonValue } from '../../../utils/connectors/template.ts';
import type { ActionTestResult } from '../../../utils/connectors/views.ts';
import { useSend } from '../../background.tsx';
import { Notice, useAction } from '../../ui.tsx';
import { SelectField, TextArea, TextField } from '../fields.tsx';

export const emptyAction = (n: number): ConnectorAction => ({
  id: `action-${n}`,
  name: '',
  description: '',
  category: 'Enrich',
  method: 'GET',
  endpoint: '/',
  parameters: [],
  body: null,
  headers: [],
  outputs: [],
});

/** Parameters follow the placeholders: new ones added, vanished ones dropped, the rest kept as set. */
export function syncParameters(action: ConnectorAction): ActionParameter[] {
  let names: string[];
  try {
    names = actionPlaceholders(action);
  } catch {
    // A body being typed is not JSON yet: keep the parameters until it is.
    return action.parameters;
  }
  return names.map((name) => action.parameters.find((p) => p.name === name) ?? { name, description: '', sample: '', entityField: null });
}

const ENTITY_LABELS: Record<EntityField, string> = {
  email: 'Email',
  domain: 'Company domain',
  firstName: 'First name',
  lastName: 'Last name',
  fullName: 'Full name',
  jobTitle: 'Job title',
  companyName: 'Company name',
  linkedinUrl: 'LinkedIn URL',
  phone: 'Phone',
  providerId: 'Provider person id',
  companyProviderId: 'Provider company id',
};

/**
 * Picks outputs from a response's fields (Test API) or a pasted sample: a checkbox and a label
 * each; for a Retrieve action also what each is of a person or company (first guessed), by which
 * its table's rows are added to a list.
 */
function OutputPicker({ fields, outputs, retrieve, onChange }: { fields: OutputField[]; outputs: ActionOutput[]; retrieve: boolean; onChange: (outputs: ActionOutput[]) => void }) {
  const chosen = (path: string) => outputs.find((o) => o.path === path);
  const toggle = (field: OutputField, on: boolean) => {
    const entityField = retrieve ? guessEntityField(field.path, field.suggestedLabel) : undefined;
    onChange(on ? [...outputs, { path: field.path, label: field.suggestedLabel, ...(entityField ? { entityField } : {}) }] : outputs.filter((o) => o.path !== field.path));
  };
  const patch = (path: string, change: (output: ActionOutput) => ActionOutput) => onChange(outputs.map((o) => (o.path === path ? change(o) : o)));
  const relabel = (path: string, label: string) => patch(path, (o) => ({ ...o, label }));
  const setEntityField = (path: string, value: string) =>
    patch(path, (o) => {
      const field = ENTITY_FIELDS.find((f) => f === value);
      return field ? { ...o, entityField: field } : { path: o.path, label: o.label };
    });
  return (
    <table className="output-picker" data-testid="output-picker">
      <thead>
        <tr>
          <th scope="col">Output</th>
          <th scope="col">Field</th>
          <th scope="col">Sample</th>
          <th scope="col">Label</th>
          {retrieve ? <th scope="col">In a list, it is</th> : null}
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => {
          const output = chosen(field.path);
          return (
            <tr key={field.path}>
              <td>
                <input type="checkbox" aria-label={`Use ${field.path} as an output`} checked={output !== undefined} onChange={(e) => toggle(field, e.target.checked)} />
              </td>
              <td>
                <code>{field.path}</code>
              </td>
              <td className="muted">{typeof field.sample === 'object' ? JSON.stringify(field.sample) : String(field.sample)}</td>
              <td>{output ? <input aria-label={`Label of ${field.path}`} value={output.label} onChange={(e) => relabel(field.path, e.target.value)} /> : null}</td>
              {retrieve ? (
                <td>
                  {output ? (
                    <select aria-label={`What ${field.path} is`} value={output.entityField ?? ''} onChange={(e) => setEntityField(field.path, e.target.value)}>
                      <option value="">Only shown</option>
                      {ENTITY_FIELDS.map((f) => (
                        <option key={f} value={f}>
                          {ENTITY_LABELS[f]}
                        </option>
                      ))}
                    </select>
                  ) : null}
                </td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * One action of a connector, as the Data Connectors guide defines it: request, parameters (found in
 * the endpoint, body and headers), Test API with the sample values, outputs picked from the answer.
 */
export function ActionBuilder({ action, onChange, onRemove, draft }: { action: ConnectorAction; onChange: (action: ConnectorAction) => void; onRemove: () => void; draft: () => unknown }) {
  const send = useSend();
  const [result, setResult] = useState<ActionTestResult | null>(null);
  const [sample, setSample] = useState('');
  const [sampleFields, setSampleFields] = useState<OutputField[] | null>(null);
  const [sampleProblem, setSampleProblem] = useState<string | null>(null);
  const update = (patch: Partial<ConnectorAction>) => {
    const next = { ...action, ...patch };
    onChange({ ...next, parameters: syncParameters(next) });
  };
  const setParameter = (name: string, patch: Partial<ActionParameter>) => onChange({ ...action, parameters: action.parameters.map((p) => (p.name === name ? { ...p, ...patch } : p)) });
  const test = useAction(async () => {
    setResult(null);
    const values = Object.fromEntries(action.parameters.map((p) => [p.name, p.sample]));
    setResult(await send('testConnectorAction', { connector: draft(), actionId: action.id, values }));
  });
  function readSample() {
    try {
      setSampleFields(outputFields(JSON.parse(sample) as JsonValue));
      setSampleProblem(null);
    } catch {
      setSampleFields(null);
      setSampleProblem('This sample is not JSON.');
    }
  }
  const fields = result?.fields ?? sampleFields;
  const title = action.name || 'New action';

  return (
    <fieldset className="action-builder" aria-label={`Action: ${title}`}>
      <legend>{title}</legend>
      <div className="form-grid">
        <TextField label="Action name" value={action.name} onChange={(name) => update({ name })} />
        <SelectField label="Category" value={action.category} options={ACTION_CATEGORIES.map((c) => ({ value: c, label: c }))} onChange={(category) => update({ category })} />
      </div>
      <TextField label="Action description" value={action.description} onChange={(description) => update({ description })} />
      <div className="form-grid">
        <SelectField label="Request type" value={action.method} options={HTTP_METHODS.map((m) => ({ value: m, label: m }))} onChange={(method) => update({ method })} />
        <TextField label="Endpoint" value={action.endpoint} onChange={(endpoint) => update({ endpoint })} placeholder="/api/v1/companies/{domain}" hint="Under the base URL; {name} marks a parameter." />
      </div>
      <TextArea label="JSON body (optional)" value={action.body ?? ''} rows={3} onChange={(body) => update({ body: body.trim() === '' ? null : body })} placeholder='{"about": "{domain}"}' />
      <div className="headers">
        {action.headers.map((header, index) => (
          <div className="form-grid" key={index}>
            <TextField label={`Header ${index + 1} name`} value={header.name} onChange={(name) => update({ headers: action.headers.map((h, i) => (i === index ? { ...h, name } : h)) })} />
            <TextField label={`Header ${index + 1} value`} value={header.value} onChange={(value) => update({ headers: action.headers.map((h, i) => (i === index ? { ...h, value } : h)) })} />
          </div>
        ))}
        <button type="button" className="button subtle small" onClick={() => update({ headers: [...action.headers, { name: '', value: '' }] })}>
          Add a header
        </button>
      </div>
      {action.parameters.length > 0 ? (
        <table className="parameters" data-testid="parameters">
          <thead>
            <tr>
              <th scope="col">Parameter</th>
              <th scope="col">Sample value</th>
              <th scope="col">Filled from</th>
            </tr>
          </thead>
          <tbody>
            {action.parameters.map((p) => (
              <tr key={p.name}>
                <td>
                  <code>{p.name}</code>
                </td>
                <td>
                  <input aria-label={`Sample value of ${p.name}`} value={p.sample} onChange={(e) => setParameter(p.name, { sample: e.target.value })} />
                </td>
                <td>
                  <select aria-label={`${p.name} is filled from`} value={p.entityField ?? ''} onChange={(e) => setParameter(p.name, { entityField: ENTITY_FIELDS.find((f) => f === e.target.value) ?? null })}>
                    <option value="">Nothing (the sample value)</option>
                    {ENTITY_FIELDS.map((f) => (
                      <option key={f} value={f}>
                        {ENTITY_LABELS[f]}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="row-actions">
        <button type="button" className="button" disabled={test.pending} onClick={() => void test.start()}>
          {test.pending ? 'Testing…' : 'Test API'}
        </button>
        <button type="button" className="button subtle" onClick={onRemove}>
          Remove action
        </button>
      </div>
      {test.error ? (
        <Notice tone="error" title="The test did not get an answer.">
          {test.error.message}
        </Notice>
      ) : null}
      {result ? (
        <div className="test-result" data-testid="test-result">
          <p>
            <strong className={result.status < 300 ? 'ok' : 'bad'}>HTTP {result.status}</strong> · {Math.round(result.durationMs)} ms · {result.bytes.toLocaleString()} bytes
          </p>
          <pre className="request-preview">{JSON.stringify(result.json, null, 2)}</pre>
        </div>
      ) : null}
      {result === null ? (
        <details className="sample-json">
          <summary>Or define the outputs from a sample JSON</summary>
          <TextArea label="Sample response (JSON)" value={sample} rows={4} onChange={setSample} />
          <button type="button" className="button small" onClick={readSample}>
            Read fields
          </button>
          {sampleProblem ? <p className="inline-error">{sampleProblem}</p> : null}
        </details>
      ) : null}
      {fields && fields.length > 0 ? <OutputPicker fields={fields} outputs={action.outputs} retrieve={action.category === 'Retrieve'} onChange={(outputs) => onChange({ ...action, outputs })} /> : null}
      {action.outputs.length > 0 && !fields ? <p className="muted">Outputs: {action.outputs.map((o) => o.label).join(', ')}</p> : null}
    </fieldset>
  );
}
