import type { ExampleTrace } from '../../forward/types';
import type { ScoredExample } from '../../optim/parts';

/**
 * GEPA's part of a session's state (`SessionState.gepa`), plain JSON like the rest: the candidate
 * pool with every candidate's per-example scores on the Pareto set, the round-robin and epoch
 * cursors, the merge schedule, and the current iteration's work.
 */
export interface GepaState {
  /** Ids of the examples every candidate is scored on (the validation split, else the training split). */
  paretoIds: string[];
  /** Trainable llm nodes in topological order: the modules the round-robin walks. */
  modules: string[];
  candidates: GepaCandidate[];
  /** Per candidate id: how many reflections it has parented (the round-robin position). */
  reflections: Record<string, number>;
  /** Training ids in this epoch's shuffled order and the next position (minibatches cover the split). */
  epoch: { order: string[]; cursor: number };
  /** Merges scheduled by accepted reflections and not yet attempted. */
  mergesDue: number;
  /** Merges attempted so far (at most `settings.gepa.maxMerges`). */
  mergesTested: number;
  /** Pairs tried already, as "i+j" (smaller id first): a pair is merged at most once. */
  triedMerges: string[];
  /** Examples run and scored so far (GEPA's "metric calls"). */
  rollouts: number;
  /** The iteration in progress; null between iterations. */
  work: GepaWork | null;
}

/** One whole-program prompt assignment in the pool. */
export interface GepaCandidate {
  id: number;
  /** [] for the seed, [parent] for a reflection, [a, b] for a merge. */
  parents: number[];
  origin: 'seed' | 'reflection' | 'merge';
  /** Iteration that produced it (0 for the seed). */
  iteration: number;
  /** Every llm node's system prompt, by node id. */
  prompts: Record<string, string>;
  /** Per Pareto example (in `paretoIds` order), its score. */
  scores: number[];
  /** Mean of `scores`. */
  mean: number;
}

/** What the current iteration has done so far. */
export interface GepaWork {
  kind: 'reflection' | 'merge';
  parents: number[];
  /** Reflection: the module being rewritten (round-robin over the trainable llm nodes). */
  nodeId?: string;
  /** Merge: the common ancestor. */
  ancestor?: number;
  /** Examples the child is checked on: the training minibatch, or (merge) Pareto examples. */
  exampleIds: string[];
  /** Reflection: the parent's traces and scores on the minibatch (the reflective dataset). */
  traces: ExampleTrace[];
  scores: ScoredExample[];
  /** The parent's score on `exampleIds` (for a merge: the better parent's). */
  parentScore: number;
  /** The child's prompts, once proposed. */
  child: Record<string, string> | null;
  childScore: number | null;
  accepted: boolean;
  /** Id of the candidate added to the pool this iteration. */
  added: number | null;
}

/** GEPA's units, in the order an iteration runs them (see units.ts). */
export type GepaStep = 'seed' | 'propose' | 'reflect' | 'check' | 'validate' | 'end';
