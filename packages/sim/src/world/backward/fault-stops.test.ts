/**
 * Where the backward explanation stops: the node at fault keeps it, nodes that do their role pass
 * it upstream and are not rewritten to absorb it, and reconciliation listens to change requests.
 */
import {
  gtbpInvertAnswerSchema,
  gtbpReconcileAnswerSchema,
  promptAnswerSchema,
  sembpGradientAnswerSchema,
  textgradGradientAnswerSchema,
} from '../../engine';
import { firstFailure, loadBrokenRuns } from '../../test-support/broken-runs';
import {
  ask,
  expectedMessage,
  gtbpInvertTask,
  sembpGradientTask,
  sembpUpdateTask,
  taskNode,
  textgradGradientTask,
} from '../../test-support/tasks';
import { createSimulatedModel } from '../sim-model';

const model = createSimulatedModel();

describe('reconciliation of several successors', () => {
  const node = { id: 'clean', kind: 'llm' as const, role: '', instruction: '', userTemplate: '{{x}}' };
  const reconcile = (output: string, targets: string[]) =>
    ask(
      model,
      {
        task: 'gtbp.reconcile',
        node,
        example: { id: 'e', inputs: {} },
        output,
        candidates: targets.map((target, i) => ({ from: `s${i}`, target })),
      },
      gtbpReconcileAnswerSchema,
    );

  it('takes the change a successor asks for over successors that accept the output', async () => {
    expect((await reconcile('THE FOOD', ['THE FOOD', 'THE FOOD', 'the food'])).target).toBe('the food');
  });

  it('keeps the output when no successor asks for a change', async () => {
    expect((await reconcile('q', ['q', ' q '])).target).toBe('q');
  });
});

describe('a node whose input does its role', () => {
  it('keeps the fault when its prompt departs from its role, even towards an inexact target', async () => {
    // chain6-scores/broken-1: "double" adds 2; downstream "take the maximum" loses the other numbers,
    // so the target that reaches "double" is a bare number no prompt of it can reproduce.
    const { workflow, train, runs, refs, culprit } = await loadBrokenRuns(
      model,
      'chain6-scores',
      'broken-1.workflow.json',
    );
    expect(culprit).toBe('double');
    const { run, ref, example } = firstFailure(runs, refs, train, 'double');
    const target = ref.nodes.best?.output ?? '';
    const gradient = await ask(
      model,
      sembpGradientTask(workflow, run, example, 'double', [expectedMessage('bonus', target)]),
      sembpGradientAnswerSchema,
    );
    expect(gradient.inputs.extract?.change).toBe(false);
    expect(gradient.inputs.extract?.message).toMatch(/own instruction/);
    const inverted = await ask(
      model,
      gtbpInvertTask(workflow, run, example, 'double', target),
      gtbpInvertAnswerSchema,
    );
    expect(run.nodes.double?.inputs.values).toBeTruthy();
    expect(inverted.targets).toEqual({ extract: run.nodes.double?.inputs.values });
  });
});

describe('module inversion keeps the form of the actual input', () => {
  it("retargets a numbers-only input with the upstream role's numbers, not the example's prose", async () => {
    const { workflow, train, runs, refs } = await loadBrokenRuns(
      model,
      'chain4-temperature',
      'broken-1.workflow.json',
    );
    const { run, ref, example } = firstFailure(runs, refs, train, 'peak');
    const inverted = await ask(
      model,
      gtbpInvertTask(workflow, run, example, 'peak', ref.nodes.peak?.output ?? ''),
      gtbpInvertAnswerSchema,
    );
    expect(inverted.targets.convert).toBe(ref.nodes.convert?.output);
  });
});

describe('updates do not absorb an upstream fault', () => {
  it('leave a prompt that does exactly its role alone and repair the culprit', async () => {
    const { workflow, runs, refs, culprit } = await loadBrokenRuns(
      model,
      'chain6-scores',
      'broken-2.workflow.json',
    );
    expect(culprit).toBe('bonus');
    const update = (nodeId: string) =>
      ask(
        model,
        sembpUpdateTask(
          workflow,
          nodeId,
          runs.slice(0, 3).map((run, i) => ({
            run,
            messages: [expectedMessage('next', refs[i]?.nodes[nodeId]?.output ?? '')],
          })),
        ),
        promptAnswerSchema,
      );
    expect((await update('best')).prompt).toBe(taskNode(workflow, 'best').instruction);
    expect((await update('bonus')).prompt).not.toBe(taskNode(workflow, 'bonus').instruction);
  });
});

describe("TextGrad's update from hedged per-edge gradients", () => {
  it('has no value to search with; only the branch that departs from its role changes', async () => {
    const { workflow, train, runs, refs, culprit } = await loadBrokenRuns(
      model,
      'fanin3-sum',
      'broken-2.workflow.json',
    );
    const { run, ref, example } = firstFailure(runs, refs, train, 'sum');
    const loss = [expectedMessage('loss', ref.nodes.sum?.output ?? '')];
    const inputIds = workflow.edges.filter((e) => e.target === 'sum').map((e) => e.source);
    expect(inputIds).toContain(culprit);
    for (const id of inputIds) {
      const gradient = await ask(
        model,
        textgradGradientTask(workflow, run, 'sum', id, loss),
        textgradGradientAnswerSchema,
      );
      expect(gradient.change).toBe(true);
      expect(gradient.suggestedValue).toBeUndefined();
      const update = await ask(
        model,
        {
          task: 'textgrad.update',
          node: taskNode(workflow, id),
          gradients: [
            {
              exampleId: example.id,
              input: run.nodes[id]?.rendered ?? '',
              output: run.nodes[id]?.output ?? '',
              feedback: [{ from: 'sum', text: gradient.criticism }],
            },
          ],
        },
        promptAnswerSchema,
      );
      const before = taskNode(workflow, id).instruction;
      if (id === culprit) expect(update.prompt).not.toBe(before);
      else expect(update.prompt).toBe(before);
    }
  });
});
