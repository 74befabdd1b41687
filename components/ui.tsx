import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { toSidecarError, type SidecarError } from '../utils/errors.ts';

/** Small building blocks shared by the three pages. Every value is rendered as text. */

export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={copied ? `${label} copied` : `Copy ${label}`}
      title={copied ? 'Copied' : `Copy ${label}`}
      onClick={() => {
        void navigator.clipboard.writeText(value).then(
          () => {
            setCopied(true);
            clearTimeout(timer.current);
            timer.current = setTimeout(() => setCopied(false), 1500);
          },
          () => setCopied(false),
        );
      }}
    >
      {copied ? (
        <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M3 8.5l3 3 7-7" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      ) : (
        <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
          <path d="M10.5 3.5v-.5A1.5 1.5 0 0 0 9 1.5H4A1.5 1.5 0 0 0 2.5 3v5A1.5 1.5 0 0 0 4 9.5h.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
        </svg>
      )}
    </button>
  );
}

export function Skeleton({ lines = 3, label = 'Loading' }: { lines?: number; label?: string }) {
  return (
    <div className="skeleton" role="status" aria-live="polite" aria-label={label}>
      <div className="skeleton-head">
        <span className="skeleton-avatar" />
        <span className="skeleton-line" style={{ width: '55%' }} />
      </div>
      {Array.from({ length: lines }, (_, i) => (
        <span key={i} className="skeleton-line" style={{ width: `${90 - i * 12}%` }} />
      ))}
    </div>
  );
}

export function Notice({
  tone,
  title,
  children,
  action,
}: {
  tone: 'error' | 'info' | 'warning' | 'success';
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <p className="notice-title">{title}</p>
      {children ? <div className="notice-body">{children}</div> : null}
      {action ? <div className="notice-action">{action}</div> : null}
    </div>
  );
}

/** A label/value row; rows without a value are left out rather than shown empty. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  if (children === null || children === undefined || children === '') return null;
  return (
    <div className="field">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}

export function Avatar({ text, kind }: { text: string; kind: 'person' | 'company' }) {
  return (
    <span className={`avatar avatar-${kind}`} aria-hidden="true">
      {text}
    </span>
  );
}

/** Runs one user intent at a time and keeps its pending state and error for the UI. */
export function useAction<A extends unknown[], R>(run: (...args: A) => Promise<R>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<SidecarError | null>(null);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  const start = useCallback(
    async (...args: A): Promise<R | undefined> => {
      setPending(true);
      setError(null);
      try {
        return await run(...args);
      } catch (e) {
        if (live.current) setError(toSidecarError(e));
        return undefined;
      } finally {
        if (live.current) setPending(false);
      }
    },
    [run],
  );
  return { start, pending, error, clearError: () => setError(null) };
}

export function Credits({ remaining, compact = false }: { remaining: number | null | undefined; compact?: boolean }) {
  const known = typeof remaining === 'number';
  const low = known && remaining < 50;
  return (
    <span
      className={`credits${low ? ' credits-low' : ''}`}
      title={known ? 'Enrich credits left with your provider' : 'Credits left: not known yet'}
      aria-label={known ? `${remaining} credits left` : 'Credits left: not known yet'}
      data-testid="credits"
    >
      {known ? `${new Intl.NumberFormat('en-US').format(remaining)}${compact ? '' : ' credits'}` : compact ? '—' : '— credits'}
    </span>
  );
}
