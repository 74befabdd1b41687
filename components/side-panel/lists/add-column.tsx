import { useState } from 'react';
import { CUSTOM_DATA_TYPES, newColumn, type AiTool, type Audience, type NewColumn } from '../../../utils/audiences/schemas.ts';
import { SidecarError } from '../../../utils/errors.ts';
import { useSend } from '../../background.tsx';
import { Notice, useAction } from '../../ui.tsx';

type Kind = NewColumn['columnType'];

const TOOL_WORDS: Record<AiTool, string> = {
  AI_DATA_ANALYSIS: 'Data analysis',
  AI_WEB_RESEARCH: 'Web research',
  AI_CONVERSATION_INTELLIGENCE: 'Conversation intelligence',
  AI_EMAILER: 'Emailer',
};

/**
 * "Add column": a column the rep fills in, a formula over the row's columns, or an AI prompt (only
 * with the tools the provider serves). Formula and AI cells are computed by the list's next enrichment.
 */
export function AddColumn({ list, onAdded }: { list: Audience; onAdded: (list: Audience) => void }) {
  const send = useSend();
  const [kind, setKind] = useState<Kind>('CUSTOM');
  const [name, setName] = useState('');
  const [dataType, setDataType] = useState<(typeof CUSTOM_DATA_TYPES)[number]>('TEXT');
  const [prompt, setPrompt] = useState('');
  const [tool, setTool] = useState<AiTool | ''>('');
  const [tools, setTools] = useState<AiTool[] | null>(null);
  const [added, setAdded] = useState<string | null>(null);

  const loadTools = useAction(async () => setTools(await send('listAiTools', { listId: list.id })));
  const add = useAction(async () => {
    const draft = kind === 'CUSTOM' ? { columnType: kind, name, dataType } : kind === 'FORMULA' ? { columnType: kind, name, prompt } : { columnType: kind, name, prompt, tool: tool || tools?.[0] };
    const parsed = newColumn.safeParse(draft);
    if (!parsed.success) throw new SidecarError('invalid_input', kind === 'CUSTOM' ? 'Name the column.' : 'Name the column and write its ' + (kind === 'FORMULA' ? 'formula.' : 'prompt.'));
    const updated = await send('addListColumn', { listId: list.id, column: parsed.data });
    setAdded(parsed.data.name);
    setName('');
    setPrompt('');
    onAdded(updated);
  });

  const names = list.attributes.columns.filter((c) => c.attributes.columnType === 'CUSTOM').map((c) => `{${c.attributes.name}}`);
  return (
    <details className="filters add-column" onToggle={(e) => { if (e.currentTarget.open && tools === null && !loadTools.pending) void loadTools.start(); }}>
      <summary>Add column</summary>
      <form
        className="filter-form"
        aria-label="Add a column"
        onSubmit={(e) => {
          e.preventDefault();
          setAdded(null);
          void add.start();
        }}
      >
        <div className="two">
          <div className="form-field">
            <label htmlFor="column-kind">Kind</label>
            <select id="column-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              <option value="CUSTOM">Your own values</option>
              <option value="FORMULA">Formula</option>
              {tools && tools.length > 0 ? <option value="AI">AI</option> : null}
            </select>
          </div>
          <div className="form-field">
            <label htmlFor="column-name">Name</label>
            <input id="column-name" type="text" maxLength={255} value={name} onChange={(e) => setName(e.target.value)} />
          </div>
        </div>
        {kind === 'CUSTOM' ? (
          <div className="form-field">
            <label htmlFor="column-type">Holds</label>
            <select id="column-type" value={dataType} onChange={(e) => setDataType(e.target.value as (typeof CUSTOM_DATA_TYPES)[number])}>
              {CUSTOM_DATA_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t.toLowerCase()}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <div className="form-field">
            <label htmlFor="column-prompt">{kind === 'FORMULA' ? 'Formula' : 'Prompt'}</label>
            <textarea id="column-prompt" rows={3} maxLength={4000} value={prompt} onChange={(e) => setPrompt(e.target.value)} />
            <p className="hint">
              {kind === 'FORMULA'
                ? `A JavaScript expression over this row's columns by name, e.g. {Email}.split("@")[1]. Columns: ${names.join(', ')}.`
                : 'What to ask of each row; the row’s columns and its matched record go with it.'}
            </p>
          </div>
        )}
        {kind === 'AI' && tools ? (
          <div className="form-field">
            <label htmlFor="column-tool">Tool</label>
            <select id="column-tool" value={tool || tools[0]} onChange={(e) => setTool(e.target.value as AiTool)}>
              {tools.map((t) => (
                <option key={t} value={t}>
                  {TOOL_WORDS[t]}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {add.error ? <Notice tone="error" title="The column was not added.">{add.error.message}</Notice> : null}
        {added ? (
          <p className="hint" role="status">
            Added “{added}”.{kind === 'CUSTOM' ? '' : ' Its cells fill in when the list is enriched.'}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button small" disabled={add.pending}>
            {add.pending ? 'Adding…' : 'Add column'}
          </button>
        </div>
      </form>
    </details>
  );
}
