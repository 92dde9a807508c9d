import { describe, expect, it, vi } from 'vitest';
import { echoModel } from '../forward/test-support/fake-models';
import { ctxWith } from '../forward/test-support/workflows';

// Adding a kind is one file and one entry in the list: here a throwaway kind's file
// (test-support/join-kind.ts) is added to the list, and nothing else in the engine changes.
vi.mock('./kinds', async (importOriginal) => {
  const { NODE_DEFINITIONS } = await importOriginal<typeof import('./kinds')>();
  const { joinNodeKind } = await import('./test-support/join-kind');
  return { NODE_DEFINITIONS: [...NODE_DEFINITIONS, joinNodeKind] };
});

const { parseWorkflow } = await import('../graph/document');
const { validateWorkflow } = await import('../graph/validate');
const { runForwardOnExample } = await import('../forward/test-support/run-one');
const { taskNodeSchema } = await import('../prompts/task-parts');
const { NODE_KINDS, nodeKind } = await import('./registry');

const at = { x: 0, y: 0 };
const doc = (nodes: unknown[], edges: unknown[]) => ({
  format: 'backflow.workflow',
  version: 1,
  id: 'w',
  name: 'join',
  nodes,
  edges,
});
const graph = doc(
  [
    { id: 'in', kind: 'input', position: at, fields: ['a', 'b'] },
    { id: 'j', kind: 'join', position: at, separator: ' + ' },
    { id: 'out', kind: 'output', position: at },
  ],
  [
    { id: 'e1', source: 'in', sourceField: 'a', target: 'j', targetInput: 'a' },
    { id: 'e2', source: 'in', sourceField: 'b', target: 'j', targetInput: 'b' },
    { id: 'e3', source: 'j', target: 'out', targetInput: 'value' },
  ],
);

describe('a kind added in one file', () => {
  it('is registered: its kind, its starting content, the payloads name it', () => {
    expect(NODE_KINDS).toContain('join');
    const created = nodeKind('join' as never).create('j', at);
    expect(created).toMatchObject({ kind: 'join', separator: '\n' });
    expect(
      taskNodeSchema.safeParse({ id: 'j', kind: 'join', role: '', instruction: '', userTemplate: '' })
        .success,
    ).toBe(true);
  });

  it('parses from a document with its defaults, and its unknown keys are problems', () => {
    const parsed = parseWorkflow(doc([{ id: 'j', kind: 'join', position: at }], []));
    expect(parsed.ok && parsed.workflow.nodes[0]).toEqual({
      id: 'j',
      kind: 'join',
      position: at,
      separator: '\n',
    });
    const typo = parseWorkflow(doc([{ id: 'j', kind: 'join', position: at, seperator: ',' }], []));
    expect(typo.ok).toBe(false);
    expect(!typo.ok && typo.problems.map((p) => p.message).join(' ')).toContain('separator');
  });

  it('is validated by its ports and its own check', () => {
    const parsed = parseWorkflow(graph);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(validateWorkflow(parsed.workflow).filter((p) => p.severity === 'error')).toEqual([]);
    const lonely = parseWorkflow(
      doc([...graph.nodes, { id: 'j2', kind: 'join', position: at }], graph.edges),
    );
    if (!lonely.ok) throw new Error('expected a document');
    expect(validateWorkflow(lonely.workflow).map((p) => p.message)).toContain(
      'Join node "j2" has nothing to join.',
    );
  });

  it('runs forward with the step its file declares', async () => {
    const parsed = parseWorkflow(graph);
    if (!parsed.ok) throw new Error('expected a document');
    const example = { id: 'x1', inputs: { a: 'left', b: 'right' }, target: 'left + right' };
    const trace = await runForwardOnExample(ctxWith(echoModel()), { workflow: parsed.workflow, example });
    expect(trace.outputs.out).toBe('left + right');
    expect(trace.nodes.j).toMatchObject({ status: 'ok', output: 'left + right' });
  });
});
