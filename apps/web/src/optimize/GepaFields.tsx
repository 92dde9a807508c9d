/**
 * GEPA's settings in the Optimize form, shown in place of the backward methods' gate, decision
 * and counterfactual controls (GEPA keeps a child only when it beats its parent on the minibatch,
 * and never pauses): merges on/off and the pool's size limit.
 */
import type { OptimizeForm } from './form';

const INPUT =
  'w-full rounded border border-slate-300 bg-white px-1.5 py-0.5 text-xs dark:border-slate-700 dark:bg-slate-950';

export function GepaFields({
  form,
  onChange,
}: {
  form: OptimizeForm;
  onChange: (form: OptimizeForm) => void;
}) {
  const gepa = form.gepa ?? { merge: true, maxCandidates: 50 };
  const set = (patch: Partial<typeof gepa>) => onChange({ ...form, gepa: { ...gepa, ...patch } });
  return (
    <>
      <label
        className="flex items-center gap-1.5"
        title="Combine modules of two candidates that improved different ones"
      >
        <input type="checkbox" checked={gepa.merge} onChange={(e) => set({ merge: e.target.checked })} />
        <span>Merge candidates</span>
      </label>
      <label className="flex flex-col gap-0.5">
        <span className="text-[11px] text-slate-500">Max candidates</span>
        <input
          type="number"
          aria-label="Max candidates"
          className={INPUT}
          value={gepa.maxCandidates}
          onChange={(e) => set({ maxCandidates: Number(e.target.value) })}
        />
      </label>
      <p className="col-span-2 text-[11px] text-slate-500">
        GEPA keeps a rewritten prompt only if it beats its parent on the minibatch, scores it on the
        validation share and keeps the best candidate per validation example (the Pareto frontier).
      </p>
    </>
  );
}
