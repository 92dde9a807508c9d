import { gepaUnit } from '../../algorithms/gepa/units';
import { backwardUnit, seedUnit } from './backward';
import { iterationEndUnit } from './end';
import type { UnitEnv, UnitEvents } from './env';
import { gateUnit } from './gate';
import { baselineUnit, forwardUnit, lossUnit } from './start';
import { updateUnit } from './update';

/** Runs the unit the session's phase names. */
export function runPhase(env: UnitEnv): Promise<UnitEvents> {
  const phase = env.state.phase;
  switch (phase.kind) {
    case 'baseline':
      return baselineUnit(env);
    case 'forward':
      return forwardUnit(env);
    case 'loss':
      return lossUnit(env);
    case 'seed':
      return seedUnit(env);
    case 'backward':
      return backwardUnit(env, phase.index);
    case 'update':
      return updateUnit(env, phase.index);
    case 'gate':
      return gateUnit(env, phase.index);
    case 'iterationEnd':
      return iterationEndUnit(env);
    case 'gepa':
      return gepaUnit(env, phase.step);
    case 'decisions':
    case 'done':
      return Promise.reject(new Error(`phase "${phase.kind}" is not a unit of work`));
  }
}
