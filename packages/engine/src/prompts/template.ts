import type { MetaPrompt } from './ask';
import type { TaskMessage, TaskPayload } from './tasks';

/**
 * A meta-prompt as named, versioned data. The prose is a template with `{{name}}` placeholders
 * filled from `vars(payload)`, so every meta-prompt's wording lives in one place (never glued at
 * a call site) and the record of a call names exactly which wording produced it.
 */
export interface MetaPromptTemplate<P extends TaskPayload> {
  /** Stable name, e.g. "sembp.gradient"; never reuse a name for a different question. */
  id: string;
  /** Bumped whenever the wording changes, so recorded calls stay attributable. */
  version: number;
  system: string;
  /** Prose with `{{name}}` placeholders; states the same context as the json payload. */
  prose: string;
  /** Values for the placeholders, computed from the payload only. */
  vars: (payload: P) => Record<string, string>;
  /** How to answer. Describes the json shape inline: it must not contain a ```json fence, because
   * the payload must stay the request's only json block for the simulator to read. */
  answerInstructions: string;
}

const PLACEHOLDER = /\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g;

/**
 * Fills `{{name}}` placeholders in one pass: a value that itself contains `{{x}}` (an upstream
 * model's output, say) is inserted verbatim and never expanded. A missing value is a programming
 * error in a template, so it throws instead of sending a prompt with a hole in it.
 */
export function fillPlaceholders(text: string, vars: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (_match, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`meta-prompt placeholder {{${name}}} has no value`);
    return value;
  });
}

/** Builds the {@link MetaPrompt} of `template` for `payload`. */
export function buildMetaPrompt<P extends TaskPayload>(
  template: MetaPromptTemplate<P>,
  payload: P,
): MetaPrompt {
  return {
    templateId: `${template.id}@${template.version}`,
    system: template.system,
    prose: fillPlaceholders(template.prose, template.vars(payload)),
    payload,
    answerInstructions: template.answerInstructions,
  };
}

/**
 * Indents every line of `text` so long, multi-line values stay readable inside the prose. Values
 * are never shortened: cutting them (as TextGrad's public code does) hides what the model must
 * judge.
 */
export function indentBlock(text: string, prefix = '    '): string {
  if (text === '') return `${prefix}(empty)`;
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

/** Messages a node received, one numbered entry per message: concatenated, never summarised. */
export function listMessages(messages: readonly TaskMessage[]): string {
  if (messages.length === 0) return '    (none)';
  return messages
    .map((m, i) => {
      const suggested =
        m.suggestedValue === undefined ? '' : `\n${indentBlock(`Suggested value: ${m.suggestedValue}`)}`;
      return `  ${i + 1}. From ${m.from}:\n${indentBlock(m.text)}${suggested}`;
    })
    .join('\n');
}

/** A `key: value` listing of an example's input fields. */
export function listFields(fields: Record<string, string>): string {
  const entries = Object.entries(fields);
  if (entries.length === 0) return '    (no fields)';
  return entries.map(([k, v]) => `  ${k}:\n${indentBlock(v)}`).join('\n');
}

/** The node's instruction, or a note that it has none (an empty prompt is a valid starting point). */
export function instructionText(instruction: string): string {
  return instruction.trim() === ''
    ? '    (empty: this node has no instruction yet)'
    : indentBlock(instruction);
}
