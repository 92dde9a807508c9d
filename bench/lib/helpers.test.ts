import { createSimulatedModel, runWorkflow } from '@backflow/sim';
import { criticalCalls, criticalPathCalls, idealBound, phaseBound } from './bounds';
import { median, quantile } from './stats';
import { benchCase, chain, diamond6, fanIn10, lastLlm, llmDepth, WRONG_LAST_STEP } from './workflows';

describe('bench workflows', () => {
  it('have the documented sizes and llm depths', () => {
    expect([diamond6().nodes.length, llmDepth(diamond6())]).toEqual([6, 3]);
    expect([fanIn10().nodes.length, llmDepth(fanIn10())]).toEqual([10, 2]);
    expect([chain(80).nodes.length, llmDepth(chain(80))]).toEqual([80, 78]);
  });

  it('solve their own targets intact and fail them broken', async () => {
    const model = createSimulatedModel({ seed: 1 });
    const intact = chain(20);
    const cases = [
      await benchCase('d', diamond6(), 6),
      await benchCase('c', intact, 6, { node: lastLlm(intact), prompt: WRONG_LAST_STEP }),
    ];
    for (const c of cases) {
      for (const example of c.train) {
        expect((await runWorkflow(c.intact, example, model)).outputs.answer).toBe(example.target);
        expect((await runWorkflow(c.workflow, example, model)).outputs.answer).not.toBe(example.target);
      }
    }
  });
});

describe('bounds', () => {
  it('count forward-like units at the llm depth and other units as one round', () => {
    const wf = diamond6();
    expect(criticalCalls('sembp', wf, 'forward', 64, 4)).toBe(3);
    expect(criticalCalls('sembp', wf, 'backward:join', 4, 4)).toBe(1);
    expect(criticalCalls('gtbp', wf, 'backward:a', 8, 4)).toBe(2);
    expect(criticalCalls('textgrad', wf, 'loss', 0, 4)).toBe(0);
  });

  it('chain the walk by the graph: siblings and updates of different nodes overlap', () => {
    const wf = diamond6();
    // diamond-6: input -> a -> (b, c) -> join -> answer; llm depth 3.
    const units = [
      { unit: 'forward', calls: 64 },
      { unit: 'loss', calls: 0 },
      { unit: 'seed', calls: 0 },
      { unit: 'backward:answer', calls: 0 },
      { unit: 'backward:join', calls: 4 },
      { unit: 'backward:c', calls: 4 },
      { unit: 'backward:b', calls: 4 },
      { unit: 'backward:a', calls: 0 },
      ...['a', 'b', 'c', 'join'].map((id) => ({ unit: `update:${id}`, calls: 1 })),
      { unit: 'gate', calls: 64 },
    ];
    // forward 3 + (join 1 + b or c 1 + update of a 1) + gate 3
    expect(criticalPathCalls('sembp', wf, units, 4)).toBe(9);
    expect(idealBound(9, 144, 50, 8)).toBe(900);
    // forward max(3, 8) + walk max(3, 16/8) + gate max(3, 8) rounds of 50 ms
    expect(phaseBound('sembp', wf, units, 4, 50, 8)).toBe((8 + 3 + 8) * 50);
  });

  it('take quantiles by linear interpolation', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(quantile([0, 10], 0.95)).toBeCloseTo(9.5);
  });
});
