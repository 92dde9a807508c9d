import { sumCallRecords } from '@backflow/engine';
import { fixtureFiles } from '../test-support/fixture-files';
import { type RecordedRun, recordRun } from '../test-support/run-fixture';
import { nodeBackwardView } from './backward-view';
import { blameByIteration, blameSummary } from './blame';
import { indexCalls } from './calls';
import { metricSeries } from './metrics';
import { promptVersions, proposalsOf } from './prompt-versions';
import { runSummary } from './summary';

// diamond-words/broken-1: the "sorted" branch reverses instead of sorting; "merge" joins both
// branches, so semantic backprop's messages to one branch must carry the other branch's output.
const CULPRIT = 'sorted';
const settings = { iterations: 4, batchSize: 4, errorBatchSize: 2, seed: 1 };
let sembp: RecordedRun;
let gtbp: RecordedRun;

beforeAll(async () => {
  sembp = await recordRun(fixtureFiles('diamond-words'), { algorithm: 'sembp', ...settings });
  gtbp = await recordRun(fixtureFiles('diamond-words'), { algorithm: 'gtbp', ...settings });
});

describe('nodeBackwardView', () => {
  it('shows sembp gradients with their successor, the sibling outputs and the exact call', () => {
    const view = nodeBackwardView(sembp.events, sembp.calls, CULPRIT, 1);
    expect(view.reached).toBe(true);
    expect(view.examples.length).toBe(2);
    const calls = indexCalls(sembp.calls);
    for (const ex of view.examples) {
      expect(ex.output).toBeDefined();
      expect(Object.keys(ex.input)).toContain('sentence');
      expect(ex.received.length).toBeGreaterThan(0);
      const fromMerge = ex.received.find((s) => s.fromNodeId === 'merge');
      expect(fromMerge?.kind).toBe('gradient');
      // Conditioned on the sibling branch's actual output on this very example.
      const forward = sembp.events.find((e) => e.type === 'forwardDone' && e.iteration === 1);
      const trace =
        forward?.type === 'forwardDone'
          ? forward.traces.find((t) => t.exampleId === ex.exampleId)
          : undefined;
      expect(fromMerge?.siblingOutputs.reversed).toBe(trace?.nodes.reversed?.output);
      // The gradient's call is in the log, and its request shows the sibling's output verbatim.
      const record = calls.get(fromMerge?.callId ?? '');
      expect(record?.purpose).toBe('gradient');
      expect(record?.request.messages.map((m) => m.content).join('\n')).toContain(
        fromMerge?.siblingOutputs.reversed ?? '<missing>',
      );
      expect(ex.aggregated).toContain(fromMerge?.text.trim() ?? '<missing>');
      expect(calls.get(ex.forwardCallId ?? '')?.purpose).toBe('forward');
    }
  });

  it('sums the node step calls per example and in total', () => {
    const view = nodeBackwardView(sembp.events, sembp.calls, 'merge', 1);
    expect(view.callIds.length).toBeGreaterThan(0);
    expect(view.sums.calls).toBe(view.callIds.length);
    const perExample = view.examples.reduce((n, e) => n + e.sums.calls, 0);
    expect(perExample).toBe(view.sums.calls);
    expect(view.sums.costUsd).toBeGreaterThan(0);
  });

  it('shows GTBP targets that differ from the culprit output', () => {
    const view = nodeBackwardView(gtbp.events, gtbp.calls, CULPRIT, 1);
    expect(view.examples.some((e) => e.target !== undefined && e.target !== e.output)).toBe(true);
    expect(view.blame?.changed).toBeGreaterThan(0);
  });

  it('is not reached for an iteration or node the walk never got to', () => {
    const view = nodeBackwardView(sembp.events, sembp.calls, CULPRIT, 99);
    expect(view.reached).toBe(false);
    expect(view.examples).toEqual([]);
  });
});

describe('blame', () => {
  it.each(['sembp', 'gtbp'] as const)('%s: the culprit leads the first iteration', (name) => {
    const run = name === 'sembp' ? sembp : gtbp;
    const first = blameByIteration(run.events)[0];
    const shares = Object.values(first?.blame ?? {}).map((b) => b.blame);
    expect(first?.blame[CULPRIT]?.blame).toBe(Math.max(...shares));
    const summary = blameSummary(run.events);
    const row = summary.find((r) => r.nodeId === CULPRIT);
    expect(row?.first).toBe(first?.blame[CULPRIT]?.blame);
    expect(row?.timesHighest).toBeGreaterThanOrEqual(1);
  });
});

