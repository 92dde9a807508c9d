import * as clipboard from '../canvas/clipboard';
import { createStudioStore } from './create-store';
import { addNode, createNode, moveNodes, updateNode } from './doc-ops';

function storeWithNode() {
  const store = createStudioStore();
  store.getState().changeDoc((d) => addNode(d, createNode('llm', 'llm_1', { x: 0, y: 0 })));
  return store;
}

describe('studio store history', () => {
  it('records each document change as one undo step and redoes it', () => {
    const store = storeWithNode();
    store.getState().changeDoc((d) => updateNode(d, 'llm_1', { label: 'Solver' }));
    expect(store.getState().past).toHaveLength(2);
    store.getState().undo();
    expect(store.getState().doc.nodes[0]?.label).toBe('LLM');
    store.getState().redo();
    expect(store.getState().doc.nodes[0]?.label).toBe('Solver');
  });

  it('squashes a drag (many frames) into one step', () => {
    const store = storeWithNode();
    const before = store.getState().doc;
    store.getState().beginGesture();
    for (let x = 1; x <= 30; x++) {
      store.getState().changeDoc((d) => moveNodes(d, new Map([['llm_1', { x, y: x }]])));
    }
    store.getState().endGesture();
    expect(store.getState().past).toHaveLength(2);
    store.getState().undo();
    expect(store.getState().doc).toBe(before);
    store.getState().redo();
    expect(store.getState().doc.nodes[0]?.position).toEqual({ x: 30, y: 30 });
  });

  it('records nothing for a gesture that changed nothing, or an edit that is a no-op', () => {
    const store = storeWithNode();
    store.getState().beginGesture();
    store.getState().endGesture();
    store.getState().changeDoc((d) => updateNode(d, 'llm_1', { label: 'LLM' }));
    expect(store.getState().past).toHaveLength(1);
  });

  it('keeps selection out of history: selecting and deselecting does not wipe redo', () => {
    const store = storeWithNode();
    store.getState().undo();
    expect(store.getState().future).toHaveLength(1);
    store.getState().setSelection(['llm_1'], []);
    store.getState().setSelection([], []);
    expect(store.getState().future).toHaveLength(1);
    expect(store.getState().past).toHaveLength(0);
  });

  it('undo of a paste drops the pasted nodes from the selection (the count is what exists)', () => {
    const store = storeWithNode();
    const { pasteFragment, selectionFragment } = clipboard;
    const fragment = selectionFragment(store.getState().doc, new Set(['llm_1']));
    if (!fragment) throw new Error('no fragment');
    const pasted = pasteFragment(store.getState().doc, fragment, { x: 40, y: 40 });
    store.getState().changeDoc(() => pasted.doc);
    store.getState().setSelection([...pasted.nodeIds, 'llm_1'], []);
    expect(store.getState().selectedNodeIds).toHaveLength(2);
    store.getState().undo();
    expect(store.getState().selectedNodeIds).toEqual(['llm_1']);
    store.getState().redo();
    // Redo brings the nodes back, not the selection (that is not part of history).
    expect(store.getState().selectedNodeIds).toEqual(['llm_1']);
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().doc.nodes).toHaveLength(0);
    expect(store.getState().selectedNodeIds).toEqual([]);
  });

  it('a new edit after undo drops the redo branch; loading a document resets history', () => {
    const store = storeWithNode();
    store.getState().undo();
    store.getState().changeDoc((d) => addNode(d, createNode('input', 'input_1', { x: 0, y: 0 })));
    expect(store.getState().future).toHaveLength(0);
    store.getState().loadDoc(store.getState().doc);
    expect(store.getState().past).toHaveLength(0);
  });

  it('transient changes replace the document without a step', () => {
    const store = storeWithNode();
    store.getState().changeDoc((d) => updateNode(d, 'llm_1', { label: 'x' }), { transient: true });
    expect(store.getState().past).toHaveLength(1);
    expect(store.getState().doc.nodes[0]?.label).toBe('x');
  });
});
