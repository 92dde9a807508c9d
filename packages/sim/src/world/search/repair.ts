/**
 * Prompt repair by search: the smallest edit of a node's skill sequence (add, remove, replace or
 * swap one step) that maps every known input to its desired output. Among equally good edits the
 * one that brings the prompt closer to the node's role description wins, as a careful reader of
 * the role would choose.
 */
import { applySkills } from '../parse';
import { applyEdit, type StepEdit } from '../segments';
import type { SkillStep } from '../skills/types';
import { sameText, sequenceDistance } from './compare';
import { searchVocabulary, stepKey } from './vocabulary';

/** One constraint for the search: this input should produce this output. */
export interface RepairPair {
  input: string;
  desired: string;
}

export interface RepairResult {
  /** The sequence before the edit. */
  from: SkillStep[];
  edit: StepEdit;
  steps: SkillStep[];
  /** How many pairs the repaired sequence satisfies. */
  fits: number;
  total: number;
  /** Distance of the repaired sequence to the role's steps (0 when the role names none). */
  roleDistance: number;
  /** Distance of the sequence before the edit to the role's steps. */
  baseDistance: number;
  /** True when the edit brings the sequence closer to the role's steps. */
  supported: boolean;
}

export interface RepairOptions {
  /** Steps the node's role description names, in order. */
  roleSteps?: readonly SkillStep[];
  /** Extra steps worth trying (with parameters search could not guess). */
  extraSteps?: readonly SkillStep[];
  /** Rejects edits the caller may not make (GTBP's edit budget). */
  allow?: (edit: StepEdit) => boolean;
  /** Accept a repair that fits only some pairs, when none fits all (default true). */
  allowPartial?: boolean;
}

/** Every single edit of `steps` worth trying, in a fixed order. */
export function* singleEdits(
  steps: readonly SkillStep[],
  vocabulary: readonly SkillStep[],
): Generator<StepEdit> {
  for (let at = 0; at < steps.length; at++) {
    for (const step of vocabulary) {
      if (stepKey(step) !== stepKey(steps[at] as SkillStep)) yield { kind: 'replace', at, step };
    }
  }
  for (let at = 0; at <= steps.length; at++) for (const step of vocabulary) yield { kind: 'add', at, step };
  for (let at = 0; at < steps.length; at++) yield { kind: 'remove', at };
  for (let at = 0; at + 1 < steps.length; at++) yield { kind: 'swap', at };
}

/** Levenshtein distance between two step sequences (by skill and parameters). */
export function stepDistance(a: readonly SkillStep[], b: readonly SkillStep[]): number {
  return sequenceDistance(a, b, (x, y) => (stepKey(x) === stepKey(y) ? 0 : 1));
}

function countFits(
  steps: readonly SkillStep[],
  pairs: readonly RepairPair[],
  stopAtFirstMiss: boolean,
): number {
  let fits = 0;
  for (const pair of pairs) {
    if (sameText(applySkills(steps, pair.input), pair.desired)) fits++;
    else if (stopAtFirstMiss) return fits;
  }
  return fits;
}

/**
 * The best single edit of `steps` for `pairs`, or null when no edit does better than the current
 * sequence. A full fit always beats a partial one; ties go to the role, then to search order.
 */
export function findRepair(
  steps: readonly SkillStep[],
  pairs: readonly RepairPair[],
  options: RepairOptions = {},
): RepairResult | null {
  if (pairs.length === 0) return null;
  const role = options.roleSteps ?? [];
  const vocabulary = searchVocabulary({ desired: pairs.map((p) => p.desired) }, [
    ...role,
    ...(options.extraSteps ?? []),
  ]);
  const baseDistance = role.length > 0 ? stepDistance(steps, role) : 0;
  const current = countFits(steps, pairs, false);
  if (current === pairs.length) return null;
  let best: RepairResult | null = null;
  const consider = (edit: StepEdit, candidate: SkillStep[], fits: number) => {
    const roleDistance = role.length > 0 ? stepDistance(candidate, role) : 0;
    const better = !best || fits > best.fits || (fits === best.fits && roleDistance < best.roleDistance);
    if (better) {
      best = {
        from: steps.slice(),
        edit,
        steps: candidate,
        fits,
        total: pairs.length,
        roleDistance,
        baseDistance,
        supported: roleDistance < baseDistance,
      };
    }
  };
  // Pass 1: full fits only (each candidate stops at its first miss, which keeps search cheap).
  for (const edit of singleEdits(steps, vocabulary)) {
    if (options.allow && !options.allow(edit)) continue;
    const candidate = applyEdit(steps, edit);
    if (countFits(candidate, pairs, true) === pairs.length) consider(edit, candidate, pairs.length);
  }
  if (best || options.allowPartial === false) return best;
  // Pass 2: nothing fits everything; take the edit that fits the most, if it beats doing nothing.
  const sample = pairs.slice(0, 8);
  const currentOnSample = countFits(steps, sample, false);
  for (const edit of singleEdits(steps, vocabulary)) {
    if (options.allow && !options.allow(edit)) continue;
    const candidate = applyEdit(steps, edit);
    const fits = countFits(candidate, sample, false);
    if (fits > currentOnSample) consider(edit, candidate, fits);
  }
  if (best) (best as RepairResult).total = sample.length;
  return best;
}

/**
 * The single edit (with steps the role names) that makes `steps` exactly the role's steps, or
 * null. Used when a node is told its output is wrong but not what it should be: a
 * careful reader then re-reads the node's role and restores what the prompt dropped.
 */
export function alignWithRole(
  steps: readonly SkillStep[],
  roleSteps: readonly SkillStep[],
  allow?: (edit: StepEdit) => boolean,
): RepairResult | null {
  if (roleSteps.length === 0) return null;
  const baseDistance = stepDistance(steps, roleSteps);
  let best: RepairResult | null = null;
  for (const edit of singleEdits(steps, roleSteps)) {
    if (allow && !allow(edit)) continue;
    const candidate = applyEdit(steps, edit);
    const roleDistance = stepDistance(candidate, roleSteps);
    // Only an edit that restores the role exactly: a half-way edit is a guess the data did not ask for.
    if (roleDistance === 0 && roleDistance < baseDistance && !best) {
      best = {
        from: steps.slice(),
        edit,
        steps: candidate,
        fits: 0,
        total: 0,
        roleDistance,
        baseDistance,
        supported: true,
      };
    }
  }
  return best;
}
