import { renderTemplate } from '../graph/template';

/**
 * The one derivable field a context leaves out. A per-example backward context lists every input
 * of the step with its value AND the message the step was sent; when that message is exactly the
 * step's `userTemplate` with each input's value in its `{{name}}`, sending it would state every
 * value twice, so the context omits it and the instructions say how to rebuild it. Requests whose
 * message is anything else (a masked sibling, a code step, a forward pass that used other
 * values) keep it. Readers (the simulator, test optimizers) call {@link expandContext}.
 */

interface StepLike {
  node?: { userTemplate?: unknown };
  inputs?: unknown;
  renderedUserMessage?: unknown;
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

/** `payload` as sent: without `renderedUserMessage` when the template and the inputs give it exactly. */
export function compactContext<P extends object>(payload: P): P {
  const step = payload as StepLike;
  if (typeof step.renderedUserMessage !== 'string') return payload;
  if (renderedFromInputs(step) !== step.renderedUserMessage) return payload;
  const { renderedUserMessage: _derivable, ...rest } = payload as P & StepLike;
  return rest as P;
}

/** A context as read: `renderedUserMessage` rebuilt from the template and the inputs when it was left out. */
export function expandContext(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const step = value as StepLike;
  if (step.renderedUserMessage !== undefined || !Array.isArray(step.inputs)) return value;
  const rendered = renderedFromInputs(step);
  return rendered === null ? value : { ...value, renderedUserMessage: rendered };
}
