import { applyClaimEdits, joinClaims } from '@backflow/engine';
import {
  gtbpEditAnswerSchema,
  gtbpInvertAnswerSchema,
  gtbpReconcileAnswerSchema,
  judgeAnswerSchema,
  promptAnswerSchema,
  sembpCritiqueAnswerSchema,
  sembpGradientAnswerSchema,
  textgradGradientAnswerSchema,
  textgradLossAnswerSchema,
} from '../../engine';
import { firstFailure, loadBrokenRuns } from '../../test-support/broken-runs';
import type { WorkflowRun } from '../../test-support/run-workflow';
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
const load = (name: string, file?: string) => loadBrokenRuns(model, name, file);

describe('gradients on a fan-in of three with an upstream culprit', () => {
  it('semantic backprop names the culprit; TextGrad, seeing one input, hedges on every input', async () => {
    const { workflow, train, runs, refs, culprit } = await load('fanin3-sum', 'broken-2.workflow.json');
    const { run, ref, example } = firstFailure(runs, refs, train, 'sum');
    const desired = ref.nodes.sum?.output ?? '';
    const messages = [expectedMessage('loss', desired)];
    const joint = await ask(
      model,
      sembpGradientTask(workflow, run, example, 'sum', messages),
      sembpGradientAnswerSchema,
    );
    expect(
      Object.entries(joint.inputs)
        .filter(([, v]) => v.change)
        .map(([id]) => id),
    ).toEqual([culprit]);
    expect(joint.inputs[culprit]?.suggestedValue).toBe(ref.nodes[culprit]?.output);

    const perEdge = [];
    for (const inputId of ['boxes', 'crates', 'words']) {
      perEdge.push(
        await ask(
          model,
          textgradGradientTask(workflow, run, 'sum', inputId, messages),
          textgradGradientAnswerSchema,
        ),
      );
    }
    expect(perEdge.every((g) => g.change)).toBe(true);
    expect(perEdge.every((g) => g.suggestedValue === undefined)).toBe(true);
  });

  it('the comment variant blames the same input with a comment only, naming no other input', async () => {
    const { workflow, train, runs, refs, culprit } = await load('fanin3-sum', 'broken-2.workflow.json');
    const { run, ref, example } = firstFailure(runs, refs, train, 'sum');
    const task = sembpGradientTask(
      workflow,
      run,
      example,
      'sum',
      [expectedMessage('loss', ref.nodes.sum?.output ?? '')],
      'comment',
    );
    const answer = await ask(model, task, sembpGradientAnswerSchema);
    const verdict = answer.inputs[culprit];
    expect(verdict?.change).toBe(true);
    expect(verdict?.suggestedValue).toBeUndefined();
    for (const other of task.inputs.filter((i) => i.id !== culprit)) {
      expect(verdict?.message).not.toContain(other.id);
      expect(verdict?.message).not.toContain(other.value);
    }
  });
});

describe('when the node itself is at fault', () => {
  it('semantic backprop keeps every input and GTBP targets equal the actual inputs', async () => {
    const { workflow, train, runs, refs, culprit } = await load('diamond-spread', 'broken-3.workflow.json');
    expect(culprit).toBe('spread');
    const { run, example } = firstFailure(runs, refs, train, 'spread');
    const target = example.target;
    const gradient = await ask(
      model,
      sembpGradientTask(workflow, run, example, 'spread', [expectedMessage('loss', target)]),
      sembpGradientAnswerSchema,
    );
    expect(Object.values(gradient.inputs).every((v) => !v.change)).toBe(true);
    expect(gradient.inputs.high?.message).toMatch(/own instruction/);
    const inverted = await ask(
      model,
      gtbpInvertTask(workflow, run, example, 'spread', target),
      gtbpInvertAnswerSchema,
    );
    expect(inverted.targets).toEqual({
      high: run.nodes.spread?.inputs.high,
      low: run.nodes.spread?.inputs.low,
    });
  });
});

