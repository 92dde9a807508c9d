/**
 * Turning a located fault into per-input verdicts, shared by the semantic-backprop and TextGrad
 * gradients and by GTBP's inversion.
 */
import type { BackwardMode, StepContext, TaskInput } from '../../engine';
import type { InputCandidate } from '../search/candidates';
import { type Fault, locateFault } from '../search/fault';
import { type WeighedFault, weighFault } from '../search/weigh';
import { quote } from '../text';
import { describeEdit, needsText } from './answer';

export interface Verdict {
  change: boolean;
  message: string;
  suggestedValue?: string;
}

/**
 * The fault at a step asked about in a joint backward task (semantic backprop's gradient, GTBP's
 * inversion), given what its output should be: weighed or faithful, as the task's mode asks.
 */
export function faultAtStep(task: StepContext & { mode?: BackwardMode }, desired: string): WeighedFault {
  const query = {
    node: task.node,
    inputs: task.inputs,
    fields: task.example.inputs,
    renderedUserMessage: task.renderedUserMessage,
    desired,
  };
  return task.mode === 'weighed' ? weighFault(query) : locateFault(query);
}

/** How a candidate value was reached, as a sentence that names no other input. */
export function howToReach(candidate: InputCandidate): string {
  if (candidate.via.length === 0) {
    if (candidate.base === 'inverse') return 'Its number is off by the amount the output is off.';
    if (candidate.base === 'preimage')
      return 'Working back from the desired output through this step gives that value.';
    return 'It should already be what this step is asked to output.';
  }
  if (candidate.base === 'current') return `It still needs: ${needsText(candidate.via)}.`;
  return `It should be computed from the example's ${quote(candidate.base)} with: ${needsText(candidate.via)}.`;
}

/** The node's own instruction is at fault: the sentence every input's message carries. */
export function ownFaultText(fault: Extract<Fault, { kind: 'own' }>): string {
  return `This input is fine; the step's own instruction is at fault (it should ${describeEdit(fault.repair.edit, fault.repair.from)}).`;
}

/**
 * Verdicts for every input. `withValues` is false for the comment variant: a quality comment per
 * input, no suggested value, never naming another input.
 */
export function verdictsFor(
  fault: Fault,
  inputs: readonly TaskInput[],
  withValues: boolean,
): Record<string, Verdict> {
  const out: Record<string, Verdict> = {};
  for (const input of inputs) {
    if (fault.kind === 'fits') {
      out[input.id] = {
        change: false,
        message: 'This input is fine: with it this step produces the desired output.',
      };
    } else if (fault.kind === 'own') {
      out[input.id] = { change: false, message: ownFaultText(fault) };
    } else if (fault.kind === 'input' && fault.input.id === input.id) {
      out[input.id] = withValues
        ? {
            change: true,
            message: `This input should be ${quote(fault.candidate.value)} instead of ${quote(input.value)}. ${howToReach(fault.candidate)}`,
            suggestedValue: fault.candidate.value,
          }
        : {
            change: true,
            message: `This input does not fit what this step needs. ${howToReach(fault.candidate)}`,
          };
    } else if (fault.kind === 'input' || input.kind === 'input') {
      out[input.id] = { change: false, message: 'This input is fine as it is.' };
    } else {
      out[input.id] = {
        change: true,
        message: 'The output is wrong and no single change explains it; this input may need to change.',
      };
    }
  }
  return out;
}

/**
 * Verdicts for a weighed answer: several inputs that must change together (alone, or besides the
 * step's own instruction) each get their value; every other verdict is the faithful one.
 */
export function weighedVerdicts(
  fault: WeighedFault,
  inputs: readonly TaskInput[],
  withValues: boolean,
): Record<string, Verdict> {
  if (fault.kind !== 'inputs' && fault.kind !== 'both') return verdictsFor(fault, inputs, withValues);
  const out: Record<string, Verdict> = {};
  for (const input of inputs) {
    const change = fault.changes.find((c) => c.input.id === input.id);
    if (!change) out[input.id] = { change: false, message: 'This input is fine as it is.' };
    else if (withValues)
      out[input.id] = {
        change: true,
        message: `This input should be ${quote(change.value)} instead of ${quote(input.value)}. Working back from the desired output through this step${fault.kind === 'both' ? ', once its own instruction is fixed,' : ''} gives that value.`,
        suggestedValue: change.value,
      };
    else out[input.id] = { change: true, message: 'This input does not fit what this step needs.' };
  }
  return out;
}

/** Which explanation a weighed answer kept, as the answer's `explanation` field says it. */
export function explanationOf(fault: WeighedFault): 'instruction' | 'inputs' | 'both' | 'none' {
  if (fault.kind === 'own') return 'instruction';
  if (fault.kind === 'both') return 'both';
  return fault.kind === 'input' || fault.kind === 'inputs' ? 'inputs' : 'none';
}
