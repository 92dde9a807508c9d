// Public API of optimization: sessions, settings, update operators, the gate, budget and preflight.
export {
  blendedUsdPerMTok,
  estimatePreflight,
  type PreflightAssumptions,
  type PreflightEstimate,
} from './budget';
export { backwardNodeCalls, graphCounts } from './call-counts';
export { type ContextFactory, SessionController } from './controller';
export { migrateSessionEvent, SESSION_EVENT_VERSION } from './event-migrations';
export { forwardRun } from './forward-run';
export { promptsOf, withPrompts } from './gate';
export type { CallTotals } from './journal';
export { Session, type SessionInit, type SessionOptions, UNCHANGED_REASON } from './session';
export * from './settings';
export type { Phase, SessionState } from './state';
export { migrateSessionState, SESSION_STATE_VERSION } from './state-migrations';
export { joinSessionState, type SessionData, type SessionProgress, splitSessionState } from './state-parts';
export { scoreTestSplit, type TestSplitScore, testSplitSkipped } from './test-split';
export { type Evaluation, meanScore } from './units/evaluate';
export * from './update';
