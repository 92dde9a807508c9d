/**
 * What one evaluator says about one answer. `feedback` seeds the backward pass, so evaluators make
 * it specific ("expected 42, got 41"), not a bare verdict.
 */
export interface LossResult {
  /** In [0, 1]; 1 is a perfect answer. */
  score: number;
  feedback?: string;
  /**
   * Whether the answer counts as correct where a pass/fail split is needed (error batches, gates):
   * `score >= 1` for every loss except `judge`, which uses its `passThreshold`.
   */
  passed?: boolean;
  /** Set when the evaluator itself could not score (bad target, malformed judge answer, js error); score is 0. */
  error?: string;
  /** LLM calls made to score (the judge, with its repair retry). */
  callIds?: string[];
}

/** The score of one example: the mean over the workflow's output nodes. */
export interface ExampleScore {
  exampleId: string;
  score: number;
  /** Keyed by output node id. `actual` is absent when that output produced nothing. */
  perOutput: Record<string, LossResult & { expected: string; actual?: string }>;
  /** True when every output passed. */
  passed?: boolean;
}

/** Scores of a batch, in the order of its examples, and their mean. */
export interface BatchScore {
  scores: ExampleScore[];
  /** Mean of the example scores (0 for an empty batch). */
  mean: number;
}
