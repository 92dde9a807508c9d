import { algorithmDefinition } from '../algorithms/registry';
import type { RunContext } from '../context';
import type { Example } from '../datasets/types';
import type { ForwardEvent } from '../forward/types';
import { type Workflow, workflowSchema } from '../graph/schema';
import type { Decision, SessionEvent, UpdateDecidedEvent } from '../protocol';
import type { PriceTable } from '../providers/accounting';
import { stripUndefined } from '../util/objects';
import { createRng, shuffled } from '../util/random';
import { estimateCost, exceededLimit, resolveAssumptions } from './budget';
import { defaultParts } from './default-parts';
import { aheadEntries, emptyTotals, journalAhead, journaledContext } from './journal';
import type { EngineParts } from './parts';
import { createPrefetchStore, type PrefetchStore } from './prefetch';
import { resolveSettings, type SessionSettingsInput, sessionSettingsSchema } from './settings';
import type { SessionState } from './state';
import { migrateSessionState, SESSION_STATE_VERSION } from './state-migrations';
import { eventBase, iterationKey, type UnitEnv } from './units/env';
import { AHEAD_PRIORITY, restOfWalkCalls, startAhead, unitsReadyAhead } from './units/lookahead';
import { totalUnitsEstimate, unitCallEstimate, unitName } from './units/plan';
import { runPhase } from './units/run-phase';
import { stopEvents } from './units/stop';
import { updateOperators } from './update';

/** What a new session starts from. */
export interface SessionInit {
  workflow: Workflow;
  train: Example[];
  /** Validation examples; when absent or empty, `settings.valFraction` of `train` is held out. */
  val?: Example[];
  settings: SessionSettingsInput;
}

/** The engine parts and update operators a session drives (swappable, e.g. in tests). */
export interface SessionOptions {
  /** Default: {@link defaultParts} for the session's settings. */
  parts?: EngineParts;
  operators?: Partial<UpdateOperatorMap>;
  /**
   * The price table the session counts `state.totals.costUsd` with and prices the budget's first
   * estimate by (default: the provider layer's `DEFAULT_PRICES`). Give the same table as the
   * provider layer's call records so that totals and records agree. Not part of the state: pass it
   * again to `fromState`.
   */
  prices?: PriceTable;
  /**
   * Start the calls of later units whose inputs are already final while the current unit runs
   * (units/lookahead.ts; default true). Results, events and checkpoints are the same either way;
   * only wall time differs. Off, every unit waits for the one before it.
   */
  lookahead?: boolean;
  /**
   * Live per-node progress of forward passes (minibatch, gate candidates, validation), tagged with
   * the unit, for display while a unit runs. Not part of the state: a resumed unit may replay it.
   */
  onForwardEvent?: (
    event: ForwardEvent,
    where: { unitIndex: number; iteration: number; unit: string },
  ) => void;
}

type UpdateOperatorMap = UnitEnv['operators'];

/** How one `step()` runs. */
export interface StepOptions {
  /**
   * Start the calls of ready later units too (default: the session's `lookahead` option). A host
   * stepping one unit for a person to inspect passes false, so the step sends that unit's calls
   * only; answers fetched earlier are still used.
   */
  lookahead?: boolean;
}

/**
 * An optimization session: a state machine whose `step()` performs ONE unit of work (baseline
 * validation, forward over the minibatch, loss, backward seed, backward at one node, update of one
 * node, gate, iteration end) and returns that unit's events. `state` is the whole session as plain
 * JSON: save it after any step (or in the middle of one), `Session.fromState` it anywhere, and the
 * run continues to exactly the result it would have reached without the interruption.
 */
export class Session {
  private inFlight = false;
  private readonly env: UnitEnv;
  private readonly prices: PriceTable | undefined;
  /** Calls started ahead of their units (none when `options.lookahead` is false). */
  private readonly prefetch: PrefetchStore | null;
  /** Units whose calls were started ahead in the current iteration. */
  private readonly startedAhead = new Set<string>();
  private aheadIteration = -1;
  /** Early runs of later units still going (their calls in flight or about to be sent). */
  private runningAhead = 0;

