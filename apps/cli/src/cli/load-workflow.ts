import { checkWorkflow, type Workflow } from '@backflow/engine';
import { dataError } from './exit-codes';
import { readTextFile } from './files';
import type { CliIo } from './io';
import { formatProblems, summarizeProblems } from './problems-format';
import { type BundledExamples, readWorkflowSource } from './studio-bundle';

/** A runnable workflow and, when the file was a studio bundle with a dataset, that dataset. */
export interface LoadedWorkflow {
  workflow: Workflow;
  dataset?: BundledExamples;
}

/**
 * Reads and checks a workflow (or the studio's export bundle, whose dataset it returns so `--data`
 * may be left out) for `run`, `optimize` and `experiment`. Errors are listed on stderr (the same
 * lines `validate` prints) and end the command with exit 1; warnings are listed and it goes on.
 */
export async function loadWorkflowFile(path: string, shownAs: string, io: CliIo): Promise<LoadedWorkflow> {
  const source = readWorkflowSource(await readTextFile(path, 'workflow'), shownAs);
  const result = checkWorkflow(source.document);
  if (result.problems.length > 0) io.stderr(formatProblems(result.problems));
  if (!result.ok || !result.workflow) {
    throw dataError(
      `workflow ${shownAs} is not runnable: ${summarizeProblems(result.problems)} (see above).`,
    );
  }
  return source.dataset
    ? { workflow: result.workflow, dataset: source.dataset }
    : { workflow: result.workflow };
}
