/**
 * The weighed backward mode (Backflow's extension, docs/simulator.md): asked whether a node's own
 * instruction or its inputs explain the discrepancy, the simulator answers as a careful person
 * would. It finds the smallest edit of the node's instruction that produces the desired output from
 * the actual inputs, and the smallest change of the inputs (one input, or several together) from
 * which the instruction as it is produces it, prices both on one scale, and keeps the cheaper:
 *
 * - an own edit costs its size in steps (a swap is 2); halved when it brings the instruction closer
 *   to the node's role, plus 2 when it moves it away (a step the role never asks for is a big
 *   change of what the node is for);
 * - an input change costs, per changed input, half the number of its producer's role steps that
 *   make it on top of its current value, or 0.5 when its whole role redone from the example gives
 *   it (the producer's role asks for exactly that value), else the number of words that change
 *   (a word that differs only in case or punctuation counts half; at least 0.5) plus 0.5 (a value
 *   no role asks for is a guess); plus 2 when this
 *   node's instruction departs from its role and the input is exactly what its producer's role
 *   makes of the example (that producer does its job, this node does not);
 * - a node whose instruction is one edit away from its role, and which no exact own edit fixes
 *   (the target came through a lossy step such as "take the maximum" and is only one of many
 *   values that would do), may restore its role for 1.5.
 *
 * - when the instruction restored to its role still does not give the target from the actual
 *   inputs, and an input change no dearer than the restore (1.5) gives it under the restored
 *   instruction, the restore explains only part of the discrepancy (a second fault upstream feeds
 *   this node a wrong value): the answer is both, the restore and that input change, so the
 *   upstream fault is asked about in the same backward pass instead of staying hidden behind this
 *   node until this node's fix has been accepted (semantic backprop's strict gate rejects the
 *   lower fix alone: it does not raise an exact-match score while the upper fault remains).
 *
 * Ties go to the node's own instruction: it is the explanation that stays where the discrepancy was
 * seen. When neither explanation is found, the faithful search (`locateFault`) decides.
 */
import type { TaskInput } from '../../engine';
import { applySkills, stepsOf } from '../parse';
import type { SkillStep } from '../skills/types';
import { renderTemplate } from '../template';
import { wordsOf } from '../text';
import { type InputCandidate, searchCandidates, supportedCandidates } from './candidates';
import { sameText, sequenceDistance } from './compare';
import {
  doesItsRole,
  type Fault,
  type FaultQuery,
  locateFault,
  MAX_EVALUATIONS,
  makeRenderer,
} from './fault';
import { invertNode, invertSteps } from './inverse';
import { alignWithRole, findRepair, type RepairResult, stepDistance } from './repair';
import { searchVocabulary } from './vocabulary';

/** What a value no role asks for adds to its price: it is a guess, not a producer's job undone. */
const GUESS_COST = 0.5;

/** The price of restoring a node's role when no exact own edit reproduces the target. */
const ROLE_RESTORE_COST = 1.5;

/** One input's changed value in a weighed verdict. */
export interface InputChange {
  input: TaskInput;
  value: string;
}

/**
 * A weighed verdict: the faithful kinds, several inputs that must change together, or both the
 * node's instruction (restored to its role) and its inputs, when neither alone gives the target.
 */
export type WeighedFault =
  | Fault
  | { kind: 'inputs'; changes: InputChange[] }
  | { kind: 'both'; repair: RepairResult; changes: InputChange[] };

/** How different two words are: 0 equal, 0.5 when only case or punctuation differs, else 1. */
function wordChange(a: string, b: string): number {
  if (a === b) return 0;
  const bare = (w: string) =>
    w
      .toLowerCase()
      .replace(/[^\p{L}\p{N}.]/gu, '')
      .replace(/\.$/, '');
  return bare(a) === bare(b) ? 0.5 : 1;
}

/** Word-level edit distance: how many words change between two values (see `wordChange`). */
export function wordDistance(a: string, b: string): number {
  return sequenceDistance(wordsOf(a), wordsOf(b), wordChange);
}

/** The price of an own edit (see the module comment). */
export function ownCost(repair: RepairResult, role: readonly SkillStep[]): number {
  const size = repair.edit.kind === 'swap' ? 2 : 1;
  if (role.length === 0) return size;
  if (repair.roleDistance < repair.baseDistance) return size / 2;
  return repair.roleDistance > repair.baseDistance ? size + 2 : size;
}

