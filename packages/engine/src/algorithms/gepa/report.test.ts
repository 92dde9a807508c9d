import { referenceRun } from '../../optim/test-support/replay';
import { chainExamples, chainWorkflow } from '../../optim/test-support/world';
import { foldReport } from '../../report/fold';
import { renderReportMarkdown } from '../../report/markdown';
import type { OptimizeReport } from '../../report/optimize-report';
import { expectInertMarkdown } from '../../report/test-support/inert-markdown';

const ZERO = { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };

async function gepaRun() {
  return referenceRun({
    workflow: chainWorkflow({ a: 'Reverse the words.', b: 'Question mark.' }),
    train: chainExamples(6),
    val: chainExamples(3, 'val'),
    settings: { algorithm: 'gepa', iterations: 4, batchSize: 2, earlyStop: false, seed: 7 },
  });
}

describe('the report of a GEPA run', () => {
  it('folds the pool, its frontier and the best candidate, and every reflection as an update', async () => {
    const run = await gepaRun();
    const fold = foldReport(run.events, () => ZERO);
    expect(fold.gepa).toMatchObject({ paretoExamples: 3, frontier: [2], best: 2 });
    expect(fold.gepa?.candidates.map((c) => [c.id, c.origin, c.parents, c.valScore])).toEqual([
      [0, 'seed', [], 0],
      [1, 'reflection', [0], 0.5],
      [2, 'reflection', [1], 1],
    ]);
    expect(fold.initialValScore).toBe(0);
    expect(fold.finalValScore).toBe(1);
    const updates = fold.iterations.flatMap((it) => it.updates.map((u) => [it.index, u.nodeId, u.accepted]));
    expect(updates).toEqual([
      [1, 'a', false],
      [2, 'b', true],
      [3, 'a', true],
    ]);
    expect(fold.iterations[1]?.updates[0]?.reason).toBe('strict gate on the minibatch: 0.000 -> 0.500');
    expect(fold.finalPrompts).toEqual(run.prompts);
  });

  it('renders the candidates as a table in report.md', async () => {
    const run = await gepaRun();
    const fold = foldReport(run.events, () => ZERO);
    const report = {
      format: 'backflow.optimize-report',
      version: 1,
      simulated: true,
      models: { forward: 'sim', optimizer: 'sim' },
      workflow: { id: 'chain', name: 'chain', file: 'chain.json' },
      data: { file: 'train.jsonl', trainExamples: 6, valExamples: 3 },
      algorithm: 'gepa',
      seed: 7,
      settings: {},
      stopReason: 'completed',
      initial: { valScore: 0, calls: 0, tokens: 0, costUsd: 0 },
      iterations: fold.iterations,
      final: { valScore: 1, prompts: run.prompts },
      totals: {
        calls: 0,
        cachedCalls: 0,
        failedCalls: 0,
        tokens: 0,
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
        wallMs: 0,
      },
      resumes: 0,
      startedAt: '2026-12-07T00:00:00.000Z',
      finishedAt: '2026-12-07T00:00:01.000Z',
      ...(fold.gepa ? { gepa: fold.gepa } : {}),
    } satisfies OptimizeReport;
    const md = renderReportMarkdown(report);
    expectInertMarkdown(md);
    expect(md).toContain('## GEPA candidates');
    expect(md).toContain('| #2 | `reflection` | #1 | 3 | 100.0% | yes | best |');
    expect(md).toContain('| #0 | `seed` | - | 0 | 0.0% |  |  |');
  });
});