  private constructor(
    /** The full, serialisable state; read it to checkpoint. Do not replace its fields. */
    readonly state: SessionState,
    ctx: RunContext,
    options: SessionOptions,
  ) {
    const operators: UpdateOperatorMap = { ...updateOperators, ...stripUndefined(options.operators ?? {}) };
    const parts = options.parts ?? defaultParts(state.settings);
    const listener = options.onForwardEvent;
    this.prices = options.prices;
    this.prefetch =
      options.lookahead === false
        ? null
        : createPrefetchStore(ctx, {
            onAnswer: (key, requestHash, response) => journalAhead(state, key, requestHash, response),
            lookup: (key, requestHash) => {
              const entry = state.journal[key];
              return entry?.requestHash === requestHash ? entry.response : undefined;
            },
          });
    const served = this.prefetch?.serving ?? ctx;
    this.env = { state, ctx: journaledContext(served, state, { prices: options.prices }), parts, operators };
    if (listener) {
      this.env.onForwardEvent = (event) =>
        listener(event, { unitIndex: state.unitIndex, iteration: state.iteration, unit: unitName(state) });
    }
  }

  /** Starts a session (validates the workflow and settings; throws on bad input). */
  static create(ctx: RunContext, init: SessionInit, options: SessionOptions = {}): Session {
    const settings = resolveSettings(init.settings);
    const workflow = workflowSchema.parse(init.workflow);
    const { train, val } = splitData(init.train, init.val ?? [], settings.valFraction, settings.seed);
    if (train.length === 0) throw new Error('An optimization session needs at least one training example.');
    // An algorithm with its own start (GEPA) begins there; the backward methods with the
    // baseline validation score when there is a validation split, else the first forward pass.
    const own = algorithmDefinition(settings.algorithm).start?.(workflow, train, val);
    const state: SessionState = {
      format: 'backflow.session',
      version: SESSION_STATE_VERSION,
      settings,
      initialWorkflow: workflow,
      workflow,
      revision: 0,
      train,
      val,
      rng: createRng(settings.seed).state(),
      iteration: val.length > 0 || own ? 0 : 1,
      unitIndex: 0,
      phase: val.length > 0 ? { kind: 'baseline' } : { kind: 'forward' },
      scratch: null,
      valScore: null,
      lastClaimAdd: {},
      history: [],
      journal: {},
      totals: emptyTotals(),
      stopReason: null,
      ...own,
    };
    return new Session(structuredClone(state), ctx, options);
  }

  /** Continues a session from a saved state (a deep copy is taken; the argument is not changed). */
  static fromState(state: SessionState, ctx: RunContext, options: SessionOptions = {}): Session {
    // Older stored versions are lifted to today's; a newer one is refused with a clear sentence.
    const copy = structuredClone(migrateSessionState(state));
    // Settings drive every later unit: a checkpoint edited by hand or written by another build
    // must fail here, with the setting's path, not deep inside a unit.
    copy.settings = sessionSettingsSchema.parse(copy.settings);
    return new Session(copy, ctx, options);
  }

  /** True once the session has ended (completed, stopped early or out of budget). */
  get done(): boolean {
    return this.state.phase.kind === 'done';
  }

  /** Nodes whose proposal waits for `decide()` before the gate can run (pauseForDecisions). */
  get awaitingDecisions(): string[] {
    const { phase, scratch } = this.state;
    if (phase.kind !== 'decisions' || !scratch) return [];
    return scratch.updateNodes.filter((id) => scratch.proposals[id] && !scratch.decisions[id]);
  }

