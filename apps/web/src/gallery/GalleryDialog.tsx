import { type Example, inputFieldsOf, recipes } from '@backflow/engine';
import { useState } from 'react';
import { splitDataset } from '../engine-adapters/datasets';
import { parseWorkflowValue } from '../engine-adapters/parse';
import { recipeDefaultsOf } from '../optimize/recipe-defaults';
import { newProjectId, saveDatasetRow, saveWorkflow } from '../persistence/projects';
import { useServices } from '../shell/services';
import { useStudioStore } from '../store/react';
import { Dialog } from '../ui/Dialog';
import { type GalleryEntry, galleryEntries } from './catalog';
import { RecipeDataPicker } from './RecipeDataPicker';

/** "12 training, 0 validation and 30 test examples." */
function splitCounts(examples: readonly Example[]): string {
  const n = (split: string) => examples.filter((e) => e.split === split).length;
  return `${n('train')} training, ${n('val')} validation and ${n('test')} test examples (the test split is held out).`;
}

/** The example gallery: one click opens an example as a new project (with its dataset, if any). */
export default function GalleryDialog({ onClose }: { onClose: () => void }) {
  const store = useStudioStore();
  const { persistence } = useServices();
  const [busy, setBusy] = useState<string | null>(null);
  const entries = galleryEntries();
  const groups = [...new Set(entries.map((e) => e.group))];

  /** Opens `entry`; `data`: a recipe's examples, already cut into the paper's splits. */
  const open = async (entry: GalleryEntry, data?: { examples: Example[]; notes: string[] }) => {
    setBusy(entry.key);
    try {
      const parsed = parseWorkflowValue(await entry.load());
      if (!parsed.ok) throw new Error(parsed.message);
      // A broken variant is its own project: its name says which one (Projects lists them apart).
      const name = entry.variant ? `${parsed.workflow.name} (${entry.variant})` : parsed.workflow.name;
      const workflow = { ...parsed.workflow, id: newProjectId(), name };
      // A recipe's settings and paper models go with the project: the Optimize form starts from them.
      await saveWorkflow(
        persistence.db,
        workflow,
        '',
        entry.recipe ? recipeDefaultsOf(entry.recipe) : undefined,
      );
      const examples = data?.examples ?? (await entry.loadExamples?.()) ?? [];
      if (examples.length > 0) {
        const fields = inputFieldsOf(examples);
        await saveDatasetRow(persistence.db, {
          id: `${workflow.id}:dataset`,
          workflowId: workflow.id,
          updatedAt: Date.now(),
          dataset: {
            id: `${workflow.id}-train`,
            name: `${entry.title} (train)`,
            // A recipe's examples keep the paper's splits (its held-out test split included).
            examples: data ? examples : splitDataset(examples, store.getState().split),
            fields,
          },
          split: store.getState().split,
        });
      }
      await persistence.openProject(workflow.id);
      onClose();
      store
        .getState()
        .toast(
          `Opened "${workflow.name}"${examples.length ? ` with ${examples.length} examples` : ''}.${data ? ` ${splitCounts(examples)}${data.notes.length ? ` ${data.notes.join(' ')}` : ''}` : ''}`,
        );
    } catch (err) {
      store.getState().toast((err as Error).message, { kind: 'error' });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Dialog title="Examples" onClose={onClose} wide testId="gallery-dialog">
      {groups.map((group) => (
        <section key={group} className="mb-4">
          <h3 className="mb-2 text-[11px] font-semibold uppercase tracking-wide text-slate-500">{group}</h3>
          <div className="grid grid-cols-2 gap-2 md:grid-cols-3">
            {entries
              .filter((e) => e.group === group)
              .map((e) => (
                <button
                  key={e.key}
                  type="button"
                  disabled={busy !== null}
                  onClick={() => void open(e)}
                  className="rounded-md border border-slate-200 p-3 text-left hover:border-sky-400 hover:bg-sky-50 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800"
                >
                  <span className="block font-medium">{e.title}</span>
                  <span className="text-xs text-slate-500">
                    {busy === e.key
                      ? 'Opening…'
                      : (e.detail ??
                        (group === 'Real-model templates'
                          ? 'Needs a real model'
                          : 'Runs on the simulated model'))}
                  </span>
                  {e.description && (
                    <span className="mt-1 line-clamp-3 block text-xs text-slate-600 dark:text-slate-300">
                      {e.description}
                    </span>
                  )}
                </button>
              ))}
          </div>
          {group === 'Paper recipes' && (
            <details className="mt-2 text-xs" data-testid="recipe-data">
              <summary className="cursor-pointer text-slate-600 dark:text-slate-300">
                Open a recipe with its data files (its paper's splits, the test split held out)
              </summary>
              <div className="mt-2 grid grid-cols-2 gap-3 md:grid-cols-3">
                {recipes().map((r) => (
                  <div key={r.name} className="rounded-md border border-slate-200 p-2 dark:border-slate-700">
                    <span className="mb-1 block font-medium">{r.title}</span>
                    <RecipeDataPicker
                      recipe={r}
                      disabled={busy !== null}
                      onOpen={(data) => {
                        const entry = entries.find((e) => e.key === `recipe:${r.name}`);
                        if (entry) void open(entry, data);
                      }}
                    />
                  </div>
                ))}
              </div>
            </details>
          )}
        </section>
      ))}
      {!groups.includes('Simulated world') && (
        <p className="text-xs text-slate-500">
          The simulated-world fixtures appear here once packages/sim/fixtures holds them.
        </p>
      )}
    </Dialog>
  );
}
