import { parseAnswer } from '@backflow/engine';
import { gtbpInvertAnswerSchema, toJsonBlock } from '../engine';
import { createSimulatedModel } from '../world/sim-model';
import { drawSlip, withRealisticAnswers } from './realistic-model';
import { applySlip, SLIP_KINDS, type SlipKind } from './slips';

const answer = { targets: { draft: 'Paris', notes: 'capital of France' }, reasoning: 'both inputs fit' };
const wellFormed = `The inputs already fit the target.\n\n${toJsonBlock(answer)}`;
const read = (text: string) => parseAnswer(text, gtbpInvertAnswerSchema);
const scratch = 'A first draft would be {"draft": true}.';

describe('slips of a well-formed backward answer', () => {
  it.each<[SlipKind, string[]]>([
    ['prose', []],
    ['unfenced', ['unfenced JSON']],
    ['trailing-commas', ['trailing commas removed']],
    ['think', ['reasoning removed']],
    ['reasoning-content', []],
  ])('%s: the engine reads the same answer, with leniencies %j', (kind, leniencies) => {
    const slipped = applySlip(kind, wellFormed, scratch);
    if (kind !== 'reasoning-content') expect(slipped.text).not.toBe(wellFormed);
    expect(read(slipped.text)).toEqual({ ok: true, value: answer, leniencies });
  });

  it('fence-label: another label or none, read leniently', () => {
    const slipped = applySlip('fence-label', wellFormed, scratch);
    expect(slipped.text).toMatch(/```(JSON)?\n\{/);
    const parsed = read(slipped.text);
    expect(parsed.ok && parsed.leniencies[0]).toMatch(/fence labelled JSON|unlabelled fence/);
  });

  it('reasoning-content: sent apart, the text unchanged', () => {
    expect(applySlip('reasoning-content', wellFormed, scratch)).toEqual({
      text: wellFormed,
      reasoning: scratch,
      finishReason: 'stop',
    });
  });

  it('ids: one id missing from the record of targets', () => {
    const parsed = read(applySlip('ids', wellFormed, scratch).text);
    expect(parsed.ok && parsed.value.targets).toEqual({ draft: 'Paris' });
    const single = `${toJsonBlock({ targets: { draft: 'x' } })}`;
    const extra = read(applySlip('ids', single, scratch).text);
    expect(extra.ok && extra.value.targets).toEqual({ draft: 'x', unknown_input: 'x' });
  });

  it.each<[SlipKind, string]>([
    ['truncated', 'incomplete'],
    ['refusal', 'no fenced'],
    ['empty', 'empty'],
  ])('%s: unreadable, with a reason', (kind, reason) => {
    const slipped = applySlip(kind, wellFormed, scratch);
    expect(slipped.finishReason).toBe(kind === 'truncated' ? 'length' : 'stop');
    const parsed = read(slipped.text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(reason);
  });
});

describe('the realistic-answers layer', () => {
  const forward = (i: number) => [{ role: 'user' as const, content: `question ${i}` }];

  it('slips about the chosen share of answers, the same ones for the same seed', () => {
    const draws = Array.from({ length: 2000 }, (_, i) =>
      drawSlip({ messages: forward(i) }, 'ok', { rate: 0.2 }),
    );
    const slipped = draws.filter((d) => d !== null).length / draws.length;
    expect(slipped).toBeGreaterThan(0.17);
    expect(slipped).toBeLessThan(0.23);
    const again = Array.from({ length: 2000 }, (_, i) =>
      drawSlip({ messages: forward(i) }, 'ok', { rate: 0.2 }),
    );
    expect(again).toEqual(draws);
    expect(drawSlip({ messages: forward(1) }, 'ok', { rate: 0 })).toBeNull();
  });

  it('only shows reasoning on forward answers; every kind can hit a backward one', () => {
    const forwardKinds = new Set(
      Array.from({ length: 400 }, (_, i) => drawSlip({ messages: forward(i) }, 'ok', { rate: 1 })),
    );
    expect([...forwardKinds].sort()).toEqual(['reasoning-content', 'think']);
    const judge = (i: number) => [
      {
        role: 'user' as const,
        content: `Score it.\n\n${toJsonBlock({ task: 'judge', rubric: 'exact match', input: 'q', output: `o${i}`, target: 't' })}`,
      },
    ];
    const draw = (i: number, text: string) => drawSlip({ messages: judge(i) }, text, { rate: 1 });
    const kinds = new Set(Array.from({ length: 400 }, (_, i) => draw(i, wellFormed)));
    expect(kinds).toEqual(new Set(SLIP_KINDS));
    // A structured-outputs answer (pure JSON) cannot slip in its format, only around it.
    const structured = new Set(
      Array.from({ length: 400 }, (_, i) => draw(i, '{"score": 1, "feedback": "ok"}')),
    );
    expect([...structured].sort()).toEqual(['empty', 'reasoning-content', 'refusal', 'think', 'truncated']);
  });

  it('wraps a model: usage counts the reasoning it adds', async () => {
    const base = {
      label: 'base',
      simulated: true,
      complete: async () => ({
        text: 'plain answer',
        usage: { inputTokens: 3, outputTokens: 3 },
        model: 'm',
        callId: '',
      }),
    };
    const model = withRealisticAnswers(base, { rate: 1, kinds: ['reasoning-content'] });
    const response = await model.complete({ messages: forward(1) });
    expect(response).toMatchObject({ text: 'plain answer', finishReason: 'stop' });
    expect(response.reasoning).toContain('question 1');
    expect(response.usage.reasoningTokens).toBeGreaterThan(0);
    expect(response.usage.outputTokens).toBe(3 + (response.usage.reasoningTokens ?? 0));
  });
});

describe('the in-process simulator in realistic mode', () => {
  it('slips its own answers when asked, and only then', async () => {
    const messages = [{ role: 'user' as const, content: 'Repeat: hello' }];
    const plain = await createSimulatedModel({ seed: 2 }).complete({ messages });
    const realistic = createSimulatedModel({ seed: 2, realistic: { rate: 1, kinds: ['think'] } });
    const slipped = await realistic.complete({ messages });
    expect(slipped.text).toBe(
      `<think>\n${slipped.text.slice(8, slipped.text.indexOf('\n</think>'))}\n</think>\n\n${plain.text}`,
    );
    expect(realistic.simulated).toBe(true);
    expect(realistic.label).toBe('Simulated model (offline)');
  });
});
