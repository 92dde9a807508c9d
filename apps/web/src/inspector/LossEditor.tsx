/**
 * The workflow's loss, edited from an output node: its kind, its parameters, what is wrong with it
 * (a bad regex or JS says why) and a preview on the shown example. The loss belongs to the
 * workflow, so every output node shows the same one. A change is one undo step; a text field is
 * one step per focus session.
 */
import { isAnswerNode, type LossSpec, type OutputNode } from '@backflow/engine';
import { useStudio, useStudioStore } from '../store/react';
import { CommaListInput, Field, INPUT, NumberField } from './fields';
import { LossPreview } from './LossPreview';
import { defaultLoss, LOSS_KINDS, type LossKindName, lossProblem } from './loss-check';

const CHECK = 'flex items-center gap-1.5 text-xs';

/** The loss section of an output node's inspector. */
export function LossEditor({ node }: { node: OutputNode }) {
  const store = useStudioStore();
  const spec = useStudio((s) => s.doc.loss);
  const outputs = useStudio((s) => s.doc.nodes.filter(isAnswerNode).length);
  const set = (next: LossSpec) => store.getState().changeDoc((d) => ({ ...d, loss: next }));
  const session = {
    onFocus: () => store.getState().beginGesture(),
    onBlur: () => store.getState().endGesture(),
  };
  const problem = lossProblem(spec);
  const kind = LOSS_KINDS.find((k) => k.kind === spec.kind);
  return (
    <section className="flex flex-col gap-2" aria-label="Loss" data-testid="loss-editor">
      <Field
        label="Loss"
        hint={`${kind?.hint ?? ''}${outputs > 1 ? ` The workflow's loss: it scores all ${outputs} outputs.` : ''}`}
      >
        <select
          aria-label="Loss kind"
          className={INPUT}
          value={spec.kind}
          onChange={(e) => set(defaultLoss(e.target.value as LossKindName))}
        >
          {LOSS_KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
      </Field>
      <LossParameters spec={spec} set={set} session={session} />
      {problem && (
        <p
          role="alert"
          className="rounded bg-rose-50 px-2 py-1 text-xs text-rose-800 dark:bg-rose-950 dark:text-rose-200"
          data-testid="loss-problem"
        >
          {problem}
        </p>
      )}
      <LossPreview node={node} spec={spec} problem={problem} />
    </section>
  );
}

interface ParamProps {
  spec: LossSpec;
  set(next: LossSpec): void;
  session: { onFocus(): void; onBlur(): void };
}

function LossParameters({ spec, set, session }: ParamProps) {
  switch (spec.kind) {
    case 'exact':
      return (
        <div className="grid grid-cols-2 gap-1">
          {(['caseSensitive', 'trim', 'collapseWhitespace', 'stripPunctuation'] as const).map((key) => (
            <label key={key} className={CHECK}>
              <input
                type="checkbox"
                checked={spec[key]}
                onChange={(e) => set({ ...spec, [key]: e.target.checked })}
              />
              {EXACT_LABELS[key]}
            </label>
          ))}
        </div>
      );
    case 'contains':
      return (
        <label className={CHECK}>
          <input
            type="checkbox"
            checked={spec.caseSensitive}
            onChange={(e) => set({ ...spec, caseSensitive: e.target.checked })}
          />
          Case sensitive
        </label>
      );
    case 'numeric':
      return (
        <NumberField
          label="Tolerance"
          hint="Absolute: |expected − answer| ≤ tolerance passes."
          min={0}
          step="any"
          value={spec.tolerance}
          onChange={(tolerance) => set({ ...spec, tolerance: tolerance ?? 0 })}
          session={session}
        />
      );
    case 'choice':
      return (
        <Field label="Labels" hint="Comma-separated, e.g. (A), (B), (C); empty: any label the target uses.">
          <CommaListInput
            label="Labels"
            items={spec.labels}
            allowEmpty
            onCommit={(labels) => set({ ...spec, labels })}
          />
        </Field>
      );
    case 'regex':
      return (
        <div className="grid grid-cols-[1fr_5rem] gap-2">
          {(
            [
              ['pattern', 'Pattern'],
              ['flags', 'Flags'],
            ] as const
          ).map(([key, label]) => (
            <Field key={key} label={label}>
              <input
                aria-label={label}
                className={`${INPUT} font-mono`}
                value={spec[key]}
                onChange={(e) => set({ ...spec, [key]: e.target.value })}
                {...session}
              />
            </Field>
          ))}
        </div>
      );
    case 'js':
      return (
        <Field label="Code" hint="Runs in the sandbox, like code nodes.">
          <textarea
            aria-label="Loss code"
            rows={5}
            spellCheck={false}
            className={`${INPUT} font-mono text-xs`}
            value={spec.code}
            onChange={(e) => set({ ...spec, code: e.target.value })}
            {...session}
          />
        </Field>
      );
    case 'judge':
      return (
        <>
          <Field label="Rubric">
            <textarea
              aria-label="Rubric"
              rows={3}
              className={INPUT}
              value={spec.rubric}
              onChange={(e) => set({ ...spec, rubric: e.target.value })}
              {...session}
            />
          </Field>
          <NumberField
            label="Pass threshold"
            hint="A grade at or above this counts as a pass (0 to 1)."
            min={0}
            max={1}
            step={0.05}
            value={spec.passThreshold}
            onChange={(t) => set({ ...spec, passThreshold: Math.min(1, Math.max(0, t ?? 0)) })}
            session={session}
          />
        </>
      );
  }
}

const EXACT_LABELS = {
  caseSensitive: 'Case sensitive',
  trim: 'Trim',
  collapseWhitespace: 'Collapse whitespace',
  stripPunctuation: 'Strip punctuation',
};
