import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { runFactsOf } from '../../optimize/optimize-state';
import { fileDate, fileSlug } from '../../ui/file-name';
import { nodeBackwardView } from '../derive/backward-view';
import { indexCalls } from '../derive/calls';
import { metricSeries } from '../derive/metrics';
import { promptVersions, proposalsOf } from '../derive/prompt-versions';
import { fixtureFiles } from '../test-support/fixture-files';
import { type RecordedRun, recordRun } from '../test-support/run-fixture';
import { BackwardTab } from './BackwardTab';
import { CallLog } from './CallLog';
import { runExportFiles } from './ExportRunButtons';
import { MetricCurves } from './MetricCurves';
import { PromptDiff } from './PromptDiff';
import { RunCompare } from './RunCompare';
import { VersionTimeline } from './VersionTimeline';

// Server rendering in Node: enough to check what text reaches the page and that it stays text.
const HOSTILE = '<img src=x onerror="alert(1)">';
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

describe('BackwardTab', () => {
  it('shows output, the gradient with its sibling outputs, and model text only as text', () => {
    const view = nodeBackwardView(run.events, run.calls, 'sorted', 1);
    const first = view.examples[0];
    if (!first) throw new Error('no example');
    first.output = HOSTILE;
    const html = renderToStaticMarkup(<BackwardTab view={view} callsById={indexCalls(run.calls)} />);
    expect(html).toContain('data-testid="sibling-outputs"');
    expect(html).toContain('semantic gradient');
    expect(html).toContain('from merge');
    expect(html).toContain('blame <strong>1.00</strong>');
    expect(html).toContain('&lt;img src=x');
    expect(html).not.toContain('<img');
  });

  it('shows the GTBP target beside a differing output', async () => {
    const gtbp = await recordRun(fixtureFiles('diamond-words'), {
      algorithm: 'gtbp',
      iterations: 1,
      batchSize: 4,
      seed: 1,
    });
    const view = nodeBackwardView(gtbp.events, gtbp.calls, 'sorted', 1);
    const html = renderToStaticMarkup(<BackwardTab view={view} callsById={indexCalls(gtbp.calls)} />);
    expect(html).toContain('target (differs)');
    expect(html).toContain('data-testid="backward-target"');
    // Why `sorted` holds its blame: the examples, and its update alone fixing them (the simulator
    // answers, so the counterfactual check ran).
    expect(view.evidence?.askedOn.length).toBe(view.blame?.changed);
    expect(view.evidence?.keptOn.length).toBe(view.blame?.own);
    expect(html).toContain('data-testid="blame-evidence"');
    for (const id of view.evidence?.askedOn ?? []) expect(html).toContain(id);
    const cf = view.counterfactual;
    if (!cf) throw new Error('no counterfactual check for sorted');
    expect(cf.fixed.length).toBeGreaterThan(0);
    expect(html).toContain(`fixes <strong>${cf.fixed.length}</strong> of ${cf.checked.length} failing`);
    // The proposal card says it too, for the person deciding on it.
    const proposal = proposalsOf(gtbp.events, 1).find((p) => p.nodeId === 'sorted');
    if (!proposal) throw new Error('no proposal for sorted');
    expect(proposal.counterfactual).toEqual(cf);
    const card = renderToStaticMarkup(<PromptDiff proposal={proposal} plain />);
    expect(card).toContain(`Alone, this update fixes <strong>${cf.fixed.length}</strong> of`);
  });

  it('shows no evidence for a run recorded before evidence existed', () => {
    const old = run.events.map((e) => {
      if (e.type !== 'blameComputed') return e;
      const { evidence: _e, ...rest } = e;
      return rest;
    });
    const view = nodeBackwardView(old, run.calls, 'merge', 1);
    expect(view.evidence).toBeUndefined();
  });

  it('says when the walk has not reached the node', () => {
    const view = nodeBackwardView(run.events, run.calls, 'sorted', 42);
    expect(renderToStaticMarkup(<BackwardTab view={view} callsById={new Map()} />)).toContain(
      'has not reached',
    );
  });
});

describe('PromptDiff', () => {
  it('offers Accept, Reject and Edit while a decision is awaited', () => {
    const proposal = proposalsOf(run.events, 1)[0];
    if (!proposal) throw new Error('no proposal');
    const waiting = {
      ...proposal,
      gate: undefined,
      awaitingDecision: true,
      proposedPrompt: `${HOSTILE}\nSort the words.`,
    };
    const html = renderToStaticMarkup(
      <PromptDiff proposal={waiting} onAccept={() => {}} onReject={() => {}} onEditAccept={() => {}} plain />,
    );
    for (const label of ['>Accept<', '>Reject<', '>Edit…<', 'waiting for your decision'])
      expect(html).toContain(label);
    expect(html).not.toContain('<img');
  });

  it('shows the gate verdict with before and after scores', () => {
    const decided = proposalsOf(run.events, 1).find((p) => p.gate && p.gate.before !== undefined);
    if (!decided?.gate) throw new Error('no gated proposal');
    const html = renderToStaticMarkup(<PromptDiff proposal={decided} plain />);
    expect(html).toContain(decided.gate.accepted ? 'gate accepted' : 'gate rejected');
    expect(html).toMatch(/must improve on the minibatch: \d+\.\d% → \d+\.\d%/);
    expect(html).not.toContain('>Accept<');
  });
});

