import { connectNodes } from './connect';
import { createStudioStore } from './create-store';
import { addNode, createNode, moveNodes, updateNode } from './doc-ops';
import { availableVariables, badgeOf, inputNamesKey, problemsOf } from './selectors';

function twoNodes() {
  const store = createStudioStore();
  store
    .getState()
    .changeDoc((d) =>
      addNode(
        addNode(d, createNode('input', 'in', { x: 0, y: 0 })),
        createNode('llm', 'l', { x: 300, y: 0 }),
      ),
    );
  return store;
}

describe('selectors', () => {
  it('re-validates only when something other than positions changed', () => {
    const store = twoNodes();
    const first = problemsOf(store.getState().doc);
    store.getState().changeDoc((d) => moveNodes(d, new Map([['l', { x: 10, y: 10 }]])));
    expect(problemsOf(store.getState().doc)).toBe(first);
    store.getState().changeDoc((d) => updateNode(d, 'l', { userTemplate: '{{missing}}' }));
    const next = problemsOf(store.getState().doc);
    expect(next).not.toBe(first);
    expect(next.byNode.get('l')?.map((p) => p.code)).toContain('unbound_template_variable');
    expect(badgeOf(store.getState(), 'l')).toBe('error');
  });

  it('lists a node’s inputs and the variables its template may use', () => {
    const store = twoNodes();
    const r = connectNodes(store.getState().doc, {
      source: 'in',
      sourceHandle: 'out:question',
      target: 'l',
      targetHandle: 'in:+',
    });
    if (!r.ok) throw new Error(r.reason);
    store.getState().changeDoc(() => r.doc);
    const l = store.getState().doc.nodes[1]!;
    expect(inputNamesKey(store.getState(), l)).toBe('question');
    expect(availableVariables(store.getState().doc, 'l')).toEqual(['question']);
  });
});