describe('prompt updates', () => {
  async function updateFor(name: string, file: string) {
    const { workflow, train, runs, culprit } = await load(name, file);
    const batch = runs.slice(0, 3).map((run, i) => ({
      run,
      messages: [expectedMessage('loss', train[i]?.target ?? '')],
    }));
    return {
      workflow,
      culprit,
      answer: await ask(model, sembpUpdateTask(workflow, culprit, batch), promptAnswerSchema),
    };
  }

  it('keep the unchanged sentences verbatim and never say "feedback"', async () => {
    const { workflow, culprit, answer } = await updateFor('chain3-receipt', 'broken-2.workflow.json');
    const before = taskNode(workflow, culprit).instruction;
    expect(answer.prompt.startsWith(before)).toBe(true);
    expect(answer.prompt).toContain("'Total:'");
    expect(answer.prompt).not.toMatch(/feedback/i);
  });

  it('return the prompt unchanged when the messages say nothing usable', async () => {
    const { workflow, runs } = await load('chain3-receipt');
    const task = sembpUpdateTask(workflow, 'total', [{ run: runs[0] as WorkflowRun, messages: [] }]);
    const answer = await ask(model, task, promptAnswerSchema);
    expect(answer.prompt).toBe(taskNode(workflow, 'total').instruction);
    expect(answer.reasoning).toMatch(/keep the prompt/);
  });

  it('critique names the missing step, and an update from the critique alone applies it', async () => {
    const { workflow, runs, train } = await load('chain3-receipt', 'broken-2.workflow.json');
    const update = sembpUpdateTask(workflow, 'label', [
      { run: runs[0] as WorkflowRun, messages: [expectedMessage('loss', train[0]?.target ?? '')] },
    ]);
    const critique = await ask(model, { ...update, task: 'sembp.critique' }, sembpCritiqueAnswerSchema);
    expect(critique.cons.join(' ')).toContain(`add the step "prefix the answer with 'Total:'"`);
    const viaCritique = await ask(model, { ...update, examples: [], critique }, promptAnswerSchema);
    expect(viaCritique.prompt).toBe("Prefix the answer with 'Total:'.");
  });

  it("TextGrad's gradient on the prompt criticises the instruction only when it is at fault", async () => {
    const own = await load('diamond-spread', 'broken-3.workflow.json');
    const { run, example } = firstFailure(own.runs, own.refs, own.train, 'spread');
    const prompt = {
      ...textgradGradientTask(own.workflow, run, 'spread', 'high', [expectedMessage('loss', example.target)]),
    };
    const onPrompt = await ask(
      model,
      { ...prompt, variable: 'prompt', input: { ...prompt.input, id: 'spread' } },
      textgradGradientAnswerSchema,
    );
    expect(onPrompt.change).toBe(true);
    expect(onPrompt.criticism).toMatch(/should add the step "subtract/);

    const upstream = await load('diamond-spread', 'broken-1.workflow.json');
    const failing = firstFailure(upstream.runs, upstream.refs, upstream.train, 'spread');
    const task = textgradGradientTask(upstream.workflow, failing.run, 'spread', 'high', [
      expectedMessage('loss', failing.example.target),
    ]);
    const notPrompt = await ask(model, { ...task, variable: 'prompt' }, textgradGradientAnswerSchema);
    expect(notPrompt.change).toBe(false);
  });
});

describe('GTBP claim edits respect the budget', () => {
  const node = {
    id: 'n',
    kind: 'llm' as const,
    role: 'Picks words: sort the words alphabetically, then keep only the first 2 words.',
    instruction: '',
    userTemplate: '{{text}}',
  };
  const moduleSet = ['d c b a', 'z y x'].map((input, i) => ({
    exampleId: `e${i}`,
    input,
    output: '',
    target: input.split(' ').sort().slice(0, 2).join(' '),
  }));
  const claims = [
    { id: 'c1', text: 'Keep only the first 2 words.' },
    { id: 'c2', text: 'Sort the words alphabetically.' },
  ];
  const edit = (maxEdits: number, mayAdd: boolean) =>
    ask(
      model,
      { task: 'gtbp.edit', node, claims, moduleSet, budget: { maxEdits, mayAdd } },
      gtbpEditAnswerSchema,
    );

  it('swaps two claims only when two edits are allowed', async () => {
    expect((await edit(2, false)).edits).toEqual([
      { action: 'replace', claimId: 'c1', text: 'Sort the words alphabetically.' },
      { action: 'replace', claimId: 'c2', text: 'Keep only the first 2 words.' },
    ]);
    const tight = await edit(1, false);
    expect(tight.edits.filter((e) => e.action !== 'add').length).toBeLessThanOrEqual(1);
    expect((await edit(0, false)).edits).toEqual([]);
  });

  it('adds a missing last claim when adding is allowed', async () => {
    const only = [{ id: 'c1', text: 'Sort the words alphabetically.' }];
    const budget = { maxEdits: 0, mayAdd: true };
    const answer = await ask(
      model,
      { task: 'gtbp.edit', node, claims: only, moduleSet, budget },
      gtbpEditAnswerSchema,
    );
    expect(answer.edits).toEqual([
      { action: 'add', text: 'Keep only the first 2 words.', afterClaimId: 'c1' },
    ]);
    const applied = applyClaimEdits(only, answer.edits, budget);
    expect(joinClaims(applied.claims)).toBe('Sort the words alphabetically.\nKeep only the first 2 words.');
  });

  it('writes a missing first claim into the next claim (the engine appends bare adds at the end)', async () => {
    const only = [{ id: 'c1', text: 'Keep only the first 2 words.' }];
    const run = (maxEdits: number) =>
      ask(
        model,
        { task: 'gtbp.edit', node, claims: only, moduleSet, budget: { maxEdits, mayAdd: true } },
        gtbpEditAnswerSchema,
      );
    expect((await run(0)).edits).toEqual([]);
    const answer = await run(1);
    const applied = applyClaimEdits(only, answer.edits, { maxEdits: 1, mayAdd: true });
    expect(joinClaims(applied.claims)).toBe('Sort the words alphabetically. Keep only the first 2 words.');
  });
});

describe('loss, judge and reconciliation', () => {
  const node = { id: 'out', kind: 'llm' as const, role: '', instruction: '', userTemplate: '{{x}}' };

  it('TextGrad loss feedback names the missing step and the target', async () => {
    const answer = await ask(
      model,
      {
        task: 'textgrad.loss',
        node,
        example: { id: 'e', inputs: {} },
        output: 'hello',
        target: 'HELLO',
        score: 0,
        lossFeedback: '',
      },
      textgradLossAnswerSchema,
    );
    expect(answer.suggestedValue).toBe('HELLO');
    expect(answer.feedback).toMatch(/still needs: convert to upper case/);
  });

  it('judge gives 1 on a normalised match and partial credit by overlap', async () => {
    const full = await ask(
      model,
      { task: 'judge', rubric: 'r', input: '', output: ' Paris  ', target: 'paris' },
      judgeAnswerSchema,
    );
    expect(full.score).toBe(1);
    const part = await ask(
      model,
      { task: 'judge', rubric: 'r', input: '', output: 'a b c d', target: 'a b x y' },
      judgeAnswerSchema,
    );
    expect(part.score).toBe(0.5);
  });

  it('reconciliation takes the majority target', async () => {
    const candidates = [
      { from: 'a', target: 'x y' },
      { from: 'b', target: 'x z' },
      { from: 'c', target: 'x y' },
    ];
    const answer = await ask(
      model,
      { task: 'gtbp.reconcile', node, example: { id: 'e', inputs: {} }, output: 'q', candidates },
      gtbpReconcileAnswerSchema,
    );
    expect(answer.target).toBe('x y');
  });
});

describe('optimizer noise', () => {
  it('replaces answers with wrong but well-formed ones at the configured rate', async () => {
    const { workflow, train, runs, refs } = await load('fanin3-sum', 'broken-2.workflow.json');
    const noisy = createSimulatedModel({ optimizerErrorRate: 1 });
    const { run, ref, example } = firstFailure(runs, refs, train, 'sum');
    const task = sembpGradientTask(workflow, run, example, 'sum', [
      expectedMessage('loss', ref.nodes.sum?.output ?? ''),
    ]);
    const clean = await ask(model, task, sembpGradientAnswerSchema);
    const wrong = await ask(noisy, task, sembpGradientAnswerSchema);
    expect(wrong).not.toEqual(clean);
  });

  it('answers an unreadable task in prose instead of failing', async () => {
    const res = await model.complete({
      messages: [{ role: 'user', content: '```json\n{"task": "sembp.gradient", "variant": 3}\n```' }],
    });
    expect(res.text).toMatch(/cannot read the task/);
  });
});

describe('optimizer noise rate', () => {
  it('is roughly honoured and the same request always gets the same answer', async () => {
    const clean = createSimulatedModel({ seed: 5 });
    const noisy = createSimulatedModel({ seed: 5, optimizerErrorRate: 0.3 });
    let changed = 0;
    const n = 300;
    for (let i = 0; i < n; i++) {
      const task = {
        task: 'judge' as const,
        rubric: 'r',
        input: '',
        output: `answer ${i}`,
        target: `answer ${i % 7}`,
      };
      const a = await ask(noisy, task, judgeAnswerSchema);
      expect(await ask(noisy, task, judgeAnswerSchema)).toEqual(a);
      if (JSON.stringify(a) !== JSON.stringify(await ask(clean, task, judgeAnswerSchema))) changed++;
    }
    expect(changed / n).toBeGreaterThan(0.2);
    expect(changed / n).toBeLessThan(0.4);
  });
});
