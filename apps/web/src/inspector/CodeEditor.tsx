/**
 * A controlled CodeMirror 6 editor. The editor keeps its own undo while focused; the studio
 * records the whole editing session as one document step (begin on focus, commit on blur).
 */
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, placeholder as placeholderExt } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { placeholderHighlight, variableCompletion } from './template-extensions';

export interface CodeEditorProps {
  value: string;
  onChange(value: string): void;
  onFocus?(): void;
  onBlur?(): void;
  mode: 'text' | 'template' | 'javascript';
  /** Variables for `{{` completion and highlighting (template mode). */
  variables?: readonly string[];
  placeholder?: string;
  label: string;
  testId?: string;
}

/** A CodeMirror editor bound to `value`. */
export function CodeEditor(props: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef(props);
  latest.current = props;

  // The editor is created once per mode; value changes are synced by the next effect.
  // biome-ignore lint/correctness/useExhaustiveDependencies: label/placeholder/value are read once at creation
  useEffect(() => {
    const extensions: Extension[] = [
      history(),
      keymap.of([...defaultKeymap, ...historyKeymap]),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': props.label }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) latest.current.onChange(u.state.doc.toString());
        if (u.focusChanged) (u.view.hasFocus ? latest.current.onFocus : latest.current.onBlur)?.();
      }),
    ];
    if (props.placeholder) extensions.push(placeholderExt(props.placeholder));
    if (props.mode === 'template') {
      extensions.push(
        placeholderHighlight(() => new Set(latest.current.variables ?? [])),
        variableCompletion(() => latest.current.variables ?? []),
      );
    }
    if (props.mode === 'javascript') {
      extensions.push(
        lineNumbers(),
        javascript(),
        bracketMatching(),
        syntaxHighlighting(defaultHighlightStyle),
      );
    }
    const v = new EditorView({
      parent: host.current as HTMLDivElement,
      state: EditorState.create({ doc: props.value, extensions }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
  }, [props.mode]);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== props.value) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: props.value } });
    }
  }, [props.value]);

  return <div ref={host} className="bf-editor" data-testid={props.testId} />;
}
