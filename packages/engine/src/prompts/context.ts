import { renderTemplate } from '../graph/template';

/**
 * The derivable fields a context leaves out, so no value is sent twice:
 * - a per-example backward context lists every input of the step with its value AND the message
 *   the step was sent; when that message is exactly the step's `userTemplate` with each input's
 *   value in its `{{name}}`, it is omitted. Requests whose message is anything else (a masked
 *   sibling, a code step) keep it.
 * - TextGrad's gradient on the system prompt (`variable: "prompt"`) has the node's own prompt as
 *   its variable (`input`): its id, kind and value are the node's, its name and role fixed
 *   ({@link promptVariableInput}), so the whole `input` is omitted (templates @2 left out only
 *   its value, which readers still accept).
 * The instructions say how to rebuild both; readers (the simulator, test optimizers) call
 * {@link expandContext}.
 */

interface StepLike {
  node?: { id?: unknown; kind?: unknown; userTemplate?: unknown; instruction?: unknown };
  inputs?: unknown;
  renderedUserMessage?: unknown;
  variable?: unknown;
  input?: { value?: unknown };
}

/** The message a step's template gives with its inputs' values, or null when it cannot be rendered. */
function renderedFromInputs(context: StepLike): string | null {
  const template = context.node?.userTemplate;
  if (typeof template !== 'string' || !Array.isArray(context.inputs)) return null;
  const values: Record<string, string> = {};
  for (const input of context.inputs as { name?: unknown; value?: unknown }[]) {
    if (typeof input?.name !== 'string' || typeof input.value !== 'string') return null;
    values[input.name] = input.value;
  }
  try {
    return renderTemplate(template, values);
  } catch {
    return null;
  }
}

/** The variable of TextGrad's gradient on a node's own system prompt: that prompt, under a fixed name. */
export function promptVariableInput<K extends string>(node: { id: string; kind: K; instruction: string }) {
  return {
    id: node.id,
    name: 'system prompt',
    kind: node.kind,
    role: 'system prompt',
    value: node.instruction,
  };
}

/** The node of a context, when it has what {@link promptVariableInput} needs. */
function promptNode(step: StepLike): { id: string; kind: string; instruction: string } | null {
  const { id, kind, instruction } = step.node ?? {};
  if (typeof id !== 'string' || typeof kind !== 'string' || typeof instruction !== 'string') return null;
  return { id, kind, instruction };
}

/** True when `input` is exactly what {@link promptVariableInput} gives for the step's node. */
function isNodePromptInput(step: StepLike): boolean {
  const input = step.input as Record<string, unknown> | undefined;
  const node = promptNode(step);
  if (!input || !node) return false;
  const expected: Record<string, unknown> = promptVariableInput(node);
  const keys = Object.keys(input);
  return keys.length === Object.keys(expected).length && keys.every((k) => input[k] === expected[k]);
}

/** `payload` as sent: without the fields the others give exactly. */
export function compactContext<P extends object>(payload: P): P {
  let step = payload as P & StepLike;
  if (typeof step.renderedUserMessage === 'string' && renderedFromInputs(step) === step.renderedUserMessage) {
    const { renderedUserMessage: _derivable, ...rest } = step;
    step = rest as P & StepLike;
  }
  if (step.variable === 'prompt' && isNodePromptInput(step)) {
    const { input: _derivable, ...rest } = step;
    step = rest as P & StepLike;
  }
  return step;
}

/** A context as read: the fields {@link compactContext} left out, rebuilt from the others. */
export function expandContext(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  let step = value as StepLike;
  if (step.renderedUserMessage === undefined && Array.isArray(step.inputs)) {
    const rendered = renderedFromInputs(step);
    if (rendered !== null) step = { ...step, renderedUserMessage: rendered };
  }
  const node = promptNode(step);
  if (step.variable === 'prompt' && node) {
    if (step.input === undefined) step = { ...step, input: promptVariableInput(node) };
    else if (typeof step.input === 'object' && step.input !== null && step.input.value === undefined) {
      step = { ...step, input: { ...step.input, value: node.instruction } };
    }
  }
  return step;
}
