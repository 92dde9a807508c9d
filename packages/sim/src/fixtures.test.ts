import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyClaimEdits, joinClaims, splitClaims } from '@backflow/engine';
import { gtbpEditAnswerSchema, promptAnswerSchema } from './engine';
import { sembpWalk } from './test-support/backward-walk';
import { checkBrokenVariant, llmSuccessors } from './test-support/culprit-check';
import { parseExamples, parseWorkflow } from './test-support/fixture-files';
import { gtbpWalk } from './test-support/gtbp-walk';
import { scoreWorkflow, type WorkflowRun } from './test-support/run-workflow';
import { ask, sembpUpdateTask, taskNode, withPrompt } from './test-support/tasks';
import { createSimulatedModel } from './world/sim-model';

const ROOT = join(import.meta.dirname, '..', 'fixtures');
const names = readdirSync(ROOT).sort();
const read = (name: string, file: string) => readFileSync(join(ROOT, name, file), 'utf8');

describe('fault-injection fixtures', () => {
  it('cover at least eight workflows on the required shapes', () => {
    expect(names.length).toBeGreaterThanOrEqual(8);
    for (const shape of ['chain3', 'chain6', 'diamond', 'fanin3', 'two-outputs']) {
      expect(names.some((n) => n.startsWith(shape))).toBe(true);
    }
  });

  describe.each(names)('%s', (name) => {
    const workflow = parseWorkflow(read(name, 'workflow.json'));
    const train = parseExamples(read(name, 'train.jsonl'));
    const val = parseExamples(read(name, 'val.jsonl'));
    const culprits = JSON.parse(read(name, 'culprits.json')) as Record<string, string>;

    it('has enough data, broken variants, and scores 100% when correct', async () => {
      expect(train.length).toBeGreaterThanOrEqual(20);
      expect(val.length).toBeGreaterThanOrEqual(10);
      expect(Object.keys(culprits).length).toBeGreaterThanOrEqual(1);
      const model = createSimulatedModel();
      expect((await scoreWorkflow(workflow, train, model)).score).toBe(1);
      expect((await scoreWorkflow(workflow, val, model)).score).toBe(1);
    });

    it.each(Object.entries(culprits))(
      '%s: scores lower, culprit is named and repaired',
      async (file, culprit) => {
        const broken = parseWorkflow(read(name, file));
        const report = await checkBrokenVariant(
          workflow,
          broken,
          culprit,
          { train, val },
          createSimulatedModel(),
        );
        expect(report.scores.train).toBeLessThanOrEqual(0.6);
        expect(report.scores.val).toBeLessThan(1);
        if (llmSuccessors(broken, culprit).length > 0) expect(report.checks.length).toBeGreaterThan(0);
        for (const check of report.checks) {
          // Semantic backprop with sibling outputs blames the culprit alone...
          expect(check.blamed).toEqual([culprit]);
          // ...and GTBP's inversion leaves every other input's target equal to its value.
          expect(check.retargeted).toEqual([culprit]);
        }
        expect(report.repairedPrompt).not.toMatch(/feedback/i);
        expect(report.repairedScores).toEqual({ train: 1, val: 1 });
      },
    );

    it.each(
      Object.entries(culprits).flatMap(([file, culprit]) =>
        (['target', 'comment'] as const).map((variant) => [file, variant, culprit] as const),
      ),
    )(
      '%s: a full backward walk (%s variant) from the outputs reaches and repairs the culprit',
      async (file, variant, culprit) => {
        const broken = parseWorkflow(read(name, file));
        const model = createSimulatedModel();
        const { runs } = await scoreWorkflow(broken, train, model);
        const inbox = await sembpWalk(broken, train, runs, model, variant);
        const received = [...(inbox.get(culprit) ?? new Map()).entries()];
        expect(received.length).toBeGreaterThan(0);
        // An error batch of three, as the semantic-backprop reference uses b = 2..3.
        const batch = received
          .slice(0, 3)
          .map(([i, messages]) => ({ run: runs[i] as WorkflowRun, messages }));
        const update = await ask(model, sembpUpdateTask(broken, culprit, batch), promptAnswerSchema);
        const repaired = withPrompt(broken, culprit, update.prompt);
        expect((await scoreWorkflow(repaired, train, model)).score).toBe(1);
        expect((await scoreWorkflow(repaired, val, model)).score).toBe(1);
      },
    );

    it.each(Object.entries(culprits))(
      '%s: a GTBP target walk and a budgeted claim edit repair the culprit',
      async (file, culprit) => {
        const broken = parseWorkflow(read(name, file));
        const model = createSimulatedModel();
        const { runs } = await scoreWorkflow(broken, train, model);
        const targets = await gtbpWalk(broken, train, runs, model);
        const differing = [...(targets.get(culprit) ?? new Map<number, string>()).entries()].filter(
          ([i, target]) => runs[i]?.nodes[culprit]?.output.trim() !== target.trim(),
        );
        expect(differing.length).toBeGreaterThan(0);
        const moduleSet = differing.slice(0, 3).map(([i, target]) => ({
          exampleId: train[i]?.id ?? '',
          input: runs[i]?.nodes[culprit]?.rendered ?? '',
          output: runs[i]?.nodes[culprit]?.output ?? '',
          target,
        }));
        const node = taskNode(broken, culprit);
        const claims = splitClaims(node.instruction);
        const budget = { maxEdits: 2, mayAdd: true };
        const answer = await ask(
          model,
          { task: 'gtbp.edit', node, claims, moduleSet, budget },
          gtbpEditAnswerSchema,
        );
        const applied = applyClaimEdits(claims, answer.edits, budget);
        expect(applied.dropped).toEqual([]);
        const repaired = withPrompt(broken, culprit, joinClaims(applied.claims));
        expect((await scoreWorkflow(repaired, train, model)).score).toBe(1);
        expect((await scoreWorkflow(repaired, val, model)).score).toBe(1);
      },
    );
  });
});
