/**
 * Candidate values for one input of a node: what an upstream node could plausibly have produced.
 * Each candidate says how it was obtained and what it costs as an explanation, so the cheapest,
 * best-supported explanation can win.
 */
import { applySkills } from '../parse';
import type { SkillStep } from '../skills/types';
import { formatNumber, mapNumbers, numberStrings } from '../text';
import { stepKey } from './vocabulary';

/** At most this many one- and two-step sequences are tried on an input's current value. */
const TWO_STEP_CAP = 500;

export interface InputCandidate {
  value: string;
  /** Lower is a simpler explanation: 1 = one step more or less than what the input did. */
  cost: number;
  /** Steps that turn `base` into `value` (empty for arithmetic inverses and passthroughs). */
  via: SkillStep[];
  /** Where it started: "current" (the input's actual value), a field name, "inverse" (arithmetic),
   * "preimage" (worked back through the node's steps) or "desired". */
  base: string;
  /** True when every step of `via` is one the upstream node's role asks for. */
  supported: boolean;
}

/** All step sequences of length 1..maxLen over `vocabulary`, shortest first, at most `cap`. */
export function stepSequences(vocabulary: readonly SkillStep[], maxLen: number, cap: number): SkillStep[][] {
  const out: SkillStep[][] = [];
  let layer: SkillStep[][] = [[]];
  for (let len = 1; len <= maxLen; len++) {
    const next: SkillStep[][] = [];
    for (const prefix of layer) {
      for (const step of vocabulary) {
        if (out.length + next.length >= cap) break;
        next.push([...prefix, step]);
      }
    }
    out.push(...next);
    layer = next;
  }
  return out;
}

/** Adds `candidate` unless an equal value is already known at a cost at least as low. */
function keep(map: Map<string, InputCandidate>, candidate: InputCandidate): void {
  if (candidate.value === '') return;
  const known = map.get(candidate.value);
  if (
    !known ||
    candidate.cost < known.cost ||
    (candidate.cost === known.cost && candidate.supported && !known.supported)
  ) {
    map.set(candidate.value, candidate);
  }
}

/**
 * Candidates backed by the upstream node's role: its named steps (up to three) applied to its
 * current value, and its whole role sequence applied to each example field.
 */
export function supportedCandidates(
  current: string,
  roleSteps: readonly SkillStep[],
  fields: Record<string, string>,
): InputCandidate[] {
  if (roleSteps.length === 0) return [];
  const map = new Map<string, InputCandidate>();
  const unique = [...new Map(roleSteps.map((s) => [stepKey(s), s])).values()];
  for (const seq of stepSequences(unique, 3, 200)) {
    keep(map, {
      value: applySkills(seq, current),
      cost: seq.length,
      via: seq,
      base: 'current',
      supported: true,
    });
  }
  for (const [name, value] of Object.entries(fields)) {
    const fromField = applySkills(roleSteps, value);
    keep(map, { value: fromField, cost: 1, via: [...roleSteps], base: name, supported: true });
    // The input closest to the actual one (GTBP's inversion): the role's numbers in the form the
    // input already has, when the upstream chain reshaped the field (e.g. kept only its numbers).
    const reshaped = inShapeOf(current, fromField);
    if (reshaped !== undefined)
      keep(map, { value: reshaped, cost: 1, via: [...roleSteps], base: name, supported: true });
  }
  map.delete(current);
  return [...map.values()].sort((a, b) => a.cost - b.cost);
}

/** `current` with its numbers replaced by `source`'s, one for one; undefined if the counts differ. */
function inShapeOf(current: string, source: string): string | undefined {
  const numbers = numberStrings(source);
  if (numbers.length === 0 || numbers.length !== numberStrings(current).length) return undefined;
  let i = 0;
  return mapNumbers(current, () => numbers[i++] as string);
}

/**
 * Candidates found by blind search at one cost level: 1 = one catalogue step on the current value,
 * or a pre-image found by inverting the node's own steps (single-input templates);
 * 2 = two steps on it, one step on an example field, or the desired output passed straight through;
 * 3 = an arithmetic inverse (the number that would make the arithmetic come out right).
 */
export function searchCandidates(
  level: 1 | 2 | 3,
  current: string,
  vocabulary: readonly SkillStep[],
  fields: Record<string, string>,
  context: {
    desired: string;
    simulatedOutput: string;
    preimages?: readonly string[];
    /** Steps the upstream node's role names. */
    roleSteps?: readonly SkillStep[];
  },
): InputCandidate[] {
  const map = new Map<string, InputCandidate>();
  if (level === 1) {
    // Inverting the node's own steps is as simple an explanation as one step more upstream.
    for (const value of context.preimages ?? [])
      keep(map, { value, cost: 1, via: [], base: 'preimage', supported: false });
    for (const step of vocabulary) {
      keep(map, {
        value: applySkills([step], current),
        cost: 1,
        via: [step],
        base: 'current',
        supported: false,
      });
    }
  } else if (level === 2) {
    keep(map, { value: context.desired, cost: 2, via: [], base: 'desired', supported: false });
    for (const seq of stepSequences(vocabulary, 2, TWO_STEP_CAP)) {
      if (seq.length !== 2) continue;
      keep(map, { value: applySkills(seq, current), cost: 2, via: seq, base: 'current', supported: false });
    }
    for (const [name, value] of Object.entries(fields)) {
      for (const step of vocabulary) {
        keep(map, { value: applySkills([step], value), cost: 2, via: [step], base: name, supported: false });
        // The upstream node doing its role on a differently prepared field: a culprit further up.
        const role = context.roleSteps ?? [];
        if (role.length > 0) {
          const via = [step, ...role];
          keep(map, { value: applySkills(via, value), cost: 1.5, via, base: name, supported: false });
        }
      }
    }
  } else {
    for (const value of arithmeticInverses(current, context.desired, context.simulatedOutput)) {
      keep(map, { value, cost: 3, via: [], base: 'inverse', supported: false });
    }
  }
  map.delete(current);
  return [...map.values()];
}

/**
 * When the input is one number and the node's output is one number, the values that would shift
 * the output by the missing amount under addition, multiplication or subtraction. Cheap guesses;
 * the caller re-runs the node to keep only those that actually work.
 */
export function arithmeticInverses(current: string, desired: string, output: string): string[] {
  const inNums = numberStrings(current);
  const d = Number(numberStrings(desired).at(-1));
  const o = Number(numberStrings(output).at(-1));
  if (inNums.length !== 1 || !Number.isFinite(d) || !Number.isFinite(o)) return [];
  const x = Number(inNums[0]);
  const values = [x + (d - o), x - (d - o)];
  if (o !== 0) values.push((x * d) / o);
  const raw = inNums[0] as string;
  return values.map((v) => current.replace(raw, formatNumber(v)));
}
