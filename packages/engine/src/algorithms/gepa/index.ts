// GEPA (Agrawal et al. 2025, arXiv 2507.19457): reflective prompt evolution with a Pareto pool.

export { gepaPreflightParts, gepaTotalUnits, gepaUnitCalls } from './calls';
export { gepaAlgorithm } from './definition';
export type { GepaCandidateEvent, GepaCandidateView, GepaSelectedEvent } from './events';
export { ancestorsOf, MERGE_SUBSAMPLE, type MergePlan, mergePrompts, planMerge } from './merge';
export {
  bestCandidate,
  exampleFronts,
  frontierWeights,
  isDominated,
  paretoFrontier,
  selectParent,
} from './pareto';
export { buildGepaReflectPrompt, gepaReflectTemplate } from './prompt';
export { reflectiveDataset } from './reflective-dataset';
export { foldGepaCandidate, type GepaCandidateReport, type GepaReport, gepaMarkdown } from './report';
export {
  GEPA_DEFAULTS,
  type GepaSettings,
  gepaSettingsOf,
  gepaSettingsSchema,
} from './settings';
export type { GepaCandidate, GepaState, GepaStep, GepaWork } from './state';
