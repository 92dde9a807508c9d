/**
 * Import/export of workflow files from the browser. Export downloads the bundle (keys stripped);
 * import stores the workflow as a project (under a fresh id if its id is taken) and opens it.
 * Import reads the studio's own bundle and a bare workflow document alike, so the command line's
 * `workflow.optimized.json` opens as it is (the CLI reads the studio's bundle in turn).
 */

import { fileSizeProblem, readFileText } from '../engine-adapters/parse';
import type { Persistence } from '../persistence/attach';
import { exportBundle, importBundle } from '../persistence/bundle';
import { newProjectId, saveDatasetRow, saveWorkflow } from '../persistence/projects';
import type { StudioStore } from '../store/create-store';
import { isolate } from '../ui/bidi';

/** Offers the current workflow (and dataset, when `withDataset`) as a `.backflow.json` download. */
export function downloadWorkflow(store: StudioStore, withDataset: boolean): void {
  const { doc, dataset, split } = store.getState();
  const text = exportBundle(doc, withDataset && dataset ? { dataset, split } : undefined);
  downloadText(text, `${doc.name.replace(/[^\w.-]+/g, '-').toLowerCase() || 'workflow'}.backflow.json`);
}

/** Offers `text` as a JSON download called `fileName`. */
export function downloadText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Reads an exported file into a new project and opens it; toasts the outcome. Everything is
 * checked before anything is written (size first, then the whole file, see `importBundle`), and
 * the workflow and its dataset are written in one transaction under ids chosen here, so a bad
 * file changes nothing and a good one can never overwrite another project's rows.
 */
export async function importWorkflowFile(
  store: StudioStore,
  persistence: Persistence,
  file: File,
): Promise<void> {
  const refuse = (message: string) => store.getState().toast(message, { kind: 'error', ms: 10000 });
  const tooLarge = fileSizeProblem(file.size);
  if (tooLarge) return void refuse(tooLarge);
  const result = importBundle(await readFileText(file));
  if (!result.ok) return void refuse(result.message);
  const { db } = persistence;
  const workflow = (await db.workflows.get(result.workflow.id))
    ? { ...result.workflow, id: newProjectId() }
    : result.workflow;
  const { dataset } = result;
  await db.transaction('rw', db.workflows, db.datasets, async () => {
    await saveWorkflow(db, workflow);
    const datasetId = `${workflow.id}:dataset`;
    // A stale row under the new id (an old project's orphan) must not ride along with this one.
    if (!dataset) await db.datasets.delete(datasetId);
    else
      await saveDatasetRow(db, { id: datasetId, workflowId: workflow.id, updatedAt: Date.now(), ...dataset });
  });
  await persistence.openProject(workflow.id);
  const examples = dataset ? ` with ${dataset.dataset.examples.length} examples` : '';
  store.getState().toast(`Imported "${isolate(workflow.name)}"${examples}.`);
  for (const warning of result.warnings) store.getState().toast(warning, { kind: 'error', ms: 15000 });
}
