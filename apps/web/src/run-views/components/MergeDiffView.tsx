/**
 * CodeMirror's side-by-side merge view, read-only (lazy-loaded by {@link PromptDiffView}: it pulls
 * in @codemirror/merge). CodeMirror renders the documents as text nodes, never as HTML.
 */
import { MergeView } from '@codemirror/merge';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef } from 'react';

/** Read-only merge view of `before` (left) and `after` (right). */
export default function MergeDiffView({
  before,
  after,
  label,
}: {
  before: string;
  after: string;
  label: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const readOnly = [EditorState.readOnly.of(true), EditorView.editable.of(false), EditorView.lineWrapping];
    const view = new MergeView({
      a: {
        doc: before,
        extensions: [...readOnly, EditorView.contentAttributes.of({ 'aria-label': `${label}: current` })],
      },
      b: {
        doc: after,
        extensions: [...readOnly, EditorView.contentAttributes.of({ 'aria-label': `${label}: proposed` })],
      },
      parent,
      gutter: true,
      collapseUnchanged: { margin: 3, minSize: 6 },
    });
    return () => view.destroy();
  }, [before, after, label]);
  return (
    <div
      ref={host}
      className="bf-editor max-h-80 overflow-auto rounded border border-slate-200 dark:border-slate-700"
      data-testid="merge-diff"
    />
  );
}
