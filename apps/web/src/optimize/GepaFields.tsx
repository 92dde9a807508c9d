/**
 * GEPA's settings in the Optimize form, shown in place of the backward methods' gate, decision
 * and counterfactual controls (GEPA keeps a child only when it beats its parent on the minibatch,
 * and never pauses): merges on/off and at most how many, the pool's size limit and the rollout
 * budget (the CLI's --merge, --max-merges, --max-candidates, --max-rollouts).
 */
import { NumberField } from './fields';
import type { OptimizeForm } from './form';

export function GepaFields({
  form,
  onChange,
}: {
  form: OptimizeForm;
  onChange: (form: OptimizeForm) => void;
}) {
  const gepa = form.gepa ?? { merge: true, maxMerges: 5, maxCandidates: 50 };
  const set = (patch: Partial<typeof gepa>) => onChange({ ...form, gepa: { ...gepa, ...patch } });
  return (
    <>
      <label
        className="col-span-2 flex items-center gap-1.5"
        title="Combine modules of two candidates that improved different ones"
      >
        <input type="checkbox" checked={gepa.merge} onChange={(e) => set({ merge: e.target.checked })} />
        <span>Merge candidates</span>
      </label>
      <NumberField
        label="Max merges"
        title="Merges attempted at most (the reference's max_merge_invocations)"
        value={gepa.maxMerges}
        disabled={!gepa.merge}
        // An emptied field is NaN, which the form's problems name, rather than a silent default.
        onChange={(v) => set({ maxMerges: v ?? Number.NaN })}
      />
      <NumberField
        label="Max candidates"
        title="Stop once the pool holds this many candidates"
        value={gepa.maxCandidates}
        onChange={(v) => set({ maxCandidates: v ?? Number.NaN })}
      />
      <NumberField
        label="Max rollouts"
        title="Stop once this many examples have been run and scored (checked at the end of each iteration)"
        value={gepa.maxRollouts}
        placeholder="no limit"
        onChange={(v) => {
          const { maxRollouts: _, ...rest } = gepa;
          onChange({ ...form, gepa: v === undefined ? rest : { ...rest, maxRollouts: v } });
        }}
      />
      <p className="col-span-2 text-[11px] text-slate-500">
        GEPA keeps a rewritten prompt only if it beats its parent on the minibatch, scores it on the
        validation examples and keeps the best candidate per validation example (the Pareto frontier).
      </p>
    </>
  );
}
