/**
 * The typed protocol between the engine worker and its hosts (the studio's worker client, the CLI).
 * Hosts send {@link EngineCommand}s; the engine answers with {@link EngineEvent}s. Everything here
 * is plain JSON (no classes, functions or Dates) so it crosses `postMessage`, files and IndexedDB
 * unchanged. The worker is a thin switch over the commands; the logic lives in the session.
 */

import type { GepaCandidateEvent, GepaSelectedEvent } from './algorithms/gepa/events';
import { ALGORITHM_NAMES } from './algorithms/registry';
import type { NodeBlame, NodeEvidence } from './backward/blame';
import type { AlgorithmName, BackwardFailure, BackwardSignal } from './backward/types';
import type { Example } from './datasets/types';
import type { ExampleTrace, ForwardEvent } from './forward/types';
import type { Workflow } from './graph/schema';
import type { CallTotals } from './optim/journal';
import type { ScoredExample } from './optim/parts';
import type { BudgetSettings, SessionSettingsInput } from './optim/settings';
import type { SessionState } from './optim/state';
import type { SessionData, SessionProgress } from './optim/state-parts';
import type { UpdateProposal } from './optim/update/types';
import type { ProviderSettings } from './providers/endpoint-settings';

// ---------------------------------------------------------------------------------------------
// Commands (host -> engine)

/** A dataset already split (the host owns splitting UI; the session may hold out `valFraction`). */
export interface DatasetSplit {
  train: Example[];
  val: Example[];
  test?: Example[];
}

/**
 * How far a `run` command goes: the next unit, the next backward node ("step over node"), the end of
 * the backward pass, the end of the iteration, or the end of the run. Every run also stops for
 * decisions, on an error or abort, at the budget and at the end (`optim/run-until.ts`).
 */
export type RunUntil = 'unit' | 'node' | 'pass' | 'iteration' | 'end';

/** Why a `run` stopped: its `until` was reached, `pause`, a wait for decisions, the end, an error. */
export type RunStopReason = 'until' | 'paused' | 'decisions' | 'done' | 'error';

/** Every command's own fields, by its `type`; each also names the run it is for (`runId`). */
interface CommandFields {
  /**
   * Run the workflow forward (and score it) on some examples; no optimization. The studio's host
   * sends no call records for it (the Run tab keeps none).
   */
  startForward: {
    workflow: Workflow;
    examples: Example[];
    provider: ProviderSettings;
    /** Stream model answers: the host then sends `forwardProgress` events with partial text. */
    stream?: boolean;
    /** Only this example's node events are sent (every example's `exampleFinished` is); unset: all. */
    watch?: string;
  };
  /** Create an optimization session; it waits for `step` or `play`. */
  startOptimization: {
    workflow: Workflow;
    dataset: DatasetSplit;
    provider: ProviderSettings;
    settings: SessionSettingsInput;
  };
  /** Recreate a session from a checkpoint (`session.state` saved after any unit, or mid-unit). */
  resume: {
    state: SessionState;
    provider: ProviderSettings;
  };
  /**
   * Run units until `until` (see {@link RunUntil}). After the last decision of a run that stopped for
   * decisions, the engine goes on with the same `until` by itself (a single-unit run stays stopped).
   */
  run: {
    until: RunUntil;
  };
  /** Stop playing after the current unit (nothing is lost). */
  pause: object;
  /** Cancel the unit in flight (its settled calls stay in the journal) and stop. */
  abort: object;
  /** A person's decision on one proposed prompt, before the gate. */
  decide: {
    nodeId: string;
    decision: Decision;
  };
}

/** The command of type `K`, for run `runId`. */
type CommandOf<K extends keyof CommandFields> = { type: K; runId: string } & CommandFields[K];

/** Every command a host can send. */
export type EngineCommand = { [K in keyof CommandFields]: CommandOf<K> }[keyof CommandFields];

/** Run the workflow forward (and score it) on some examples; no optimization. */
export type StartForwardCommand = CommandOf<'startForward'>;

/** Accept the proposal as is, reject it (the node keeps its prompt), or replace it with `prompt`. */
export interface Decision {
  action: 'accept' | 'reject' | 'edit';
  prompt?: string;
}

// ---------------------------------------------------------------------------------------------
// Events (engine -> host). Every session event carries the unit it came from.

