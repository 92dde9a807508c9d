/** Semantic backpropagation's tasks: the joint gradient, the critique and the prompt update. */
import type {
  PromptAnswer,
  SembpCritiqueAnswer,
  SembpCritiqueTask,
  SembpGradientAnswer,
  SembpGradientTask,
  SembpUpdateTask,
} from '../../engine';
import { editSegments, flatSteps, joinSegments, segmentPrompt } from '../segments';
import { answerText, describeEdit, editFromText } from './answer';
import { explanationOf, faultAtStep, type Verdict, verdictsFor, weighedVerdicts } from './blame';
import { desiredFromMessages } from './desired';
import { anyAsksChange, pairsFromExamples, repairPrompt } from './rewrite';

/**
 * One joint call sees all inputs: holding the siblings fixed, it can tell which single input
 * explains the wrong output, or that the node's own instruction does.
 */
export function sembpGradient(task: SembpGradientTask): string {
  const desired = desiredFromMessages(task.messages, task.output);
  const withValues = task.variant === 'target';
  let verdicts: Record<string, Verdict>;
  let reasoning: string;
  let explanation: SembpGradientAnswer['explanation'];
  if (!desired.asksChange) {
    verdicts = Object.fromEntries(
      task.inputs.map((i) => [
        i.id,
        { change: false, message: 'The output needs no change, so this input is fine.' },
      ]),
    );
    reasoning = 'The messages ask for no change to the output, so no input needs to change.';
  } else if (desired.value === undefined) {
    verdicts = verdictsFor({ kind: 'unknown' }, task.inputs, withValues);
    reasoning =
      'The output was judged wrong without saying what it should be, so every upstream input is suspect.';
  } else {
    const fault = faultAtStep(task, desired.value);
    if (task.mode === 'weighed') explanation = explanationOf(fault);
    verdicts = weighedVerdicts(fault, task.inputs, withValues);
    reasoning =
      fault.kind === 'both'
        ? `Both: the step itself should ${describeEdit(fault.repair.edit, fault.repair.from)}, and even then ${fault.changes.map((c) => c.input.id).join(' and ')} must change to give the desired output.`
        : fault.kind === 'inputs'
          ? `The smallest change is to several inputs together: ${fault.changes.map((c) => c.input.id).join(' and ')}.`
          : fault.kind === 'input'
            ? `Holding the other inputs fixed, changing only ${fault.input.id} makes this step produce the desired output.`
            : fault.kind === 'own'
              ? `No input is at fault: the step itself should ${describeEdit(fault.repair.edit, fault.repair.from)}.`
              : fault.kind === 'fits'
                ? 'With these inputs this step already gives the desired output; the inputs are fine.'
                : 'No single input or instruction change explains the output, so every upstream input is suspect.';
  }
  const answer: SembpGradientAnswer = { inputs: verdicts };
  if (explanation !== undefined) answer.explanation = explanation;
  return answerText(reasoning, answer);
}

/** Pros (sentences the repair keeps) and cons (what the repair changes), before rewriting. */
export function sembpCritique(task: SembpCritiqueTask): string {
  const pairs = pairsFromExamples(task.node, task.examples);
  const { segments, repair } = repairPrompt(task.node, pairs, anyAsksChange(task.examples));
  const pros = segments.filter((s) => s.steps.length > 0).map((s) => `It asks to: ${s.body}`);
  const cons = repair
    ? [`It should ${describeEdit(repair.edit, repair.from)}.`]
    : ['No single change to the instruction explains the requested outputs.'];
  const answer: SembpCritiqueAnswer = { pros, cons };
  return answerText('I compared what the instruction does with what each example needed.', answer);
}

/** The smallest instruction edit that makes every back-propagated example come out as asked. */
export function sembpUpdate(task: SembpUpdateTask): string {
  const pairs = pairsFromExamples(task.node, task.examples);
  const cons = task.critique?.cons ?? [];
  // The "critique first" variant may send the critique alone: follow the edit its cons name.
  if (pairs.length === 0 && cons.length > 0) {
    const segments = segmentPrompt(task.node.instruction);
    const steps = flatSteps(segments);
    for (const con of cons) {
      const edit = editFromText(con, steps);
      if (!edit) continue;
      const reasoning = `Following the critique, the instruction should ${describeEdit(edit, steps)}.`;
      const answer: PromptAnswer = { reasoning, prompt: joinSegments(editSegments(segments, edit)) };
      return answerText(reasoning, answer);
    }
  }
  return promptUpdate(task.node, pairs, anyAsksChange(task.examples) || cons.length > 0);
}

/**
 * Shared by semantic backprop and TextGrad: search a repair, answer with the rewritten prompt.
 * `asksChange` (some output was called wrong) allows falling back on the node's role.
 */
export function promptUpdate(
  node: SembpUpdateTask['node'],
  pairs: { input: string; desired: string }[],
  asksChange: boolean,
): string {
  const { repair, prompt, byRole } = repairPrompt(node, pairs, asksChange);
  let reasoning: string;
  if (repair && byRole) {
    reasoning = `The outputs are wrong and no small change reproduces what was asked, but the instruction departs from the node's role: it should ${describeEdit(repair.edit, repair.from)}.`;
  } else if (pairs.length === 0) {
    reasoning = 'The messages do not say what the outputs should be, so I keep the prompt.';
  } else if (!repair) {
    reasoning = 'No small change to the instruction produces the requested outputs, so I keep the prompt.';
  } else {
    const how = describeEdit(repair.edit, repair.from);
    reasoning =
      repair.fits === repair.total
        ? `To produce every requested output the instruction should ${how}.`
        : `Changing the instruction to ${how} fixes ${repair.fits} of ${repair.total} examples; no single change fixes all.`;
  }
  const answer: PromptAnswer = { reasoning, prompt };
  return answerText(reasoning, answer);
}
