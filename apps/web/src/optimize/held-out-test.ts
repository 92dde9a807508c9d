/**
 * The held-out test split of an optimization in the studio, as the CLI does it (apps/cli's
 * optimize finish step): the examples labelled `test` never reach the session; when the run ends,
 * its final prompts are scored on them once, in the engine host (`scoreTest`, the engine's
 * `scoreTestSplit`), and the score goes into the panel and the run's report.
 */
import { type Example, type ProviderSettings, withPrompts } from '@backflow/engine';
import type { ScoreTestCommand, TestScoredMessage } from '../worker/protocol';
import type { HeldOutTest, OptimizeState } from './optimize-state';

/** What a live run keeps to score its test split at the end. */
export interface HeldOutTestRun {
  examples: Example[];
  provider: ProviderSettings;
}

/** The panel's state for a run starting with `examples` held out (null: nothing held out). */
export function heldOutTestState(examples: readonly Example[]): HeldOutTest | null {
  return examples.length > 0 ? { status: 'waiting', examples: examples.length } : null;
}

/**
 * The command that scores the run's final `prompts` (its `runDone`) on the held-out examples, or
 * null when there is nothing to score or it was scored already.
 */
export function scoreTestCommand(
  runId: string,
  state: Pick<OptimizeState, 'workflowBefore' | 'test'>,
  prompts: Record<string, string>,
  run: HeldOutTestRun | null,
): ScoreTestCommand | null {
  if (!run || run.examples.length === 0 || !state.workflowBefore) return null;
  if (state.test?.status !== 'waiting') return null;
  return {
    type: 'scoreTest',
    runId,
    workflow: withPrompts(state.workflowBefore, prompts),
    examples: run.examples,
    provider: run.provider,
  };
}

/** The state after the host's answer: the score (also a fact of the run's report) or the failure. */
export function applyTestScored(
  state: Pick<OptimizeState, 'test' | 'facts'>,
  message: TestScoredMessage,
): Partial<OptimizeState> {
  const examples = state.test?.examples ?? 0;
  if ('error' in message) return { test: { status: 'failed', examples, message: message.error } };
  return {
    test: { status: 'scored', examples: message.score.examples, score: message.score },
    ...(state.facts ? { facts: { ...state.facts, test: message.score } } : {}),
  };
}

/** "Held-out test: 80.0% (24 of 30 pass)" and the like, for the panel. */
export function heldOutTestLine(test: HeldOutTest): string {
  switch (test.status) {
    case 'waiting':
      return `${test.examples} test examples are held out: scored once with the final prompts when the run ends.`;
    case 'scoring':
      return `Scoring the held-out test split (${test.examples} examples)…`;
    case 'scored': {
      const { score, passed, examples, simulated } = test.score;
      return `Held-out test: ${(score * 100).toFixed(1)}% on ${examples} examples (${passed} of ${examples} pass)${simulated ? ', simulated model' : ''}.`;
    }
    case 'failed':
      return `The held-out test split could not be scored: ${test.message}`;
  }
}
