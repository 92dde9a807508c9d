import { createSimulatedModel, runWorkflow } from '@backflow/sim';
import { criticalCalls, unitBarrierBound } from './iteration';
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

  it('sum per-unit maxima of depth and throughput', () => {
    const units = [
      { unit: 'forward', calls: 64, critical: 3, wallMs: 0, inputTokens: 0, outputTokens: 0 },
      { unit: 'update:a', calls: 1, critical: 1, wallMs: 0, inputTokens: 0, outputTokens: 0 },
    ];
    expect(unitBarrierBound(units, 50, 8)).toBe(8 * 50 + 50);
  });

  it('take quantiles by linear interpolation', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(quantile([0, 10], 0.95)).toBeCloseTo(9.5);
  });
});
