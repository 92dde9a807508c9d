import { type Rng, sample } from '../util/random';

/** Semantic backpropagation's reference code back-propagates two failing examples per iteration. */
export const REFERENCE_ERROR_BATCH_SIZE = 2;

export interface ErrorBatchOptions {
  /** An example fails when its score is below this (default 1: anything short of perfect). */
  passThreshold?: number;
  /**
   * Top the batch up with passing examples when fewer than `b` fail (default false: the
   * reference samples failing examples only, so a perfect minibatch back-propagates nothing).
   */
  fillWithPassing?: boolean;
}

/**
 * The error batch: up to `b` failing examples drawn without replacement with `rng` (failing
 * examples first, then passing ones only if `fillWithPassing`). Draws come from the session's
 * seeded generator, so a resumed session picks the same examples.
 */
export function sampleErrorBatch<S extends { exampleId: string; score: number }>(
  scores: readonly S[],
  b: number,
  rng: Rng,
  options: ErrorBatchOptions = {},
): S[] {
  const threshold = options.passThreshold ?? 1;
  const failing = scores.filter((s) => s.score < threshold);
  const picked = sample(rng, failing, b);
  if (!options.fillWithPassing || picked.length >= b) return picked;
  const passing = scores.filter((s) => s.score >= threshold);
  return [...picked, ...sample(rng, passing, b - picked.length)];
}
