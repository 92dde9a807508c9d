/**
 * The Experiments view's setup: what the grid runs on (this workflow with its dataset, or a paper
 * recipe with its files), the arms, the seeds, shared settings and the budget, and the whole
 * grid's preflight before Start.
 */
import {
  type Example,
  type ExperimentSpec,
  findRecipe,
  loadRecipeData,
  type Recipe,
  recipes,
  type Workflow,
} from '@backflow/engine';
import { memo, useMemo, useState } from 'react';
import { ARM_CHOICES, armsOf, parseSeeds, preflightOf, specProblems, splitsOf } from './view-model';

const INPUT =
  'rounded border border-slate-300 bg-white px-1.5 py-0.5 text-xs dark:border-slate-600 dark:bg-slate-800';
export const BUTTON =
  'rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800';

/** A recipe's data read from the files a person picked (by source id). */
interface RecipePick {
  recipe: Recipe;
  texts: Record<string, string>;
}

/** The grid about to start, with what it runs on. */
export interface NewExperiment {
  source: string;
  spec: ExperimentSpec;
}

function numberOrUndefined(text: string): number | undefined {
  const n = Number(text);
  return text.trim() === '' || !Number.isFinite(n) || n <= 0 ? undefined : n;
}

/** A labelled text input of the form. */
function TextField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  width?: string;
  testId?: string;
  title?: string;
  placeholder?: string;
}) {
  return (
    <label className="flex items-center gap-1" title={props.title}>
      {props.label}
      <input
        className={`${INPUT} ${props.width ?? 'w-14'}`}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        placeholder={props.placeholder}
        data-testid={props.testId}
      />
    </label>
  );
}

/**
 * The setup form; `onStart` gets the grid's spec once it has no problems. Memoised: a running
 * grid re-renders the dialog with its progress, and the form (with its preflight) has not changed.
 */
