import {
  blameFigure,
  emptyReportFold,
  foldReportEvent,
  type OptimizeReport,
  renderReportMarkdown,
  type SessionEvent,
} from '@backflow/engine';
import { expectInertMarkdown, HOSTILE_TEXT } from '@backflow/engine/testing';
import { runFactsOf } from '../../optimize/optimize-state';
import { fixtureFiles } from '../test-support/fixture-files';
import { type RecordedRun, recordRun } from '../test-support/run-fixture';
import { buildRunReport } from './build-report';
import { redactText } from './secrets';

const STARTED = Date.UTC(2026, 11, 7, 3, 0, 0);

let run: RecordedRun;
let rejected: RecordedRun;
beforeAll(async () => {
  run = await recordRun(fixtureFiles('diamond-words'), {
    algorithm: 'sembp',
    iterations: 4,
    batchSize: 4,
    errorBatchSize: 2,
    seed: 7,
  });
  // Step mode where a person rejects every proposal that waits for them.
  rejected = await recordRun(
    fixtureFiles('chain3-receipt'),
    { algorithm: 'gtbp', iterations: 1, batchSize: 4, seed: 1, pauseForDecisions: true },
    { decide: () => ({ action: 'reject' }) },
  );
});

function report(of = run, resumes = 0) {
  return buildRunReport(of.events, of.calls, of.workflowBefore, of.workflowAfter, {
    facts: runFactsOf(of.session.state, resumes, STARTED),
  });
}

