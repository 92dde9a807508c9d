/**
 * GEPA's system-aware merge (Agrawal et al. 2025, section 3 and appendix; the reference code's
 * `MergeProposer`): two frontier candidates that descend from a common ancestor along different
 * lines have often improved different modules. The child takes, module by module, the prompt that
 * moved away from the ancestor; where both moved, the prompt of the stronger parent.
 */
import { type Rng, shuffled } from '../../util/random';
import { paretoFrontier } from './pareto';
import type { GepaCandidate } from './state';

/** Pareto examples a merged child is first checked on (the reference uses 5). */
export const MERGE_SUBSAMPLE = 5;

/** A merge to attempt: its parents, their common ancestor and the child's prompts. */
export interface MergePlan {
  parents: [number, number];
  ancestor: number;
  child: Record<string, string>;
}

/** Every ancestor of `id` (its parents, theirs, ...), without `id` itself. */
export function ancestorsOf(candidates: readonly GepaCandidate[], id: number): Set<number> {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const out = new Set<number>();
  const stack = [...(byId.get(id)?.parents ?? [])];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (out.has(next)) continue;
    out.add(next);
    stack.push(...(byId.get(next)?.parents ?? []));
  }
  return out;
}

/**
 * The child of `a` and `b` over `ancestor`: per module, the prompt that differs from the ancestor's
 * (the stronger parent's when both do). Null unless some module kept the ancestor's prompt in one
 * parent and changed it in the other (the reference's "desirable" module), and the child differs
 * from both parents (otherwise it would only copy one).
 */
export function mergePrompts(
  ancestor: GepaCandidate,
  a: GepaCandidate,
  b: GepaCandidate,
  modules: readonly string[],
): Record<string, string> | null {
  const stronger = b.mean > a.mean ? b : a;
  const child = { ...a.prompts };
  let desirable = false;
  for (const nodeId of modules) {
    const pa = a.prompts[nodeId] ?? '';
    const pb = b.prompts[nodeId] ?? '';
    const p0 = ancestor.prompts[nodeId] ?? '';
    if (pa === pb) continue;
    if (pa === p0 || pb === p0) {
      desirable = true;
      child[nodeId] = pa === p0 ? pb : pa;
    } else {
      child[nodeId] = stronger.prompts[nodeId] ?? pa;
    }
  }
  const copies = (c: GepaCandidate) => modules.every((id) => (c.prompts[id] ?? '') === (child[id] ?? ''));
  return desirable && !copies(a) && !copies(b) ? child : null;
}

/**
 * Picks a merge among frontier pairs (in a seeded order) not tried before: neither descends from
 * the other, they share an ancestor no better than either, and the merged child differs from both.
 * The nearest such ancestor (the newest) is used. Null when no pair qualifies.
 */
export function planMerge(
  candidates: readonly GepaCandidate[],
  modules: readonly string[],
  tried: readonly string[],
  rng: Rng,
): MergePlan | null {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const frontier = paretoFrontier(candidates);
  const pairs: [number, number][] = [];
  for (let i = 0; i < frontier.length; i++)
    for (let j = i + 1; j < frontier.length; j++) pairs.push([frontier[i] as number, frontier[j] as number]);
  for (const [i, j] of shuffled(rng, pairs)) {
    if (tried.includes(pairKey(i, j))) continue;
    const a = byId.get(i);
    const b = byId.get(j);
    const upA = ancestorsOf(candidates, i);
    const upB = ancestorsOf(candidates, j);
    if (!a || !b || upA.has(j) || upB.has(i)) continue;
    const common = [...upA]
      .filter((id) => upB.has(id))
      .sort((x, y) => y - x)
      .map((id) => byId.get(id))
      .filter((c): c is GepaCandidate => c !== undefined && c.mean <= Math.min(a.mean, b.mean));
    for (const ancestor of common) {
      const child = mergePrompts(ancestor, a, b, modules);
      if (child) return { parents: [i, j], ancestor: ancestor.id, child };
    }
  }
  return null;
}

/** How a tried pair is recorded. */
export function pairKey(a: number, b: number): string {
  return a < b ? `${a}+${b}` : `${b}+${a}`;
}

/**
 * Up to {@link MERGE_SUBSAMPLE} Pareto example positions for checking a merge: those where one
 * parent beats the other, alternating between the two, then ties; seeded.
 */
export function mergeSubsample(a: GepaCandidate, b: GepaCandidate, rng: Rng): number[] {
  const positions = a.scores.map((_, i) => i);
  // The positions where `a`'s and `b`'s scores compare so, in a seeded order.
  const where = (keep: (sa: number, sb: number) => boolean) =>
    shuffled(
      rng,
      positions.filter((i) => keep(a.scores[i] ?? 0, b.scores[i] ?? 0)),
    );
  const aWins = where((sa, sb) => sa > sb);
  const bWins = where((sa, sb) => sb > sa);
  const ties = where((sa, sb) => sa === sb);
  const out: number[] = [];
  while (out.length < MERGE_SUBSAMPLE && (aWins.length > 0 || bWins.length > 0 || ties.length > 0)) {
    const next =
      (out.length % 2 === 0 ? (aWins.shift() ?? bWins.shift()) : (bWins.shift() ?? aWins.shift())) ??
      ties.shift();
    if (next !== undefined) out.push(next);
  }
  return out.sort((x, y) => x - y);
}