export const ExperimentForm = memo(function ExperimentForm({
  workflow,
  examples,
  simulated,
  disabled,
  onStart,
}: {
  workflow: Workflow;
  examples: readonly Example[];
  simulated: boolean;
  disabled: boolean;
  onStart: (experiment: NewExperiment) => void;
}) {
  const [sourceName, setSourceName] = useState('workflow');
  const [pick, setPick] = useState<RecipePick | null>(null);
  const [armNames, setArmNames] = useState<string[]>(['sembp', 'textgrad']);
  const [seedsText, setSeedsText] = useState('2');
  const [iterations, setIterations] = useState('2');
  const [batchSize, setBatchSize] = useState('');
  const [maxCalls, setMaxCalls] = useState('');
  const [maxCostUsd, setMaxCostUsd] = useState('');

  const recipe = sourceName === 'workflow' ? null : findRecipe(sourceName);
  const loaded = useMemo(() => {
    if (!recipe) return { data: { ...splitsOf(examples), notes: [] as string[] }, error: null };
    if (!pick || pick.recipe !== recipe) return { data: null, error: null };
    try {
      return { data: loadRecipeData(recipe, pick.texts, recipe.settings.seed ?? 0), error: null };
    } catch (e) {
      return { data: null, error: (e as Error).message };
    }
  }, [recipe, pick, examples]);

  // The grid's spec and preflight from the fields: memoised, since the form also re-renders when
  // a grid starts or ends (`disabled`), and the preflight walks every arm.
  const { spec, problems, preflight } = useMemo(() => {
    const seeds = parseSeeds(seedsText);
    const arms = armsOf(
      armNames,
      {
        ...(numberOrUndefined(iterations) !== undefined
          ? { iterations: numberOrUndefined(iterations)! }
          : {}),
        ...(numberOrUndefined(batchSize) !== undefined ? { batchSize: numberOrUndefined(batchSize)! } : {}),
      },
      recipe?.settings,
    );
    const budget = {
      ...(numberOrUndefined(maxCalls) !== undefined
        ? { maxCalls: Math.floor(numberOrUndefined(maxCalls)!) }
        : {}),
      ...(numberOrUndefined(maxCostUsd) !== undefined ? { maxCostUsd: numberOrUndefined(maxCostUsd)! } : {}),
    };
    const spec: ExperimentSpec | null = loaded.data
      ? {
          workflow: recipe?.workflow ?? workflow,
          train: loaded.data.train,
          val: loaded.data.val,
          test: loaded.data.test,
          arms,
          seeds: typeof seeds === 'string' ? [] : seeds,
          ...(Object.keys(budget).length > 0 ? { budget } : {}),
        }
      : null;
    const problems = [
      ...(typeof seeds === 'string' ? [seeds] : []),
      ...(loaded.error ? [loaded.error] : []),
      ...(recipe && !loaded.data && !loaded.error ? [`Pick the recipe's data files.`] : []),
      ...(spec ? specProblems(spec).filter((p) => typeof seeds !== 'string' || !p.includes('seed')) : []),
    ];
    const preflight = spec && problems.length === 0 ? preflightOf(spec, { simulated }) : null;
    return { spec, problems, preflight };
  }, [seedsText, armNames, iterations, batchSize, recipe, maxCalls, maxCostUsd, loaded, workflow, simulated]);

  const readFiles = async (source: string, files: FileList | null) => {
    const file = files?.[0];
    if (!recipe || !file) return;
    const text = await file.text();
    setPick((p) => ({ recipe, texts: { ...(p?.recipe === recipe ? p.texts : {}), [source]: text } }));
  };

  return (
    <section className="flex flex-col gap-2 text-xs" data-testid="experiment-form">
      <label className="flex items-center gap-2">
        <span className="w-24 text-slate-500">Runs on</span>
        <select
          className={INPUT}
          value={sourceName}
          onChange={(e) => setSourceName(e.target.value)}
          data-testid="experiment-source"
        >
          <option value="workflow">This workflow and its dataset</option>
          {recipes().map((r) => (
            <option key={r.name} value={r.name}>
              Recipe: {r.title}
            </option>
          ))}
        </select>
      </label>
      {recipe && (
        <div className="ml-24 flex flex-col gap-1" data-testid="experiment-recipe-files">
          <p className="text-slate-500">
            The recipe reads its official files with the same loaders as the CLI (docs/recipes.md); pick them
            here, or their shared test subsets.
          </p>
          {recipe.sources.map((s) => (
            <label key={s.id} className="flex items-center gap-2">
              <span className="w-56 truncate font-mono">{s.files.join(' or ')}</span>
              <input type="file" onChange={(e) => void readFiles(s.id, e.target.files)} />
              {pick?.recipe === recipe && pick.texts[s.id] !== undefined && <span>✓</span>}
            </label>
          ))}
        </div>
      )}
      {loaded.data && (
        <p className="ml-24 text-slate-500" data-testid="experiment-data">
          {loaded.data.train.length} training, {loaded.data.val.length} validation and{' '}
          {loaded.data.test.length} test examples.
          {loaded.data.notes.length > 0 ? ` ${loaded.data.notes.join(' ')}` : ''}
        </p>
      )}
      <fieldset className="flex flex-wrap gap-x-4 gap-y-1" aria-label="Arms">
        <legend className="mb-1 text-slate-500">Arms (algorithm or ablation)</legend>
        {ARM_CHOICES.map((c) => (
          <label key={c.name} className="flex items-center gap-1">
            <input
              type="checkbox"
              checked={armNames.includes(c.name)}
              onChange={(e) =>
                setArmNames((names) =>
                  e.target.checked ? [...names, c.name] : names.filter((n) => n !== c.name),
                )
              }
              data-testid={`arm-${c.name}`}
            />
            {c.label}
          </label>
        ))}
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <TextField
          label="Seeds"
          value={seedsText}
          onChange={setSeedsText}
          width="w-24"
          testId="experiment-seeds"
          title='A list ("1, 2, 7"), or n for the seeds 1..n'
        />
        <TextField
          label="Iterations"
          value={iterations}
          onChange={setIterations}
          testId="experiment-iterations"
          placeholder="each arm's"
          width="w-20"
        />
        <TextField
          label="Batch size"
          value={batchSize}
          onChange={setBatchSize}
          placeholder="each arm's"
          width="w-20"
        />
        <TextField
          label="Max calls"
          value={maxCalls}
          onChange={setMaxCalls}
          width="w-20"
          testId="experiment-max-calls"
        />
        <TextField label="Max cost (USD)" value={maxCostUsd} onChange={setMaxCostUsd} width="w-20" />
      </div>
      {problems.length > 0 && (
        <ul className="text-amber-700 dark:text-amber-400" data-testid="experiment-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="flex items-center gap-3">
        <button
          type="button"
          className={BUTTON}
          disabled={disabled || !spec || !preflight}
          onClick={() =>
            spec &&
            onStart({ source: recipe ? `Recipe: ${recipe.name}` : `Workflow: ${workflow.name}`, spec })
          }
          data-testid="experiment-start"
        >
          Start grid
        </button>
        {preflight && (
          <span data-testid="experiment-preflight" data-calls={preflight.calls}>
            Preflight: {preflight.runs} runs, at most {preflight.calls.toLocaleString()} calls (about{' '}
            {preflight.tokens.toLocaleString()} tokens
            {preflight.costUsd > 0 ? `, about $${preflight.costUsd.toFixed(2)}` : ''}
            {simulated ? ', simulated: free' : ''}), each run scored once on the test split.
          </span>
        )}
      </div>
    </section>
  );
});
