/**
 * A recipe project's part of the Optimize form: which recipe the settings came from, and the
 * paper's forward and optimizer models as editable names (they replace the Settings dialog's model
 * names of real endpoints for this run; the simulator ignores them).
 */
import { INPUT } from './fields';
import type { OptimizeForm } from './form';

export function RecipeFields({
  form,
  onChange,
  simulated,
}: {
  form: OptimizeForm;
  onChange: (form: OptimizeForm) => void;
  /** Both endpoints are the simulator (the names are then kept for a real endpoint). */
  simulated: boolean;
}) {
  const { models, recipe } = form;
  if (!models) return null;
  const set = (side: 'forward' | 'optimizer', name: string) =>
    onChange({ ...form, models: { ...models, [side]: name } });
  const field = (side: 'forward' | 'optimizer', label: string) => (
    <label className="flex flex-col gap-0.5">
      <span className="text-[11px] text-slate-500">{label}</span>
      <input
        type="text"
        aria-label={label}
        className={INPUT}
        value={models[side]}
        onChange={(e) => set(side, e.target.value)}
      />
    </label>
  );
  return (
    <>
      {recipe && (
        <p className="col-span-2 text-[11px] text-slate-500" data-testid="recipe-settings">
          Settings of the recipe <code>{recipe.name}</code>
          {recipe.settings.algorithm === form.algorithm ? '' : ' (for its own algorithm only)'}; the paper's
          models:
        </p>
      )}
      {field('forward', 'Forward model name')}
      {field('optimizer', 'Optimizer model name')}
      {simulated && (
        <p className="col-span-2 text-[11px] text-slate-500">
          The simulator answers now; these names are used with a real endpoint.
        </p>
      )}
    </>
  );
}
