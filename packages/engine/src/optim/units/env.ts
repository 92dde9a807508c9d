import type { AlgorithmName } from '../../algorithms/registry';
import type { RunContext } from '../../context';
import type { Example } from '../../datasets/types';
import type { ForwardEvent } from '../../forward/types';
import type { SessionEvent } from '../../protocol';
import type { BackwardRuleLike, EngineParts } from '../parts';
import type { IterationScratch, SessionState } from '../state';
import type { UpdateOperator } from '../update/types';

/**
 * What a unit of work runs with. A unit reads `state`, does its calls through `ctx` (whose models
 * journal every keyed call into the state), and writes its results to `state` only after its last
 * await: a unit that throws half-way leaves the state as it was, and running it again replays the
 * calls that had settled.
 */
export interface UnitEnv {
  state: SessionState;
  ctx: RunContext;
  parts: EngineParts;
  /** Per algorithm name: its update operator (absent for an optimizer that does not walk). */
  operators: Partial<Record<AlgorithmName, UpdateOperator>>;
  /** Live forward progress of the unit in flight (display only; see SessionOptions). */
  onForwardEvent?: (event: ForwardEvent) => void;
}

/**
 * The session's algorithm's backward rule. An algorithm registered without one (an optimizer that
 * does not walk the graph backward) cannot run in the walk: say so rather than fail obscurely.
 */
export function ruleOf(env: Pick<UnitEnv, 'state' | 'parts'>): BackwardRuleLike {
  const { algorithm } = env.state.settings;
  const rule = env.parts.backwardRules[algorithm];
  if (!rule) throw new Error(`algorithm "${algorithm}" has no backward rule: the walk session cannot run it`);
  return rule;
}

/** The session's algorithm's update operator (see {@link ruleOf}). */
export function operatorOf(env: Pick<UnitEnv, 'state' | 'operators'>): UpdateOperator {
  const { algorithm } = env.state.settings;
  const operator = env.operators[algorithm];
  if (!operator)
    throw new Error(`algorithm "${algorithm}" has no update operator: the walk session cannot run it`);
  return operator;
}

/** The fields every event of the current unit carries. */
export function eventBase(state: SessionState, iteration = state.iteration) {
  return { unitIndex: state.unitIndex, iteration };
}

/** The scratch of the running iteration; a unit that needs it and finds none is a bug. */
export function scratchOf(state: SessionState): IterationScratch {
  if (!state.scratch) throw new Error(`session phase "${state.phase.kind}" has no iteration scratch`);
  return state.scratch;
}

/** Examples by id, in the order of `ids`. */
export function examplesByIds(pool: readonly Example[], ids: readonly string[]): Example[] {
  const byId = new Map(pool.map((e) => [e.id, e]));
  return ids.map((id) => {
    const example = byId.get(id);
    if (!example) throw new Error(`example "${id}" is not in the session's data`);
    return example;
  });
}

/** Prefix of every call key of the current iteration's units. */
export function iterationKey(state: SessionState): string {
  return `it${state.iteration}`;
}

/** Events of a unit, in emission order. */
export type UnitEvents = SessionEvent[];