interface EventBase {
  /** Units of work completed before this event's unit (0 for the first). */
  unitIndex: number;
  /** 1-based iteration; 0 for work before the first iteration (baseline validation). */
  iteration: number;
}

/** Every session event's own fields, by its `type` (GEPA's two are in `algorithms/gepa/events.ts`). */
interface SessionEventFields {
  /** Progress after each unit: where the session is and roughly how much is left. */
  progress: {
    /** The unit that just ran, e.g. "forward", "backward:n2", "gate". */
    unit: string;
    /** Estimated total units of the whole run (changes as early stops and skips happen). */
    totalUnitsEstimate: number;
    totals: CallTotals;
  };
  /** The workflow was scored on the validation split (baseline, after a gate, or at iteration end). */
  validationScored: {
    reason: 'baseline' | 'gate' | 'iterationEnd';
    score: number;
    scores: ScoredExample[];
  };
  /** The minibatch went forward through the current workflow. */
  forwardDone: {
    exampleIds: string[];
    traces: ExampleTrace[];
  };
  /** The minibatch was scored; `errorBatch` is what will be back-propagated. */
  lossComputed: {
    scores: ScoredExample[];
    meanScore: number;
    errorBatch: string[];
  };
  /** The backward pass was seeded at the output nodes. */
  backwardSeeded: {
    signals: BackwardSignal[];
    failures: BackwardFailure[];
    callIds: string[];
  };
  /** One node's backward step ran for every error-batch example. */
  backwardNode: {
    nodeId: string;
    /** Signals about this node that it acted on (its successors' messages). */
    received: BackwardSignal[];
    /** Signals about its predecessors, with provenance. */
    emitted: BackwardSignal[];
    /** TextGrad: gradients on this node's own prompt. */
    promptSignals?: BackwardSignal[];
    /** GTBP: this node's reconciled target per example id. */
    targets?: Record<string, string>;
    /** GTBP: per example id, the successors' targets merged into `targets`. */
    targetSources?: Record<string, { from: string; target: string }[]>;
    failures: BackwardFailure[];
    callIds: string[];
  };
  /** The backward pass finished; per-node blame with the raw counts beside it. */
  blameComputed: {
    blame: Record<string, NodeBlame>;
    /** The example ids behind each node's counts (absent in runs recorded before it existed). */
    evidence?: Record<string, NodeEvidence>;
  };
  /** An update operator proposed a new prompt for one node (not applied yet): its proposal as is. */
  updateProposed: UpdateProposal & {
    /** The counterfactual check of this proposal alone (setting `counterfactual`), when it ran. */
    counterfactual?: CounterfactualCheck;
  };
  /** An update operator could not produce a prompt: recorded and shown, the node keeps its prompt. */
  updateFailed: {
    nodeId: string;
    error: string;
    callIds: string[];
  };
  /** The session waits for `decide()` on these nodes' proposals (setting `pauseForDecisions`). */
  awaitingDecisions: {
    nodeIds: string[];
  };
  /** A person accepted, rejected or edited a proposal, or the session decided it (see `reason`). */
  updateDecided: {
    nodeId: string;
    decision: Decision;
    /**
     * Set when the session decided on its own, for display: "unchanged: nothing to decide" for a
     * proposal equal to the current prompt (step mode does not wait for those). Absent for a person's decision.
     */
    reason?: string;
  };
  /** The gate scored candidate prompts and accepted or rejected them. */
  gateDecided: {
    policy: 'none' | 'strict' | 'nonWorsening';
    scope: 'full' | 'perNode';
    on: 'minibatch' | 'validation';
    /** The nodes whose candidates this decision covers. */
    nodeIds: string[];
    /** Score of the current prompts and of the candidates (absent when the policy is none). */
    before?: number;
    after?: number;
    accepted: boolean;
    /** Prompts in force after the decision, for the covered nodes. */
    prompts: Record<string, string>;
  };
  /** One iteration finished. */
  iterationDone: {
    /** Mean minibatch score with the prompts the iteration started with. */
    trainScore: number;
    /** Validation score with the prompts in force now (absent without a validation split). */
    valScore?: number;
    acceptedNodes: string[];
    prompts: Record<string, string>;
    totals: CallTotals;
  };
  /** The next unit would exceed the budget: the session stopped; everything so far is kept. */
  budgetExhausted: {
    budget: BudgetSettings;
    totals: CallTotals;
    /** The unit that was not started and its estimated cost. */
    nextUnit: string;
    estimate: { calls: number; tokens: number; costUsd: number };
  };
  /** The session ended. */
  runDone: {
    reason: 'completed' | 'earlyStop' | 'budgetExhausted';
    prompts: Record<string, string>;
    valScore?: number;
    totals: CallTotals;
  };
  /** A unit failed (abort, provider error, bug). The phase is unchanged: `step()` retries it. */
  error: {
    unit: string;
    message: string;
    aborted: boolean;
  };
}

