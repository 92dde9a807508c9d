import type { Example } from '../../datasets/types';
import type { ExampleTrace, NodeTrace } from '../../forward/types';
import { DEFAULT_LOSS } from '../../graph/loss-spec';
import type { Workflow, WorkflowEdge, WorkflowNode } from '../../graph/schema';
import { renderTemplate } from '../../graph/template';
import { buildGraphIndex, topologicalOrder } from '../../graph/topology';
import type { BackwardExample } from '../types';

/**
 * Small workflows and deterministic forward traces for backward tests. Each llm node's output is
 * `<id>[<inputs joined by "|">]`, so every value in a payload can be traced back to its node.
 */

const at = { x: 0, y: 0 };

/** An llm node whose template uses one placeholder per named input. */
export function llm(id: string, inputNames: string[], systemPrompt = `Do ${id}.`): WorkflowNode {
  return {
    id,
    kind: 'llm',
    position: at,
    role: `step ${id}`,
    systemPrompt,
    userTemplate: inputNames.map((n) => `${n}: {{${n}}}`).join('\n'),
    trainable: true,
  };
}

/** A workflow from nodes and `[source, target, targetInput]` edges (plus `question` input node `in`). */
export function workflow(id: string, nodes: WorkflowNode[], edges: [string, string, string][]): Workflow {
  const allNodes: WorkflowNode[] = [
    { id: 'in', kind: 'input', position: at, fields: ['question'] },
    ...nodes,
  ];
  const allEdges: WorkflowEdge[] = edges.map(([source, target, targetInput], i) => ({
    id: `e${i}`,
    source,
    target,
    targetInput,
    ...(source === 'in' ? { sourceField: 'question' } : {}),
  }));
  return {
    format: 'backflow.workflow',
    version: 1,
    id,
    name: id,
    description: '',
    nodes: allNodes,
    edges: allEdges,
    loss: { ...DEFAULT_LOSS },
    defaults: {},
  };
}

const out = (id = 'out', targetKey = 'target'): WorkflowNode => ({
  id,
  kind: 'output',
  position: at,
  targetKey,
});

/** in -> a -> b -> c -> d -> out. */
export const deepChain = workflow(
  'deep-chain',
  [llm('a', ['q']), llm('b', ['x']), llm('c', ['x']), llm('d', ['x']), out()],
  [
    ['in', 'a', 'q'],
    ['a', 'b', 'x'],
    ['b', 'c', 'x'],
    ['c', 'd', 'x'],
    ['d', 'out', 'answer'],
  ],
);

/** in -> a, in -> b, (a, b) -> c -> out: the reference code's graph (two parallel nodes, one solver). */
export const diamond = workflow(
  'diamond',
  [llm('a', ['q']), llm('b', ['q']), llm('c', ['q', 'h1', 'h2']), out()],
  [
    ['in', 'a', 'q'],
    ['in', 'b', 'q'],
    ['in', 'c', 'q'],
    ['a', 'c', 'h1'],
    ['b', 'c', 'h2'],
    ['c', 'out', 'answer'],
  ],
);

/** in -> a; a -> b -> out1; a -> c -> out2: `a` gets targets from two successors. */
export const twoOutputs = workflow(
  'two-outputs',
  [llm('a', ['q']), llm('b', ['x']), llm('c', ['x']), out('out1'), out('out2', 'second')],
  [
    ['in', 'a', 'q'],
    ['a', 'b', 'x'],
    ['a', 'c', 'x'],
    ['b', 'out1', 'answer'],
    ['c', 'out2', 'answer'],
  ],
);

/** `n` parallel nodes p1..pn fed by the question, all into one solver `s`. */
export function fanIn(n: number): Workflow {
  const ps = Array.from({ length: n }, (_, i) => `p${i + 1}`);
  return workflow(
    `fan-in-${n}`,
    [
      ...ps.map((p) => llm(p, ['q'])),
      llm(
        's',
        ps.map((_, i) => `h${i + 1}`),
      ),
      out(),
    ],
    [
      ...ps.map((p): [string, string, string] => ['in', p, 'q']),
      ...ps.map((p, i): [string, string, string] => [p, 's', `h${i + 1}`]),
      ['s', 'out', 'answer'],
    ],
  );
}

