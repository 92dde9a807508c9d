import { connectNodes } from '../store/connect';
import { addNode, createNode, emptyWorkflow } from '../store/doc-ops';
import { pasteFragment, readFragment, selectionFragment } from './clipboard';

describe('clipboard fragments', () => {
  it('copies the selected nodes with the edges between them and pastes them under fresh ids', () => {
    let doc = emptyWorkflow('w', 'W');
    doc = addNode(doc, createNode('input', 'in', { x: 0, y: 0 }));
    doc = addNode(doc, createNode('llm', 'llm_1', { x: 100, y: 0 }));
    const r = connectNodes(doc, {
      source: 'in',
      sourceHandle: 'out:question',
      target: 'llm_1',
      targetHandle: 'in:+',
    });
    if (!r.ok) throw new Error(r.reason);
    doc = r.doc;
    const fragment = selectionFragment(doc, new Set(['in', 'llm_1']));
    const text = JSON.stringify(fragment);
    const back = readFragment(text);
    expect(back?.nodes).toHaveLength(2);
    const pasted = pasteFragment(doc, back!, { x: 40, y: 40 });
    expect(pasted.nodeIds).toEqual(['input_1', 'llm_2']);
    expect(pasted.doc.edges.at(-1)).toMatchObject({
      source: 'input_1',
      target: 'llm_2',
      targetInput: 'question',
    });
    expect(pasted.doc.nodes.at(-1)?.position).toEqual({ x: 140, y: 40 });
    expect(readFragment('hello')).toBeNull();
  });
});