describe('VersionTimeline, MetricCurves, RunCompare, CallLog', () => {
  it('lists versions with revert buttons and a diff', () => {
    const versions = promptVersions(run.events, run.workflowBefore).sorted ?? [];
    const html = renderToStaticMarkup(
      <VersionTimeline nodeId="sorted" versions={versions} onRevert={() => {}} plain />,
    );
    expect(html.match(/data-testid="prompt-version"/g)?.length).toBe(versions.length);
    expect(html.match(/>Revert</g)?.length).toBe(versions.length - 1);
    expect(html).toContain('data-testid="text-diff"');
  });

  it('tabulates every finished iteration', () => {
    const series = metricSeries(run.events, run.calls);
    const html = renderToStaticMarkup(<MetricCurves runs={[{ label: 'sembp', series }]} tableOnly />);
    expect(html.match(/<tr class="text-right">/g)?.length).toBe(series.points.length);
  });

  it('compares two runs prompt by prompt', () => {
    const series = metricSeries(run.events, run.calls);
    const prompts = (w: typeof run.workflowBefore) =>
      Object.fromEntries(w.nodes.flatMap((n) => (n.kind === 'llm' ? [[n.id, n.systemPrompt]] : [])));
    const html = renderToStaticMarkup(
      <RunCompare
        a={{ label: 'before', series, prompts: prompts(run.workflowBefore), valScore: 0 }}
        b={{ label: 'after', series, prompts: prompts(run.workflowAfter), valScore: 1 }}
        plain
      />,
    );
    expect(html.match(/data-testid="text-diff"/g)?.length).toBe(3);
  });

  it('counts the calls it holds, and the input tokens served from the prompt cache when there are some', () => {
    const html = renderToStaticMarkup(<CallLog calls={run.calls} />);
    expect(html).toContain(`${run.calls.length} of ${run.calls.length} calls`);
    expect(html).not.toContain('prompt cache');
    const calls = run.calls.map((c, i) =>
      i < 3 ? { ...c, usage: { ...c.usage, cachedInputTokens: 1024 } } : c,
    );
    expect(renderToStaticMarkup(<CallLog calls={calls} />)).toContain(
      '(3072 input from the prompt cache, marked *)',
    );
  });
});

describe('exports and text rendering', () => {
  it('exports the report, its markdown and the optimized workflow', () => {
    const files = runExportFiles({
      events: run.events,
      calls: run.calls,
      workflowBefore: run.workflowBefore,
      workflowAfter: run.workflowAfter,
      fileStem: 'run 1',
      context: { facts: runFactsOf(run.session.state, 2, Date.UTC(2026, 0, 1)) },
    });
    // The workflow's name, what the file is, the run and the run's date.
    const day = fileDate(Date.UTC(2026, 0, 1));
    expect(files.json.name).toBe(`${fileSlug(run.workflowBefore.name)}-report-run-1-${day}.json`);
    expect(files.workflow.name).toBe(
      `${fileSlug(run.workflowBefore.name)}-optimized-run-1-${day}.workflow.json`,
    );
    const report = JSON.parse(files.json.text);
    expect(report.format).toBe('backflow.optimize-report');
    expect(report.resumes).toBe(2);
    expect(report.startedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(files.md.text).toMatch(/^# Optimization report/);
    const workflow = JSON.parse(files.workflow.text) as typeof run.workflowAfter;
    const sorted = run.workflowAfter.nodes.find((n) => n.id === 'sorted');
    const exported = workflow.nodes.find((n) => n.id === 'sorted');
    expect(exported?.kind === 'llm' && exported.systemPrompt).toBe(
      sorted?.kind === 'llm' && sorted.systemPrompt,
    );
  });

  it('never uses dangerouslySetInnerHTML in the run views', () => {
    const root = join(import.meta.dirname, '..');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
      (f) => /\.tsx?$/.test(f) && !f.endsWith('.test.tsx'),
    );
    expect(files.length).toBeGreaterThan(10);
    for (const f of files)
      expect(readFileSync(join(root, f), 'utf8'), f).not.toContain('dangerouslySetInnerHTML');
  });
});
