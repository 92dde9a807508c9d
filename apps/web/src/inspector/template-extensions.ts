/**
 * CodeMirror extensions for prompt templates: `{{var}}` placeholders highlighted (unknown ones in
 * red) and completed from the variables upstream nodes provide.
 */
import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import type { Extension } from '@codemirror/state';
import {
  Decoration,
  type DecorationSet,
  type EditorView,
  MatchDecorator,
  ViewPlugin,
  type ViewUpdate,
} from '@codemirror/view';

const PLACEHOLDER = /\{\{[ \t]*([A-Za-z_][A-Za-z0-9_]*)[ \t]*\}\}/g;

/** Highlights placeholders; `known()` says which names are provided (read at decoration time). */
export function placeholderHighlight(known: () => ReadonlySet<string>): Extension {
  const decorator = new MatchDecorator({
    regexp: PLACEHOLDER,
    decoration: (m) =>
      Decoration.mark({ class: known().has(m[1] ?? '') ? 'cm-var' : 'cm-var cm-var-unknown' }),
  });
  return ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = decorator.createDeco(view);
      }
      update(update: ViewUpdate) {
        this.decorations = decorator.updateDeco(update, this.decorations);
      }
    },
    { decorations: (v) => v.decorations },
  );
}

/** Completes `{{na` to `{{name}}` from `variables()`. */
export function variableCompletion(variables: () => readonly string[]): Extension {
  const source = (ctx: CompletionContext): CompletionResult | null => {
    const before = ctx.matchBefore(/\{\{[ \t]*[A-Za-z0-9_]*/);
    if (!before) return null;
    const prefix = before.text.match(/^\{\{[ \t]*/)?.[0] ?? '{{';
    return {
      from: before.from + prefix.length,
      options: variables().map((name) => ({
        label: name,
        type: 'variable',
        apply: `${name}}}`,
        detail: 'upstream input',
      })),
      validFor: /^[A-Za-z0-9_]*$/,
    };
  };
  return autocompletion({ override: [source], activateOnTyping: true });
}
