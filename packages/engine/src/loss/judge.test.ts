import type { RunContext } from '../context';
import { echoModel, fakeModel } from '../forward/test-support/fake-models';
import { findJsonBlocks, toJsonBlock } from '../prompts/json-block';
import { judgePrompt } from '../prompts/judge';
import type { ChatModel } from '../providers/types';
import { judgeLoss } from './judge';

const ctxWith = (optimizerModel: ChatModel): RunContext => ({ forwardModel: echoModel(), optimizerModel });
const base = {
  rubric: 'The answer must give the total in dollars.',
  passThreshold: 0.8,
  output: 'She makes 18 dollars.',
  target: '18',
  input: 'How much does she make?',
  nodeId: 'out',
  exampleId: 'ex1',
  callKey: 'it1/judge/out/ex1',
};

describe('judgeLoss', () => {
  it('asks the optimizer model with static instructions and one judge json block, and reads score and feedback', async () => {
    const model = fakeModel(
      () => `Looks right.\n${toJsonBlock({ score: 0.9, feedback: 'correct total, units given' })}`,
    );
    const result = await judgeLoss(ctxWith(model), base);
    expect(result).toEqual({
      score: 0.9,
      passed: true,
      feedback: 'correct total, units given',
      callIds: ['fake-1'],
    });

    const [request] = model.requests;
    expect(request!.meta).toEqual({
      purpose: 'judge',
      nodeId: 'out',
      exampleId: 'ex1',
      callKey: 'it1/judge/out/ex1',
    });
    expect(request!.temperature).toBe(0);
    expect(request!.messages[0]).toEqual({ role: 'system', content: judgePrompt.system });
    const user = request!.messages[1]!.content;
    // Static text first, then the context once (rubric, input, reference, answer) as json.
    expect(user.startsWith(`${judgePrompt.instructions}\n\n${judgePrompt.answerInstructions}\n\n`)).toBe(
      true,
    );
    expect(user.split('She makes 18 dollars.')).toHaveLength(2);
    const blocks = findJsonBlocks(user);
    expect(blocks).toHaveLength(1);
    expect(JSON.parse(blocks[0]!)).toEqual({
      task: 'judge',
      rubric: base.rubric,
      input: base.input,
      output: base.output,
      target: '18',
    });
  });

  it('applies the pass threshold', async () => {
    const model = fakeModel(() => toJsonBlock({ score: 0.7, feedback: 'units missing' }));
    expect(await judgeLoss(ctxWith(model), base)).toMatchObject({ score: 0.7, passed: false });
  });

  it('grades by the rubric alone when there is no target, and quotes {{braces}} verbatim', async () => {
    const model = fakeModel(() => toJsonBlock({ score: 1, feedback: 'fine' }));
    await judgeLoss(ctxWith(model), { ...base, target: '', input: '', output: 'use {{input}} here' });
    const user = model.requests[0]!.messages[1]!.content;
    expect(judgePrompt.instructions).toContain('grade by the rubric alone');
    const context = JSON.parse(findJsonBlocks(user)[0]!);
    expect(context).not.toHaveProperty('target');
    expect(context).toMatchObject({ input: '', output: 'use {{input}} here' });
  });

  it('repairs a malformed answer once', async () => {
    const answers = [
      'Score: 0.5 because units are missing',
      toJsonBlock({ score: 0.5, feedback: 'units missing' }),
    ];
    const model = fakeModel(() => answers.shift()!);
    const result = await judgeLoss(ctxWith(model), base);
    expect(result).toEqual({
      score: 0.5,
      passed: false,
      feedback: 'units missing',
      callIds: ['fake-1', 'fake-2'],
    });
    const repair = model.requests[1]!;
    expect(repair.meta).toMatchObject({ purpose: 'repair', callKey: 'it1/judge/out/ex1#repair' });
    expect(repair.messages.at(-1)!.content).toContain('no fenced ```json block');
  });

  it('records a failure when the repaired answer is still malformed', async () => {
    const model = fakeModel(() => toJsonBlock({ score: 7, feedback: 'great' }));
    const result = await judgeLoss(ctxWith(model), base);
    expect(result.score).toBe(0);
    expect(result.passed).toBe(false);
    expect(result.callIds).toEqual(['fake-1', 'fake-2']);
    expect(result.error).toMatch(/^the judge's answer could not be read: judge@3: .*at score/);
    expect(result.feedback).toBe(result.error);
  });

  it('records a failed judge call instead of rejecting', async () => {
    const model = fakeModel(() => {
      throw new Error('HTTP 503');
    });
    expect(await judgeLoss(ctxWith(model), base)).toMatchObject({
      score: 0,
      error: 'the judge call failed: HTTP 503',
    });
  });

  it('rejects when the run is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const ctx = { ...ctxWith(fakeModel(() => 'x')), signal: controller.signal };
    await expect(judgeLoss(ctx, base)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
