import { type ReactNode, useEffect, useState } from 'react';

export const INPUT =
  'w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm focus:border-sky-500 focus:outline-none dark:border-slate-600 dark:bg-slate-800';

/** A labelled row of the inspector. */
export function Field({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <span className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">{label}</span>
      {children}
      {hint && <span className="text-[11px] text-slate-500">{hint}</span>}
    </div>
  );
}

/**
 * A comma-separated list as text, parsed when the person leaves the box (so "a, " can be typed).
 * Duplicates and blanks are dropped; an empty list is refused unless `allowEmpty`.
 */
export function CommaListInput(props: {
  label: string;
  items: string[];
  allowEmpty?: boolean;
  onCommit(items: string[]): void;
}) {
  const { label, items, allowEmpty = false, onCommit } = props;
  const [text, setText] = useState(items.join(', '));
  useEffect(() => setText(items.join(', ')), [items]);
  const commit = () => {
    const next = [
      ...new Set(
        text
          .split(',')
          .map((f) => f.trim())
          .filter(Boolean),
      ),
    ];
    if (next.length > 0 || allowEmpty) onCommit(next);
    else setText(items.join(', '));
  };
  return (
    <input
      aria-label={label}
      className={INPUT}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  );
}

/** Spread on a field: begins the undo step on focus, commits it on blur (inspector fields). */
type FocusSession = { onFocus(): void; onBlur(): void };

/** A labelled one-line text box; with `session`, a focus session is one undo step. */
export function TextField(props: {
  label: string;
  /** Its accessible name when it differs from the visible label. */
  name?: string;
  hint?: string;
  placeholder?: string;
  value: string;
  onChange(value: string): void;
  session?: FocusSession;
}) {
  const { label, name = label, hint, placeholder, value, onChange, session } = props;
  return (
    <Field label={label} hint={hint}>
      <input
        aria-label={name}
        className={INPUT}
        placeholder={placeholder}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...session}
      />
    </Field>
  );
}

/**
 * A labelled number box. An emptied box reports `undefined`; the caller decides what that means
 * (the default, or 0) and whether to clamp, since `min`/`max` only guide the spinner.
 */
export function NumberField(props: {
  label: string;
  /** Its accessible name when it differs from the visible label. */
  name?: string;
  hint?: string;
  placeholder?: string;
  min?: number;
  max?: number;
  step?: number | 'any';
  value: number | undefined;
  onChange(value: number | undefined): void;
  session?: FocusSession;
}) {
  const { label, name = label, hint, value, onChange, session, ...input } = props;
  return (
    <Field label={label} hint={hint}>
      <input
        aria-label={name}
        type="number"
        className={INPUT}
        {...input}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
        {...session}
      />
    </Field>
  );
}
