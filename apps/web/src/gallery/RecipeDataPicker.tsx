/**
 * Opens a paper recipe with its data: the person picks the recipe's files (the official file or
 * its shared test subset; the studio bundles no dataset), the engine's loaders cut the paper's
 * splits with the recipe's seed (`loadRecipeData`, as `backflow optimize --recipe` does), and the
 * examples keep their train / val / test labels in the new project's dataset.
 */
import { type Example, loadRecipeData, type Recipe } from '@backflow/engine';
import { useState } from 'react';

/**
 * A recipe project's examples from the texts of its files: the engine's paper split with the
 * recipe's seed, every example keeping its train / val / test label (the Optimize panel trains and
 * validates on these labels), and the loader's notes.
 */
export function recipeProjectData(recipe: Recipe, texts: Record<string, string>) {
  const data = loadRecipeData(recipe, texts, recipe.settings.seed ?? 0);
  return { examples: [...data.train, ...data.val, ...data.test], notes: data.notes };
}

/** The file inputs of one recipe and its "Open with data" button. */
export function RecipeDataPicker({
  recipe,
  disabled,
  onOpen,
}: {
  recipe: Recipe;
  disabled: boolean;
  onOpen: (data: { examples: Example[]; notes: string[] }) => void;
}) {
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const ready = recipe.sources.every((s) => texts[s.id] !== undefined);
  const open = () => {
    try {
      const data = recipeProjectData(recipe, texts);
      setProblem(null);
      onOpen(data);
    } catch (e) {
      setProblem((e as Error).message);
    }
  };
  return (
    <div className="flex flex-col gap-1 text-xs" data-testid={`recipe-data-${recipe.name}`}>
      {recipe.sources.map((s) => (
        <label key={s.id} className="flex flex-wrap items-center gap-1">
          <span className="font-mono text-[11px]">{s.files.join(' or ')}</span>
          <input
            type="file"
            aria-label={`${recipe.title}: ${s.files[0]}`}
            className="max-w-full text-[11px]"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void file.text().then((text) => setTexts((t) => ({ ...t, [s.id]: text })));
            }}
          />
        </label>
      ))}
      <button
        type="button"
        disabled={disabled || !ready}
        onClick={open}
        className="self-start rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800"
      >
        Open with this data
      </button>
      {problem && <p className="text-amber-700 dark:text-amber-400">{problem}</p>}
    </div>
  );
}
