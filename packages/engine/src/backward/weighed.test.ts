import { createGtbpRule } from '../algorithms/gtbp/backward';
import { createSemanticRule } from '../algorithms/sembp/backward';
import { computeBlame } from './blame';
import { createFakeOptimizer, fakeContext, type Responder } from './test-support/fake-optimizer';
import { deepChain, failingBatch } from './test-support/fixtures';
import { runWalk } from './test-support/walk-pass';

/**
 * A model that, asked to weigh, says node `d`'s own instruction explains its discrepancy — while
 * still writing a changed value for its input (answers are not always consistent): the engine must
 * trust the explanation and ask no input to change. Asked faithfully, it blames the input.
 */
const weighingModel: Responder = (payload) => {
  const weighed = 'mode' in payload && payload.mode === 'weighed';
  if (payload.task === 'gtbp.invert')
    return {
      targets: Object.fromEntries(payload.inputs.map((i) => [i.id, `${i.value}-changed`])),
      ...(weighed && payload.node.id === 'd' ? { explanation: 'instruction' } : {}),
    };
  if (payload.task === 'sembp.gradient')
    return {
      inputs: Object.fromEntries(
        payload.inputs.map((i) => [i.id, { change: true, message: 'change it', suggestedValue: 'x' }]),
      ),
      ...(weighed && payload.node.id === 'd' ? { explanation: 'instruction' } : {}),
    };
  throw new Error(`unexpected task ${payload.task}`);
};

describe('weighed backward steps', () => {
  for (const [name, make] of [
    ['gtbp', (mode: 'faithful' | 'weighed') => createGtbpRule({ mode })],
    ['sembp', (mode: 'faithful' | 'weighed') => createSemanticRule({ mode })],
  ] as const) {
    it(`${name}: an "instruction" explanation keeps the discrepancy at the node`, async () => {
      const batch = failingBatch(deepChain, 2);
      const run = async (mode: 'faithful' | 'weighed') => {
        const model = createFakeOptimizer(weighingModel);
        const pass = await runWalk(fakeContext(model), make(mode), {
          workflow: deepChain,
          batch,
          callKeyPrefix: 'p',
        });
        return { model, blame: computeBlame(name, deepChain, pass.signals, pass.targets, batch) };
      };
      const faithful = await run('faithful');
      const weighed = await run('weighed');
      // The request says which question it asks: the weighed template, mode in the payload.
      expect(weighed.model.calls[0]?.payload).toMatchObject({ mode: 'weighed' });
      expect(faithful.model.calls[0]?.payload).not.toHaveProperty('mode');
      // Faithful: d passes the request on, the first node keeps it. Weighed: d keeps it.
      expect(faithful.blame.d?.blame).toBe(0.5);
      expect(faithful.blame.a?.blame).toBe(1);
      expect(weighed.blame.d?.blame).toBe(1);
      expect(weighed.blame.c?.changed).toBe(0);
      // GTBP: c's target equals its output, so nothing above d is called. Semantic backprop still
      // calls c (a "no change" message is a message, as in the reference code).
      if (name === 'gtbp') expect(weighed.model.calls.map((c) => c.request.meta?.nodeId)).toEqual(['d', 'd']);
    });
  }
});
