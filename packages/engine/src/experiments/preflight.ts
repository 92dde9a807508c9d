/**
 * The whole grid's preflight: an upper estimate of its calls, tokens and cost before anything
 * runs, shown by `backflow experiment` and by the studio's Experiments view before they start.
 */
import type { Workflow } from '../graph/schema';
import { estimatePreflight } from '../optim/budget';
import { evaluationCalls, graphCounts } from '../optim/call-counts';
import { resolveSettings } from '../optim/settings';
import type { ExperimentArm } from './types';

/** What the whole grid may spend at most. */
export interface GridPreflight {
  runs: number;
  calls: number;
  tokens: number;
  costUsd: number;
}

/**
 * Upper estimate of the whole grid: every run's preflight (`estimatePreflight` with the arm's
 * settings) plus its one test pass, times the seeds.
 */
export function gridPreflight(
  workflow: Workflow,
  arms: readonly ExperimentArm[],
  seeds: readonly number[],
  sizes: { train: number; val: number; test: number },
  assumptions: Parameters<typeof estimatePreflight>[3],
): GridPreflight {
  const testCalls = evaluationCalls(graphCounts(workflow), sizes.test);
  let calls = 0;
  let tokens = 0;
  let costUsd = 0;
  for (const arm of arms) {
    const estimate = estimatePreflight(resolveSettings({ ...arm.settings }), workflow, sizes, assumptions);
    const perCall = estimate.calls > 0 ? estimate.tokens / estimate.calls : 0;
    const usdPerCall = estimate.calls > 0 ? estimate.costUsd / estimate.calls : 0;
    const runCalls = estimate.calls + testCalls;
    calls += runCalls * seeds.length;
    tokens += runCalls * perCall * seeds.length;
    costUsd += runCalls * usdPerCall * seeds.length;
  }
  return { runs: arms.length * seeds.length, calls, tokens: Math.round(tokens), costUsd };
}
