/** TextGrad's tasks: loss feedback, the per-edge criticism and the TGD update. */
import type {
  TextgradGradientAnswer,
  TextgradGradientTask,
  TextgradLossAnswer,
  TextgradLossTask,
  TextgradUpdateTask,
} from '../../engine';
import { applySkills } from '../parse';
import { sameText } from '../search/compare';
import { locateFault } from '../search/fault';
import { searchVocabulary } from '../search/vocabulary';
import { placeholders } from '../template';
import { quote } from '../text';
import { answerText, describeEdit, needsText } from './answer';
import { verdictsFor } from './blame';
import { desiredFromMessages } from './desired';
import { anyAsksChange, pairsFromExamples } from './rewrite';
import { promptUpdate } from './sembp';

/** Feedback on the final output against the target, naming a missing step when one explains it. */
export function textgradLoss(task: TextgradLossTask): string {
  if (sameText(task.output, task.target)) {
    const answer: TextgradLossAnswer = { feedback: 'The output matches the target; no change is needed.' };
    return answerText('The output is correct.', answer);
  }
  const vocabulary = searchVocabulary({ desired: [task.target] });
  const step = vocabulary.find((s) => sameText(applySkills([s], task.output), task.target));
  const hint = step ? ` It still needs: ${needsText([step])}.` : '';
  const answer: TextgradLossAnswer = {
    feedback: `The output ${quote(task.output)} should be ${quote(task.target)}.${hint}`,
    suggestedValue: task.target,
  };
  return answerText('The output differs from the target.', answer);
}

/**
 * One call per edge, seeing one input and no siblings. With a single-input template nothing is
 * hidden, so it reasons like the joint call; with several inputs it cannot hold the others fixed,
 * so unless the node's role shows its own instruction is at fault it asks this input to change,
 * without a value it could stand behind.
 */
export function textgradGradient(task: TextgradGradientTask): string {
  const desired = desiredFromMessages(task.feedback, task.output);
  const reply = (answer: TextgradGradientAnswer, reasoning: string) => answerText(reasoning, answer);
  if (!desired.asksChange)
    return reply({ change: false, criticism: 'No change is needed.' }, 'The output is fine.');
  const hedge = (why: string) =>
    reply(
      {
        change: true,
        criticism: `The output is wrong and this input (${task.input.role || task.input.name}) may be part of the cause; it should be checked against its role.`,
      },
      why,
    );
  if (desired.value === undefined) return hedge('The feedback does not say what the output should be.');
  if (task.variable === 'prompt') return promptGradient(task, desired.value);
  const alone = placeholders(task.node.userTemplate).length <= 1;
  const fault = locateFault({
    node: task.node,
    inputs: alone ? [task.input] : [],
    fields: {},
    renderedUserMessage: task.renderedUserMessage,
    desired: desired.value,
  });
  if (fault.kind === 'fits')
    return reply(
      { change: false, criticism: 'This input already gives the desired output.' },
      'The input fits.',
    );
  if (fault.kind === 'own' && (alone || fault.repair.supported)) {
    const verdict = verdictsFor(fault, [task.input], false)[task.input.id];
    return reply(
      { change: false, criticism: verdict?.message ?? '' },
      'The instruction, not this input, explains the error.',
    );
  }
  if (alone && fault.kind === 'input') {
    const verdict = verdictsFor(fault, [task.input], true)[task.input.id];
    return reply(
      { change: true, criticism: verdict?.message ?? '', suggestedValue: verdict?.suggestedValue },
      'Changing this input makes the step produce the desired output.',
    );
  }
  return hedge('Without the other inputs I cannot tell which one is at fault.');
}

/** TGD step: the same repair search as semantic backprop, from the gradients received. */
export function textgradUpdate(task: TextgradUpdateTask): string {
  const examples = task.gradients.map((g) => ({ input: g.input, output: g.output, messages: g.feedback }));
  return promptUpdate(task.node, pairsFromExamples(task.node, examples), anyAsksChange(examples));
}

/**
 * TextGrad's gradient on the node's own prompt: criticism of the instruction, given the whole
 * conversation. It names the edit when one makes this conversation produce the desired output,
 * and repeats what the output should be so the update step can check its rewrite against it.
 */
function promptGradient(task: TextgradGradientTask, desired: string): string {
  const fault = locateFault({
    node: task.node,
    inputs: [],
    fields: {},
    renderedUserMessage: task.renderedUserMessage,
    desired,
  });
  const answer: TextgradGradientAnswer =
    fault.kind === 'own'
      ? {
          change: true,
          criticism: `The instruction should ${describeEdit(fault.repair.edit, fault.repair.from)}; the output should be ${quote(desired)}.`,
        }
      : fault.kind === 'fits'
        ? { change: false, criticism: 'The instruction already produces the desired output from this input.' }
        : {
            change: false,
            criticism: `No small change to the instruction turns this input into ${quote(desired)}; the inputs are more likely at fault.`,
          };
  return answerText('I checked whether a different instruction would produce the desired output.', answer);
}
