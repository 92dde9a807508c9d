/**
 * GEPA's session events (members of the protocol's `SessionEvent`): which candidate and module an
 * iteration works on, and every candidate added to the pool with the frontier after it.
 */
import type { GepaCandidate } from './state';

/** A candidate as events and reports show it: the pool's record, its mean named `valScore`. */
export type GepaCandidateView = Omit<GepaCandidate, 'mean'> & {
  /** Mean score on the Pareto set. */
  valScore: number;
};

/** An iteration chose what to try: a reflection on one module of a parent, or a merge of two. */
export interface GepaSelectedEvent {
  type: 'gepaSelected';
  unitIndex: number;
  iteration: number;
  kind: 'reflection' | 'merge';
  parents: number[];
  /** Reflection: the module rewritten (round-robin over the trainable llm nodes). */
  nodeId?: string;
  /** Merge: the common ancestor. */
  ancestor?: number;
  /** The minibatch (reflection) or the Pareto examples the merged child is checked on. */
  exampleIds: string[];
  /** The frontier the parent was drawn from: per candidate id, the examples it is best on. */
  weights: Record<string, number>;
}

/** A candidate joined the pool (the seed, or a child that passed its check). */
export interface GepaCandidateEvent {
  type: 'gepaCandidate';
  unitIndex: number;
  iteration: number;
  candidate: GepaCandidateView;
  /** The Pareto examples, in the order of every candidate's `scores`. */
  paretoIds: string[];
  /** Non-dominated candidate ids after this one joined. */
  frontier: number[];
  /** The best candidate by mean score: the run's result so far. */
  best: number;
}