/** A deterministic forward trace of `w` on `example` (no model involved). */
export function fakeTrace(w: Workflow, example: Example): ExampleTrace {
  const index = buildGraphIndex(w);
  const nodes: Record<string, NodeTrace> = {};
  const outputs: Record<string, string> = {};
  for (const id of topologicalOrder(index)) {
    const node = index.nodeById.get(id)!;
    const inputs: Record<string, string> = {};
    for (const e of index.incoming.get(id) ?? []) {
      inputs[e.targetInput] = e.sourceField
        ? (example.inputs[e.sourceField] ?? '')
        : (nodes[e.source]?.output ?? '');
    }
    if (node.kind === 'input') {
      nodes[id] = { nodeId: id, status: 'ok', inputs: {}, output: JSON.stringify(example.inputs) };
    } else if (node.kind === 'llm') {
      const user = renderTemplate(node.userTemplate, inputs);
      nodes[id] = {
        nodeId: id,
        status: 'ok',
        inputs,
        messages: [
          { role: 'system', content: node.systemPrompt },
          { role: 'user', content: user },
        ],
        output: `${id}[${Object.values(inputs).join('|')}]`,
      };
    } else if (node.kind === 'code') {
      nodes[id] = { nodeId: id, status: 'ok', inputs, output: `${id}[${Object.values(inputs).join('|')}]` };
    } else if (node.kind === 'output') {
      const value = Object.values(inputs)[0] ?? '';
      nodes[id] = { nodeId: id, status: 'ok', inputs, output: value };
      outputs[id] = value;
    }
  }
  return { exampleId: example.id, nodes, outputs };
}

/** `n` examples with a trace each, all failing (score 0), expected values `target-<id>`. */
export function failingBatch(w: Workflow, n: number): BackwardExample[] {
  const outputIds = w.nodes.filter((x) => x.kind === 'output').map((x) => x.id);
  return Array.from({ length: n }, (_, i) => {
    const example: Example = {
      id: `ex${i + 1}`,
      inputs: { question: `question ${i + 1}` },
      target: `target-ex${i + 1}`,
      targets: { second: `second-ex${i + 1}` },
    };
    const trace = fakeTrace(w, example);
    const perOutput: BackwardExample['score']['perOutput'] = {};
    for (const o of outputIds) {
      const node = w.nodes.find((x) => x.id === o)!;
      const key = node.kind === 'output' ? node.targetKey : 'target';
      const expected = key === 'target' ? example.target : (example.targets?.[key] ?? '');
      perOutput[o] = { score: 0, expected, actual: trace.outputs[o] ?? '' };
    }
    return { example, trace, score: { exampleId: example.id, score: 0, perOutput } };
  });
}

/** in -> r -> a; a -> b -> out1; a -> c -> out2: `a` has a step predecessor and two successors. */
export const forkAfterRoot = workflow(
  'fork-after-root',
  [llm('r', ['q']), llm('a', ['x']), llm('b', ['x']), llm('c', ['x']), out('out1'), out('out2', 'second')],
  [
    ['in', 'r', 'q'],
    ['r', 'a', 'x'],
    ['a', 'b', 'x'],
    ['a', 'c', 'x'],
    ['b', 'out1', 'answer'],
    ['c', 'out2', 'answer'],
  ],
);

/** in -> a -> k (code) -> b -> out: a code node between two llm nodes. */
export const codeChain = workflow(
  'code-chain',
  [
    llm('a', ['q']),
    { id: 'k', kind: 'code', position: at, role: 'upper-cases', code: 'return inputs.x.toUpperCase();' },
    llm('b', ['x']),
    out(),
  ],
  [
    ['in', 'a', 'q'],
    ['a', 'k', 'x'],
    ['k', 'b', 'x'],
    ['b', 'out', 'answer'],
  ],
);
