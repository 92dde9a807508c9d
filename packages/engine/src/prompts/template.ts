import type { MetaPrompt } from './ask';
import type { TaskPayload } from './tasks';

/**
 * A meta-prompt as named, versioned data. A request states its context once: the static text
 * (system message, `instructions`, `answerInstructions`) is the same for every call of the
 * template and comes first, so providers' automatic prefix caches cover it; the per-call context
 * follows last, as one compact json block (the payload) whose fields the instructions name. The
 * record of a call names exactly which wording produced it.
 */
export interface MetaPromptTemplate<P extends TaskPayload> {
  /** Stable name, e.g. "sembp.gradient"; never reuse a name for a different question. */
  id: string;
  /** Bumped whenever the wording or the layout changes, so recorded calls stay attributable. */
  version: number;
  system: string;
  /**
   * The question, in the paper's words, naming the context's fields (`node.instruction`,
   * `inputs`...). Static: no per-call text, so every call of the template shares it as a prefix.
   */
  instructions: string;
  /** How to answer. Describes the json shape inline: it must not contain a ```json fence, because
   * the context must stay the request's only json block for the simulator to read. */
  answerInstructions: string;
  /**
   * The payload's top-level fields in the order they are sent: what stays the same across an
   * iteration's calls (the task, the node) before what changes per example, so calls of one node
   * share the longest prefix. Every field of the payload must be listed.
   */
  contextKeys: readonly (keyof P & string)[];
}

/** Builds the {@link MetaPrompt} of `template` for `payload`. */
export function buildMetaPrompt<P extends TaskPayload>(
  template: MetaPromptTemplate<P>,
  payload: P,
): MetaPrompt {
  return {
    templateId: `${template.id}@${template.version}`,
    system: template.system,
    instructions: template.instructions,
    answerInstructions: template.answerInstructions,
    payload,
    contextKeys: template.contextKeys,
  };
}
