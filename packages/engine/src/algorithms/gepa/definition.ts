import type { AlgorithmDefinition } from '../definition';
import { gepaPreflightParts } from './calls';
import { GEPA_DEFAULTS, gepaSettingsOf, gepaSettingsPart } from './settings';
import { gepaStart } from './start';
import { gepaTasks } from './tasks';

/**
 * GEPA (Agrawal et al. 2025): reflective prompt evolution over a Pareto pool of candidates. It
 * does not walk the graph backward, so it has no backward rule or update operator and no
 * backward calls; its own units (units.ts, phase `{ kind: 'gepa' }`) run instead, with their call
 * counts in calls.ts. Defaults: 20 iterations, a reflection minibatch of 3 (the reference's
 * `reflection_minibatch_size`), a child kept only when it beats its parent on that minibatch
 * (recorded as a strict gate on the minibatch), merges on (DSPy's GEPA), at most 5.
 */
export const gepaAlgorithm: AlgorithmDefinition<typeof gepaTasks, typeof gepaSettingsPart> = {
  name: 'gepa',
  label: 'GEPA (reflective evolution)',
  defaults: {
    iterations: 20,
    batchSize: 3,
    errorBatchSize: 3,
    invertOnlyFailing: false,
    gate: { policy: 'strict', scope: 'full', on: 'minibatch' },
    gepa: { ...GEPA_DEFAULTS },
  },
  tasks: gepaTasks,
  settings: gepaSettingsPart,
  calls: { seed: () => 0, backwardStep: () => 0, updatePerNode: () => 0 },
  blameFrom: 'messages',
  // It scores its seed on the Pareto set first (it needs no validation split: it uses train).
  start: (workflow, train, val) => ({
    phase: { kind: 'gepa', step: 'seed' },
    gepa: gepaStart(workflow, train, val),
  }),
  preflight: gepaPreflightParts,
  facts: (s) => {
    const g = gepaSettingsOf(s);
    return {
      merge: g.merge ? `on (at most ${g.maxMerges})` : 'off',
      maxCandidates: String(g.maxCandidates),
      ...(g.maxRollouts === undefined ? {} : { maxRollouts: String(g.maxRollouts) }),
    };
  },
};
