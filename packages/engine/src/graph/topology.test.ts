import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseWorkflow } from './document';
import type { Workflow, WorkflowEdge, WorkflowNode } from './schema';
import {
  buildGraphIndex,
  CycleError,
  descendants,
  predecessors,
  reachable,
  siblings,
  successors,
  topologicalOrder,
} from './topology';

function fixture(name: string): Workflow {
  const text = readFileSync(fileURLToPath(new URL(`./fixtures/valid/${name}.json`, import.meta.url)), 'utf8');
  const result = parseWorkflow(text);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.workflow;
}

const at = { x: 0, y: 0 };
const llm = (id: string): WorkflowNode => ({
  id,
  kind: 'llm',
  role: '',
  systemPrompt: 'p',
  userTemplate: '',
  trainable: true,
  position: at,
});
const edge = (source: string, target: string, targetInput = source): WorkflowEdge => ({
  id: `${source}-${target}-${targetInput}`,
  source,
  target,
  targetInput,
});

describe('diamond queries', () => {
  const index = buildGraphIndex(fixture('diamond'));

  it('orders topologically, ties broken by document order', () => {
    expect(topologicalOrder(index)).toEqual(['question', 'plan', 'facts', 'combine', 'answer']);
  });

  it('gives distinct predecessors and successors in edge order', () => {
    expect(predecessors(index, 'combine')).toEqual(['question', 'plan', 'facts']);
    expect(successors(index, 'question')).toEqual(['plan', 'facts', 'combine']);
    expect(predecessors(index, 'question')).toEqual([]);
    expect(successors(index, 'nope')).toEqual([]);
  });

  it('gives siblings with respect to a common successor', () => {
    expect(siblings(index, 'plan', 'combine')).toEqual(['question', 'facts']);
    expect(siblings(index, 'combine', 'answer')).toEqual([]);
  });

  it('gives descendants in topological order', () => {
    expect(descendants(index, 'plan')).toEqual(['combine', 'answer']);
    expect(descendants(index, 'answer')).toEqual([]);
  });

  it('walks reachability forwards and backwards, starts included', () => {
    expect([...reachable(index, ['plan'], 'forward')].sort()).toEqual(['answer', 'combine', 'plan']);
    expect([...reachable(index, ['facts'], 'backward')].sort()).toEqual(['facts', 'question']);
    expect(reachable(index, ['missing'], 'forward').size).toBe(0);
  });
});

describe('other shapes', () => {
  it('is deterministic: a node ready earlier in the document goes first, not by id', () => {
    const wf = { nodes: [llm('z'), llm('a'), llm('m')], edges: [edge('z', 'm')] };
    expect(topologicalOrder(buildGraphIndex(wf))).toEqual(['z', 'a', 'm']);
  });

  it('reports a cycle in edge direction and refuses a topological order', () => {
    const wf = {
      nodes: [llm('a'), llm('b'), llm('c'), llm('d')],
      edges: [edge('a', 'b'), edge('b', 'c'), edge('c', 'd'), edge('d', 'b')],
    };
    const index = buildGraphIndex(wf);
    expect(index.cycle).toEqual(['b', 'c', 'd']);
    expect(() => topologicalOrder(index)).toThrow(CycleError);
    expect(() => topologicalOrder(index)).toThrow('b -> c -> d -> b');
    expect(buildGraphIndex({ nodes: wf.nodes, edges: wf.edges.slice(0, 3) }).cycle).toBeNull();
  });

  it('ignores dangling edges and keeps the first of duplicated ids', () => {
    const index = buildGraphIndex({
      nodes: [llm('a'), llm('a'), llm('b')],
      edges: [edge('a', 'x'), edge('a', 'b')],
    });
    expect(index.nodes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(index.danglingEdges.map((e) => e.target)).toEqual(['x']);
    expect(successors(index, 'a')).toEqual(['b']);
  });

  it('handles a 500-node layered graph and a 20k-node chain without recursion limits', () => {
    const nodes: WorkflowNode[] = [];
    const edges: WorkflowEdge[] = [];
    for (let layer = 0; layer < 50; layer++) {
      for (let i = 0; i < 10; i++) {
        nodes.push(llm(`n${layer}_${i}`));
        if (layer > 0)
          for (let j = 0; j < 10; j++) edges.push(edge(`n${layer - 1}_${j}`, `n${layer}_${i}`, `in${j}`));
      }
    }
    const index = buildGraphIndex({ nodes, edges });
    expect(topologicalOrder(index)).toHaveLength(500);
    expect(descendants(index, 'n0_0')).toHaveLength(490);
    const chain = Array.from({ length: 20_000 }, (_, i) => llm(`c${i}`));
    const chainEdges = chain.slice(1).map((n, i) => edge(`c${i}`, n.id));
    const chainIndex = buildGraphIndex({ nodes: chain, edges: [...chainEdges, edge('c19999', 'c0')] });
    expect(chainIndex.cycle).toHaveLength(20_000);
  });
});
