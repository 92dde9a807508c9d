/**
 * GEPA's session events (members of the protocol's `SessionEvent`): which candidate and module an
 * iteration works on, and every candidate added to the pool with the frontier after it.
 */
import type { GepaCandidate, GepaWork } from './state';

/** A candidate as events and reports show it: the pool's record, its mean named `valScore`. */
export type GepaCandidateView = Omit<GepaCandidate, 'mean'> & {
  /** Mean score on the Pareto set. */
  valScore: number;
};

/** An iteration chose what to try: a reflection on one module of a parent, or a merge of two. */
export interface GepaSelectedEvent
  extends Pick<GepaWork, 'kind' | 'parents' | 'nodeId' | 'ancestor' | 'exampleIds'> {
  type: 'gepaSelected';
  unitIndex: number;
  iteration: number;
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
