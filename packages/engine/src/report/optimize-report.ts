/**
 * The optimization report format (`backflow.optimize-report`, version 1): the `report.json` that
 * `backflow optimize` writes and the base of the studio's run report export (documented field by
 * field in docs/cli.md). One definition for both, so fields are only ever added, never renamed.
 */
import type { GepaReport } from '../algorithms/gepa/report';
import type { TestSplitScore } from '../optim/test-split';
import type { AnswerTally } from '../prompts/answer-tally';
import type { CounterfactualCheck } from '../protocol';
import type { NodeBlameSummary } from './blame-summary';

/** One prompt update proposed for a node during an iteration, and whether the gate kept it. */
export interface UpdateReport {
  nodeId: string;
  accepted: boolean;
  /** The system prompt before the update. */
  before: string;
  /** The proposed system prompt (kept when `accepted`, discarded otherwise). */
  after: string;
  /** Unified diff from `before` to `after` (empty when they are equal). */
  diff: string;
  /** Why the gate decided as it did, when it said (e.g. "0.50 -> 0.75 on the minibatch"). */
  reason?: string;
}

/** Why a node holds its blame in one iteration (see {@link IterationReport.evidence}). */
export interface NodeEvidenceReport {
  askedOn: string[];
  keptOn: string[];
  /** The counterfactual check of its proposal alone, when it ran. */
  counterfactual?: CounterfactualCheck;
}

/** One optimization iteration (one minibatch step). */
export interface IterationReport {
  /** 1-based. */
  index: number;
  /** Mean score on this iteration's minibatch before the update, in [0, 1]. */
  trainScore: number;
  /** Mean validation score after the gate, in [0, 1]; null when it was not measured. */
  valScore: number | null;
  /** Per node id, in [0, 1]: the engine's blame figure (docs/algorithms.md, "Blame"). */
  blame: Record<string, number>;
  /**
   * Per node id, why it holds its blame: the example ids it was asked to change on, those on which
   * it kept the discrepancy, and (counterfactual check on) which failing examples its proposal
   * alone fixes. Absent in reports of runs recorded before evidence existed.
   */
  evidence?: Record<string, NodeEvidenceReport>;
  updates: UpdateReport[];
  /** Nodes whose update operator failed to produce a prompt (they kept theirs), with the reason. */
  failedUpdates: { nodeId: string; error: string }[];
  /** Model calls made during this iteration (answers from `--cache` included). */
  calls: number;
  /** Input plus output tokens of this iteration's calls. */
  tokens: number;
  costUsd: number;
}

/** Calls, tokens and cost summed over a span of work. */
export interface Totals {
  calls: number;
  cachedCalls: number;
  failedCalls: number;
  tokens: number;
  inputTokens: number;
  /**
   * Of `inputTokens`, those the provider served from its prompt-prefix cache
   * (`prompt_tokens_details.cached_tokens`, priced at the cached rate). Absent in reports written
   * before it existed.
   */
  cachedInputTokens?: number;
  outputTokens: number;
  costUsd: number;
  /** Wall time in ms, summed over every process that worked on the run (resumes included). */
  wallMs: number;
  /**
   * How the structured (backward, update, judge) answers read: as asked, leniently (reasoning
   * removed, another fence, trailing commas...), only after a repair call, or not at all.
   * Absent in reports written before it existed.
   */
  answers?: AnswerTally;
}

/** Why the optimization stopped. */
export type StopReason = 'completed' | 'earlyStop' | 'budgetExhausted';

/** The whole report. */
export interface OptimizeReport {
  format: 'backflow.optimize-report';
  version: 1;
  /** True when the simulated model (offline) answered: its scores say nothing about real models. */
  simulated: boolean;
  models: { forward: string; optimizer: string };
  workflow: { id: string; name: string; file: string };
  data: { file: string; valFile?: string; trainExamples: number; valExamples: number };
  algorithm: 'gtbp' | 'sembp' | 'textgrad' | 'gepa';
  seed: number;
  /** The fully resolved session settings (defaults filled in). */
  settings: Record<string, unknown>;
  /** Null only when the studio exports a run that is still going. */
  stopReason: StopReason | null;
  /**
   * The workflow as given: its validation score before any update (null when not measured) and
   * the calls that baseline took (counted in `totals`, in no iteration).
   */
  initial: { valScore: number | null; calls: number; tokens: number; costUsd: number };
  iterations: IterationReport[];
  final: { valScore: number | null; prompts: Record<string, string> };
  /**
   * The held-out test split, scored once with the final prompts after the run (absent when the
   * run had none). Its calls are counted in `totals`, in no iteration.
   */
  test?: TestSplitScore & { file: string };
  /** The paper recipe the run followed (`optimize --recipe`), when it followed one. */
  recipe?: string;
  totals: Totals;
  /** How many times the run was resumed from a checkpoint. */
  resumes: number;
  startedAt: string;
  finishedAt: string;
  /** Per-node blame over the run, highest mean first (absent in reports written before it existed). */
  blameSummary?: NodeBlameSummary[];
  /** Every llm node's prompt from the start of the run to the end, with its diff. */
  promptChanges?: PromptChange[];
  /** The budget stop as a sentence, when the budget stopped the run. */
  budgetMessage?: string;
  /** GEPA runs: the candidate pool, its frontier and the best candidate. */
  gepa?: GepaReport;
}

/** A node's prompt at the start and at the end, with the unified diff between them. */
export type PromptChange = Pick<UpdateReport, 'nodeId' | 'before' | 'after' | 'diff'>;
