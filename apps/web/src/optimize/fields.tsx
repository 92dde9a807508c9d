/** The Optimize form's number field: a small label over a full-width input (empty = undefined). */

export const INPUT =
  'w-full rounded border border-slate-300 bg-white px-1.5 py-0.5 text-xs dark:border-slate-700 dark:bg-slate-950';

export function NumberField(props: {
  label: string;
  value: number | undefined;
  onChange: (v: number | undefined) => void;
  step?: number;
  placeholder?: string;
  title?: string;
  disabled?: boolean;
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
        onChange={(e) => props.onChange(e.target.value === '' ? undefined : Number(e.target.value))}
      />
    </label>
  );
}
