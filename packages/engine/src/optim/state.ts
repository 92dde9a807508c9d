import type { GepaState, GepaStep } from '../algorithms/gepa/state';
import type { NodeBlame } from '../backward/blame';
import type { BackwardFailure, BackwardSignal } from '../backward/types';
import type { Example } from '../datasets/types';
import type { ExampleTrace } from '../forward/types';
import type { Workflow } from '../graph/schema';
import type { Decision } from '../protocol';
import type { CallTotals, JournalEntry } from './journal';
import type { ScoredExample } from './parts';
import type { SessionSettings } from './settings';
import type { UpdateProposal } from './update/types';

/**
 * The whole state of an optimization session as one plain JSON value: `JSON.parse(JSON.stringify(s))`
 * gives an equal state, and `Session.fromState` continues from it in any process to exactly the
 * result an uninterrupted session reaches. Everything a later unit needs lives here — nothing in
 * closures or class fields.
 */
export interface SessionState {
  format: 'backflow.session';
  version: 3;
  settings: SessionSettings;
  /** The workflow the session started from. */
  initialWorkflow: Workflow;
  /** The workflow with every accepted prompt so far. */
  workflow: Workflow;
  /** Bumped on every accepted change of `workflow`; scores are tagged with it. */
  revision: number;
  train: Example[];
  val: Example[];
  /** The seeded generator's state (util/random.ts). */
  rng: number;
  /** 1-based current iteration; 0 before the first. */
  iteration: number;
  /** Units completed so far. */
  unitIndex: number;
  /** The next unit to perform. */
  phase: Phase;
  /** Work of the current iteration (null between iterations). */
  scratch: IterationScratch | null;
  /** The last validation score and the revision it belongs to. */
  valScore: { revision: number; score: number } | null;
  /** GTBP: per node, the iteration at which it last gained a claim. */
  lastClaimAdd: Record<string, number>;
  history: IterationSummary[];
  /** Settled calls by callKey (see journal.ts); entries of finished units are pruned. */
  journal: Record<string, JournalEntry>;
  totals: CallTotals;
  /** GEPA's candidate pool and cursors (algorithm "gepa" only; absent otherwise). */
  gepa?: GepaState;
  /** Set when the session has ended. */
  stopReason: 'completed' | 'earlyStop' | 'budgetExhausted' | null;
}

/** The next unit of work. */
export type Phase =
  | { kind: 'baseline' }
  | { kind: 'forward' }
  | { kind: 'loss' }
  | { kind: 'seed' }
  | { kind: 'backward'; index: number }
  | { kind: 'update'; index: number }
  | { kind: 'decisions' }
  | { kind: 'gate'; index: number }
  | { kind: 'iterationEnd' }
  /** GEPA's units (algorithms/gepa/units.ts); a GEPA session runs only these. */
  | { kind: 'gepa'; step: GepaStep }
  | { kind: 'done' };

/** What the current iteration has produced so far. */
export interface IterationScratch {
  minibatch: string[];
  traces: ExampleTrace[];
  scores: ScoredExample[];
  trainScore: number;
  /** Example ids back-propagated this iteration. */
  errorBatch: string[];
  signals: BackwardSignal[];
  failures: BackwardFailure[];
  /** GTBP: reconciled target per node id, per example id. */
  targets: Record<string, Record<string, string>>;
  /** Nodes visited by the backward walk, in order. */
  backwardOrder: string[];
  /** Trainable llm nodes to update, in topological order. */
  updateNodes: string[];
  blame: Record<string, NodeBlame>;
  proposals: Record<string, UpdateProposal>;
  updateFailures: Record<string, string>;
  decisions: Record<string, Decision>;
  /** Nodes whose candidate the gate accepted. */
  accepted: string[];
  /** Score the gate compares against (the current prompts' score on its examples). */
  gateBaseline: number | null;
}

/** What one finished iteration left behind, for curves and reports. */
export interface IterationSummary {
  iteration: number;
  trainScore: number;
  valScore?: number;
  acceptedNodes: string[];
  prompts: Record<string, string>;
  totals: CallTotals;
}
