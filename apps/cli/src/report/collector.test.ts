import type { OptimizeReport } from '@backflow/engine';
import type { SessionEvent } from '@backflow/engine/protocol.ts';
import { collectEvent, emptyCollector } from './collector';
import { renderReportMarkdown } from './report-md';

const base = { unitIndex: 0, iteration: 1 };
const totals = (calls: number, tokens = calls * 10, costUsd = calls / 100) => ({
  calls,
  inputTokens: tokens,
  outputTokens: 0,
  costUsd,
});

describe('report collector', () => {
  it('turns one iteration of session events into an iteration report', () => {
    const state = emptyCollector();
    const events: [SessionEvent, number][] = [
      [{ type: 'validationScored', ...base, iteration: 0, reason: 'baseline', score: 0.25, scores: [] }, 12],
      [
        {
          type: 'blameComputed',
          ...base,
          blame: {
            a: { blame: 0.5, changed: 1, total: 2, own: 1 },
            b: { blame: 0, changed: 0, total: 2, own: 0 },
          },
        },
        20,
      ],
      [
        {
          type: 'updateProposed',
          ...base,
          nodeId: 'a',
          currentPrompt: 'old a',
          proposedPrompt: 'new a',
          templateIds: [],
          callIds: [],
        },
        22,
      ],
      [
        {
          type: 'updateProposed',
          ...base,
          nodeId: 'b',
          currentPrompt: 'old b',
          proposedPrompt: 'new b',
          templateIds: [],
          callIds: [],
        },
        24,
      ],
      [{ type: 'updateFailed', ...base, nodeId: 'c', error: 'no json block', callIds: [] }, 25],
      [
        {
          type: 'gateDecided',
          ...base,
          policy: 'strict',
          scope: 'perNode',
          on: 'minibatch',
          nodeIds: ['a'],
          before: 0.5,
          after: 1,
          accepted: true,
          prompts: { a: 'new a' },
        },
        30,
      ],
      [
        {
          type: 'gateDecided',
          ...base,
          policy: 'strict',
          scope: 'perNode',
          on: 'minibatch',
          nodeIds: ['b'],
          before: 1,
          after: 1,
          accepted: false,
          prompts: { b: 'old b' },
        },
        36,
      ],
      [
        {
          type: 'iterationDone',
          ...base,
          trainScore: 0.5,
          valScore: 0.75,
          acceptedNodes: ['a'],
          prompts: { a: 'new a', b: 'old b' },
          totals: totals(0),
        },
        40,
      ],
    ];
    for (const [event, calls] of events) collectEvent(state, event, totals(calls));
    expect(state.initialValScore).toBe(0.25);
    expect(state.baselineTotals.calls).toBe(12);
    expect(state.iterations).toHaveLength(1);
    const it = state.iterations[0]!;
    expect(it).toMatchObject({
      index: 1,
      trainScore: 0.5,
      valScore: 0.75,
      blame: { a: 0.5, b: 0 },
      calls: 28,
    });
    expect(it.tokens).toBe(280);
    expect(it.costUsd).toBeCloseTo(0.28);
    expect(it.updates.map((u) => [u.nodeId, u.accepted, u.before, u.after])).toEqual([
      ['a', true, 'old a', 'new a'],
      ['b', false, 'old b', 'new b'],
    ]);
    expect(it.updates[0]?.reason).toBe('strict gate on the minibatch: 0.500 -> 1.000');
    expect(it.updates[0]?.diff).toContain('-old a\n+new a');
    expect(it.failedUpdates).toEqual([{ nodeId: 'c', error: 'no json block' }]);
    expect(state.finalValScore).toBe(0.75);
    expect(state.current.updates).toEqual([]);

    collectEvent(
      state,
      {
        type: 'runDone',
        ...base,
        reason: 'earlyStop',
        prompts: { a: 'new a', b: 'old b' },
        totals: totals(40),
      },
      totals(40),
    );
    expect(state.stopReason).toBe('earlyStop');
  });

  it('renders a Markdown report with the simulated banner and unified prompt diffs', () => {
    const report: OptimizeReport = {
      format: 'backflow.optimize-report',
      version: 1,
      simulated: true,
      models: { forward: 'Simulated model (offline)', optimizer: 'Simulated model (offline)' },
      workflow: { id: 'w', name: 'Workflow', file: 'w.json' },
      data: { file: 'train.jsonl', trainExamples: 10, valExamples: 5 },
      algorithm: 'gtbp',
      seed: 1,
      settings: {},
      stopReason: 'completed',
      initial: { valScore: 0.2, calls: 5, tokens: 50, costUsd: 0 },
      iterations: [
        {
          index: 1,
          trainScore: 0.4,
          valScore: 1,
          blame: { a: 1 },
          updates: [
            {
              nodeId: 'a',
              accepted: true,
              before: 'Add the numbers.',
              after: 'Extract every number.\nAdd the numbers up.',
              diff: '',
            },
          ],
          failedUpdates: [{ nodeId: 'b', error: 'bad\nanswer' }],
          calls: 10,
          tokens: 100,
          costUsd: 0,
        },
      ],
      final: { valScore: 1, prompts: { a: 'Extract every number.\nAdd the numbers up.' } },
      totals: {
        calls: 15,
        cachedCalls: 0,
        failedCalls: 0,
        tokens: 150,
        inputTokens: 100,
        outputTokens: 50,
        costUsd: 0,
        wallMs: 1200,
      },
      resumes: 0,
      startedAt: 'x',
      finishedAt: 'y',
    };
    const md = renderReportMarkdown(report);
    expect(md).toContain('**Simulated model (offline).**');
    expect(md).toContain('| 1 | 40.0% | 100.0% | a 1.00 | 1/1 | 10 | 100 | $0.0000 |');
    expect(md).toContain('```diff\n--- a (before)\n+++ a (after)\n');
    expect(md).toContain('-Add the numbers.\n+Extract every number.\n+Add the numbers up.');
    expect(md).toContain('- iteration 1, `b`: bad answer');
    expect(md.endsWith('```\n')).toBe(true);
  });
});
