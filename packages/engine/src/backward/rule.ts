import type { RunContext } from '../context';
import type { Workflow } from '../graph/schema';
import type {
  AlgorithmName,
  BackwardExample,
  BackwardFailure,
  BackwardNodeInput,
  BackwardNodeResult,
  BackwardSignal,
} from './types';

/** What a rule's seed sees: the back-propagated examples with their traces and scores. */
export interface BackwardSeedArgs {
  workflow: Workflow;
  batch: BackwardExample[];
  /** Prefix of every call key this seed makes (see `backwardCallKey`). */
  callKeyPrefix: string;
}

/** The messages a loss sends to the output nodes, with the calls it took and what failed. */
export interface BackwardSeedResult {
  signals: BackwardSignal[];
  failures: BackwardFailure[];
  callIds: string[];
}

/** The input of one node's backward step, plus the prefix of the call keys it makes. */
export type BackwardNodeArgs = BackwardNodeInput & { callKeyPrefix: string };

/**
 * One backward method, as the shared walk drives it: `seed` turns the loss into messages about
 * the output nodes; `backwardNode` runs at one node once all its successors delivered and
 * returns the messages for its predecessors. Everything else (order, routing of signals, blame)
 * is shared, so the walk algorithms differ only here and in their update operators. Each
 * algorithm's `AlgorithmDefinition` (algorithms/<name>/index.ts) builds its rule from the settings.
 */
export interface BackwardRule {
  name: AlgorithmName;
  seed(ctx: RunContext, args: BackwardSeedArgs): Promise<BackwardSeedResult>;
  backwardNode(ctx: RunContext, input: BackwardNodeArgs): Promise<BackwardNodeResult>;
}
