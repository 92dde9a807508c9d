/**
 * Import/export of workflow files from the browser. Export downloads the bundle (keys stripped);
 * import stores the workflow as a project (under a fresh id if its id is taken) and opens it.
 * Import reads the studio's own bundle and a bare workflow document alike, so the command line's
 * `workflow.optimized.json` opens as it is (the CLI reads the studio's bundle in turn).
 */

import {
  fileSizeProblem,
  readFileText,
  readUntrustedJson,
  undecodedFileProblem,
} from '../engine-adapters/parse';
import type { Persistence } from '../persistence/attach';
import { exportBundle, importBundle } from '../persistence/bundle';
import { newProjectId, saveDatasetRow, saveWorkflow } from '../persistence/projects';
import { isCliReport, readCallsJsonl, readCliReport } from '../run-views/import/cli-report';
import type { StudioStore } from '../store/create-store';
import { isolate } from '../ui/bidi';
import { download } from '../ui/download';
import { exportFileName } from '../ui/file-name';

/** Offers the current workflow (and dataset, when `withDataset`) as a `.backflow.json` download. */
export function downloadWorkflow(store: StudioStore, withDataset: boolean): void {
  const { doc, dataset, split } = store.getState();
  const text = exportBundle(doc, withDataset && dataset ? { dataset, split } : undefined);
  const what = withDataset && dataset ? 'workflow and dataset' : 'workflow';
  download({
    name: exportFileName(doc.name, what, Date.now(), 'backflow.json'),
    type: 'application/json',
    text,
  });
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
  /** The file's text when already read. */
  read?: string,
): Promise<void> {
  const refuse = (message: string) => store.getState().toast(message, { kind: 'error', ms: 10000 });
  const tooLarge = fileSizeProblem(file.size);
  if (tooLarge) return void refuse(tooLarge);
  const decoded = read === undefined ? await readFileText(file) : { ok: true as const, text: read };
  if (!decoded.ok) return void refuse(undecodedFileProblem(decoded, 'workflow'));
  const result = importBundle(decoded.text);
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

/**
 * Import with one or more files chosen: a CLI run's report.json (with its calls.jsonl, when chosen
 * too) opens in the run views; anything else is a workflow file (`importWorkflowFile`). Every
 * file is checked before anything is shown; a bad one is refused with a sentence.
 */
export async function importFiles(
  store: StudioStore,
  persistence: Persistence,
  files: readonly File[],
): Promise<void> {
  const refuse = (message: string) => store.getState().toast(message, { kind: 'error', ms: 10000 });
  const main = files.find((f) => !f.name.endsWith('.jsonl')) ?? files[0];
  if (!main) return;
  const calls = files.find((f) => f !== main && f.name.endsWith('.jsonl'));
  const tooLarge = fileSizeProblem(main.size);
  if (tooLarge) return void refuse(tooLarge);
  const decoded = await readFileText(main);
  if (!decoded.ok) return void refuse(undecodedFileProblem(decoded, 'workflow'));
  const { text } = decoded;
  const json = readUntrustedJson(text);
  if (!json.ok || !isCliReport(json.value)) {
    if (calls) return void refuse('A calls.jsonl opens only together with the report.json of the same run.');
    return importWorkflowFile(store, persistence, main, text);
  }
  const report = readCliReport(text);
  if (!report.ok) return void refuse(report.message);
  let records: Awaited<ReturnType<typeof readCallsJsonl>> = { ok: true, value: [] };
  if (calls) {
    const callsTooLarge = fileSizeProblem(calls.size);
    if (callsTooLarge) return void refuse(`calls.jsonl: ${callsTooLarge}`);
    const callsText = await readFileText(calls);
    if (!callsText.ok) return void refuse(`calls.jsonl: ${undecodedFileProblem(callsText, 'workflow')}`);
    records = readCallsJsonl(callsText.text);
    if (!records.ok) return void refuse(records.message);
  }
  store.getState().showImportedRun({
    report: report.value,
    calls: records.value,
    files: [main.name, ...(calls ? [calls.name] : [])],
  });
}
