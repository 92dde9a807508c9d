import { estimatePreflight, resolveSettings } from '@backflow/engine';
import { fixture } from './test-support/driver-harness';
import { forwardCallTokens, loadTokenCounter, tokenRange } from './token-preflight';

describe('counted preflight tokens', () => {
  if (!fixture) throw new Error('no simulator fixture');
  const { workflow } = fixture;
  const examples = [...fixture.train, ...fixture.val];
  const estimate = estimatePreflight(
    resolveSettings({ algorithm: 'gtbp', iterations: 2, batchSize: 4 }),
    workflow,
    { train: fixture.train.length, val: fixture.val.length },
  );

  it('counts the real prompts: a 5 MB prompt costs what it weighs, not a flat 1,500 tokens a call', async () => {
    const count = await loadTokenCounter();
    expect(count('Hello world')).toBe(2);
    const small = forwardCallTokens(workflow, examples, count);
    expect(small).toBeGreaterThan(16);
    expect(small).toBeLessThan(1500);
    const huge = 'lorem ipsum dolor sit amet '.repeat(200_000);
    const big = {
      ...workflow,
      nodes: workflow.nodes.map((n) => (n.kind === 'llm' ? { ...n, systemPrompt: huge } : n)),
    };
    const perCall = forwardCallTokens(big, examples, count);
    expect(perCall).toBeGreaterThan(800_000);
    const range = tokenRange(estimate, perCall, {});
    expect(range.low).toBeGreaterThan(estimate.calls * 800_000);
  });

  it('gives a range priced with the configured prices', () => {
    const prices = { 'backflow-sim': { inputPerMTok: 1, outputPerMTok: 5 } };
    const range = tokenRange(estimate, 100, prices);
    expect(range.low).toBeLessThan(range.high);
    const b = estimate.breakdown;
    expect(range.low).toBe(
      100 * (b.baseline + b.forward + b.loss + b.gate + b.validation + 2 * (b.seed + b.backward + b.update)),
    );
    // Priced at 0.8 input + 0.2 output (the engine's blend): $1.80 per million tokens.
    expect(range.costLow).toBeCloseTo((range.low / 1e6) * 1.8, 10);
    expect(tokenRange(estimate, 100, {}).costHigh).toBe(0);
  });
});
