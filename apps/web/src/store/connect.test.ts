import type { Workflow } from '@backflow/engine';
import { connectNodes, toVariableName } from './connect';
import { addNode, createNode, emptyWorkflow } from './doc-ops';

function chain(): Workflow {
  let doc = emptyWorkflow('w', 'W');
  doc = addNode(doc, createNode('input', 'in', { x: 0, y: 0 }));
  doc = addNode(doc, { ...createNode('llm', 'a', { x: 1, y: 0 }), label: 'Solve step' });
  doc = addNode(doc, createNode('llm', 'b', { x: 2, y: 0 }));
  doc = addNode(doc, createNode('output', 'out', { x: 3, y: 0 }));
  return doc;
}

function must(r: ReturnType<typeof connectNodes>): Workflow {
  if (!r.ok) throw new Error(r.reason);
  return r.doc;
}

describe('connectNodes', () => {
  it('binds an input field and writes {{field}} into the template', () => {
    const doc = must(
      connectNodes(chain(), {
        source: 'in',
        sourceHandle: 'out:question',
        target: 'a',
        targetHandle: 'in:+',
      }),
    );
    expect(doc.edges[0]).toMatchObject({
      source: 'in',
      sourceField: 'question',
      target: 'a',
      targetInput: 'question',
    });
    const a = doc.nodes.find((n) => n.id === 'a');
    expect(a?.kind === 'llm' && a.userTemplate).toBe('{{question}}');
  });

  it('names a new input after the source label and does not duplicate an existing placeholder', () => {
    let doc = must(
      connectNodes(chain(), { source: 'a', sourceHandle: 'out', target: 'b', targetHandle: 'in:+' }),
    );
    expect(doc.edges[0]?.targetInput).toBe('solve_step');
    doc = must(
      connectNodes(doc, { source: 'in', sourceHandle: 'out:question', target: 'b', targetHandle: 'in:+' }),
    );
    const b = doc.nodes.find((n) => n.id === 'b');
    expect(b?.kind === 'llm' && b.userTemplate).toBe('{{solve_step}}\n\n{{question}}');
  });

  it('refuses a connection that would close a cycle and names the nodes', () => {
    let doc = must(connectNodes(chain(), { source: 'a', target: 'b', targetHandle: 'in:+' }));
    const r = connectNodes(doc, { source: 'b', target: 'a', targetHandle: 'in:+' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain('cycle ("a" → "b" → "a")');
    doc = must(connectNodes(doc, { source: 'b', target: 'out' }));
    expect(connectNodes(doc, { source: 'a', target: 'out' }).ok).toBe(false);
  });

  it('refuses edges into input nodes and out of output nodes', () => {
    expect(connectNodes(chain(), { source: 'a', target: 'in' }).ok).toBe(false);
    expect(connectNodes(chain(), { source: 'out', target: 'a' }).ok).toBe(false);
  });

  it('makes template-friendly names', () => {
    expect(toVariableName('Solve step 2')).toBe('solve_step_2');
    expect(toVariableName('2nd')).toBe('v_2nd');
  });
});
