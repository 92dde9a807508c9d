/**
 * Writes bench 3's "before" figures from another checkout's code:
 *   BENCH_BASELINE_ROOT=/path/to/old/checkout node --import tsx bench/lib/economy-baseline.ts
 * The old checkout's engine, simulator and bench helpers run the same measurement loop
 * (economy-measure.ts) as bench 3 does now; the result goes to bench/results/3-economy-before.json.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { type EconomyDeps, measureTokens } from './economy-measure';

const root = process.env.BENCH_BASELINE_ROOT;
if (!root) throw new Error('set BENCH_BASELINE_ROOT to the checkout to measure');
const engine = await import(join(root, 'packages/engine/src/index.ts'));
const workflows = await import(join(root, 'bench/lib/workflows.ts'));
const iteration = await import(join(root, 'bench/lib/iteration.ts'));
const models = await import(join(root, 'bench/lib/models.ts'));
const deps: EconomyDeps = {
  benchCase: workflows.benchCase,
  diamond6: workflows.diamond6,
  fanIn10: workflows.fanIn10,
  runIteration: iteration.runIteration,
  inProcessContext: models.inProcessContext,
  startEndpoint: models.startEndpoint,
  createOpenAIProvider: engine.createOpenAIProvider,
  judgeLoss: engine.judgeLoss,
};
const commit = process.env.BENCH_BASELINE_COMMIT ?? 'unknown';
const rows = await measureTokens(deps, countTokens);
const out = join(import.meta.dirname, '..', 'results', '3-economy-before.json');
writeFileSync(out, `${JSON.stringify({ commit, measuredAt: new Date().toISOString(), rows }, null, 2)}\n`);
console.log(`wrote ${out} (${rows.length} rows)`);
