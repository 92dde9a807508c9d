/**
 * What the studio's engine host adds to the engine protocol: a `call` message carrying every call
 * record to the main thread, which writes it to the call table, `journal` checkpoints in
 * mid-unit, and the held-out test split scored once after a run (`scoreTest` → `testScored`).
 * Provider settings are the engine's own `ProviderSettings`, unchanged.
 */
import type {
  CallRecord,
  EngineCommand,
  EngineEvent,
  Example,
  ProviderSettings,
  SessionProgress,
  TestSplitScore,
  Workflow,
} from '@backflow/engine';

/** One model call as the provider layer recorded it, addressed to its run. */
export interface CallMessage {
  type: 'call';
  runId: string;
  record: CallRecord;
}

/**
 * The session state in the middle of a unit, sent a short while after calls settle: the unit's
 * journal holds every call that settled so far, so a reload resumes the unit without sending those
 * calls again. Stored like a checkpoint; the unit has not ended, so nothing steps on it.
 */
export interface JournalMessage {
  type: 'journal';
  runId: string;
  /** The progress part only: the data part went with the run's first checkpoint. */
  progress: SessionProgress;
}

/**
 * Scores `workflow` (a finished run's final prompts) on the held-out test examples, once, with the
 * engine's `scoreTestSplit`; its calls are recorded under `runId` (keys `test/…`).
 */
export interface ScoreTestCommand {
  type: 'scoreTest';
  runId: string;
  workflow: Workflow;
  examples: Example[];
  provider: ProviderSettings;
}

/** The held-out test split's score, or why it could not be measured (the run itself stays done). */
export type TestScoredMessage =
  | { type: 'testScored'; runId: string; score: TestSplitScore }
  | { type: 'testScored'; runId: string; error: string };

/** Every message the studio's engine host sends. */
export type HostMessage = EngineEvent | CallMessage | JournalMessage | TestScoredMessage;

/** Every command the studio's engine host accepts. */
export type HostCommand = EngineCommand | ScoreTestCommand;
