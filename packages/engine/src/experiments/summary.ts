/**
 * What an experiment reports: per arm, the mean test score with its 95% bootstrap interval and the
 * mean cost of a run; between every two arms, paired tests on the test split (the same examples
 * under the same seed): a paired bootstrap of the score difference and McNemar's exact test on
 * pass/fail.
 */
import {
  bootstrapMean,
  type Interval,
  type McNemarTest,
  mcnemarExact,
  type PairedTest,
  pairedBootstrap,
} from './stats';
import type { ExperimentRun } from './types';

/** One arm's figures over its seeds. */
export interface ArmSummary {
  arm: string;
  runs: number;
  testScore: Interval;
  meanCalls: number;
  meanTokens: number;
  meanCostUsd: number;
  meanWallMs: number;
  /** Validation curves, one per seed (seed order). */
  curves: { seed: number; values: number[] }[];
}

/** Arm B against arm A on the test examples both scored under the same seeds. */
export interface ArmComparison {
  a: string;
  b: string;
  /** Paired (seed, example) items compared. */
  pairs: number;
  paired: PairedTest;
  mcnemar: McNemarTest;
}

/** The whole experiment's summary. */
export interface ExperimentSummary {
  arms: ArmSummary[];
  comparisons: ArmComparison[];
}

/** A test example passes when its score is 1 (every output right). */
export const PASS_SCORE = 1;

/** Summarises finished runs (in the order the arms first appear). */
export function summarizeExperiment(runs: readonly ExperimentRun[]): ExperimentSummary {
  const armNames = [...new Set(runs.map((r) => r.arm))];
  const byArm = new Map(armNames.map((name) => [name, runs.filter((r) => r.arm === name)]));
  const arms = armNames.map((arm) => armSummary(arm, byArm.get(arm)!));
  const comparisons: ArmComparison[] = [];
  for (let i = 0; i < armNames.length; i++) {
    for (let j = i + 1; j < armNames.length; j++) {
      const comparison = compareArms(byArm.get(armNames[i]!)!, byArm.get(armNames[j]!)!);
      if (comparison) comparisons.push(comparison);
    }
  }
  return { arms, comparisons };
}

function armSummary(arm: string, runs: ExperimentRun[]): ArmSummary {
  const avg = (pick: (r: ExperimentRun) => number) => runs.reduce((s, r) => s + pick(r), 0) / runs.length;
  return {
    arm,
    runs: runs.length,
    testScore: bootstrapMean(runs.map((r) => r.testScore)),
    meanCalls: avg((r) => r.totals.calls),
    meanTokens: avg((r) => r.totals.inputTokens + r.totals.outputTokens),
    meanCostUsd: avg((r) => r.totals.costUsd),
    meanWallMs: avg((r) => r.wallMs),
    curves: [...runs].sort((x, y) => x.seed - y.seed).map((r) => ({ seed: r.seed, values: r.valCurve })),
  };
}

/** Pairs the two arms' test scores by (seed, example id); null when they share none. */
function compareArms(a: ExperimentRun[], b: ExperimentRun[]): ArmComparison | null {
  const scoresA: number[] = [];
  const scoresB: number[] = [];
  for (const runA of a) {
    const runB = b.find((r) => r.seed === runA.seed);
    if (!runB) continue;
    const indexB = new Map(runB.testIds.map((id, k) => [id, k]));
    runA.testIds.forEach((id, k) => {
      const kb = indexB.get(id);
      if (kb === undefined) return;
      scoresA.push(runA.testScores[k]!);
      scoresB.push(runB.testScores[kb]!);
    });
  }
  if (scoresA.length === 0) return null;
  return {
    a: a[0]!.arm,
    b: b[0]!.arm,
    pairs: scoresA.length,
    paired: pairedBootstrap(scoresA, scoresB),
    mcnemar: mcnemarExact(
      scoresA.map((s) => s >= PASS_SCORE),
      scoresB.map((s) => s >= PASS_SCORE),
    ),
  };
}
