/**
 * Small presentational pieces shared by the run views, in the inspector's house style. Every piece
 * of model output, prompt or dataset text goes through {@link TextBlock}: rendered as text, never
 * as HTML.
 */
import { memo, type ReactNode } from 'react';

export const BUTTON =
  'rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-40 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800';
export const BUTTON_PRIMARY =
  'rounded-md bg-sky-600 px-2.5 py-1 text-xs font-medium text-white hover:bg-sky-700 disabled:opacity-40';
export const MUTED = 'text-[11px] text-slate-500 dark:text-slate-400';
export const HEADING = 'text-[11px] font-semibold uppercase tracking-wide text-slate-500';

/** Preformatted text (prompts, outputs, messages), scrollable when long. */
export const TextBlock = memo(function TextBlock({
  text,
  label,
  tone = 'plain',
  testId,
}: {
  text: string | undefined;
  label?: string;
  tone?: 'plain' | 'good' | 'bad' | 'target';
  testId?: string;
}) {
  const toneClass = {
    plain: 'bg-slate-50 dark:bg-slate-800',
    good: 'bg-emerald-50 dark:bg-emerald-950',
    bad: 'bg-rose-50 dark:bg-rose-950',
    target: 'bg-sky-50 dark:bg-sky-950',
  }[tone];
  return (
    <div className="flex min-w-0 flex-col gap-0.5">
      {label && <span className={HEADING}>{label}</span>}
      <pre
        data-testid={testId}
        className={`max-h-48 overflow-auto whitespace-pre-wrap break-words rounded p-1.5 font-mono text-xs ${toneClass}`}
      >
        {text === undefined || text === '' ? <span className="italic text-slate-400">(empty)</span> : text}
      </pre>
    </div>
  );
});

/** A small label chip. */
export function Chip({
  children,
  tone = 'plain',
}: {
  children: ReactNode;
  tone?: 'plain' | 'good' | 'bad' | 'warn';
}) {
  const toneClass = {
    plain: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300',
    good: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300',
    bad: 'bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-300',
    warn: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200',
  }[tone];
  return <span className={`rounded px-1.5 py-0.5 text-[10px] font-semibold ${toneClass}`}>{children}</span>;
}
