/**
 * The Optimize panel's settings: algorithm, iterations, minibatch, validation split, gate, seed,
 * decision mode and budget, with the preflight estimate of calls, tokens and cost beside them.
 */
import {
  type AblationSettings,
  ALGORITHMS,
  type AlgorithmName,
  algorithmDefinition,
  type DatasetSplit,
  type PreflightEstimate,
} from '@backflow/engine';
import { modelLabel } from '../settings/provider-settings';
import { useStudio } from '../store/react';
import { INPUT, NumberField } from './fields';
import { defaultForm, type OptimizeForm } from './form';
import { GepaFields } from './GepaFields';
import { RecipeFields, RecipeSplitField, RecipeSplitNote } from './RecipeFields';
import type { TokenRange } from './token-preflight';

/** The algorithm picker: every registered algorithm, by its definition's label. */
const ALGORITHM_CHOICES = ALGORITHMS.map((id) => ({ id, label: algorithmDefinition(id).label }));

/** A full-width choice among a few values, labelled like the number fields. */
function SelectField<T extends string>(props: {
  label: string;
  value: T;
  onChange: (v: T) => void;
  title: string;
  options: readonly (readonly [T, string])[];
}) {
  return (
    <label className="col-span-2 flex flex-col gap-0.5">
      <span className="text-[11px] text-slate-500">{props.label}</span>
      <select
        className={INPUT}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as T)}
        title={props.title}
      >
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The budget's fields (empty: no limit): setting, label, step. */
const BUDGET_FIELDS = [
  ['maxCalls', 'Max calls', 1],
  ['maxTokens', 'Max tokens', 1],
  ['maxCostUsd', 'Max cost (USD)', 0.01],
] as const;

/** The ablation switches of each algorithm: label, the setting it turns on, and why it exists. */
const ABLATIONS: Record<AlgorithmName, { key: keyof AblationSettings; label: string; title: string }[]> = {
  textgrad: [
    {
      key: 'textgradMaskSiblings',
      label: 'Mask sibling inputs (ablation)',
      title:
        'Edge gradients see the other inputs as {{placeholders}}, not their values. The reference code shows them; this is not TextGrad as published.',
    },
  ],
  sembp: [
    {
      key: 'sembpNoSiblings',
      label: 'No sibling information (ablation)',
      title:
        'One backward call per input, showing only that input: the neighbourhood conditioning that defines semantic backprop is off.',
    },
  ],
  gtbp: [
    {
      key: 'gtbpNoReconcile',
      label: 'Keep every successor target (ablation)',
      title: 'A node with several successors keeps all their targets instead of one reconciled target.',
    },
    {
      key: 'gtbpNoBudget',
      label: 'No edit budget (ablation)',
      title: 'Every claim may change and one may be added at every step; the m0 / m+ / m- schedule is off.',
    },
  ],
  gepa: [],
};

