/**
 * Import/export of workflow files from the browser. Export downloads the bundle (keys stripped);
 * import stores the workflow as a project (under a fresh id if its id is taken) and opens it.
 * Import reads the studio's own bundle and a bare workflow document alike, so the command line's
 * `workflow.optimized.json` opens as it is (the CLI reads the studio's bundle in turn).
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
  const text = await file.text();
  if (isRunReport(text)) {
    store.getState().toast(REPORT_NOT_YET, { kind: 'error', ms: 10000 });
    return;
  }
  const result = importBundle(text);
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

/** What the CLI's `optimize` writes as report.json (docs/cli.md). */
const REPORT_FORMAT = 'backflow.optimize-report';

const REPORT_NOT_YET =
  'This is an optimization report (report.json). Reports will open in the run views; for now, import the workflow.optimized.json written next to it.';

/** True for a CLI run report, which is not a workflow (it gets its own sentence, not a schema error). */
function isRunReport(text: string): boolean {
  try {
    return (JSON.parse(text) as { format?: unknown } | null)?.format === REPORT_FORMAT;
  } catch {
    return false;
  }
}
