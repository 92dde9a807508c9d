import { tallyAnswers } from '../prompts/answer-tally';
import { answerFormatOf } from '../prompts/ask';
import { judgeAnswerSchema } from '../prompts/tasks';
import { costOf, createCallIdFactory, priceFor, withCallRecords } from './accounting';
import type { CallRecord, ChatModel } from './types';

describe('prices and cost', () => {
  it('finds exact, router-prefixed and dated model names; unknown models are free', () => {
    expect(priceFor('gpt-4o-mini')).toEqual({
      inputPerMTok: 0.15,
      outputPerMTok: 0.6,
      cachedInputPerMTok: 0.075,
    });
    expect(priceFor('openai/gpt-4o-mini')).toEqual(priceFor('gpt-4o-mini'));
    expect(priceFor('gpt-4o-mini-2024-07-18')).toEqual(priceFor('gpt-4o-mini'));
    expect(priceFor('gpt-4o-2024-08-06')).toEqual(priceFor('gpt-4o'));
    expect(priceFor('llama3.1:8b')).toEqual({ inputPerMTok: 0, outputPerMTok: 0 });
  });

  it('answers a name by its own table, however often it is asked', () => {
    const mine = { 'my-model': { inputPerMTok: 1, outputPerMTok: 4 } };
    const theirs = { 'my-model': { inputPerMTok: 2, outputPerMTok: 8 } };
    for (let i = 0; i < 3; i++) {
      expect(priceFor('router/my-model-2025-01-01', mine)).toBe(mine['my-model']);
      expect(priceFor('router/my-model-2025-01-01', theirs)).toBe(theirs['my-model']);
      expect(priceFor('router/my-model-2025-01-01')).toEqual({ inputPerMTok: 0, outputPerMTok: 0 });
    }
  });

  it('computes USD from usage and an edited table', () => {
    const usage = { inputTokens: 2_000_000, outputTokens: 500_000 };
    expect(costOf('gpt-4o-mini', usage)).toBeCloseTo(0.3 + 0.3, 10);
    expect(costOf('my-model', usage, { 'my-model': { inputPerMTok: 1, outputPerMTok: 4 } })).toBeCloseTo(
      4,
      10,
    );
  });

  it('makes unique call ids', () => {
    const next = createCallIdFactory('c');
    const ids = new Set(Array.from({ length: 100 }, next));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id.startsWith('c_')).toBe(true);
  });
});

describe('call records', () => {
  const answering: ChatModel = {
    label: 'a',
    simulated: false,
    complete: async () => ({
      text: 'hi',
      usage: { inputTokens: 1000, outputTokens: 100 },
      model: 'gpt-4o',
      callId: 'inner',
      attempts: 2,
    }),
  };
  const failing: ChatModel = {
    label: 'f',
    simulated: false,
    complete: async () => {
      throw Object.assign(new Error('it broke'), { attempts: 3 });
    },
  };

  it('records a settled call with provenance, latency, attempts and cost', async () => {
    const records: CallRecord[] = [];
    let clock = 1000;
    const model = withCallRecords(answering, {
      defaultModel: 'gpt-4o',
      recorder: (r) => records.push(r),
      now: () => (clock += 25),
      newCallId: () => 'call-1',
    });
    const response = await model.complete({
      messages: [{ role: 'user', content: 'q' }],
      temperature: 0,
      meta: { purpose: 'gradient', nodeId: 'n2', exampleId: 'e7', callKey: 'k' },
    });
    expect(response.callId).toBe('call-1');
    expect(records).toEqual([
      {
        callId: 'call-1',
        purpose: 'gradient',
        nodeId: 'n2',
        exampleId: 'e7',
        callKey: 'k',
        model: 'gpt-4o',
        startedAt: 1025,
        latencyMs: 25,
        attempts: 2,
        usage: { inputTokens: 1000, outputTokens: 100 },
        costUsd: (1000 * 2.5 + 100 * 10) / 1e6,
        cached: false,
        request: { messages: [{ role: 'user', content: 'q' }], temperature: 0 },
        responseText: 'hi',
      },
    ]);
  });

  it('records a failed call with its error and attempts, then rethrows', async () => {
    const records: CallRecord[] = [];
    const model = withCallRecords(failing, { defaultModel: 'x', recorder: (r) => records.push(r) });
    await expect(model.complete({ messages: [] })).rejects.toThrow('it broke');
    expect(records[0]).toMatchObject({
      error: 'it broke',
      attempts: 3,
      costUsd: 0,
      purpose: 'forward',
      model: 'x',
    });
  });
});

describe('call records of structured and reasoning answers', () => {
  it('keeps reasoning, finish reason, notes and how the answer read; tallies the readings', async () => {
    const texts = ['<think>hm</think>{"score": 1, "feedback": "ok",}', 'no json', 'still none'];
    const reasoningModel: ChatModel = {
      label: 'r',
      simulated: false,
      complete: async () => ({
        text: texts.shift() ?? '',
        usage: { inputTokens: 10, outputTokens: 40, reasoningTokens: 30 },
        model: 'o4-mini',
        callId: '',
        reasoning: 'weighing the answer',
        finishReason: 'length',
        notes: ['max_completion_tokens sent instead of max_tokens'],
      }),
    };
    const records: CallRecord[] = [];
    const model = withCallRecords(reasoningModel, { recorder: (r) => records.push(r) });
    const answerFormat = answerFormatOf('judge', judgeAnswerSchema);
    await model.complete({ messages: [], answerFormat, meta: { purpose: 'judge' } });
    await model.complete({ messages: [], answerFormat, meta: { purpose: 'judge' } });
    await model.complete({ messages: [], answerFormat, meta: { purpose: 'repair' } });
    expect(records[0]).toMatchObject({
      reasoning: 'weighing the answer',
      finishReason: 'length',
      notes: ['max_completion_tokens sent instead of max_tokens'],
      usage: { reasoningTokens: 30 },
      answer: {
        reading: 'lenient',
        leniencies: ['reasoning removed', 'trailing commas removed'],
      },
    });
    // Reasoning tokens are part of the output tokens: priced once.
    expect(records[0]?.costUsd).toBeCloseTo((10 * 1.1 + 40 * 4.4) / 1_000_000, 12);
    expect(records[1]?.answer?.reading).toBe('unreadable');
    expect(tallyAnswers(records)).toEqual({ direct: 0, lenient: 1, repaired: 0, failed: 1 });
  });
});