/**
 * A change the producer's role asks for: its whole role redone from the example (the producer did
 * not do its job) is one explanation, 0.5; role steps on top of its current value, 0.5 per step.
 */
function supportedCost(candidate: InputCandidate): number {
  return candidate.base === 'current' ? Math.max(1, candidate.via.length) / 2 : 0.5;
}

/** The price of changing one input to `value`, given how the candidate was found. */
function inputCost(
  input: TaskInput,
  value: string,
  context: CostContext,
  candidate?: InputCandidate,
): number {
  const base = candidate?.supported
    ? supportedCost(candidate)
    : Math.max(0.5, wordDistance(input.value, value)) + GUESS_COST;
  return base + (context.departsFromRole && doesItsRole(input, context.fields) ? 2 : 0);
}

/** The template's placeholders split out of a rendered message, when the template pins them down. */
function splitRendered(template: string, rendered: string): Record<string, string> | undefined {
  const names: string[] = [];
  const escaped = template.replace(/[.*+?^${}()|[\]\\]/g, (c) => `\\${c}`);
  const pattern = escaped.replace(/\\\{\\\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\\\}\\\}/g, (_m, name: string) => {
    names.push(name);
    return '([^\\n]*?)';
  });
  if (names.length < 2) return undefined;
  const m = new RegExp(`^${pattern}$`).exec(rendered.trim());
  if (!m) return undefined;
  return Object.fromEntries(names.map((n, i) => [n, (m[i + 1] ?? '').trim()]));
}

/** What an input change's price depends on besides the change itself. */
interface CostContext {
  fields: Record<string, string>;
  /** This node's instruction is not its role's steps. */
  departsFromRole: boolean;
}

interface Priced {
  cost: number;
  fault: WeighedFault;
}

/** The cheapest change of one input, siblings fixed, that makes the node produce the target. */
function cheapestSingleInput(
  query: FaultQuery,
  steps: readonly SkillStep[],
  simulated: string,
  context: CostContext,
): Priced | null {
  const render = makeRenderer(query);
  let budget = MAX_EVALUATIONS;
  const produces = (input: TaskInput, value: string) =>
    budget-- > 0 && sameText(applySkills(steps, render(input.name, value)), query.desired);
  const blameable = query.inputs.filter((i) => i.kind !== 'input');
  const vocabulary = searchVocabulary({ desired: [query.desired] });
  const preimages = blameable.length === 1 ? invertNode(steps, query.node.userTemplate, query.desired) : [];
  let best: Priced | null = null;
  for (const input of blameable) {
    const candidates = [
      ...supportedCandidates(input.value, stepsOf(input.role), query.fields),
      ...([1, 2, 3] as const).flatMap((level) =>
        searchCandidates(level, input.value, vocabulary, query.fields, {
          desired: query.desired,
          simulatedOutput: simulated,
          preimages,
          roleSteps: stepsOf(input.role),
        }),
      ),
    ];
    for (const candidate of candidates) {
      const cost = inputCost(input, candidate.value, context, candidate);
      if (best && cost >= best.cost) continue;
      if (produces(input, candidate.value)) best = { cost, fault: { kind: 'input', input, candidate } };
    }
  }
  return best;
}

/**
 * Candidate value maps for the node's inputs taken together: the node's steps inverted from the
 * desired output and the message split back into its template's placeholders (e.g. a join undone
 * into its parts), and every subset of inputs whose producers redo their role from the example.
 */
function jointValueMaps(query: FaultQuery, steps: readonly SkillStep[]): Record<string, string>[] {
  const maps: Record<string, string>[] = [];
  for (const rendered of invertSteps(steps, query.desired)) {
    const values = splitRendered(query.node.userTemplate, rendered);
    if (values) maps.push(values);
  }
  // Each producer may do its role (on its current value or from any example field); combine those
  // choices (or keep the input) over all inputs, within the search bound.
  let combos: Record<string, string>[] = [{}];
  for (const input of query.inputs) {
    if (input.kind === 'input') continue;
    const options = supportedCandidates(input.value, stepsOf(input.role), query.fields).map((c) => c.value);
    const next = combos.flatMap((combo) => [
      combo,
      ...options.map((value) => ({ ...combo, [input.name]: value })),
    ]);
    if (next.length > MAX_EVALUATIONS) break;
    combos = next;
  }
  maps.push(...combos.filter((c) => Object.keys(c).length > 0));
  return maps;
}

