/**
 * Benchmark 3, call economy: LLM calls and tokens per backward pass (seed + backward units) for
 * each algorithm, against the analytic count of docs/algorithms.md (the engine's
 * call-counts formulas, evaluated with the b the iteration really back-propagated); input tokens
 * per backward call by meta-prompt, now and before (the figures stored in
 * results/3-economy-before.json, measured by lib/economy-baseline.ts on the previous code), with
 * the share of input in a repeated prefix and serve-sim's cached tokens; and the cache hit rate of
 * a forward pass repeated with the provider's response cache on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  algorithmDefinition,
  backwardNodeCalls,
  createOpenAIProvider,
  graphCounts,
  judgeLoss,
  runForward,
} from '@backflow/engine';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { ALGORITHMS } from './1-scheduling.bench';
import { measureTokens, type TokenRow } from './lib/economy-measure';
import { runIteration } from './lib/iteration';
import { inProcessContext, startEndpoint } from './lib/models';
import type { BenchResult, FigureRow } from './lib/result';
import { round } from './lib/stats';
import { type BenchCase, benchCase, diamond6, fanIn10 } from './lib/workflows';

interface Baseline {
  commit: string;
  rows: TokenRow[];
}

function readBaseline(): Baseline | null {
  try {
    return JSON.parse(readFileSync(join(import.meta.dirname, 'results', '3-economy-before.json'), 'utf8'));
  } catch {
    return null;
  }
}

const pctChange = (now: number, before: number | undefined) =>
  before === undefined || before === 0 ? null : `${round((now / before - 1) * 100, 0)}%`;

/** Input tokens per backward call by meta-prompt, now against before, and the prefix shares. */
async function tokenRows(): Promise<{ rows: FigureRow[]; notes: string[] }> {
  const now = await measureTokens(
    {
      benchCase,
      diamond6,
      fanIn10,
      runIteration,
      inProcessContext,
      startEndpoint,
      createOpenAIProvider,
      judgeLoss,
    },
    countTokens,
  );
  const baseline = readBaseline();
  const key = (r: TokenRow) => `${r.workflow}|${r.algorithm}|${r.kind}`;
  const before = new Map((baseline?.rows ?? []).map((r) => [key(r), r]));
  const rows: FigureRow[] = now.map((r) => {
    const b = before.get(key(r));
    return {
      workflow: r.workflow,
      algorithm: r.algorithm,
      metaPrompt: r.kind,
      calls: r.calls,
      inputTokensPerCall: r.inputTokensPerCall,
      before: b?.inputTokensPerCall ?? null,
      change: pctChange(r.inputTokensPerCall, b?.inputTokensPerCall),
      o200kPerCall: r.o200kPerCall ?? null,
      o200kBefore: b?.o200kPerCall ?? null,
      o200kChange: pctChange(r.o200kPerCall ?? 0, b?.o200kPerCall),
      repeatedPrefixShare: r.repeatedPrefixShare,
      repeatedPrefixShareBefore: b?.repeatedPrefixShare ?? null,
      servedFromCache: r.cachedShare ?? null,
      servedFromCacheBefore: b?.cachedShare ?? null,
    };
  });
  const notes = [
    baseline
      ? `"before" = the same measurement on commit ${baseline.commit} (results/3-economy-before.json).`
      : 'no results/3-economy-before.json: run lib/economy-baseline.ts on the previous code to compare.',
    'input tokens as the simulator counts them (characters / 4); o200k = the same requests through a real tokenizer.',
    'repeatedPrefixShare = input in a prefix an earlier call of the iteration sent; servedFromCache = what serve-sim (OpenAI rules: 1,024-token minimum, 128-token steps) reported as cached_tokens, over HTTP, diamond-6-long only.',
  ];
  return { rows, notes };
}

function isBackwardUnit(unit: string): boolean {
  return unit === 'seed' || unit.startsWith('backward:');
}

async function cacheHitRate(bench: BenchCase): Promise<FigureRow> {
  const { ctx, records } = inProcessContext(8, { cache: true });
  const args = { workflow: bench.intact, examples: bench.train.slice(0, 16) };
  await runForward(ctx, args);
  const first = records.length;
  await runForward(ctx, args);
  const second = records.slice(first);
  const hits = second.filter((r) => r.cached).length;
  return {
    workflow: bench.name,
    firstPassCalls: first,
    repeatedPassCalls: second.length,
    cacheHits: hits,
    hitRate: round(hits / Math.max(1, second.length), 3),
  };
}

/** Runs benchmark 3 (deterministic: one run each). */
export async function run(): Promise<BenchResult> {
  const cases = [await benchCase('diamond-6', diamond6(), 32), await benchCase('fan-in-10', fanIn10(), 32)];
  const rows: FigureRow[] = [];
  for (const bench of cases) {
    for (const algorithm of ALGORITHMS) {
      const { ctx, records } = inProcessContext(8);
      const fig = await runIteration(ctx, bench, {
        algorithm,
        batchSize: 16,
        errorBatchSize: 4,
        callCount: () => records.length,
      });
      const backward = fig.units.filter((u) => isBackwardUnit(u.unit));
      const b = fig.errorBatch;
      const analytic =
        algorithmDefinition(algorithm).calls.seed(graphCounts(bench.workflow), b) +
        bench.workflow.nodes.reduce((s, n) => s + backwardNodeCalls(algorithm, bench.workflow, n.id, b), 0);
      const calls = backward.reduce((s, u) => s + u.calls, 0);
      rows.push({
        workflow: bench.name,
        algorithm,
        b,
        backwardCalls: calls,
        analyticCalls: analytic,
        ratio: round(calls / Math.max(1, analytic), 2),
        inputTokens: backward.reduce((s, u) => s + u.inputTokens, 0),
        outputTokens: backward.reduce((s, u) => s + u.outputTokens, 0),
        tokensPerCall: round(
          backward.reduce((s, u) => s + u.inputTokens + u.outputTokens, 0) / Math.max(1, calls),
          0,
        ),
      });
    }
  }
  const cache = [];
  for (const bench of cases) cache.push(await cacheHitRate(bench));
  const tokens = await tokenRows();
  return {
    title:
      '3. Call economy (calls per backward pass vs analytic count; input tokens per backward call, before and after; cache hit rate on a repeated forward pass)',
    rows: [...rows, ...cache, ...tokens.rows],
    notes: [
      'GTBP analytic count is an upper bound (exact when every back-propagated example is wrong at every node).',
      ...tokens.notes,
    ],
  };
}
