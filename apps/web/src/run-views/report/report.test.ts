// The CLI's own collector, as the oracle for schema compatibility (a test-only cross-app import).

import type { OptimizeReport } from '@backflow/engine';
import { expectInertMarkdown, HOSTILE_TEXT } from '@backflow/engine/report/test-support/inert-markdown.ts';
import { collectEvent, emptyCollector } from '../../../../cli/src/report/collector';
import { fixtureFiles } from '../test-support/fixture-files';
import { type RecordedRun, recordRun } from '../test-support/run-fixture';
import { buildRunReport } from './build-report';
import { renderRunReportMarkdown } from './markdown';
import { redactText } from './secrets';

let run: RecordedRun;
beforeAll(async () => {
  run = await recordRun(fixtureFiles('diamond-words'), {
    algorithm: 'sembp',
    iterations: 4,
    batchSize: 4,
    errorBatchSize: 2,
    seed: 1,
  });
});

function report() {
  return buildRunReport(run.events, run.calls, run.workflowBefore, run.workflowAfter, {
    settings: run.session.state.settings,
    data: {
      file: 'train.jsonl',
      valFile: 'val.jsonl',
      trainExamples: run.session.state.train.length,
      valExamples: run.session.state.val.length,
    },
  });
}

describe('buildRunReport', () => {
  it('agrees with the CLI collector on every iteration, and type-checks as the CLI report', () => {
    const r = report();
    const collector = emptyCollector();
    for (const e of run.events)
      collectEvent(collector, e, { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 });
    const pick = (its: OptimizeReport['iterations']) =>
      its.map(({ index, trainScore, valScore, blame, updates, failedUpdates }) => ({
        index,
        trainScore,
        valScore,
        blame,
        updates,
        failedUpdates,
      }));
    expect(pick(r.iterations)).toEqual(pick(collector.iterations));
    expect(r.final.valScore).toBe(collector.finalValScore);
    expect(r.final.prompts).toEqual(collector.finalPrompts);
    expect(r.stopReason).toBe(collector.stopReason);
    expect(r.initial.valScore).toBe(collector.initialValScore);
    // Assignable to the CLI's type once finished (stopReason is then never null).
    const asCli: OptimizeReport = { ...r, stopReason: r.stopReason ?? 'completed' };
    expect(asCli.format).toBe('backflow.optimize-report');
  });

  it('counts calls, tokens and cost per iteration, baseline and totals from the records', () => {
    const r = report();
    const perIteration = r.iterations.reduce((n, it) => n + it.calls, 0);
    expect(r.initial.calls + perIteration).toBe(run.calls.length);
    expect(r.totals.calls).toBe(run.calls.length);
    const tokens = run.calls.reduce((n, c) => n + c.usage.inputTokens + c.usage.outputTokens, 0);
    expect(r.totals.tokens).toBe(tokens);
    expect(r.totals.costUsd).toBeGreaterThan(0);
    expect(r.initial.costUsd + r.iterations.reduce((n, it) => n + it.costUsd, 0)).toBeCloseTo(
      r.totals.costUsd,
      10,
    );
    // Every structured answer of the simulator reads as asked; the report and its Markdown say so.
    expect(r.totals.answers?.direct).toBeGreaterThan(0);
    expect(r.totals.answers).toMatchObject({ lenient: 0, repaired: 0, failed: 0 });
    expect(renderRunReportMarkdown(r)).toContain(
      `- Structured answers: ${r.totals.answers?.direct} read as asked`,
    );
    expect(r.simulated).toBe(true);
    expect(r.algorithm).toBe('sembp');
    expect(r.curves.length).toBe(r.iterations.length);
    expect(r.data.valExamples).toBe(run.session.state.val.length);
  });

  it('diffs every prompt from the start and summarises blame, culprit first', () => {
    const r = report();
    const sorted = r.promptChanges.find((c) => c.nodeId === 'sorted');
    expect(sorted?.before).not.toBe(sorted?.after);
    expect(sorted?.diff).toContain('--- sorted (before)');
    expect(sorted?.diff).toMatch(/^\+.*sort/im);
    expect(r.blameSummary[0]?.nodeId).toBe('sorted');
  });

  it('never lets a key through, by field name or by value', () => {
    const leaky = structuredClone(run.calls);
    const first = leaky[0];
    if (!first) throw new Error('no calls');
    first.model = 'gpt-4o-mini?api_key=abc123secretvalue';
    const settings = { ...run.session.state.settings, apiKey: 'sk-proj-abcdefghijklmnop1234' } as never;
    const events = structuredClone(run.events);
    const failed = events.find((e) => e.type === 'updateProposed');
    if (failed?.type === 'updateProposed')
      failed.proposedPrompt += ' Authorization: Bearer abcdefghijklmnopqrstuvwxyz';
    const r = buildRunReport(events, leaky, run.workflowBefore, run.workflowAfter, { settings });
    const text = `${JSON.stringify(r)}\n${renderRunReportMarkdown(r)}`;
    expect(text).not.toContain('sk-proj-abcdefghijklmnop1234');
    expect(text).not.toContain('abcdefghijklmnopqrstuvwxyz');
    expect(text).not.toContain('apiKey');
    expect(redactText('see ?key=zzz&x=1')).toBe('see ?key=[redacted]&x=1');
  });
});

describe('renderRunReportMarkdown', () => {
  it('has the banner, one row per iteration, the blame table and fenced prompts', () => {
    const r = report();
    const md = renderRunReportMarkdown(r);
    expect(md).toMatch(/^# Optimization report: /);
    expect(md).toContain('Simulated model (offline)');
    for (const it of r.iterations) expect(md).toMatch(new RegExp(`^\\| ${it.index} \\|`, 'm'));
    expect(md).toContain('## Blame per node');
    expect(md).toContain('```diff\n--- sorted (before)');
  });

  it('keeps a prompt with backticks and pipes inside its own block and row', () => {
    const r = report();
    r.promptChanges = [{ nodeId: 'x|y', before: 'a', after: 'use ``` fences', diff: '' }];
    const md = renderRunReportMarkdown(r);
    expect(md).toContain('````text\nuse ``` fences\n````');
  });

  it('shows hostile text as text even in a viewer that renders raw HTML and any link', () => {
    const hostile = HOSTILE_TEXT;
    const r = report();
    r.workflow.name = `Flow ${hostile}`;
    r.budgetMessage = `Budget ${hostile}`;
    r.models = { forward: `m\`<b>x</b>`, optimizer: hostile };
    const [first] = r.iterations;
    if (!first) throw new Error('no iteration');
    const blamed = 'n|`<img src=x onerror=alert(7)>';
    first.blame = { [blamed]: 1 };
    first.updates = [
      { nodeId: hostile, accepted: false, before: 'a', after: hostile, diff: hostile, reason: hostile },
    ];
    first.failedUpdates = [{ nodeId: '<b>x</b>', error: `Error: ${hostile}` }];
    const summary = {
      mean: 1,
      first: 1,
      max: 1,
      timesHighest: 1,
      changed: 1,
      own: 1,
      total: 1,
      iterations: 1,
    };
    r.blameSummary = [{ nodeId: `\`${hostile}`, ...summary }];
    r.promptChanges = [{ nodeId: hostile, before: 'a', after: `\`\`\`\n${hostile}`, diff: hostile }];
    const md = renderRunReportMarkdown(r);
    const text = expectInertMarkdown(md);
    expect(text).toContain(`Optimization report: Flow ${hostile}`);
    expect(text).toContain(`Budget ${hostile}`);
    expect(text).toContain(`Error: ${hostile}`);
  });
});