describe('buildRunReport', () => {
  it('says the seed, settings, data sizes and resumes the run really had (issue #20)', () => {
    const r = report(run, 1);
    expect(r.seed).toBe(7);
    expect(r.settings).toMatchObject({ algorithm: 'sembp', seed: 7, iterations: 4, batchSize: 4 });
    expect(r.data.trainExamples).toBe(run.session.state.train.length);
    expect(r.data.trainExamples).toBeGreaterThan(0);
    expect(r.data.valExamples).toBe(run.session.state.val.length);
    expect(r.resumes).toBe(1);
    expect(r.startedAt).toBe(new Date(STARTED).toISOString());
    const md = renderReportMarkdown(r);
    expect(md).toContain('seed 7');
    expect(md).toContain(`${r.data.trainExamples} training and ${r.data.valExamples} validation examples`);
    expect(md).toContain('resumed 1 time(s)');
  });

  it('folds the events as the CLI does live, from the session totals after each unit', () => {
    const r = report();
    // The CLI folds each unit's events with the totals counted so far (its provider's stats).
    const live = emptyReportFold();
    let totals = { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
    const unitEnds = new Map<number, SessionEvent>();
    for (const e of run.events) if (e.type === 'progress') unitEnds.set(e.unitIndex, e);
    for (const e of run.events) {
      const end = unitEnds.get(e.unitIndex);
      if (end?.type === 'progress') totals = end.totals;
      foldReportEvent(live, e, totals);
    }
    // Cost aside: this fixture prices its call records, the session's own table does not.
    const noCost = (its: OptimizeReport['iterations']) => its.map(({ costUsd: _c, ...rest }) => rest);
    expect(noCost(r.iterations)).toEqual(noCost(live.iterations));
    expect(r.initial.valScore).toBe(live.initialValScore);
    expect(r.initial.calls).toBe(live.baselineTotals.calls);
    expect(r.stopReason).toBe(live.stopReason);
    const asCli: OptimizeReport = r;
    expect(asCli.format).toBe('backflow.optimize-report');
  });

  it('prints the figure the canvas paints, with the examples behind it and what each update alone fixes', () => {
    const r = report();
    const passes = run.events.filter((e) => e.type === 'blameComputed');
    for (const it of r.iterations) {
      const pass = passes.find((e) => e.iteration === it.index);
      if (pass?.type !== 'blameComputed') continue;
      for (const [nodeId, b] of Object.entries(pass.blame)) {
        // The canvas reads NodeBlame.blame (backwardLookOf): the report prints the same number.
        expect(it.blame[nodeId]).toBe(b.blame);
        const e = it.evidence?.[nodeId];
        if (!e) throw new Error(`no evidence for ${nodeId}`);
        expect(blameFigure(e.askedOn.length, e.keptOn.length, b.total)).toBe(b.blame);
      }
    }
    // The simulator answers: the counterfactual check ran ("auto"), and the culprit's update fixes.
    const checked = r.iterations.flatMap((it) =>
      Object.entries(it.evidence ?? {}).flatMap(([id, e]) =>
        e.counterfactual ? [{ id, ...e.counterfactual }] : [],
      ),
    );
    const culprit = checked.find((c) => c.id === 'sorted');
    expect(culprit?.fixed.length).toBeGreaterThan(0);
    const md = renderReportMarkdown(r);
    expect(md).toContain('## Evidence behind the blame');
    expect(md).toMatch(/`sorted` blame \d\.\d\d: asked to change on .*its update alone fixes [1-9]/);
  });

  it('lists a proposal a person rejected as not accepted, with that reason', () => {
    const r = report(rejected);
    const updates = r.iterations.flatMap((it) => it.updates);
    const byPerson = updates.filter((u) => u.reason === 'rejected by a person');
    expect(byPerson.length).toBeGreaterThan(0);
    for (const u of byPerson) expect(u.accepted).toBe(false);
    expect(renderReportMarkdown(r)).toContain('rejected — rejected by a person');
  });

  it('totals the input tokens the provider served from its prompt cache, in report.json and report.md', () => {
    expect(report().totals.cachedInputTokens).toBe(0);
    const calls = run.calls.map((c, i) =>
      i % 2 === 0 ? { ...c, usage: { ...c.usage, cachedInputTokens: 128 } } : c,
    );
    const r = report({ ...run, calls });
    const cached = 128 * Math.ceil(run.calls.length / 2);
    expect(r.totals.cachedInputTokens).toBe(cached);
    expect(renderReportMarkdown(r)).toContain(
      `(${cached} of ${r.totals.inputTokens} input tokens from the provider's prompt cache)`,
    );
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
    expect(renderReportMarkdown(r)).toContain(
      `- Structured answers: ${r.totals.answers?.direct} read as asked`,
    );
    expect(r.simulated).toBe(true);
    expect(r.curves.length).toBe(r.iterations.length);
    expect(r.data.valExamples).toBe(run.session.state.val.length);
  });

  it('diffs every prompt from the start and summarises blame, culprit first', () => {
    const r = report();
    const sorted = r.promptChanges?.find((c) => c.nodeId === 'sorted');
    expect(sorted?.before).not.toBe(sorted?.after);
    expect(sorted?.diff).toContain('--- sorted (before)');
    expect(sorted?.diff).toMatch(/^\+.*sort/im);
    expect(r.blameSummary?.[0]?.nodeId).toBe('sorted');
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
    const facts = { ...runFactsOf(run.session.state, 0, STARTED), settings };
    const r = buildRunReport(events, leaky, run.workflowBefore, run.workflowAfter, { facts });
    const text = `${JSON.stringify(r)}\n${renderReportMarkdown(r)}`;
    expect(text).not.toContain('sk-proj-abcdefghijklmnop1234');
    expect(text).not.toContain('abcdefghijklmnopqrstuvwxyz');
    expect(text).not.toContain('apiKey');
    expect(redactText('see ?key=zzz&x=1')).toBe('see ?key=[redacted]&x=1');
  });
});

describe('renderReportMarkdown', () => {
  it('has the banner, one row per iteration, the blame table and fenced prompts', () => {
    const r = report();
    const md = renderReportMarkdown(r);
    expect(md).toMatch(/^# Optimization report: /);
    expect(md).toContain('Simulated model (offline)');
    for (const it of r.iterations) expect(md).toMatch(new RegExp(`^\\| ${it.index} \\|`, 'm'));
    expect(md).toContain('## Blame per node');
    expect(md).toContain('```diff\n--- sorted (before)');
  });

  it('keeps a prompt with backticks and pipes inside its own block and row', () => {
    const r = report();
    r.promptChanges = [{ nodeId: 'x|y', before: 'a', after: 'use ``` fences', diff: '' }];
    const md = renderReportMarkdown(r);
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
    const md = renderReportMarkdown(r);
    const text = expectInertMarkdown(md);
    expect(text).toContain(`Optimization report: Flow ${hostile}`);
    expect(text).toContain(`Budget ${hostile}`);
    expect(text).toContain(`Error: ${hostile}`);
  });
});
