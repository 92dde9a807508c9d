/** GTBP's tasks: module inversion, reconciliation of several targets, and budgeted claim edits. */
import type {
  GtbpEditAnswer,
  GtbpEditTask,
  GtbpInvertAnswer,
  GtbpInvertTask,
  GtbpReconcileAnswer,
  GtbpReconcileTask,
} from '../../engine';
import { sameText } from '../search/compare';
import { type EditedSegment, editSegments, type Segment, type StepEdit, segmentClaims } from '../segments';
import type { SkillStep } from '../skills/types';
import { tokenOverlap } from '../text';
import { answerText, describeEdit } from './answer';
import { explanationOf, faultAtStep } from './blame';
import { inputText, repairSegments } from './rewrite';

/**
 * The input closest to the actual one that makes the node produce its target: every input keeps
 * its value unless changing it alone (siblings fixed) is the explanation; when the node's own
 * prompt is at fault, all targets equal the actual inputs.
 */
export function gtbpInvert(task: GtbpInvertTask): string {
  const targets = Object.fromEntries(task.inputs.map((i) => [i.id, i.value]));
  const fault = faultAtStep(task, task.targetOutput);
  let reasoning: string;
  if (fault.kind === 'both') {
    for (const c of fault.changes) targets[c.input.id] = c.value;
    reasoning = `This step itself should ${describeEdit(fault.repair.edit, fault.repair.from)}, and even then ${fault.changes.map((c) => c.input.id).join(' and ')} must change to produce its target.`;
  } else if (fault.kind === 'inputs') {
    for (const c of fault.changes) targets[c.input.id] = c.value;
    reasoning = `Changing ${fault.changes.map((c) => c.input.id).join(' and ')} together is the smallest change that makes this step produce its target.`;
  } else if (fault.kind === 'input') {
    targets[fault.input.id] = fault.candidate.value;
    reasoning = `Only ${fault.input.id} needs a different value for this step to produce its target; the other inputs already fit.`;
  } else if (fault.kind === 'own') {
    reasoning = `The inputs fit; this step itself should ${describeEdit(fault.repair.edit, fault.repair.from)}.`;
  } else if (fault.kind === 'fits') {
    reasoning = 'These inputs already produce the target.';
  } else {
    reasoning = 'No single input change produces the target; I keep the inputs as they are.';
  }
  const answer: GtbpInvertAnswer = { targets, reasoning };
  if (task.mode === 'weighed') answer.explanation = explanationOf(fault);
  return answerText(reasoning, answer);
}

/**
 * A successor whose target equals the current output raises no objection: it would accept a
 * change as readily as the output itself, while one that asks for a change carries the only
 * evidence. So the majority among the targets that ask for a change wins; with no change asked,
 * the output stays; when the change requests disagree, the one most consistent with the others.
 */
export function gtbpReconcile(task: GtbpReconcileTask): string {
  const changes = task.candidates.filter((c) => !sameText(c.target, task.output));
  const counts = new Map<string, number>();
  for (const c of changes) counts.set(c.target, (counts.get(c.target) ?? 0) + 1);
  let target = task.output;
  let reasoning = 'No successor asked for a different output, so the output stays.';
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const top = ranked[0];
  if (top && (ranked.length === 1 || top[1] > (ranked[1]?.[1] ?? 0))) {
    target = top[0];
    reasoning = `${top[1]} of ${task.candidates.length} successors ask for this target; the others accept the output as it is.`;
  } else if (top) {
    const score = (t: string) => task.candidates.reduce((sum, c) => sum + tokenOverlap(t, c.target), 0);
    target = ranked.map(([t]) => t).reduce((best, t) => (score(t) > score(best) ? t : best));
    reasoning =
      'The successors ask for different changes; this target is the one most consistent with the others.';
  }
  const answer: GtbpReconcileAnswer = { target, reasoning };
  return answerText(reasoning, answer);
}

/** Claim edits that turn `segments` into `edited` (claims keep their ids; new ones are added). */
export function claimEdits(
  claimIds: readonly string[],
  edited: readonly EditedSegment[],
): GtbpEditAnswer['edits'] {
  const edits: GtbpEditAnswer['edits'] = [];
  const kept = new Set(edited.flatMap((s) => (s.from === undefined ? [] : [s.from])));
  claimIds.forEach((id, i) => {
    if (!kept.has(i)) edits.push({ action: 'delete', claimId: id });
  });
  // The engine appends an add without `afterClaimId` at the END, so a new first claim is written
  // into the claim that follows it (one replace) rather than as an add.
  let previous: string | undefined;
  const leading: string[] = [];
  for (const seg of edited) {
    if (seg.from === undefined && previous === undefined) {
      leading.push(seg.body);
    } else if (seg.from === undefined) {
      edits.push({ action: 'add', text: seg.body, afterClaimId: previous as string });
    } else {
      const id = claimIds[seg.from] as string;
      if (leading.length > 0) {
        edits.push({ action: 'replace', claimId: id, text: [...leading, seg.body].join(' ') });
        leading.length = 0;
      } else if (seg.changed) {
        edits.push({ action: 'replace', claimId: id, text: seg.body });
      }
      previous = id;
    }
  }
  for (const text of leading) edits.push({ action: 'add', text });
  return edits;
}

/** Does an edit stay within the budget: at most `maxEdits` claims changed, one added if allowed. */
function withinBudget(
  segments: Segment[],
  claimIds: string[],
  edit: StepEdit,
  budget: GtbpEditTask['budget'],
) {
  const edits = claimEdits(claimIds, editSegments(segments, edit));
  const adds = edits.filter((e) => e.action === 'add').length;
  return edits.length - adds <= budget.maxEdits && adds <= (budget.mayAdd ? 1 : 0);
}

/**
 * Why the claims change. With no examples in the module set the edit rests on the node's role
 * alone, and says so: "fits 0 of 0 examples" would read as a failed check.
 */
export function editReasoning(repair: {
  edit: StepEdit;
  from: SkillStep[];
  fits: number;
  total: number;
}): string {
  const should = `Within the budget, the claims should ${describeEdit(repair.edit, repair.from)}`;
  return repair.total === 0
    ? `${should} (the node's role asks for it; no example to check it against).`
    : `${should} (fits ${repair.fits} of ${repair.total} examples).`;
}

/** Structured claim edits from the module set, found by the same repair search, within budget. */
export function gtbpEdit(task: GtbpEditTask): string {
  const segments = segmentClaims(task.claims);
  const claimIds = task.claims.map((c) => c.id);
  const pairs = task.moduleSet.map((m) => ({ input: inputText(task.node, m.input), desired: m.target }));
  // A module whose targets differ from its outputs is wrong, which licenses re-reading its role.
  const asksChange = task.moduleSet.some((m) => m.output.trim() !== m.target.trim());
  const { repair, edited } = repairSegments(task.node, segments, pairs, {
    allow: (edit) => withinBudget(segments, claimIds, edit, task.budget),
    asksChange,
  });
  const edits = edited ? claimEdits(claimIds, edited) : [];
  const reasoning = repair
    ? editReasoning(repair)
    : 'No edit within the budget makes the module produce its targets; the claims stay.';
  const answer: GtbpEditAnswer = { edits, reasoning };
  return answerText(reasoning, answer);
}
