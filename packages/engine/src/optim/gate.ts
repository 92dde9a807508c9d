import type { Workflow } from '../graph/schema';
import { promptOf, withPrompt } from '../nodes/registry';
import { paperProtocol } from './protocol';
import type { GateSettings, SessionSettings } from './settings';

/**
 * The update gate: whether candidate prompts replace the current ones. It knows nothing about the
 * method that proposed them (acceptance is separate from the update operator).
 */

/** Whether a candidate scoring `after` replaces one scoring `before` under `policy`. */
export function gateAccepts(policy: GateSettings['policy'], before: number, after: number): boolean {
  switch (policy) {
    case 'none':
      return true;
    case 'strict':
      return after > before + SCORE_EPSILON;
    case 'nonWorsening':
      return after >= before - SCORE_EPSILON;
  }
}

/** Scores are means of per-example scores; float noise below this is a tie, not a change. */
const SCORE_EPSILON = 1e-9;

/** A copy of `workflow` with the given nodes' system prompts replaced. */
export function withPrompts(workflow: Workflow, prompts: Readonly<Record<string, string>>): Workflow {
  return {
    ...workflow,
    nodes: workflow.nodes.map((node) =>
      prompts[node.id] !== undefined ? withPrompt(node, prompts[node.id] as string) : node,
    ),
  };
}

/** Every prompt of the workflow (its llm nodes' system prompts), by node id. */
export function promptsOf(workflow: Workflow): Record<string, string> {
  const out: Record<string, string> = {};
  for (const node of workflow.nodes) {
    const prompt = promptOf(node);
    if (prompt !== undefined) out[node.id] = prompt;
  }
  return out;
}

/**
 * Where the gate scores: the validation split when asked for and present, else the minibatch
 * (a session without validation examples cannot gate on them).
 */
export function gateTarget(settings: SessionSettings, valCount: number): 'minibatch' | 'validation' {
  // The paper protocol gates on its minibatch, which is the whole training split.
  if (paperProtocol(settings)) return 'minibatch';
  return settings.gate.on === 'validation' && valCount > 0 ? 'validation' : 'minibatch';
}
