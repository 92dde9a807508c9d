import type { CallRecord } from '@backflow/engine';
import { renderToStaticMarkup } from 'react-dom/server';
import { CallBody, CallFacts } from './CallDetails';

const base: CallRecord = {
  callId: 'c1',
  purpose: 'gradient',
  model: 'qwen3',
  startedAt: 0,
  latencyMs: 12,
  attempts: 1,
  usage: { inputTokens: 10, outputTokens: 60, reasoningTokens: 40 },
  costUsd: 0,
  cached: false,
  request: { messages: [{ role: 'user', content: 'why?' }] },
  responseText: '<think>hm</think>{"a": 1,}',
};

describe('call log: reasoning, readings and provider notes', () => {
  it('shows reasoning sent apart, how the answer read, a cut-off answer and what the provider adapted', () => {
    const call: CallRecord = {
      ...base,
      reasoning: 'weighing <b>both</b> inputs',
      finishReason: 'length',
      answer: { reading: 'lenient', leniencies: ['reasoning removed', 'trailing commas removed'] },
      notes: ['max_tokens refused (400); max_completion_tokens sent instead for the rest of the run.'],
    };
    const facts = renderToStaticMarkup(<CallFacts call={call} />);
    expect(facts).toContain('40 reasoning tokens');
    expect(facts).toContain('cut off at the token limit');
    expect(facts).toContain('answer read leniently');
    const body = renderToStaticMarkup(<CallBody call={call} />);
    expect(body).toContain('reasoning (sent apart)');
    expect(body).toContain('weighing &lt;b&gt;both&lt;/b&gt; inputs');
    expect(body).toContain('reasoning removed; trailing commas removed');
    expect(body).toContain('provider note');
    expect(body).toContain('max_completion_tokens sent instead');
  });

  it('says how much of the input the provider served from its prompt cache', () => {
    const call: CallRecord = {
      ...base,
      usage: { inputTokens: 1500, outputTokens: 20, cachedInputTokens: 1024 },
    };
    expect(renderToStaticMarkup(<CallFacts call={call} />)).toContain(
      '1500 in / 20 out tokens (1024 input from the prompt cache)',
    );
    expect(renderToStaticMarkup(<CallFacts call={base} />)).not.toContain('prompt cache');
  });

  it('says nothing extra for an answer read as asked', () => {
    const call: CallRecord = {
      ...base,
      usage: { inputTokens: 1, outputTokens: 1 },
      answer: { reading: 'direct' },
    };
    expect(renderToStaticMarkup(<CallFacts call={call} />)).not.toMatch(/answer|reasoning|cut off/);
    expect(renderToStaticMarkup(<CallBody call={call} />)).not.toMatch(
      /answer read|provider note|sent apart/,
    );
  });

  it('shows why an answer was unreadable', () => {
    const call: CallRecord = { ...base, answer: { reading: 'unreadable', error: 'the answer is empty' } };
    expect(renderToStaticMarkup(<CallBody call={call} />)).toContain('the answer is empty');
  });
});