describe('promptVersions', () => {
  it('starts from the initial prompt and ends at the final one', () => {
    const versions = promptVersions(sembp.events, sembp.workflowBefore);
    const culprit = versions[CULPRIT] ?? [];
    const initial = sembp.workflowBefore.nodes.find((n) => n.id === CULPRIT);
    expect(culprit[0]).toMatchObject({ version: 0, source: 'initial' });
    expect(initial?.kind === 'llm' && initial.systemPrompt).toBe(culprit[0]?.prompt);
    expect(culprit.length).toBeGreaterThan(1);
    const final = sembp.workflowAfter.nodes.find((n) => n.id === CULPRIT);
    expect(final?.kind === 'llm' && final.systemPrompt).toBe(culprit.at(-1)?.prompt);
    // Every node's last version is the final workflow's prompt.
    for (const [nodeId, list] of Object.entries(versions)) {
      const node = sembp.workflowAfter.nodes.find((n) => n.id === nodeId);
      expect(node?.kind === 'llm' && node.systemPrompt).toBe(list.at(-1)?.prompt);
    }
  });

  it('records a person edit as an edited version, and the proposal with its verdict', async () => {
    const run = await recordRun(
      fixtureFiles('diamond-words'),
      { algorithm: 'gtbp', ...settings, iterations: 1, pauseForDecisions: true },
      {
        decide: (nodeId) =>
          nodeId === CULPRIT
            ? { action: 'edit', prompt: 'Sort the words alphabetically. Keep only the first 2 words.' }
            : { action: 'reject' },
      },
    );
    const proposals = proposalsOf(run.events, 1);
    const culprit = proposals.find((p) => p.nodeId === CULPRIT);
    expect(culprit?.decision?.action).toBe('edit');
    expect(culprit?.gate?.accepted).toBe(true);
    expect(culprit?.awaitingDecision).toBe(false);
    expect(promptVersions(run.events)[CULPRIT]?.at(-1)).toMatchObject({ source: 'edited', version: 1 });
  });

  it('marks proposals awaiting a decision', async () => {
    const run = await recordRun(fixtureFiles('diamond-words'), {
      algorithm: 'gtbp',
      ...settings,
      pauseForDecisions: true,
    });
    const last = run.events.at(-1);
    expect(last?.type).toBe('awaitingDecisions');
    const waiting = proposalsOf(run.events, 1).filter((p) => p.awaitingDecision);
    expect(waiting.map((p) => p.nodeId)).toEqual(last?.type === 'awaitingDecisions' ? last.nodeIds : []);
    expect(runSummary(run.events, run.calls).status).toBe('awaitingDecisions');
  });
});

describe('metricSeries and runSummary', () => {
  it('has one point per finished iteration with cumulative cost matching the call records', () => {
    const series = metricSeries(sembp.events, sembp.calls);
    const iterations = new Set(
      sembp.events.filter((e) => e.type === 'iterationDone').map((e) => e.iteration),
    );
    expect(series.points.length).toBe(iterations.size);
    expect(series.baselineValScore).toBeLessThan(1);
    for (let i = 1; i < series.points.length; i++) {
      expect(series.points[i]!.cumulativeCostUsd).toBeGreaterThanOrEqual(
        series.points[i - 1]!.cumulativeCostUsd,
      );
    }
    const last = series.points.at(-1);
    expect(last?.valScore).toBe(1);
    expect(last?.cumulativeCostUsd).toBeCloseTo(sumCallRecords(sembp.calls).costUsd, 10);
    const decided = series.points.reduce((n, p) => n + p.accepted + p.rejected, 0);
    expect(decided).toBeGreaterThan(0);
  });

  it('summarises a finished run', () => {
    const summary = runSummary(sembp.events, sembp.calls);
    expect(['completed', 'earlyStop']).toContain(summary.status);
    expect(summary.valScore).toBe(1);
    expect(summary.bestValScore).toBe(1);
    expect(summary.totals.calls).toBe(sembp.calls.length);
    expect(summary.records.calls).toBe(sembp.calls.length);
    const final = sembp.workflowAfter.nodes.find((n) => n.id === CULPRIT);
    expect(summary.prompts[CULPRIT]).toBe(final?.kind === 'llm' ? final.systemPrompt : undefined);
  });

  it('reports a budget stop with a message', async () => {
    const run = await recordRun(fixtureFiles('diamond-words'), {
      algorithm: 'sembp',
      ...settings,
      budget: { maxCalls: 30 },
    });
    const summary = runSummary(run.events, run.calls);
    expect(summary.status).toBe('budgetExhausted');
    expect(summary.budgetStop?.message).toMatch(/calls/);
    expect(summary.totals.calls).toBeLessThanOrEqual(30);
  });
});
