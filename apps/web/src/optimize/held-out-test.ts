/**
 * The held-out test split of an optimization in the studio, as the CLI does it (apps/cli's
 * optimize finish step): the examples labelled `test` never reach the session; when the run ends,
 * its final prompts are scored on them once, in the engine host (`scoreTest`, the engine's
 * `scoreTestSplit`), and the score goes into the panel and the run's report.
 */
import {
  type Example,
  type ProviderSettings,
  type SessionEvent,
  testSplitSkipped,
  withPrompts,
} from '@backflow/engine';
import type { BackflowDb } from '../persistence/db';
import { recordTestScore } from '../persistence/runs';
import type { EngineClient } from '../worker/client';
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

/** What the driver lends its live run's held-out test split. */
export interface HeldOutTestHost {
  db: BackflowDb;
  /** The live run's id and engine client (null once it is let go). */
  runId(): string | null;
  client(): EngineClient | null;
  /** The live run's state, shown or kept aside while a stored run is shown, and its update. */
  live(): OptimizeState;
  setLive(update: Partial<OptimizeState> | ((s: OptimizeState) => Partial<OptimizeState>)): void;
}

/** Holds the live run's test split out and scores it once after its `runDone`. */
export function createHeldOutTest(host: HeldOutTestHost) {
  let run: HeldOutTestRun | null = null;
  return {
    /** A run opened (started or resumed): these examples are held out, scored with these models. */
    open(opened: HeldOutTestRun) {
      run = opened;
    },
    /** The run ended: its final prompts are scored once, or the panel says why they are not. */
    runDone(event: Extract<SessionEvent, { type: 'runDone' }>) {
      const skipped = testSplitSkipped(event.reason);
      if (skipped) {
        host.setLive((s) => ({
          test: s.test ? { status: 'failed', examples: s.test.examples, message: skipped } : null,
        }));
        return;
      }
      const runId = host.runId();
      const command = runId ? scoreTestCommand(runId, host.live(), event.prompts, run) : null;
      const client = host.client();
      if (!command || !client) return;
      host.setLive((s) => ({ test: s.test ? { status: 'scoring', examples: s.test.examples } : null }));
      client.send(command);
    },
    /** The host's answer, shown once `stored` (the run's earlier writes) settles. */
    scored(message: TestScoredMessage, stored: Promise<void>) {
      // Shown once the test split's call records are stored, like every other result.
      void stored.then(() => host.setLive((s) => applyTestScored(s, message)));
      // Kept with the run: its history entry shows it after a reload.
      if ('score' in message)
        void recordTestScore(host.db, message.runId, message.score).catch(() =>
          host.setLive({ message: 'The held-out test score could not be saved with the run.' }),
        );
    },
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
