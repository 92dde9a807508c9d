import type { ExampleScore, ExampleTrace, Totals } from '@backflow/engine';
import { cell, renderTable } from '../cli/table';
import type { CallStats } from '../providers/build-models';
import type { CliCounters } from './checkpoint';

/** The JSON that `backflow run --out` writes (documented in docs/cli.md). */
export interface RunResult {
  format: 'backflow.run-result';
  version: 1;
  /** True when the simulated model (offline) answered. */
  simulated: boolean;
  models: { forward: string; optimizer: string };
  workflow: { id: string; name: string; file: string };
  data: { file: string; split?: string; limit?: number; examples: number };
  /** Mean example score in [0, 1]. */
  meanScore: number;
  /** Examples whose every output passed. */
  passed: number;
  scores: ExampleScore[];
  totals: Totals;
  startedAt: string;
  finishedAt: string;
  /** Per example, per node: rendered messages, inputs, output, call id, latency, tokens, error. */
  traces: ExampleTrace[];
}

/**
 * Report totals from call statistics: this process's, or a checkpoint's counters (which lack
 * `cachedInputTokens` when written before prompt caching was counted).
 */
export function totalsFrom(stats: CallStats | CliCounters, wallMs: number): Totals {
  return {
    calls: stats.calls,
    cachedCalls: stats.cachedCalls,
    failedCalls: stats.failedCalls,
    tokens: stats.inputTokens + stats.outputTokens,
    inputTokens: stats.inputTokens,
    cachedInputTokens: stats.cachedInputTokens ?? 0,
    outputTokens: stats.outputTokens,
    costUsd: stats.costUsd,
    wallMs,
    ...(stats.answers ? { answers: { ...stats.answers } } : {}),
  };
}

/** Collapses a multi-line message (a diagnosis paragraph) onto one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** The score table `run` prints: one row per example and output, then the mean. */
export function renderScoreTable(result: RunResult): string {
  const rows: string[][] = [];
  for (const score of result.scores) {
    for (const [outputId, out] of Object.entries(score.perOutput)) {
      const actual = out.actual ?? `(no answer${out.error ? `: ${out.error}` : ''})`;
      rows.push([
        cell(score.exampleId, 24),
        outputId,
        out.score.toFixed(2),
        cell(out.expected, 28),
        cell(actual, 40),
      ]);
    }
  }
  const table = renderTable(['example', 'output', 'score', 'expected', 'actual'], rows, [
    'l',
    'l',
    'r',
    'l',
    'l',
  ]);
  const model = result.simulated ? 'simulated model (offline)' : result.models.forward;
  const t = result.totals;
  return `${table}\nmean score ${result.meanScore.toFixed(3)} over ${result.data.examples} examples (${result.passed} passed) · ${model} · ${t.calls} calls, ${t.tokens} tokens, $${t.costUsd.toFixed(4)}\n`;
}