/** The session event of type `K`: its unit, its type and its own fields. */
type SessionEventOf<K extends keyof SessionEventFields> = EventBase & { type: K } & SessionEventFields[K];

/** Every event a session emits. */
export type SessionEvent =
  | { [K in keyof SessionEventFields]: SessionEventOf<K> }[keyof SessionEventFields]
  | GepaSelectedEvent
  | GepaCandidateEvent;

/** The backward pass finished; per-node blame with the raw counts beside it. */
export type BlameComputedEvent = SessionEventOf<'blameComputed'>;
/** An update operator proposed a new prompt for one node (not applied yet). */
export type UpdateProposedEvent = SessionEventOf<'updateProposed'>;
/** A person accepted, rejected or edited a proposal, or the session decided it. */
export type UpdateDecidedEvent = SessionEventOf<'updateDecided'>;
/** The gate scored candidate prompts and accepted or rejected them. */
export type GateDecidedEvent = SessionEventOf<'gateDecided'>;

/**
 * Whether a proposal alone fixes the examples its node was blamed on: the node and its downstream
 * subgraph ran again with only that prompt changed, everything upstream as it was.
 */
export interface CounterfactualCheck {
  /** The failing error-batch examples it ran on. */
  checked: string[];
  /** Of those, the ones that pass with the proposal. */
  fixed: string[];
}

/** Every message the engine sends a host, by its `type`; each also names its run (`runId`). */
interface EngineEventFields {
  /** A session event, addressed to its run. */
  session: {
    event: SessionEvent;
  };
  /**
   * A checkpoint the host should store (after every unit and decision): the progress part of the
   * session state, which does not grow with the dataset. The first checkpoint of a controller (of a
   * new or resumed run) also carries the data part, written once; `joinSessionState(data, progress)`
   * gives back the whole state to resume from.
   */
  checkpoint: {
    progress: SessionProgress;
    data?: SessionData;
  };
  /**
   * A `run` command started (`running`, also when the engine goes on after the last decision) or
   * stopped (why). Hosts show it; the rules of when to stop are the engine's.
   */
  runState: {
    state: 'running' | RunStopReason;
    until: RunUntil;
  };
  /** Results of a plain forward run (`startForward`). */
  forwardResult: {
    traces: ExampleTrace[];
    scores: ScoredExample[];
    totals: CallTotals;
  };
  /** Live progress of a forward pass inside the unit in flight (display only, not checkpointed). */
  forwardProgress: EventBase & {
    unit: string;
    event: ForwardEvent;
  };
  /** A command could not be carried out (unknown run, invalid settings, bad checkpoint). */
  commandRejected: {
    command: EngineCommand['type'];
    message: string;
  };
}

/** The engine event of type `K`, for run `runId`. */
type EngineEventOf<K extends keyof EngineEventFields> = { type: K; runId: string } & EngineEventFields[K];

/** Every message the engine sends to a host. */
export type EngineEvent = { [K in keyof EngineEventFields]: EngineEventOf<K> }[keyof EngineEventFields];

/** A checkpoint the host should store: the session's progress, and its data the first time. */
export type CheckpointEvent = EngineEventOf<'checkpoint'>;
/** A `run` command started or stopped (why). */
export type RunStateEvent = EngineEventOf<'runState'>;
/** Results of a plain forward run (`startForward`). */
export type ForwardResultEvent = EngineEventOf<'forwardResult'>;

/** Which algorithms a host may request (for pickers and validation messages). */
export const ALGORITHMS: readonly AlgorithmName[] = ALGORITHM_NAMES;