  /**
   * Performs the next unit of work and returns its events, ending with a `progress` event. Returns
   * `awaitingDecisions` (and does nothing) while proposals wait for `decide()`; `budgetExhausted`
   * and `runDone` when the next unit would exceed the budget; an `error` event, with the state as it
   * was before the unit, when the unit fails (call `step()` again to retry it).
   */
  async step(options: StepOptions = {}): Promise<SessionEvent[]> {
    if (this.inFlight) throw new Error('step() is already running: await it before stepping again.');
    const { state } = this;
    if (state.phase.kind === 'done') return [];
    if (state.phase.kind === 'decisions') {
      const waiting = this.awaitingDecisions;
      if (waiting.length > 0) return [{ type: 'awaitingDecisions', ...eventBase(state), nodeIds: waiting }];
      state.phase = { kind: 'gate', index: 0 };
    }
    const unit = unitName(state);
    // Before the first call the unit is priced from the table for the configured models; after
    // that, at what calls have really cost so far.
    // The simulator has no price list: its first unit is not priced from a real model's name.
    const simulated = this.env.ctx.forwardModel.simulated && this.env.ctx.optimizerModel.simulated;
    const assumptions = simulated
      ? { usdPerMTok: 0 }
      : resolveAssumptions(state.workflow, this.prices ? { prices: this.prices } : {});
    const estimate = estimateCost(unitCallEstimate(state, simulated), state.totals, assumptions);
    if (exceededLimit(state.settings.budget, state.totals, estimate)) {
      const exhausted: SessionEvent = {
        type: 'budgetExhausted',
        ...eventBase(state),
        budget: { ...state.settings.budget },
        totals: { ...state.totals },
        nextUnit: unit,
        estimate,
      };
      return [exhausted, ...stopEvents(state, 'budgetExhausted')];
    }
    const unitIndex = state.unitIndex;
    const iteration = state.iteration;
    this.startingUnit(unit);
    if (options.lookahead !== false) this.lookAhead(assumptions, simulated);
    this.inFlight = true;
    let events: SessionEvent[];
    try {
      events = await runPhase(this.env);
    } catch (err) {
      const aborted = this.env.ctx.signal?.aborted === true || (err as Error)?.name === 'AbortError';
      return [
        {
          type: 'error',
          ...eventBase(state),
          unit,
          message: (err as Error)?.message ?? String(err),
          aborted,
        },
      ];
    } finally {
      this.inFlight = false;
    }
    events.push(...decideUnchanged(state));
    // The unit is settled: its calls can never be replayed again. What stays is what the lookahead
    // fetched for units still to come in this iteration.
    state.journal = aheadEntries(state.journal, `${iterationKey(state)}/`);
    state.unitIndex += 1;
    const progress: SessionEvent = {
      type: 'progress',
      unitIndex,
      iteration,
      unit,
      totalUnitsEstimate: totalUnitsEstimate(state),
      totals: { ...state.totals },
    };
    // `runDone` stays the very last event a session emits.
    const last = events.at(-1);
    if (last?.type === 'runDone') events.splice(events.length - 1, 0, progress);
    else events.push(progress);
    return events;
  }

  /**
   * The lookahead's work: early runs still going, early calls in flight, and early answers a unit
   * could not use (its request had changed: wasted calls; 0 unless something is wrong).
   */
  get lookaheadStats(): { running: number; pending: number; mismatches: number } {
    return {
      running: this.runningAhead,
      pending: this.prefetch?.pending() ?? 0,
      mismatches: this.prefetch?.mismatches() ?? 0,
    };
  }

  /** Before `unit` runs, with or without the lookahead: the prefetch store's bookkeeping. */
  private startingUnit(unit: string): void {
    const { prefetch, state } = this;
    if (!prefetch) return;
    if (state.iteration !== this.aheadIteration) {
      // Whatever the previous iteration started and never used is dropped with it.
      prefetch.clear();
      this.startedAhead.clear();
      this.aheadIteration = state.iteration;
    }
    // The unit runs now: an early run of it stops before its next call (the unit makes it).
    prefetch.retire(unit);
  }

  /**
   * Starts the calls of the later units that are ready (see units/lookahead.ts), but only while the
   * whole rest of the backward walk and its updates fits the budget: every early call then belongs
   * to a unit that will run, so none is wasted and the budget's hard stop holds for calls sent, not
   * only for calls used. Near the budget's end the session goes back to one unit at a time.
   */
  private lookAhead(assumptions: Parameters<typeof estimateCost>[2], simulated: boolean | undefined): void {
    const { prefetch, state } = this;
    if (!prefetch) return;
    const rest = estimateCost(restOfWalkCalls(state, simulated), state.totals, assumptions);
    if (exceededLimit(state.settings.budget, state.totals, rest)) return;
    for (const ahead of unitsReadyAhead(state)) {
      if (this.startedAhead.has(ahead.name)) continue;
      this.startedAhead.add(ahead.name);
      this.runningAhead += 1;
      const ctx = prefetch.speculative(ahead.name, AHEAD_PRIORITY[ahead.kind]);
      void startAhead({ ...this.env, ctx }, ahead).then(() => {
        this.runningAhead -= 1;
      });
    }
  }

