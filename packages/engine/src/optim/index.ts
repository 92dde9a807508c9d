// Public API of optimization: sessions, settings, update operators, the gate, budget and preflight.
export {
  blendedUsdPerMTok,
  type CostEstimate,
  type DatasetSizes,
  estimateCost,
  estimatePreflight,
  exceededLimit,
  INPUT_TOKEN_SHARE,
  type PreflightAssumptions,
  type PreflightEstimate,
  resolveAssumptions,
  workflowModels,
} from './budget';
export {
  backwardNodeCalls,
  evaluationCalls,
  type GraphCounts,
  graphCounts,
  seedCalls,
  updateCallsPerNode,
} from './call-counts';
export { type ContextFactory, type ControllerOptions, SessionController } from './controller';
export { defaultParts } from './default-parts';
export { EventVersionError, migrateSessionEvent, SESSION_EVENT_VERSION } from './event-migrations';
export { forwardRun } from './forward-run';
export { gateAccepts, gateTarget, promptsOf, withPrompts } from './gate';
export {
  type CallTotals,
  emptyTotals,
  hashRequest,
  type JournalEntry,
  type JournalOptions,
  journaledContext,
} from './journal';
export type { BackwardRuleLike, BatchItem, EngineParts, ScoredExample, SeedResult } from './parts';
export { looksAhead, stopAfterUnit } from './run-until';
export {
  Session,
  type SessionInit,
  type SessionOptions,
  type StepOptions,
  UNCHANGED_REASON,
} from './session';
export * from './settings';
export type { IterationScratch, IterationSummary, Phase, SessionState } from './state';
export { CheckpointVersionError, migrateSessionState, SESSION_STATE_VERSION } from './state-migrations';
export { joinSessionState, type SessionData, type SessionProgress, splitSessionState } from './state-parts';
export { scoreTestSplit, type TestSplitScore, testSplitSkipped } from './test-split';
export { type Evaluation, meanScore } from './units/evaluate';
export * from './update';
