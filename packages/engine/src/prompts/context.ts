import { renderTemplate } from '../graph/template';

/**
 * The derivable fields a context leaves out, so no value is sent twice:
 * - a per-example backward context lists every input of the step with its value AND the message
 *   the step was sent; when that message is exactly the step's `userTemplate` with each input's
 *   value in its `{{name}}`, it is omitted. Requests whose message is anything else (a masked
 *   sibling, a code step) keep it.
 * - TextGrad's gradient on the system prompt (`variable: "prompt"`) has that prompt as its
 *   variable's value, which is `node.instruction`: the value is omitted.
 * The instructions say how to rebuild both; readers (the simulator, test optimizers) call
 * {@link expandContext}.
 */

interface StepLike {
  node?: { userTemplate?: unknown; instruction?: unknown };
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

/** True when the context is a gradient on the node's own prompt whose variable value is that prompt. */
function promptVariable(step: StepLike): boolean {
  return step.variable === 'prompt' && typeof step.input === 'object' && step.input !== null;
}

/** `payload` as sent: without the fields the others give exactly. */
export function compactContext<P extends object>(payload: P): P {
  let step = payload as P & StepLike;
  if (typeof step.renderedUserMessage === 'string' && renderedFromInputs(step) === step.renderedUserMessage) {
    const { renderedUserMessage: _derivable, ...rest } = step;
    step = rest as P & StepLike;
  }
  if (promptVariable(step) && step.input?.value === step.node?.instruction) {
    const { value: _derivable, ...input } = step.input as { value?: unknown };
    step = { ...step, input };
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
  if (promptVariable(step) && step.input?.value === undefined && typeof step.node?.instruction === 'string') {
    step = { ...step, input: { ...step.input, value: step.node.instruction } };
  }
  return step;
}
