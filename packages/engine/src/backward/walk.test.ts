import { createSemanticRule } from '../algorithms/sembp/backward';
import { buildGraphIndex, successors } from '../graph/topology';
import type { BackwardRule } from './rule';
import { createFakeOptimizer, fakeContext } from './test-support/fake-optimizer';
import { deepChain, diamond, failingBatch, fanIn, forkAfterRoot, twoOutputs } from './test-support/fixtures';
import { blameResponder } from './test-support/responders';
import { runWalk } from './test-support/walk-pass';
import {
  assertSuccessorsDelivered,
  backwardOrder,
  renderedUserMessage,
  siblingOutputs,
  taskInputs,
} from './walk';

describe('backward walk', () => {
  it.each([
    ['diamond', diamond],
    ['deep chain', deepChain],
    ['two outputs', twoOutputs],
    ['fork after root', forkAfterRoot],
    ['fan-in of 5', fanIn(5)],
  ])('visits every non-input node after all its successors on %s', (_name, workflow) => {
    const order = backwardOrder(workflow);
    const index = buildGraphIndex(workflow);
    expect(order).not.toContain('in');
    expect(new Set(order)).toEqual(
      new Set(workflow.nodes.filter((n) => n.kind !== 'input').map((n) => n.id)),
    );
    for (const [i, id] of order.entries()) {
      for (const succ of successors(index, id)) expect(order.indexOf(succ)).toBeLessThan(i);
    }
  });

  it('runs each backward step only after its successors delivered', async () => {
    const inner = createSemanticRule();
    const visits: { nodeId: string; senders: string[] }[] = [];
    const spy: BackwardRule = {
      ...inner,
      async backwardNode(ctx, input) {
        visits.push({ nodeId: input.nodeId, senders: [...new Set(input.received.map((s) => s.fromNodeId))] });
        return inner.backwardNode(ctx, input);
      },
    };
    const model = createFakeOptimizer(blameResponder(new Set(['r', 'a'])));
    await runWalk(fakeContext(model), spy, {
      workflow: forkAfterRoot,
      batch: failingBatch(forkAfterRoot, 1),
      callKeyPrefix: 'p',
    });
    const index = buildGraphIndex(forkAfterRoot);
    for (const [i, v] of visits.entries()) {
      const earlier = visits.slice(0, i).map((x) => x.nodeId);
      for (const succ of successors(index, v.nodeId)) expect(earlier).toContain(succ);
    }
    expect(visits.find((v) => v.nodeId === 'a')!.senders.sort()).toEqual(['b', 'c']);
  });

  it('refuses a backward step before all successors delivered', () => {
    const index = buildGraphIndex(forkAfterRoot);
    expect(() => assertSuccessorsDelivered(index, 'a', new Set(['b']))).toThrow(/"a".*"c"/);
    expect(() => assertSuccessorsDelivered(index, 'a', new Set(['b', 'c']))).not.toThrow();
  });

  it('reads inputs, sibling outputs and the rendered message from the trace', () => {
    const [item] = failingBatch(diamond, 1);
    const index = buildGraphIndex(diamond);
    const trace = item!.trace;
    expect(taskInputs(index, 'c', trace)).toEqual([
      { id: 'in', name: 'q', kind: 'input', role: 'the example\'s "question" field', value: 'question 1' },
      { id: 'a', name: 'h1', kind: 'llm', role: 'step a', value: trace.nodes.a!.output },
      { id: 'b', name: 'h2', kind: 'llm', role: 'step b', value: trace.nodes.b!.output },
    ]);
    expect(siblingOutputs(index, trace, 'a', 'c')).toEqual({ b: trace.nodes.b!.output });
    expect(renderedUserMessage(trace, 'c')).toBe(
      `q: question 1\nh1: ${trace.nodes.a!.output}\nh2: ${trace.nodes.b!.output}`,
    );
  });
});
