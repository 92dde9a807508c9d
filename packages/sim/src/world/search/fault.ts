/**
 * Where is the fault? Given a node, its inputs and the output it should have produced, decide
 * between "the node's own instruction" and "one of its inputs", by search:
 *
 * 1. The inputs already give the desired output: nobody is at fault (a slip, not a defect).
 * 2. A single edit of the node's prompt fixes it AND the role description supports that edit:
 *    the node's own instruction is at fault.
 * 3. An input value that the upstream node's role supports (its named steps applied) fixes it,
 *    holding the other inputs fixed: that input is at fault.
 * 4. Otherwise a single edit of the node's prompt that does not move it away from its role: its
 *    own fault (SIMULATOR.md: push the fault upstream only when no prompt for this node can reach
 *    the target from these inputs).
 * 5. Otherwise, when every input is exactly what its producer's role makes of the example and
 *    one edit brings the node's prompt back to its role: its own fault.
 * 6. Otherwise blind search over input values, cheapest explanation first.
 * 7. Otherwise an edit that would make the node do another node's job: its own fault, last resort.
 *
 * Holding the other inputs fixed needs their values: that is exactly the sibling context that
 * semantic backpropagation and GTBP pass and TextGrad does not.
 */
import { editDistance, type TaskInput, type TaskNode } from '../../engine';
import { applySkills, stepsOf } from '../parse';
import { renderTemplate } from '../template';
import { type InputCandidate, searchCandidates, supportedCandidates } from './candidates';
import { sameText } from './compare';
import { invertNode } from './inverse';
import { alignWithRole, findRepair, type RepairResult } from './repair';
import { searchVocabulary } from './vocabulary';

/** How many candidate input values one fault query may try. */
export const MAX_EVALUATIONS = 1200;

export type Fault =
  | { kind: 'fits' }
  | { kind: 'own'; repair: RepairResult }
  | { kind: 'input'; input: TaskInput; candidate: InputCandidate }
  | { kind: 'unknown' };

export interface FaultQuery {
  node: TaskNode;
  /** The node's inputs whose values are known (all of them, or one for TextGrad). */
  inputs: readonly TaskInput[];
  /** The example's own fields (what upstream nodes started from). */
  fields: Record<string, string>;
  renderedUserMessage: string;
  desired: string;
}

/**
 * Re-renders the node's user message with one input replaced. Uses the template when it reproduces
 * the message the node was sent, else substitutes the value inside that message (the engine may
 * frame messages with more than the template).
 */
export function makeRenderer(query: FaultQuery): (name: string, value: string) => string {
  const values = Object.fromEntries(query.inputs.map((i) => [i.name, i.value]));
  const viaTemplate = renderTemplate(query.node.userTemplate, values) === query.renderedUserMessage;
  return (name, value) => {
    if (viaTemplate) return renderTemplate(query.node.userTemplate, { ...values, [name]: value });
    const old = values[name] ?? '';
    return old === '' ? query.renderedUserMessage : query.renderedUserMessage.replace(old, () => value);
  };
}

/** True when the input's value is its role's steps applied to one of the example's fields. */
export function doesItsRole(input: TaskInput, fields: Record<string, string>): boolean {
  const steps = stepsOf(input.role);
  return steps.length > 0 && Object.values(fields).some((v) => sameText(applySkills(steps, v), input.value));
}

/** Decides where the fault lies for one example (see the module comment for the order). */
export function locateFault(query: FaultQuery): Fault {
  const nodeSteps = stepsOf(query.node.instruction);
  const simulated = applySkills(nodeSteps, query.renderedUserMessage);
  if (sameText(simulated, query.desired)) return { kind: 'fits' };

  const own = findRepair(nodeSteps, [{ input: query.renderedUserMessage, desired: query.desired }], {
    roleSteps: stepsOf(query.node.role),
    allowPartial: false,
  });
  if (own?.supported) return { kind: 'own', repair: own };

  const render = makeRenderer(query);
  // A bounded search: past this many re-runs of the node the answer is "unknown", which keeps
  // the worst case (nothing explains the output) at a few milliseconds.
  let budget = MAX_EVALUATIONS;
  const produces = (input: TaskInput, value: string) =>
    budget-- > 0 && sameText(applySkills(nodeSteps, render(input.name, value)), query.desired);
  const blameable = query.inputs.filter((i) => i.kind !== 'input');
  const pick = (lists: { input: TaskInput; candidates: InputCandidate[] }[]): Fault | null => {
    let best: { input: TaskInput; candidate: InputCandidate; distance: number } | null = null;
    for (const { input, candidates } of lists) {
      for (const candidate of candidates) {
        if (!produces(input, candidate.value)) continue;
        const distance = editDistance(candidate.value, input.value);
        if (
          !best ||
          candidate.cost < best.candidate.cost ||
          (candidate.cost === best.candidate.cost && distance < best.distance)
        ) {
          best = { input, candidate, distance };
        }
      }
    }
    return best ? { kind: 'input', input: best.input, candidate: best.candidate } : null;
  };

  const supported = pick(
    blameable.map((input) => ({
      input,
      candidates: supportedCandidates(input.value, stepsOf(input.role), query.fields),
    })),
  );
  if (supported) return supported;
  // An own edit that keeps to the role (or a node without a role) beats blind input search; one
  // that moves the prompt away from its role (doing another node's job) comes last.
  const ownKeepsRole = own && own.roleDistance <= own.baseDistance;
  if (own && ownKeepsRole) return { kind: 'own', repair: own };
  // An input that is exactly what its producer's role makes of the example is not at fault: its
  // producer does its job. If no other input is suspect and this node's instruction departs from
  // its role by one edit, the instruction is the explanation, even when the target (inverted
  // through a lossy step such as "take the maximum") cannot be reproduced exactly.
  const aligned = alignWithRole(nodeSteps, stepsOf(query.node.role));
  if (aligned && blameable.every((input) => doesItsRole(input, query.fields)))
    return { kind: 'own', repair: aligned };

  const vocabulary = searchVocabulary({ desired: [query.desired] });
  // Working back through the node's steps gives a value only for a single-placeholder template.
  const preimages =
    blameable.length === 1 ? invertNode(nodeSteps, query.node.userTemplate, query.desired) : [];
  for (const level of [1, 2, 3] as const) {
    const found = pick(
      blameable.map((input) => ({
        input,
        candidates: searchCandidates(level, input.value, vocabulary, query.fields, {
          desired: query.desired,
          simulatedOutput: simulated,
          preimages,
          roleSteps: stepsOf(input.role),
        }),
      })),
    );
    if (found) return found;
  }
  return own ? { kind: 'own', repair: own } : { kind: 'unknown' };
}
