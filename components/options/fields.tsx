import { useId, type ReactNode } from 'react';

/** The options page's labelled form fields: a label, the control, and a hint it is described by. */

function FormField({ label, hint, children }: { label: string; hint: ReactNode; children: (id: string, describedBy: string | undefined) => ReactNode }) {
  const id = useId();
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      {children(id, hint ? `${id}-h` : undefined)}
      {hint ? (
        <p className="hint" id={`${id}-h`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function TextField({
  label,
  value,
  onChange,
  type = 'text',
  placeholder,
  hint,
  disabled,
  readOnly,
  autoComplete = 'off',
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  type?: string;
  placeholder?: string;
  hint?: ReactNode;
  disabled?: boolean;
  readOnly?: boolean;
  autoComplete?: string;
}) {
  return (
    <FormField label={label} hint={hint}>
      {(id, describedBy) => (
        <input id={id} type={type} value={value} placeholder={placeholder} autoComplete={autoComplete} spellCheck={false} disabled={disabled} readOnly={readOnly} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy} />
      )}
    </FormField>
  );
}

export function TextArea({ label, value, onChange, rows = 4, hint, placeholder }: { label: string; value: string; onChange: (v: string) => void; rows?: number; hint?: ReactNode; placeholder?: string }) {
  return (
    <FormField label={label} hint={hint}>
      {(id, describedBy) => <textarea id={id} value={value} rows={rows} placeholder={placeholder} spellCheck={false} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy} />}
    </FormField>
  );
}

export function SelectField<T extends string>({ label, value, options, onChange }: { label: string; value: T; options: readonly { value: T; label: string }[]; onChange: (v: T) => void }) {
  return (
    <FormField label={label} hint={null}>
      {(id) => (
        <select id={id} value={value} onChange={(e) => onChange(options.find((o) => o.value === e.target.value)?.value ?? value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
