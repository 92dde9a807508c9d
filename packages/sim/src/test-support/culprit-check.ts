/**
 * The fault-injection check for one broken fixture, used by the fixture generator (to keep only
 * breaks whose culprit can be found) and by the tests (to assert that it is found):
 * the broken workflow scores lower; a gradient request at the culprit's successor, with all
 * sibling outputs, blames the culprit alone; GTBP's inversion there leaves the siblings' targets
 * equal to their values; and an update request for the culprit repairs the workflow.
 */
import {
  type ChatModel,
  type Example,
  gtbpInvertAnswerSchema,
  promptAnswerSchema,
  sembpGradientAnswerSchema,
  type TaskMessage,
  type Workflow,
} from '../engine';
import { expectedFor, nodeById, scoreWorkflow, type WorkflowRun } from './run-workflow';
import {
  ask,
  expectedMessage,
  gtbpInvertTask,
  sembpGradientTask,
  sembpUpdateTask,
  taskInputs,
  withPrompt,
} from './tasks';

export interface GradientCheck {
  exampleId: string;
  successorId: string;
  /** Inputs the gradient asked to change. */
  blamed: string[];
  /** Inputs whose GTBP target differs from their value. */
  retargeted: string[];
}

export interface BrokenReport {
  culpritId: string;
  scores: { train: number; val: number };
  checks: GradientCheck[];
  /** The prompt the update answered with, and the repaired workflow's scores. */
  repairedPrompt: string;
  repairedScores: { train: number; val: number };
}

/** Successor node ids of `nodeId` that are llm nodes. */
export function llmSuccessors(workflow: Workflow, nodeId: string): string[] {
  return workflow.edges
    .filter((e) => e.source === nodeId && nodeById(workflow, e.target).kind === 'llm')
    .map((e) => e.target);
}

/** What the culprit's output should have been on one example, per its successors or the target. */
function expectedAtOutput(workflow: Workflow, nodeId: string, example: Example): string | undefined {
  const edge = workflow.edges.find(
    (e) => e.source === nodeId && nodeById(workflow, e.target).kind === 'output',
  );
  const out = edge ? nodeById(workflow, edge.target) : undefined;
  return out?.kind === 'output' ? expectedFor(example, out.targetKey) : undefined;
}

/** Runs the whole fault-injection check for one broken variant (at most `updateBatch` examples per update). */
export async function checkBrokenVariant(
  correct: Workflow,
  broken: Workflow,
  culpritId: string,
  data: { train: Example[]; val: Example[] },
  model: ChatModel,
  updateBatch = 4,
): Promise<BrokenReport> {
  const good = await scoreWorkflow(correct, data.train, model);
  const bad = await scoreWorkflow(broken, data.train, model);
  const badVal = await scoreWorkflow(broken, data.val, model);
  const checks: GradientCheck[] = [];
  const batch: { run: WorkflowRun; messages: TaskMessage[] }[] = [];
  for (const [i, example] of data.train.entries()) {
    const run = bad.runs[i] as WorkflowRun;
    const ref = good.runs[i] as WorkflowRun;
    if (run.nodes[culpritId]?.output === ref.nodes[culpritId]?.output) continue;
    let desired = expectedAtOutput(broken, culpritId, example);
    let from = 'loss';
    for (const successorId of llmSuccessors(broken, culpritId)) {
      const wanted = ref.nodes[successorId]?.output ?? '';
      if (run.nodes[successorId]?.output === wanted) continue;
      const messages = [expectedMessage('downstream', wanted)];
      const gradient = await ask(
        model,
        sembpGradientTask(broken, run, example, successorId, messages),
        sembpGradientAnswerSchema,
      );
      const inverted = await ask(
        model,
        gtbpInvertTask(broken, run, example, successorId, wanted),
        gtbpInvertAnswerSchema,
      );
      const inputs = taskInputs(broken, successorId, run);
      checks.push({
        exampleId: example.id,
        successorId,
        blamed: Object.entries(gradient.inputs)
          .filter(([, v]) => v.change)
          .map(([id]) => id),
        retargeted: inputs.filter((inp) => inverted.targets[inp.id] !== inp.value).map((inp) => inp.id),
      });
      const suggestion = gradient.inputs[culpritId]?.suggestedValue;
      if (desired === undefined && suggestion !== undefined) {
        desired = suggestion;
        from = successorId;
      }
    }
    if (desired !== undefined && batch.length < updateBatch)
      batch.push({ run, messages: [expectedMessage(from, desired)] });
  }
  const update = await ask(model, sembpUpdateTask(broken, culpritId, batch), promptAnswerSchema);
  const repaired = withPrompt(broken, culpritId, update.prompt);
  const repairedTrain = await scoreWorkflow(repaired, data.train, model);
  const repairedVal = await scoreWorkflow(repaired, data.val, model);
  return {
    culpritId,
    scores: { train: bad.score, val: badVal.score },
    checks,
    repairedPrompt: update.prompt,
    repairedScores: { train: repairedTrain.score, val: repairedVal.score },
  };
}
