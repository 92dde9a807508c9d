/**
 * Prompt updates by search, shared by semantic backprop's update and critique, TextGrad's update
 * and GTBP's claim edits: collect (input, desired output) pairs from what the node was told, find
 * the smallest edit of its skill sequence that satisfies them, and apply it sentence by sentence.
 */
import type { TaskMessage, TaskNode } from '../../engine';
import { stepsOf } from '../parse';
import { alignWithRole, findRepair, type RepairOptions, type RepairResult } from '../search/repair';
import { editSegments, flatSteps, joinSegments, type Segment, segmentPrompt } from '../segments';
import { renderTemplate } from '../template';
import { desiredFromMessages } from './desired';

/** One example as an update request shows it: the node's input, its output, what it was told. */
export interface UpdateExample {
  input: string;
  output: string;
  messages: readonly TaskMessage[];
}

/**
 * The node's input as text. The engine sends the rendered user message; a JSON object of named
 * input values is accepted too and rendered through the node's template.
 */
export function inputText(node: Pick<TaskNode, 'userTemplate'>, input: string): string {
  const trimmed = input.trim();
  if (trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        const values = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
        return renderTemplate(node.userTemplate, values);
      }
    } catch {
      // not JSON: it is the rendered message itself
    }
  }
  return input;
}

/** (input, desired) pairs from update examples; examples whose messages imply nothing are skipped. */
export function pairsFromExamples(node: TaskNode, examples: readonly UpdateExample[]) {
  const pairs: { input: string; desired: string }[] = [];
  for (const example of examples) {
    const desired = desiredFromMessages(example.messages, example.output);
    if (desired.value !== undefined)
      pairs.push({ input: inputText(node, example.input), desired: desired.value });
  }
  return pairs;
}

export interface PromptRepair {
  segments: Segment[];
  repair: RepairResult | null;
  /** The rewritten prompt (the original when no repair was found). */
  prompt: string;
}

/** True when any example's messages say its output is wrong (with or without a value). */
export function anyAsksChange(examples: readonly UpdateExample[]): boolean {
  return examples.some((e) => desiredFromMessages(e.messages, e.output).asksChange);
}

/**
 * Searches a repair of `segments` for `pairs` and applies it, keeping untouched sentences verbatim.
 * When no edit reproduces the requested outputs but the node was told it is wrong (`asksChange`),
 * the prompt is brought back in line with its role, if it departs from it.
 */
export function repairSegments(
  node: Pick<TaskNode, 'role'>,
  segments: Segment[],
  pairs: { input: string; desired: string }[],
  options: Omit<RepairOptions, 'roleSteps'> & { asksChange?: boolean } = {},
): { repair: RepairResult | null; edited: ReturnType<typeof editSegments> | null; byRole: boolean } {
  const role = stepsOf(node.role);
  const found = findRepair(flatSteps(segments), pairs, { ...options, roleSteps: role });
  // An instruction that already does exactly what its role names is not rewritten to do another
  // node's job: the outputs asked of it must then come from different inputs (SIMULATOR.md: push
  // the fault upstream). Without this, every node below a culprit absorbs the culprit's fault.
  const repair = found && departsFromExactRole(found) ? null : found;
  if (repair) return { repair, edited: editSegments(segments, repair.edit), byRole: false };
  const aligned = options.asksChange ? alignWithRole(flatSteps(segments), role, options.allow) : null;
  return {
    repair: aligned,
    edited: aligned ? editSegments(segments, aligned.edit) : null,
    byRole: aligned !== null,
  };
}

/** True when the sequence matched the role's steps exactly and the repair moves it away from them. */
function departsFromExactRole(repair: RepairResult): boolean {
  return repair.baseDistance === 0 && repair.roleDistance > 0;
}

/** The repaired prompt for a node given (input, desired) pairs. */
export function repairPrompt(
  node: TaskNode,
  pairs: { input: string; desired: string }[],
  asksChange = false,
): PromptRepair & { byRole: boolean } {
  const segments = segmentPrompt(node.instruction);
  const { repair, edited, byRole } = repairSegments(node, segments, pairs, { asksChange });
  return { segments, repair, byRole, prompt: edited ? joinSegments(edited) : node.instruction };
}
