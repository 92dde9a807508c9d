import type { ChatModel } from '@backflow/engine';
import { createSimulatedModel } from '@backflow/sim';
import { runWorkflow } from '@backflow/sim/testing';
import { criticalCalls, criticalPathCalls, idealBound, phaseBound } from './bounds';
import { measureClientRounds } from './client-rounds';
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
    // Priced by measured round times: forward-like phases keep 8 calls in flight, the walk's
    // 16 calls in 3 rounds about 5.
    const roundTime = (inFlight: number) => 50 + inFlight;
    expect(phaseBound('sembp', wf, units, 4, roundTime, 8)).toBe(8 * 58 + 3 * 55 + 8 * 58);
  });

  it('measure the median round of k calls sent together, for every k up to the concurrency', async () => {
    // A clock that advances 10 ms per call in flight when a round ends: rounds of k take 10k ms.
    let clock = 0;
    const model: ChatModel = {
      label: 'clock',
      simulated: true,
      async complete() {
        await Promise.resolve();
        clock += 10;
        return { text: 'ok', usage: { inputTokens: 1, outputTokens: 1 }, model: 'clock', callId: '' };
      },
    };
    const rounds = await measureClientRounds(model, 3, { rounds: 2, warmup: 1, now: () => clock });
    expect(rounds.roundMs).toEqual([10, 20, 30]);
    expect([rounds.roundTime(0.4), rounds.roundTime(2), rounds.roundTime(9)]).toEqual([10, 20, 30]);
  });

  it('take quantiles by linear interpolation', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(quantile([0, 10], 0.95)).toBeCloseTo(9.5);
  });
});
