/**
 * Reading a prompt as a sequence of skills, and running that sequence over a text. This is the
 * whole "forward model" of the simulated world: what a prompt asks for, in the order it asks.
 */
import { SKILLS, skillById } from './skills/catalogue';
import type { LocatedStep, SkillParams, SkillStep } from './skills/types';

/** "Do not convert to upper case" must not convert: a negation shortly before a match cancels it. */
const NEGATION = /\b(?:do not|don't|dont|never|without|avoid|no need to)\s+(?:[\w-]+\s+){0,2}$/i;

/** Text since the start of the current sentence or clause, to look for a negation in. */
function clauseBefore(text: string, index: number): string {
  const before = text.slice(0, index);
  const cut = Math.max(before.lastIndexOf('.'), before.lastIndexOf('\n'), before.lastIndexOf(';'));
  return before.slice(cut + 1);
}

/**
 * The skills a prompt asks for, in the order written (case-insensitive, tolerant of punctuation).
 * Overlapping matches resolve to the earliest, then the longest, so "multiply each number by 3"
 * is one scaling step rather than a product.
 */
export function parseSkills(prompt: string): LocatedStep[] {
  const found: LocatedStep[] = [];
  for (const skill of SKILLS) {
    for (const pattern of skill.patterns) {
      for (const m of prompt.matchAll(pattern)) {
        const params = skill.readParams ? skill.readParams(m) : {};
        if (!params) continue;
        const start = m.index ?? 0;
        if (NEGATION.test(clauseBefore(prompt, start))) continue;
        found.push({ skill: skill.id, params, start, end: start + m[0].length });
      }
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const steps: LocatedStep[] = [];
  let reached = -1;
  for (const step of found) {
    if (step.start < reached) continue;
    steps.push(step);
    reached = step.end;
  }
  return steps;
}

/** Runs the steps in order over `text`. No steps means the text is returned unchanged. */
export function applySkills(steps: readonly SkillStep[], text: string): string {
  let out = text;
  for (const step of steps) out = skillById(step.skill).apply(out, step.params);
  return out.trim();
}

/** The canonical sentence for one step (what the optimizer writes), without a final period. */
export function phraseStep(step: SkillStep): string {
  return skillById(step.skill).phrasings(step.params)[0] ?? step.skill;
}

/** Several steps as one instruction sentence: "Extract every number, then add the numbers up." */
export function phraseSteps(steps: readonly SkillStep[]): string {
  const parts = steps.map((s, i) => (i === 0 ? phraseStep(s) : lowerFirst(phraseStep(s))));
  return `${parts.join(', then ')}.`;
}

/** A step list as a short readable chain for reasoning text: "extract every number -> add ...". */
export function describeSteps(steps: readonly SkillStep[]): string {
  return steps.length === 0
    ? '(no recognised step)'
    : steps.map((s) => lowerFirst(phraseStep(s))).join(' -> ');
}

/** Same skill and same parameters. */
export function sameStep(a: SkillStep, b: SkillStep): boolean {
  return a.skill === b.skill && sameParams(a.params, b.params);
}

function sameParams(a: SkillParams, b: SkillParams): boolean {
  return a.n === b.n && a.text === b.text;
}

/** Lower-cases a leading capital of an ordinary word (quoted literals and acronyms stay). */
export function lowerFirst(text: string): string {
  // Keep quoted literals and acronyms intact: only a leading capital followed by a lower-case letter.
  return /^[A-Z][a-z]/.test(text) ? text[0]?.toLowerCase() + text.slice(1) : text;
}

/**
 * The steps a text (a prompt, a role, a rubric) asks for, without their positions, for comparisons
 * and search. A role that names none gives no support either way.
 */
export function stepsOf(text: string): SkillStep[] {
  return parseSkills(text).map((s) => ({ skill: s.skill, params: s.params }));
}
