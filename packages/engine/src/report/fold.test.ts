import { defaultSettings } from '../optim/settings';
import type { SessionEvent } from '../protocol';
import { buildOptimizeReport } from './build';
import { emptyReportFold, foldReportEvent } from './fold';
import { renderReportMarkdown } from './markdown';

const base = { unitIndex: 0, iteration: 1 };
const totals = (calls: number, tokens = calls * 10, costUsd = calls / 100) => ({
  calls,
  inputTokens: tokens,
  outputTokens: 0,
  costUsd,
});

describe('the report fold', () => {
  it('turns one iteration of session events into an iteration report', () => {
    const state = emptyReportFold();
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
    for (const [event, calls] of events) foldReportEvent(state, event, totals(calls));
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

    foldReportEvent(
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
});

describe('buildOptimizeReport', () => {
  it('takes algorithm, seed and settings from the session settings, and diffs prompts from the start', () => {
    const fold = emptyReportFold();
    const settings = { ...defaultSettings('textgrad'), seed: 42 };
    foldReportEvent(
      fold,
      {
        type: 'budgetExhausted',
        ...base,
        budget: { maxCalls: 3 },
        totals: totals(3),
        nextUnit: 'gate',
        estimate: { calls: 2, tokens: 10, costUsd: 0 },
      },
      totals(3),
    );
    const report = buildOptimizeReport(fold, {
      simulated: false,
      models: { forward: 'm', optimizer: 'o' },
      workflow: { id: 'w', name: 'W', file: 'w.json' },
      data: { file: 'd', trainExamples: 9, valExamples: 3 },
      settings,
      initialPrompts: { a: 'old', b: 'same' },
      finalPrompts: { a: 'new', b: 'same' },
      totals: { ...totals(3), cachedCalls: 0, failedCalls: 0, tokens: 30, wallMs: 1 },
      resumes: 2,
      startedAt: 's',
      finishedAt: 'f',
    });
    expect(report).toMatchObject({
      algorithm: 'textgrad',
      seed: 42,
      resumes: 2,
      stopReason: 'budgetExhausted',
    });
    expect(report.settings).toEqual(settings);
    expect(report.budgetMessage).toContain('before "gate"');
    expect(report.promptChanges?.map((c) => [c.nodeId, c.diff === ''])).toEqual([
      ['a', false],
      ['b', true],
    ]);
    const md = renderReportMarkdown(report);
    expect(md).toContain('**Stopped by the budget.**');
    expect(md).toContain('resumed 2 time(s)');
    expect(md).toContain('_Unchanged._');
  });

  it('carries the recipe, the held-out test score, the ablations and the answer tally into report and Markdown', () => {
    const settings = {
      ...defaultSettings('sembp'),
      ablations: { ...defaultSettings('sembp').ablations, sembpNoSiblings: true },
    };
    const facts = {
      simulated: true,
      models: { forward: 'm', optimizer: 'o' },
      workflow: { id: 'w', name: 'W', file: 'w.json' },
      data: { file: 'd', trainExamples: 9, valExamples: 3 },
      settings,
      initialPrompts: { a: 'old' },
      finalPrompts: { a: 'new' },
      totals: {
        ...totals(3),
        cachedCalls: 0,
        failedCalls: 0,
        tokens: 30,
        wallMs: 1,
        answers: { direct: 4, lenient: 1, repaired: 0, failed: 0 },
      },
      resumes: 0,
      startedAt: 's',
      finishedAt: 'f',
    };
    const plain = buildOptimizeReport(emptyReportFold(), facts);
    expect('recipe' in plain).toBe(false);
    expect('test' in plain).toBe(false);
    const report = buildOptimizeReport(emptyReportFold(), {
      ...facts,
      recipe: 'sembp-liar',
      test: { file: 'liar/test.tsv', examples: 20, score: 0.75, passed: 15, simulated: true, perExample: [] },
    });
    expect(report.recipe).toBe('sembp-liar');
    expect(report.test).toMatchObject({ file: 'liar/test.tsv', score: 0.75 });
    // report.json keeps main's field order: final, recipe, test, totals.
    const keys = Object.keys(report);
    expect(keys.slice(keys.indexOf('final'), keys.indexOf('totals') + 1)).toEqual([
      'final',
      'recipe',
      'test',
      'totals',
    ]);
    const md = renderReportMarkdown(report);
    expect(md).toContain('- Recipe: `sembp-liar`');
    expect(md).toContain('- Ablations on: `sembpNoSiblings`');
    expect(md).toContain('**75.0%** on 20 examples (`liar/test.tsv`)');
    expect(md).toContain('- Structured answers: 4 read as asked, 1 read leniently');
  });

  it('records a rejection by a person as a rejected update that never reaches the gate', () => {
    const fold = emptyReportFold();
    const proposed = (nodeId: string): SessionEvent => ({
      type: 'updateProposed',
      ...base,
      nodeId,
      currentPrompt: `old ${nodeId}`,
      proposedPrompt: `new ${nodeId}`,
      templateIds: [],
      callIds: [],
    });
    foldReportEvent(fold, proposed('a'), totals(1));
    foldReportEvent(fold, proposed('b'), totals(2));
    foldReportEvent(
      fold,
      { type: 'updateDecided', ...base, nodeId: 'a', decision: { action: 'reject' } },
      totals(2),
    );
    const edit = { action: 'edit' as const, prompt: 'edited b' };
    foldReportEvent(fold, { type: 'updateDecided', ...base, nodeId: 'b', decision: edit }, totals(2));
    foldReportEvent(
      fold,
      {
        type: 'gateDecided',
        ...base,
        policy: 'none',
        scope: 'full',
        on: 'minibatch',
        nodeIds: ['a', 'b'],
        accepted: true,
        prompts: { b: 'edited b' },
      },
      totals(2),
    );
    expect(fold.current.updates.map((u) => [u.nodeId, u.accepted, u.after, u.reason])).toEqual([
      ['a', false, 'new a', 'rejected by a person'],
      ['b', true, 'edited b', 'no gate'],
    ]);
  });
});
