/**
 * Copy/cut/paste through the page's clipboard events (no permission prompt; works across tabs):
 * the selection goes on the clipboard as workflow JSON, and pasting JSON of a workflow adds it.
 */
import type { StudioStore } from '../store/create-store';
import { removeElements } from '../store/doc-ops';
import { isTypingTarget } from './actions';
import { pasteFragment, readFragment, selectionFragment } from './clipboard';

/** Installs the listeners on `target` (the document); returns the function that removes them. */
export function installClipboard(target: Document, store: StudioStore): () => void {
  let pasteCount = 0;
  const onCopy = (e: ClipboardEvent, cut: boolean) => {
    if (isTypingTarget(e.target) || !e.clipboardData) return;
    const { doc, selectedNodeIds } = store.getState();
    const fragment = selectionFragment(doc, new Set(selectedNodeIds));
    if (!fragment) return;
    e.clipboardData.setData('text/plain', JSON.stringify(fragment, null, 2));
    e.preventDefault();
    pasteCount = 0;
    if (cut) {
      store.getState().changeDoc((d) => removeElements(d, selectedNodeIds));
      store.getState().setSelection([], []);
    }
  };
  const copy = (e: ClipboardEvent) => onCopy(e, false);
  const cut = (e: ClipboardEvent) => onCopy(e, true);
  const paste = (e: ClipboardEvent) => {
    if (isTypingTarget(e.target)) return;
    const fragment = readFragment(e.clipboardData?.getData('text/plain') ?? '');
    if (!fragment) return;
    e.preventDefault();
    pasteCount++;
    const pasted = pasteFragment(store.getState().doc, fragment, { x: 40 * pasteCount, y: 40 * pasteCount });
    store.getState().changeDoc(() => pasted.doc);
    store.getState().setSelection(pasted.nodeIds, []);
  };
  target.addEventListener('copy', copy);
  target.addEventListener('cut', cut);
  target.addEventListener('paste', paste);
  return () => {
    target.removeEventListener('copy', copy);
    target.removeEventListener('cut', cut);
    target.removeEventListener('paste', paste);
  };
}
