/**
 * GEPA's Pareto frontier over the validation examples (Agrawal et al. 2025, Algorithm 2; the
 * reference code's `select_program_candidate_from_pareto_front`). For each example, the front is
 * every candidate reaching the best score on it. A candidate is dominated when every front it is on
 * also holds another remaining candidate; dominated candidates are removed one at a time, the
 * weakest (by mean score) first. A parent is drawn among the rest, weighted by the number of
 * examples on which it is best: candidates good at different things all stay in play.
 */
import { type Rng, randomInt } from '../../util/random';
import type { GepaCandidate } from './state';

/** Two scores this close are the same score (means of per-example scores). */
const EPSILON = 1e-9;

/** Per Pareto example, the ids of the candidates with the best score on it. */
export function exampleFronts(candidates: readonly GepaCandidate[]): Set<number>[] {
  const n = candidates[0]?.scores.length ?? 0;
  const fronts: Set<number>[] = [];
  for (let i = 0; i < n; i++) {
    const best = Math.max(...candidates.map((c) => c.scores[i] ?? 0));
    fronts.push(new Set(candidates.filter((c) => (c.scores[i] ?? 0) >= best - EPSILON).map((c) => c.id)));
  }
  return fronts;
}

/** True when every front holding `id` also holds one of `others`. */
export function isDominated(
  id: number,
  others: ReadonlySet<number>,
  fronts: readonly Set<number>[],
): boolean {
  const own = fronts.filter((f) => f.has(id));
  if (own.length === 0) return true;
  return own.every((front) => [...front].some((other) => other !== id && others.has(other)));
}

/**
 * The non-dominated candidates on at least one front (the frontier), in id order. Candidates are
 * examined weakest first (mean score, then newest), and removed one per pass, as the reference does,
 * so of two candidates with identical fronts the stronger one stays.
 */
export function paretoFrontier(candidates: readonly GepaCandidate[]): number[] {
  const fronts = exampleFronts(candidates);
  const onAFront = candidates.filter((c) => fronts.some((f) => f.has(c.id)));
  const order = [...onAFront].sort((a, b) => a.mean - b.mean || b.id - a.id).map((c) => c.id);
  const removed = new Set<number>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const id of order) {
      if (removed.has(id)) continue;
      const others = new Set(order.filter((o) => o !== id && !removed.has(o)));
      if (isDominated(id, others, fronts)) {
        removed.add(id);
        changed = true;
        break;
      }
    }
  }
  return order.filter((id) => !removed.has(id)).sort((a, b) => a - b);
}

/** Per frontier candidate, the number of examples on which it is among the best. */
export function frontierWeights(candidates: readonly GepaCandidate[]): Record<number, number> {
  const keep = new Set(paretoFrontier(candidates));
  const weights: Record<number, number> = {};
  for (const front of exampleFronts(candidates))
    for (const id of front) if (keep.has(id)) weights[id] = (weights[id] ?? 0) + 1;
  return weights;
}

/** Draws a parent from the frontier, each candidate as likely as the examples it is best on. */
export function selectParent(candidates: readonly GepaCandidate[], rng: Rng): number {
  const weights = Object.entries(frontierWeights(candidates)).map(([id, w]) => [Number(id), w] as const);
  const total = weights.reduce((s, [, w]) => s + w, 0);
  if (total === 0) return bestCandidate(candidates).id;
  let draw = randomInt(rng, total);
  for (const [id, w] of weights) {
    if (draw < w) return id;
    draw -= w;
  }
  return weights.at(-1)?.[0] ?? 0;
}

/** The candidate GEPA returns: the best mean score on the Pareto set (the earliest on a tie). */
export function bestCandidate(candidates: readonly GepaCandidate[]): GepaCandidate {
  let best = candidates[0];
  if (!best) throw new Error('GEPA has no candidate yet');
  for (const c of candidates) if (c.mean > best.mean + EPSILON) best = c;
  return best;
}

/** Mean of scores (0 for none). */
export function meanOf(scores: readonly number[]): number {
  return scores.length === 0 ? 0 : scores.reduce((s, x) => s + x, 0) / scores.length;
}
