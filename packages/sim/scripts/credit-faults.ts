/**
 * Fault injection for the credit suites: the four kinds of fault of issue #16 — a wrong skill, a
 * removed skill, a wrong parameter, an extra step that breaks the format — applied to one node's
 * prompt at a time, sentence by sentence (the rest of the prompt is kept verbatim).
 */
import type { Workflow } from '../src/engine';
import { editSegments, joinSegments, type StepEdit, segmentPrompt } from '../src/world/segments';
import type { SkillStep } from '../src/world/skills/types';
import { confusions } from './build-fixture';

export const FAULT_KINDS = ['wrong_skill', 'removed_skill', 'wrong_parameter', 'extra_step'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** One injected fault: which node, what kind, in words, and the prompt it leaves. */
export interface InjectedFault {
  nodeId: string;
  kind: FaultKind;
  description: string;
  prompt: string;
}

/** The same skill with a different parameter (a number off by one, another literal). */
function otherParameter(step: SkillStep): SkillStep | undefined {
  const { n, text } = step.params;
  if (typeof n === 'number')
    return {
      skill: step.skill,
      params: { ...step.params, n: n + (step.skill === 'round' && n > 0 ? -1 : 1) },
    };
  if (typeof text === 'string') {
    const swaps: Record<string, string> = { 'Total:': 'Sum:', 'Best:': 'Top:', 'Keys:': 'Words:' };
    const other = swaps[text] ?? (step.skill === 'join' ? (text === ' | ' ? ', ' : ' | ') : `${text}:`);
    return { skill: step.skill, params: { ...step.params, text: other } };
  }
  return undefined;
}

/** Extra steps a careless edit might append; each changes the answer's format. */
const EXTRA_STEPS: SkillStep[] = [
  { skill: 'upper_case', params: {} },
  { skill: 'prefix', params: { text: 'Answer:' } },
  { skill: 'round', params: { n: 2 } },
  { skill: 'reverse_words', params: {} },
];

function faultEdits(steps: readonly SkillStep[], kind: FaultKind): { edit: StepEdit; description: string }[] {
  const out: { edit: StepEdit; description: string }[] = [];
  steps.forEach((step, at) => {
    if (kind === 'removed_skill')
      out.push({ edit: { kind: 'remove', at }, description: `drops "${step.skill}"` });
    if (kind === 'wrong_skill')
      for (const other of confusions(step).filter((o) => o.skill !== step.skill))
        out.push({
          edit: { kind: 'replace', at, step: other },
          description: `uses "${other.skill}" instead of "${step.skill}"`,
        });
    if (kind === 'wrong_parameter') {
      const other = otherParameter(step);
      if (other)
        out.push({
          edit: { kind: 'replace', at, step: other },
          description: `"${step.skill}" with ${JSON.stringify(other.params)} instead of ${JSON.stringify(step.params)}`,
        });
    }
  });
  if (kind === 'extra_step')
    for (const extra of EXTRA_STEPS)
      if (!steps.some((s) => s.skill === extra.skill))
        out.push({
          edit: { kind: 'add', at: steps.length, step: extra },
          description: `adds an extra "${extra.skill}" step at the end`,
        });
  return out;
}

/** Every fault of `kind` that can be injected into node `nodeId` of `workflow`. */
export function faultCandidates(workflow: Workflow, nodeId: string, kind: FaultKind): InjectedFault[] {
  const node = workflow.nodes.find((n) => n.id === nodeId);
  if (node?.kind !== 'llm') return [];
  const segments = segmentPrompt(node.systemPrompt);
  return faultEdits(
    segments.flatMap((s) => s.steps),
    kind,
  ).map(({ edit, description }) => ({
    nodeId,
    kind,
    description: `node ${nodeId} ${description}`,
    prompt: joinSegments(editSegments(segments, edit)),
  }));
}
