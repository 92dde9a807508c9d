import { outputPasses } from '../backward/support';
import type { RunContext } from '../context';
import type { Example } from '../datasets/types';
import type { Workflow } from '../graph/schema';
import { defaultParts } from './default-parts';
import type { EngineParts } from './parts';
import { resolveSettings } from './settings';
import { evaluate } from './units/evaluate';

/** The held-out test split's score, measured once after a run (report.json `test`). */
export interface TestSplitScore {
  /** Examples scored. */
  examples: number;
  /** Mean score over them, in [0, 1]. */
  score: number;
  /** Examples that pass (score 1, or a judge's pass threshold). */
  passed: number;
  /** The final prompts were scored by the simulated model, not a real one. */
  simulated: boolean;
  perExample: Array<{ exampleId: string; score: number }>;
}

/**
 * Why a finished run's held-out test split is not scored, or undefined when it is. Both hosts ask
 * this before scoring: a run the budget stopped is not scored, because its test calls would spend
 * past the budget the person set.
 * @param stopReason how the session ended (`SessionState.stopReason`, the `runDone` event's reason)
 */
export function testSplitSkipped(stopReason: string | null | undefined): string | undefined {
  return stopReason === 'budgetExhausted'
    ? 'the run stopped at its budget, and scoring the test split would spend past it.'
    : undefined;
}

/**
 * Scores `workflow` (the run's final prompts) on the held-out test split: one forward pass and
 * the loss over every test example, and nothing else. The optimization never sees these examples;
 * call this once, after the run, so the figure is not selected on. Calls are keyed under `test/`.
 * @param parts the engine parts (default: the real forward pass and loss)
 */
export async function scoreTestSplit(
  ctx: RunContext,
  workflow: Workflow,
  test: Example[],
  parts: EngineParts = defaultParts(resolveSettings({ algorithm: 'sembp' })),
): Promise<TestSplitScore> {
  const { scores, mean } = await evaluate({ ctx, parts }, workflow, test, 'test');
  return {
    examples: test.length,
    score: mean,
    passed: scores.filter((s) => outputPasses(workflow, s.score)).length,
    simulated: ctx.forwardModel.simulated,
    perExample: scores.map((s) => ({ exampleId: s.exampleId, score: s.score })),
  };
}
