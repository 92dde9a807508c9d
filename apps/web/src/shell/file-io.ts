/**
 * Import/export of workflow files from the browser. Export downloads the bundle (keys stripped);
 * import stores the workflow as a project (under a fresh id if its id is taken) and opens it.
 */
import type { Persistence } from '../persistence/attach';
import { exportBundle, importBundle } from '../persistence/bundle';
import { newProjectId, saveWorkflow } from '../persistence/projects';
import type { StudioStore } from '../store/create-store';

/** Offers the current workflow (and dataset, when `withDataset`) as a `.backflow.json` download. */
export function downloadWorkflow(store: StudioStore, withDataset: boolean): void {
  const { doc, dataset, split } = store.getState();
  const text = exportBundle(doc, withDataset && dataset ? { dataset, split } : undefined);
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${doc.name.replace(/[^\w.-]+/g, '-').toLowerCase() || 'workflow'}.backflow.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Reads an exported file into a new project and opens it; toasts the outcome. */
export async function importWorkflowFile(
  store: StudioStore,
  persistence: Persistence,
  file: File,
): Promise<void> {
  const result = importBundle(await file.text());
  if (!result.ok) {
    store.getState().toast(result.message, { kind: 'error', ms: 8000 });
    return;
  }
  const taken = await persistence.db.workflows.get(result.workflow.id);
  const workflow = taken ? { ...result.workflow, id: newProjectId() } : result.workflow;
  await saveWorkflow(persistence.db, workflow);
  if (result.dataset) {
    await persistence.db.datasets.put({
      id: `${workflow.id}:dataset`,
      workflowId: workflow.id,
      updatedAt: Date.now(),
      ...result.dataset,
    });
  }
  await persistence.openProject(workflow.id);
  store.getState().toast(`Imported "${workflow.name}".`);
}
