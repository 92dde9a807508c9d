import type { RunContext } from '../context';
import type { Example } from '../datasets/types';
import { runForward } from '../forward/run';
import { echoModel, fakeModel, lastUser, upperModel } from '../forward/test-support/fake-models';
import { edge, inputNode, llmNode, outputNode, workflow } from '../forward/test-support/workflows';
import type { LossSpec } from '../graph/loss-spec';
import { toJsonBlock } from '../prompts/json-block';
import type { ChatModel } from '../providers/types';
import { evaluateLoss } from './evaluate';
import { expectedValue, formatExampleInput, scoreBatch, scoreExample } from './score';

const ctxWith = (forwardModel: ChatModel, optimizerModel: ChatModel = echoModel()): RunContext => ({
  forwardModel,
  optimizerModel,
});

/** in -> a -> out (target), in -> b -> out2 (targets.shout). */
const twoOutputs = (loss?: LossSpec) =>
  workflow(
    [inputNode('in'), llmNode('a'), llmNode('b'), outputNode('out'), outputNode('out2', 'shout')],
    [edge('in', 'a'), edge('in', 'b'), edge('a', 'out'), edge('b', 'out2')],
    loss ? { loss } : {},
  );

describe('evaluateLoss', () => {
  const example: Example = { id: 'e', inputs: { q: 'q' }, target: '42' };
  it.each<[LossSpec, string, string, number]>([
    [
      { kind: 'exact', caseSensitive: false, trim: true, collapseWhitespace: true, stripPunctuation: false },
      ' 42 ',
      '42',
      1,
    ],
    [{ kind: 'numeric', tolerance: 0 }, 'so the answer is 42.', '42', 1],
    [{ kind: 'numeric', tolerance: 0 }, 'so the answer is 41.', '42', 0],
    [{ kind: 'choice', labels: ['(A)', '(B)'] }, 'the answer is (B)', '(B)', 1],
    [{ kind: 'contains', caseSensitive: false }, 'it is 42!', '42', 1],
    [{ kind: 'regex', pattern: '^(\\d+)$', flags: '' }, '42', '42', 1],
    [{ kind: 'js', code: 'return output.length / 10;' }, '12345', '42', 0.5],
  ])('%j scores %j against %j as %d', async (spec, output, target, score) => {
    const result = await evaluateLoss(ctxWith(echoModel()), spec, { output, target, example });
    expect(result.score).toBe(score);
    expect(result.passed).toBe(score === 1);
  });

  it('runs js losses through the context code runner when there is one', async () => {
    const codes: string[] = [];
    const ctx: RunContext = {
      ...ctxWith(echoModel()),
      codeRunner: {
        run: async (code, inputs) => {
          codes.push(code);
          expect(JSON.parse(inputs.example!)).toEqual(example);
          return JSON.stringify({ value: { score: 0.25, feedback: `sandboxed saw ${inputs.output}` } });
        },
      },
    };
    const result = await evaluateLoss(
      ctx,
      { kind: 'js', code: 'return 1;' },
      { output: 'x', target: '42', example },
    );
    expect(result).toEqual({ score: 0.25, passed: false, feedback: 'sandboxed saw x' });
    expect(codes[0]).toContain('return 1;');
  });
});