  /**
   * Steps until the session ends, waits for decisions, fails, or `shouldPause()` says so (checked
   * between units). Every event is passed to `onEvent` as it happens and returned at the end.
   */
  async run(
    options: { onEvent?: (event: SessionEvent) => void; shouldPause?: () => boolean } = {},
  ): Promise<SessionEvent[]> {
    const all: SessionEvent[] = [];
    while (!this.done && !options.shouldPause?.()) {
      const events = await this.step();
      for (const event of events) options.onEvent?.(event);
      all.push(...events);
      if (events.some((e) => e.type === 'error' || e.type === 'awaitingDecisions')) break;
    }
    return all;
  }

  /**
   * Records a person's decision on one node's proposal, before the gate weighs it: accept as is,
   * reject (the node keeps its prompt), or edit (the gate weighs `decision.prompt` instead).
   */
  decide(nodeId: string, decision: Decision): UpdateDecidedEvent {
    const { state } = this;
    const { phase, scratch } = state;
    const open =
      phase.kind === 'update' || phase.kind === 'decisions' || (phase.kind === 'gate' && phase.index === 0);
    if (!open || !scratch || (phase.kind === 'gate' && scratch.gateBaseline !== null))
      throw new Error(
        'Decisions are taken between an update proposal and the gate; the session is not there.',
      );
    if (!scratch.proposals[nodeId]) throw new Error(`Node "${nodeId}" has no proposal in this iteration.`);
    if (decision.action === 'edit' && typeof decision.prompt !== 'string')
      throw new Error('An "edit" decision needs the edited prompt.');
    const recorded: Decision =
      decision.action === 'edit' ? { action: 'edit', prompt: decision.prompt } : { action: decision.action };
    scratch.decisions[nodeId] = recorded;
    return { type: 'updateDecided', ...eventBase(state), nodeId, decision: recorded };
  }
}

/** Why {@link decideUnchanged} decided a proposal (shown where the decision is shown). */
export const UNCHANGED_REASON = 'unchanged: nothing to decide';

/**
 * Step mode (pauseForDecisions) waits for a person only where there is something to decide: a
 * proposal equal to its node's current prompt is decided here (accepted, with
 * {@link UNCHANGED_REASON}) as soon as it is made, so the record and the checkpoint hold the
 * decision and a resumed session makes it again identically. The gate leaves such a proposal out
 * either way.
 */
function decideUnchanged(state: SessionState): UpdateDecidedEvent[] {
  const { phase, scratch } = state;
  if (!state.settings.pauseForDecisions || !scratch) return [];
  if (phase.kind !== 'update' && phase.kind !== 'decisions') return [];
  const out: UpdateDecidedEvent[] = [];
  for (const nodeId of scratch.updateNodes) {
    const proposal = scratch.proposals[nodeId];
    if (!proposal || scratch.decisions[nodeId] || proposal.proposedPrompt !== proposal.currentPrompt)
      continue;
    scratch.decisions[nodeId] = { action: 'accept' };
    out.push({
      type: 'updateDecided',
      ...eventBase(state),
      nodeId,
      decision: { action: 'accept' },
      reason: UNCHANGED_REASON,
    });
  }
  return out;
}

/** Holds out `valFraction` of the training examples (seeded) when no validation split is given. */
function splitData(train: Example[], val: Example[], valFraction: number, seed: number) {
  if (val.length > 0 || valFraction <= 0) return { train: [...train], val: [...val] };
  // A generator of its own: the split must not shift the minibatch draws.
  const order = shuffled(createRng((seed ^ 0x5bd1e995) >>> 0), train);
  const nVal = Math.min(train.length - 1, Math.round(train.length * valFraction));
  const heldOut = new Set(order.slice(0, nVal).map((e) => e.id));
  return { train: train.filter((e) => !heldOut.has(e.id)), val: train.filter((e) => heldOut.has(e.id)) };
}
