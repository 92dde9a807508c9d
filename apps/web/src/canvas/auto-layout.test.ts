import { connectNodes } from '../store/connect';
import { addNode, createNode, emptyWorkflow } from '../store/doc-ops';
import { layoutPositions } from './auto-layout';

describe('layoutPositions', () => {
  it('places a chain left to right', async () => {
    let doc = emptyWorkflow('w', 'W');
    doc = addNode(doc, createNode('input', 'a', { x: 0, y: 0 }));
    doc = addNode(doc, createNode('llm', 'b', { x: 0, y: 0 }));
    doc = addNode(doc, createNode('output', 'c', { x: 0, y: 0 }));
    for (const [source, target] of [
      ['a', 'b'],
      ['b', 'c'],
    ] as const) {
      const r = connectNodes(doc, { source, target, sourceHandle: source === 'a' ? 'out:question' : 'out' });
      if (!r.ok) throw new Error(r.reason);
      doc = r.doc;
    }
    const pos = await layoutPositions(doc, {});
    expect(pos.get('a')!.x).toBeLessThan(pos.get('b')!.x);
    expect(pos.get('b')!.x).toBeLessThan(pos.get('c')!.x);
  });
});
