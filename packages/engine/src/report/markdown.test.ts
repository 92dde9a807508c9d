import { renderReportMarkdown } from './markdown';
import type { OptimizeReport } from './optimize-report';
import { expectInertMarkdown, HOSTILE_TEXT } from './test-support/inert-markdown';

function sampleReport(): OptimizeReport {
  return {
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
}

describe('report.md', () => {
  it('renders a Markdown report with the simulated banner and unified prompt diffs', () => {
    const report = sampleReport();
    const md = renderReportMarkdown(report);
    expect(md).toContain('**Simulated model (offline).**');
    expect(md).toContain('| 1 | 40.0% | 100.0% | `a` 1.00 | 1/1 | 10 | 100 | $0.0000 |');
    expect(md).toContain('```diff\n--- a (before)\n+++ a (after)\n');
    expect(md).toContain('-Add the numbers.\n+Extract every number.\n+Add the numbers up.');
    expect(md).toContain('- iteration 1, `b`: bad answer');
    expect(md.endsWith('```\n')).toBe(true);
    expect(md).not.toContain('Structured answers');
  });

  it("says how many input tokens came from the provider's prompt cache, only when some did", () => {
    const report = sampleReport();
    expect(renderReportMarkdown(report)).not.toContain('prompt cache');
    report.totals.cachedInputTokens = 64;
    expect(renderReportMarkdown(report)).toContain(
      "150 tokens (64 of 100 input tokens from the provider's prompt cache), $0.0000",
    );
  });

  it('says how structured answers read when the report counts them', () => {
    const report = sampleReport();
    report.totals.answers = { direct: 9, lenient: 2, repaired: 1, failed: 1 };
    expect(renderReportMarkdown(report)).toContain(
      '- Structured answers: 9 read as asked, 2 read leniently, 1 after a repair call, 1 failed\n',
    );
  });

  it("states the run's credit settings: the backward step (not for TextGrad) and the counterfactual check", () => {
    const settings = { backwardMode: 'faithful', counterfactual: 'off' };
    expect(renderReportMarkdown({ ...sampleReport(), settings })).toContain(
      '- Credit: backward step `faithful`, counterfactual check `off`\n',
    );
    const textgrad = {
      ...sampleReport(),
      algorithm: 'textgrad' as const,
      settings: { backwardMode: 'weighed' },
    };
    expect(renderReportMarkdown(textgrad)).toContain(
      '- Credit: counterfactual check `auto` (on when the simulator answers)\n',
    );
  });

  it('names the recipe, the ablations switched on and the held-out test score, only when there are some', () => {
    const plain = renderReportMarkdown(sampleReport());
    expect(plain).not.toContain('Recipe:');
    expect(plain).not.toContain('Ablations on');
    expect(plain).not.toContain('Test score');
    const report = {
      ...sampleReport(),
      recipe: 'sembp-liar',
      settings: { ablations: { sembpNoSiblings: true, gtbpNoBudget: false } },
      test: { file: 'liar/test.tsv', examples: 20, score: 0.75, passed: 15, simulated: true, perExample: [] },
    };
    const md = renderReportMarkdown(report);
    expect(md).toContain('- Recipe: `sembp-liar`');
    expect(md).toContain('- Ablations on: `sembpNoSiblings` (not the published method');
    expect(md).toContain('**75.0%** on 20 examples (`liar/test.tsv`)');
  });

  it('shows hostile text as text even in a viewer that renders raw HTML and any link', () => {
    const hostile = HOSTILE_TEXT;
    const report = sampleReport();
    report.workflow.name = `Flow ${hostile}`;
    report.models = { forward: `m\`<b>x</b>`, optimizer: hostile };
    const [first] = report.iterations;
    if (!first) throw new Error('no iteration');
    first.blame = { 'n|`<img src=x onerror=alert(7)>': 1 };
    first.updates = [
      {
        nodeId: hostile,
        accepted: false,
        before: 'a',
        after: `\`\`\`\n${hostile}`,
        diff: '',
        reason: hostile,
      },
    ];
    first.failedUpdates = [{ nodeId: '<b>x</b>', error: `Error: ${hostile}` }];
    report.final.prompts = { [hostile]: `\`\`\`\n${hostile}\n\`\`\`` };
    const md = renderReportMarkdown(report);
    const text = expectInertMarkdown(md);
    expect(text).toContain(`Optimization report: Flow ${hostile}`);
    expect(text).toContain(`Error: ${hostile}`);
    // A prompt that holds a fence stays inside its own, longer one.
    expect(md).toContain(`\`\`\`\`text\n\`\`\`\n${hostile}\n\`\`\`\n\`\`\`\``);
  });
});
