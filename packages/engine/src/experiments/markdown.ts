/**
 * The experiment report in Markdown: what ran, the per-arm table (mean test score with its 95%
 * interval, calls, tokens, cost, wall time), the pairwise tests, and the learning-curve chart as
 * an image beside it. Run text (arm names) is escaped with the report helpers.
 */
import { mdText } from '../report/markdown-text';
import type { ExperimentSummary } from './summary';
import type { ExperimentOutcome } from './types';

/** What the report says about how the experiment ran. */
export interface ExperimentReportContext {
  workflowName: string;
  seeds: number[];
  testExamples: number;
  /** True when any model was the simulator: every figure is then labelled as simulated. */
  simulated: boolean;
  /** Why the grid stopped early, if it did. */
  stopped: ExperimentOutcome['stopped'];
  /** File name of the chart written beside the report (omit for none). */
  chartFile?: string;
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const pValue = (p: number) => (p < 0.001 ? '<0.001' : p.toFixed(3));

/** Renders the summary as a Markdown document. */
export function renderExperimentMarkdown(
  summary: ExperimentSummary,
  context: ExperimentReportContext,
): string {
  const lines = [`# Experiment: ${mdText(context.workflowName)}`, ''];
  if (context.simulated) {
    lines.push(
      '> **Simulated model (offline).** Every figure below comes from the simulator, not a real model.',
      '',
    );
  }
  if (context.stopped) {
    const why = context.stopped === 'aborted' ? 'it was stopped' : 'the budget ran out';
    lines.push(`> The grid is incomplete: ${why}. Resume it to finish the remaining runs.`, '');
  }
  lines.push(
    `Seeds: ${context.seeds.join(', ')}. Test split: ${context.testExamples} examples, scored once per run with its final prompts.`,
    '',
    '## Arms',
    '',
    '| arm | runs | test score (95% CI) | calls | tokens | cost (USD) | wall (s) |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: |',
  );
  for (const arm of summary.arms) {
    const ci = arm.testScore;
    lines.push(
      `| ${mdText(arm.arm)} | ${arm.runs} | ${pct(ci.mean)} (${pct(ci.low)}–${pct(ci.high)}) | ${Math.round(arm.meanCalls)} | ${Math.round(arm.meanTokens)} | ${arm.meanCostUsd.toFixed(4)} | ${(arm.meanWallMs / 1000).toFixed(1)} |`,
    );
  }
  lines.push(
    '',
    'Calls, tokens, cost and wall time are means per run. The interval is a percentile bootstrap over the seeds.',
  );
  if (summary.comparisons.length > 0) {
    lines.push(
      '',
      '## Paired tests on the test split',
      '',
      'Each pair is one test example under one seed, scored under both arms.',
      '',
      '| B vs A | pairs | mean difference (95% CI) | paired bootstrap p | only A passes | only B passes | McNemar exact p |',
      '| --- | ---: | --- | ---: | ---: | ---: | ---: |',
    );
    for (const c of summary.comparisons) {
      const d = c.paired.difference;
      lines.push(
        `| ${mdText(c.b)} vs ${mdText(c.a)} | ${c.pairs} | ${signedPct(d.mean)} (${signedPct(d.low)} to ${signedPct(d.high)}) | ${pValue(c.paired.p)} | ${c.mcnemar.onlyA} | ${c.mcnemar.onlyB} | ${pValue(c.mcnemar.p)} |`,
      );
    }
  }
  if (context.chartFile) {
    lines.push(
      '',
      '## Learning curves',
      '',
      `![Validation score by iteration: every seed, the band between seeds and their mean](${context.chartFile})`,
    );
  }
  lines.push('');
  return lines.join('\n');
}

function signedPct(v: number): string {
  const text = pct(Math.abs(v));
  return v > 0 ? `+${text}` : v < 0 ? `−${text}` : text;
}
