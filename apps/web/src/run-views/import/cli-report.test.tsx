import { renderToStaticMarkup } from 'react-dom/server';
import { runFactsOf } from '../../optimize/optimize-state';
import { ImportedRunView } from '../components/ImportedRunView';
import { buildRunReport } from '../report/build-report';
import { fixtureFiles } from '../test-support/fixture-files';
import { type RecordedRun, recordRun } from '../test-support/run-fixture';
import { readCallsJsonl, readCliReport, reportSeries } from './cli-report';

// The report the CLI writes is built by the engine's `buildOptimizeReport`, as the studio's export
// is: a recorded run's report is the real shape (plus studio fields, which the reader ignores).
let run: RecordedRun;
let reportText: string;
let callsText: string;
beforeAll(async () => {
  run = await recordRun(fixtureFiles('diamond-words'), {
    algorithm: 'sembp',
    iterations: 2,
    batchSize: 3,
    seed: 1,
  });
  const report = buildRunReport(run.events, run.calls, run.workflowBefore, run.workflowAfter, {
    facts: runFactsOf(run.session.state, 0, Date.UTC(2026, 0, 1)),
  });
  reportText = JSON.stringify(report);
  callsText = `${run.calls.map((c) => JSON.stringify(c)).join('\n')}\n`;
});

describe('a CLI run directory in the run views', () => {
  it('reads report.json and calls.jsonl and draws the curves from the report', () => {
    const report = readCliReport(reportText);
    if (!report.ok) throw new Error(report.message);
    const calls = readCallsJsonl(callsText);
    if (!calls.ok) throw new Error(calls.message);
    expect(calls.value).toHaveLength(run.calls.length);
    const series = reportSeries(report.value);
    expect(series.points.map((p) => p.iteration)).toEqual(report.value.iterations.map((i) => i.index));
    expect(series.baselineValScore).toBe(report.value.initial.valScore);
    const html = renderToStaticMarkup(
      <ImportedRunView
        run={{ report: report.value, calls: calls.value, files: ['report.json', 'calls.jsonl'] }}
      />,
    );
    expect(html).toContain('Semantic backpropagation');
    expect(html).toContain('data-testid="metric-curves"');
    expect(html).toContain('data-testid="call-log"');
  });

  it('refuses bad input with a sentence that says what is wrong', () => {
    const good = JSON.parse(reportText);
    const bad = (change: (r: typeof good) => void) => {
      const copy = structuredClone(good);
      change(copy);
      const result = readCliReport(JSON.stringify(copy));
      return result.ok ? 'accepted' : result.message;
    };
    expect(bad((r) => (r.version = 2))).toMatch(/version 2; this build reads version 1/);
    expect(bad((r) => delete r.iterations)).toMatch(/malformed \(iterations: /);
    expect(bad((r) => (r.iterations[0].trainScore = 7))).toMatch(/iterations\.0\.trainScore/);
    expect(bad((r) => (r.algorithm = 'magic'))).toMatch(/algorithm/);
    expect(readCliReport('')).toMatchObject({ ok: false, message: /empty/ });
    expect(readCliReport('{"format":"backflow.bundle"}')).toMatchObject({
      ok: false,
      message: /not a run report/,
    });
    expect(readCliReport('['.repeat(500))).toMatchObject({ ok: false, message: /nested/ });
    expect(readCallsJsonl(`${callsText}{"callId": 3}\n`)).toMatchObject({
      ok: false,
      message: new RegExp(`line ${run.calls.length + 1} is not a call record`),
    });
    expect(readCallsJsonl('not json')).toMatchObject({ ok: false, message: /line 1: The file is not JSON/ });
  });
});
