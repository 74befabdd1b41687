import { useId, type ReactNode } from 'react';

/** The connector forms' labelled inputs, in the options page's form-field style. */

export function TextField({ label, value, onChange, type = 'text', placeholder, hint, disabled }: { label: string; value: string; onChange: (v: string) => void; type?: string; placeholder?: string; hint?: ReactNode; disabled?: boolean }) {
  const id = useId();
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type={type} value={value} placeholder={placeholder} autoComplete="off" spellCheck={false} disabled={disabled} onChange={(e) => onChange(e.target.value)} aria-describedby={hint ? `${id}-h` : undefined} />
      {hint ? (
        <p className="hint" id={`${id}-h`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function TextArea({ label, value, onChange, rows = 4, hint, placeholder }: { label: string; value: string; onChange: (v: string) => void; rows?: number; hint?: ReactNode; placeholder?: string }) {
  const id = useId();
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} value={value} rows={rows} placeholder={placeholder} spellCheck={false} onChange={(e) => onChange(e.target.value)} aria-describedby={hint ? `${id}-h` : undefined} />
      {hint ? (
        <p className="hint" id={`${id}-h`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function SelectField<T extends string>({ label, value, options, onChange }: { label: string; value: T; options: readonly { value: T; label: string }[]; onChange: (v: T) => void }) {
  const id = useId();
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(options.find((o) => o.value === e.target.value)?.value ?? value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
