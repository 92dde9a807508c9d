/** How every backward answer is written: a sentence or two of reasoning, then one json block. */
import { toJsonBlock } from '../../engine';
import { describeSteps, lowerFirst, phraseStep, sameStep, stepsOf } from '../parse';
import type { StepEdit } from '../segments';
import type { SkillStep } from '../skills/types';

/** Reasoning prose followed by the single fenced ```json block the engine parses. */
export function answerText(reasoning: string, value: unknown): string {
  return `${reasoning}\n\n${toJsonBlock(value)}`;
}

const say = (step: SkillStep) => `"${lowerFirst(phraseStep(step))}"`;

/** An edit of a step sequence in words, e.g. `add the step "round to 2 decimal places" at the end`. */
export function describeEdit(edit: StepEdit, steps: readonly SkillStep[]): string {
  const at = steps[edit.at];
  if (edit.kind === 'add') {
    const next = steps[edit.at];
    return `add the step ${say(edit.step)} ${next ? `before ${say(next)}` : 'at the end'}`;
  }
  if (edit.kind === 'remove') return at ? `drop the step ${say(at)}` : 'drop a step';
  if (edit.kind === 'replace')
    return at ? `replace ${say(at)} with ${say(edit.step)}` : `use ${say(edit.step)}`;
  const next = steps[edit.at + 1];
  return at && next ? `do ${say(next)} before ${say(at)}` : 'reorder two steps';
}

/** A step chain in words for messages ("it still needs: ..."), parseable back by desired.ts. */
export function needsText(via: readonly SkillStep[]): string {
  return describeSteps(via).replaceAll(' -> ', ', then ');
}

const QUOTED_STEP = '"([^"]+)"';
const EDIT_PATTERNS: { kind: StepEdit['kind']; re: RegExp }[] = [
  { kind: 'add', re: new RegExp(`add the step ${QUOTED_STEP} (?:before ${QUOTED_STEP}|at the end)`, 'i') },
  { kind: 'remove', re: new RegExp(`drop the step ${QUOTED_STEP}`, 'i') },
  { kind: 'replace', re: new RegExp(`replace ${QUOTED_STEP} with ${QUOTED_STEP}`, 'i') },
  { kind: 'swap', re: new RegExp(`do ${QUOTED_STEP} before ${QUOTED_STEP}`, 'i') },
];

/**
 * Reads an edit back from a sentence written by `describeEdit` (a critique's "cons"), against the
 * current steps. Null when the text names no edit that applies to these steps.
 */
export function editFromText(text: string, steps: readonly SkillStep[]): StepEdit | null {
  const stepOf = (phrase: string | undefined) => (phrase ? stepsOf(phrase)[0] : undefined);
  const indexOf = (phrase: string | undefined) => {
    const wanted = stepOf(phrase);
    return wanted ? steps.findIndex((s) => sameStep(s, wanted)) : -1;
  };
  for (const { kind, re } of EDIT_PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    if (kind === 'add') {
      const step = stepOf(m[1]);
      const at = m[2] === undefined ? steps.length : indexOf(m[2]);
      if (step && at >= 0) return { kind, at, step };
    } else if (kind === 'remove') {
      const at = indexOf(m[1]);
      if (at >= 0) return { kind, at };
    } else if (kind === 'replace') {
      const at = indexOf(m[1]);
      const step = stepOf(m[2]);
      if (step && at >= 0) return { kind, at, step };
    } else {
      const at = indexOf(m[2]);
      if (at >= 0 && indexOf(m[1]) === at + 1) return { kind, at };
    }
  }
  return null;
}