describe('scoreExample', () => {
  it('scores each output against its own target and averages them', async () => {
    const wf = twoOutputs();
    const example: Example = {
      id: 'e1',
      inputs: { question: 'hello' },
      target: 'hello',
      targets: { shout: 'HELLO!' },
    };
    const model = fakeModel((r) => (r.meta?.nodeId === 'a' ? lastUser(r) : `${lastUser(r).toUpperCase()}!`));
    const [trace] = await runForward(ctxWith(model), { workflow: wf, examples: [example] });
    const score = await scoreExample(ctxWith(model), wf, example, trace!);
    expect(score).toMatchObject({
      exampleId: 'e1',
      score: 1,
      passed: true,
      perOutput: {
        out: { score: 1, expected: 'hello', actual: 'hello' },
        out2: { score: 1, expected: 'HELLO!', actual: 'HELLO!' },
      },
    });

    const [upperTrace] = await runForward(ctxWith(upperModel()), { workflow: wf, examples: [example] });
    const half = await scoreExample(ctxWith(model), wf, example, upperTrace!);
    expect(half.score).toBe(0.5);
    expect(half.passed).toBe(false);
    expect(half.perOutput.out2).toMatchObject({
      score: 0,
      feedback: 'expected "HELLO!", got "HELLO" (they differ only in punctuation)',
    });
  });

  it('scores a skipped output 0 and says why; a missing target key is an error', async () => {
    const wf = twoOutputs();
    const model = fakeModel((r) => {
      if (r.meta?.nodeId === 'a') throw new Error('rate limited');
      return lastUser(r);
    });
    const example: Example = { id: 'e1', inputs: { question: 'x' }, target: 'x' };
    const [trace] = await runForward(ctxWith(model), { workflow: wf, examples: [example] });
    const score = await scoreExample(ctxWith(model), wf, example, trace!);
    expect(score.score).toBe(0);
    expect(score.perOutput.out).toEqual({
      score: 0,
      passed: false,
      expected: 'x',
      feedback:
        'the workflow produced no answer at output "out": skipped because upstream node "a" failed: the model call failed: rate limited',
    });
    expect(score.perOutput.out2).toMatchObject({
      score: 0,
      expected: '',
      actual: 'x',
      error: 'example "e1" has no expected value "shout" for output "out2" (its targets: none)',
    });
  });

  it('gives judge calls stable keys per output and example', async () => {
    const judge = fakeModel(() => toJsonBlock({ score: 1, feedback: 'ok' }));
    const wf = twoOutputs({ kind: 'judge', rubric: 'Be correct.', passThreshold: 1 });
    const examples: Example[] = [
      { id: 'e1', inputs: { question: 'a' }, target: 'a', targets: { shout: 'A' } },
      { id: 'e2', inputs: { question: 'b' }, target: 'b', targets: { shout: 'B' } },
    ];
    const ctx = ctxWith(echoModel(), judge);
    const traces = await runForward(ctx, { workflow: wf, examples });
    const batch = await scoreBatch(ctx, wf, examples, traces, { callKeyPrefix: 'it2' });
    expect(batch.mean).toBe(1);
    expect(judge.requests.map((r) => r.meta?.callKey).sort()).toEqual([
      'it2/judge/out/e1',
      'it2/judge/out/e2',
      'it2/judge/out2/e1',
      'it2/judge/out2/e2',
    ]);
    expect(judge.requests.every((r) => r.meta?.purpose === 'judge')).toBe(true);
  });
});

describe('scoreBatch', () => {
  it('returns scores in example order with their mean, matching traces by id', async () => {
    const wf = workflow(
      [inputNode('in'), llmNode('a'), outputNode('out')],
      [edge('in', 'a'), edge('a', 'out')],
      {
        loss: { kind: 'numeric', tolerance: 0 },
      },
    );
    const examples: Example[] = [1, 2, 3, 4].map((n) => ({
      id: `e${n}`,
      inputs: { question: `${n}` },
      target: n < 4 ? `${n}` : '5',
    }));
    const traces = await runForward(ctxWith(echoModel()), { workflow: wf, examples });
    const batch = await scoreBatch(ctxWith(echoModel()), wf, examples, [...traces].reverse());
    expect(batch.scores.map((s) => [s.exampleId, s.score])).toEqual([
      ['e1', 1],
      ['e2', 1],
      ['e3', 1],
      ['e4', 0],
    ]);
    expect(batch.mean).toBe(0.75);
    expect(batch.scores[3]!.perOutput.out!.feedback).toBe(
      'expected 5, got 4 (the last number in the output)',
    );
    await expect(scoreBatch(ctxWith(echoModel()), wf, examples, traces.slice(1))).rejects.toThrow(
      'no trace for example "e1"',
    );
    expect(await scoreBatch(ctxWith(echoModel()), wf, [], [])).toEqual({ scores: [], mean: 0 });
  });
});

describe('helpers', () => {
  it('picks the expected value by target key', () => {
    const ex: Example = { id: 'e', inputs: {}, target: 'main', targets: { other: 'o' } };
    expect(
      expectedValue({ id: 'o', kind: 'output', position: { x: 0, y: 0 }, targetKey: 'target' }, ex),
    ).toBe('main');
    expect(expectedValue({ id: 'o', kind: 'output', position: { x: 0, y: 0 }, targetKey: 'other' }, ex)).toBe(
      'o',
    );
    expect(
      expectedValue({ id: 'o', kind: 'output', position: { x: 0, y: 0 }, targetKey: 'none' }, ex),
    ).toBeUndefined();
  });

  it('formats inputs for the judge', () => {
    expect(formatExampleInput({ id: 'e', inputs: { q: 'only' }, target: '' })).toBe('only');
    expect(formatExampleInput({ id: 'e', inputs: { q: 'a', c: 'b' }, target: '' })).toBe('q: a\nc: b');
  });
});
