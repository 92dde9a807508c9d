/**
 * Words for the engine's and the studio's status names, so no camelCase identifier reaches the
 * screen (the names stay in data attributes for tests and tools).
 */
import type { RunSummary } from '../derive/summary';

/** A stored or live run's status, as the history and the run views say it. */
export const RUN_STATUS_LABEL: Record<RunSummary['status'], string> = {
  notStarted: 'not started',
  running: 'running',
  awaitingDecisions: 'waiting for you',
  failed: 'failed',
  aborted: 'aborted',
  stopped: 'stopped (can resume)',
  completed: 'completed',
  earlyStop: 'stopped early (perfect)',
  budgetExhausted: 'budget reached',
};

const GATE_POLICY_LABEL: Record<string, string> = {
  none: 'no gate',
  strict: 'must improve',
  nonWorsening: 'must not get worse',
};

/** A gate policy in words ("must not get worse"); an unknown name is shown as it is. */
export function gatePolicyLabel(policy: string): string {
  return GATE_POLICY_LABEL[policy] ?? policy;
}
