/** The Optimize form's number field: a small label over a full-width input (empty = undefined). */

export const INPUT =
  'w-full rounded border border-slate-300 bg-white px-1.5 py-0.5 text-xs disabled:cursor-not-allowed disabled:bg-slate-100 dark:border-slate-700 dark:bg-slate-950 dark:disabled:bg-slate-900';

export function NumberField(props: {
  label: string;
  value: number | undefined;
  onChange: (v: number | undefined) => void;
  step?: number;
  placeholder?: string;
  title?: string;
  disabled?: boolean;
  /** The id of the text that says more about the field (why it is disabled, say). */
  describedBy?: string;
}) {
  return (
    <label className="flex flex-col gap-0.5" title={props.title}>
      <span className="text-[11px] text-slate-500">{props.label}</span>
      <input
        type="number"
        aria-label={props.label}
        className={INPUT}
        step={props.step ?? 1}
        value={Number.isNaN(props.value) ? '' : (props.value ?? '')}
        placeholder={props.placeholder}
        disabled={props.disabled}
        aria-describedby={props.describedBy}
        onChange={(e) => props.onChange(e.target.value === '' ? undefined : Number(e.target.value))}
      />
    </label>
  );
}