/** Checkboxes for the chosen algorithm's ablations (none shown when it has none). */
function AblationSwitches({
  form,
  onChange,
}: {
  form: OptimizeForm;
  onChange: (form: OptimizeForm) => void;
}) {
  const switches = ABLATIONS[form.algorithm];
  if (switches.length === 0) return null;
  return (
    <fieldset className="col-span-2 flex flex-col gap-1" aria-label="Ablations">
      <legend className="text-[11px] text-slate-500">Ablations</legend>
      {switches.map((a) => (
        <label key={a.key} className="flex items-center gap-1.5" title={a.title}>
          <input
            type="checkbox"
            checked={form.ablations?.[a.key] === true}
            onChange={(e) =>
              onChange({ ...form, ablations: { ...form.ablations, [a.key]: e.target.checked } })
            }
          />
          <span>{a.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** The backward methods' gate, decision mode and counterfactual check (GEPA has its own fields). */
function BackwardControls({
  form,
  set,
}: {
  form: OptimizeForm;
  set: (patch: Partial<OptimizeForm>) => void;
}) {
  return (
    <>
      <label className="flex items-center gap-1.5">
        <input type="checkbox" checked={form.gate} onChange={(e) => set({ gate: e.target.checked })} />
        <span>Gate updates</span>
      </label>
      <label className="flex items-center gap-1.5">
        <input
          type="checkbox"
          checked={form.pauseForDecisions}
          onChange={(e) => set({ pauseForDecisions: e.target.checked })}
        />
        <span>Pause for decisions</span>
      </label>
      {form.algorithm !== 'textgrad' && (
        <SelectField
          label="Backward step"
          value={form.backwardMode}
          onChange={(backwardMode) => set({ backwardMode })}
          title="Weighed: each node weighs its own instruction against its inputs and keeps the smaller change (credit lands on the broken node more often). Faithful: the paper's step, which explains a discrepancy by the inputs."
          options={[
            ['weighed', 'weighed (default)'],
            ['faithful', "faithful (the paper's)"],
          ]}
        />
      )}
      <SelectField
        label="Counterfactual check"
        value={form.counterfactual}
        onChange={(counterfactual) => set({ counterfactual })}
        title="Re-runs each proposal alone on the failing examples, to show whether it fixes them"
        options={[
          ['auto', 'auto (on with the simulator)'],
          ['on', 'on'],
          ['off', 'off'],
        ]}
      />
      {form.algorithm === 'sembp' && (
        <SelectField
          label="Protocol"
          value={form.sembpProtocol ?? 'minibatch'}
          onChange={(sembpProtocol) => set({ sembpProtocol })}
          title="Paper: errors drawn from, and the gate scored on, the whole training split; the predictions in force are reused"
          options={[
            ['minibatch', 'minibatch'],
            ['paper', 'paper (whole training split)'],
          ]}
        />
      )}
    </>
  );
}

/** The settings form; `disabled` while a run is open; `split`: the examples a run would take. */
export function OptimizeFormView({
  form,
  onChange,
  disabled,
  split,
}: {
  form: OptimizeForm;
  onChange: (form: OptimizeForm) => void;
  disabled: boolean;
  split: DatasetSplit;
}) {
  const forward = useStudio((s) => modelLabel(s.settings.forward));
  const optimizer = useStudio((s) => modelLabel(s.settings.optimizer));
  const simulated = useStudio(
    (s) => s.settings.forward.kind === 'simulated' && s.settings.optimizer.kind === 'simulated',
  );
  const set = (patch: Partial<OptimizeForm>) => onChange({ ...form, ...patch });
  return (
    <fieldset disabled={disabled} className="grid grid-cols-2 gap-2" aria-label="Optimization settings">
      <label className="col-span-2 flex flex-col gap-0.5">
        <span className="text-[11px] text-slate-500">Algorithm</span>
        <select
          aria-label="Algorithm"
          className={INPUT}
          value={form.algorithm}
          onChange={(e) => {
            const algorithm = e.target.value as AlgorithmName;
            // The algorithm's own defaults, but the split, the seed and the credit settings stay.
            onChange({
              ...defaultForm(algorithm),
              valFraction: form.valFraction,
              seed: form.seed,
              counterfactual: form.counterfactual,
              backwardMode: form.backwardMode,
              // A recipe's settings stay on hand (they apply to its own algorithm), its models too.
              ...(form.recipe ? { recipe: form.recipe } : {}),
              ...(form.models ? { models: form.models } : {}),
            });
          }}
        >
          {ALGORITHM_CHOICES.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
        </select>
      </label>
      <NumberField label="Iterations" value={form.iterations} onChange={(v) => set({ iterations: v ?? 1 })} />
      <NumberField
        label="Minibatch size"
        value={form.batchSize}
        onChange={(v) => set({ batchSize: v ?? 1 })}
      />
      {form.recipe ? (
        <RecipeSplitField form={form} split={split} />
      ) : (
        <NumberField
          label="Validation share"
          step={0.05}
          value={form.valFraction}
          onChange={(v) => set({ valFraction: Math.min(0.9, Math.max(0, v ?? 0)) })}
        />
      )}
      <NumberField label="Seed" value={form.seed} onChange={(v) => set({ seed: v ?? 0 })} />
      {form.recipe && <RecipeSplitNote form={form} split={split} />}
      {form.algorithm === 'gepa' ? (
        <GepaFields form={form} onChange={onChange} />
      ) : (
        <BackwardControls form={form} set={set} />
      )}
      <AblationSwitches form={form} onChange={onChange} />
      <p className="col-span-2 text-[11px] text-slate-500">
        Forward: {forward} · Optimizer: {optimizer} (change in Settings)
      </p>
      <RecipeFields form={form} onChange={onChange} simulated={simulated} />
      {BUDGET_FIELDS.map(([key, label, step]) => (
        <NumberField
          key={key}
          label={label}
          step={step}
          value={form[key]}
          onChange={(v) => set({ [key]: v })}
          placeholder="no limit"
        />
      ))}
    </fieldset>
  );
}

/** The preflight: calls (the engine's count), tokens and dollars as a counted range, and the budget. */
export function PreflightView({
  preflight,
  form,
  range,
}: {
  preflight: { estimate: PreflightEstimate } | { error: string };
  form: OptimizeForm;
  /** Tokens and cost counted from the prompts and examples (null while the tokenizer loads). */
  range: TokenRange | null;
}) {
  if ('error' in preflight) return <p className="text-xs text-red-600">{preflight.error}</p>;
  const { calls } = preflight.estimate;
  const short =
    (form.maxCalls !== undefined && form.maxCalls < calls) ||
    (form.maxTokens !== undefined && range !== null && form.maxTokens < range.high) ||
    (form.maxCostUsd !== undefined && range !== null && form.maxCostUsd < range.costHigh);
  return (
    <div data-testid="preflight" className="rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">
      Preflight estimate: up to <b data-testid="preflight-calls">{calls}</b> calls,{' '}
      {range ? (
        <span data-testid="preflight-tokens" data-low={range.low} data-high={range.high}>
          {range.low.toLocaleString()}–{range.high.toLocaleString()} tokens, {usdRange(range)}
        </span>
      ) : (
        <span>counting tokens…</span>
      )}
      .
      {preflight.estimate.breakdown.counterfactual > 0 && (
        <span className="block" data-testid="preflight-counterfactual">
          Of these, up to {preflight.estimate.breakdown.counterfactual} calls check proposals counterfactually
          (each proposal alone, re-run on its failing examples).
        </span>
      )}
      {range && (
        <span className="block text-slate-600 dark:text-slate-300">
          Counted: about {range.perForwardCall.toLocaleString()} tokens a forward call (prompts and examples);
          backward calls carry traces and feedback, hence the range. Prices from Settings.
        </span>
      )}
      {short && (
        <span className="block text-amber-700 dark:text-amber-400">
          The budget may be below this estimate: the run stops at the budget, with everything so far saved.
        </span>
      )}
    </div>
  );
}

function usdRange(range: TokenRange): string {
  if (range.costHigh === 0) return '$0 at the configured prices';
  const digits = range.costHigh < 1 ? 4 : 2;
  return `$${range.costLow.toFixed(digits)}–$${range.costHigh.toFixed(digits)}`;
}