/** Several inputs changed together (or one, found by splitting the message): the cheapest that fits. */
function cheapestJointInputs(
  query: FaultQuery,
  steps: readonly SkillStep[],
  context: CostContext,
): Priced | null {
  const actual = Object.fromEntries(query.inputs.map((i) => [i.name, i.value]));
  // Only when the template reproduces the message: otherwise the split values cannot be re-rendered.
  if (!sameText(renderTemplate(query.node.userTemplate, actual), query.renderedUserMessage)) return null;
  let best: Priced | null = null;
  for (const values of jointValueMaps(query, steps)) {
    const changes = query.inputs.flatMap((input) => {
      const value = values[input.name];
      return value === undefined || sameText(value, input.value) ? [] : [{ input, value }];
    });
    if (changes.length === 0 || changes.some((c) => c.input.kind === 'input')) continue;
    const message = renderTemplate(query.node.userTemplate, { ...actual, ...values });
    if (!sameText(applySkills(steps, message), query.desired)) continue;
    const cost = changes.reduce((sum, c) => {
      const supported = supportedCandidates(c.input.value, stepsOf(c.input.role), query.fields).find((s) =>
        sameText(s.value, c.value),
      );
      return sum + inputCost(c.input, c.value, context, supported);
    }, 0);
    if (!best || cost < best.cost) best = { cost, fault: { kind: 'inputs', changes } };
  }
  return best;
}

/** The cheaper of the single-input and the joint input changes under `steps`, if any. */
function cheapestInputs(
  query: FaultQuery,
  steps: readonly SkillStep[],
  simulated: string,
  context: CostContext,
): Priced | undefined {
  const single = cheapestSingleInput(query, steps, simulated, context);
  const joint = cheapestJointInputs(query, steps, context);
  return [single, joint].filter((p): p is Priced => p !== null).sort((a, b) => a.cost - b.cost)[0];
}

/** Weighs the node's own instruction against its inputs and keeps the smaller change. */
export function weighFault(query: FaultQuery): WeighedFault {
  const steps = stepsOf(query.node.instruction);
  const simulated = applySkills(steps, query.renderedUserMessage);
  if (sameText(simulated, query.desired)) return { kind: 'fits' };
  const role = stepsOf(query.node.role);
  const own = findRepair(steps, [{ input: query.renderedUserMessage, desired: query.desired }], {
    roleSteps: role,
    allowPartial: false,
  });
  const context = { fields: query.fields, departsFromRole: role.length > 0 && stepDistance(steps, role) > 0 };
  const inputs = cheapestInputs(query, steps, simulated, context);
  if (own && (!inputs || ownCost(own, role) <= inputs.cost)) return { kind: 'own', repair: own };
  const aligned = own ? null : alignWithRole(steps, role);
  if (aligned && (!inputs || ROLE_RESTORE_COST <= inputs.cost)) return restoreFault(query, aligned);
  if (inputs) return inputs.fault;
  return locateFault(query);
}

/**
 * The role restore as a verdict: the node's own fault alone when the restored instruction gives
 * the target from the actual inputs. When it does not, the rest of the discrepancy may be the
 * inputs': both, with the cheapest input change (one input, or several together) that gives the
 * target under the restored instruction, when that change costs no more than the restore itself.
 * Otherwise the restore alone, on the role's evidence.
 */
function restoreFault(query: FaultQuery, aligned: RepairResult): WeighedFault {
  const own: WeighedFault = { kind: 'own', repair: aligned };
  const restored = applySkills(aligned.steps, query.renderedUserMessage);
  if (sameText(restored, query.desired)) return own;
  // Under the restored instruction the node does its role, so its inputs are priced as for a node
  // that does its job.
  const context = { fields: query.fields, departsFromRole: false };
  const inputs = cheapestInputs(query, aligned.steps, restored, context);
  // A second fault is named only when it is as plain as the first (no dearer than the restore: a
  // word changed, or a value its producer's role gives); a dearer input change on top of an own
  // fault is the guess of a lossy step downstream (the maximum kept, a list cut to its first
  // words), not evidence against the inputs.
  if (!inputs || inputs.cost > ROLE_RESTORE_COST) return own;
  const changes =
    inputs.fault.kind === 'input'
      ? [{ input: inputs.fault.input, value: inputs.fault.candidate.value }]
      : inputs.fault.kind === 'inputs'
        ? inputs.fault.changes
        : [];
  return changes.length === 0 ? own : { kind: 'both', repair: aligned, changes };
}
