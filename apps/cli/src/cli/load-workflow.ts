import { checkWorkflow, type Workflow } from '@backflow/engine/graph/index.ts';
import { dataError } from './exit-codes';
import { readTextFile } from './files';
import type { CliIo } from './io';
import { formatProblems, summarizeProblems } from './problems-format';

/**
 * Reads and checks a workflow for `run` and `optimize`. Errors are listed on stderr (the same
 * lines `validate` prints) and end the command with exit 1; warnings are listed and it goes on.
 */
export async function loadWorkflow(path: string, shownAs: string, io: CliIo): Promise<Workflow> {
  const result = checkWorkflow(await readTextFile(path, 'workflow'));
  if (result.problems.length > 0) io.stderr(formatProblems(result.problems));
  if (!result.ok || !result.workflow) {
    throw dataError(
      `workflow ${shownAs} is not runnable: ${summarizeProblems(result.problems)} (see above).`,
    );
  }
  return result.workflow;
}
