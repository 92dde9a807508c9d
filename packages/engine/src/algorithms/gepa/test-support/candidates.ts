import type { GepaCandidate } from '../state';

/** A candidate of the pool born by reflection at iteration `id`, its mean from `scores`. */
export function candidate(
  id: number,
  prompts: Record<string, string>,
  scores: number[],
  parents: number[],
): GepaCandidate {
  const mean = scores.reduce((s, x) => s + x, 0) / scores.length;
  return { id, parents, origin: 'reflection', iteration: id, prompts, scores, mean };
}
