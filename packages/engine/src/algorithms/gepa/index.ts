// GEPA (Agrawal et al. 2025, arXiv 2507.19457): reflective prompt evolution with a Pareto pool.

export type { GepaCandidateView } from './events';
export { exampleFronts } from './pareto';
export { buildGepaReflectPrompt } from './prompt';
export type { GepaSettings } from './settings';
export type { GepaCandidate } from './state';
