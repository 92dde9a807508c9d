/**
 * A recipe project's part of the Optimize form: which recipe the settings came from, and the
 * paper's forward and optimizer models as editable names (they replace the Settings dialog's model
 * names of real endpoints for this run; the simulator ignores them).
 */
import type { DatasetSplit } from '@backflow/engine';
import { INPUT, NumberField } from './fields';
import type { OptimizeForm } from './form';

/** The id of the sentence that says a recipe fixes the split (the disabled share points at it). */
const SPLIT_NOTE_ID = 'recipe-split-note';

/**
 * A recipe project's validation share: disabled, since the recipe fixes its train / validation
 * split (`datasetSplitOf`); the note below says what the split is.
 */
export function RecipeSplitField({ form, split }: { form: OptimizeForm; split: DatasetSplit }) {
  return (
    <NumberField
      label="Validation share"
      value={undefined}
      placeholder={`fixed: ${split.val.length} examples`}
      onChange={() => {}}
      disabled
      title={`The recipe ${form.recipe?.name} fixes its train / validation split.`}
      describedBy={SPLIT_NOTE_ID}
    />
  );
}

/** What a recipe's split is, where it comes from, and what the seed still does. */
export function RecipeSplitNote({ form, split }: { form: OptimizeForm; split: DatasetSplit }) {
  const { recipe } = form;
  if (!recipe) return null;
  return (
    <p id={SPLIT_NOTE_ID} className="col-span-2 text-[11px] text-slate-500" data-testid="recipe-split">
      A recipe fixes the split: a run trains on the {split.train.length} examples labelled train and validates
      on the {split.val.length} labelled validation, with no share cut again. Opened with the recipe's data
      files, they are its paper's split (seed {recipe.settings.seed ?? 0}), as{' '}
      <code>backflow optimize --recipe {recipe.name}</code> cuts it. The seed above drives this run's sampling
      only.
    </p>
  );
}

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
