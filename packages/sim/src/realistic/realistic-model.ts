/**
 * "Realistic answers": a layer over any ChatModel (the skill world, in process or behind serve-sim)
 * that makes a seeded share of its well-formed answers slip the way real models do (slips.ts).
 * The draw is a hash of the seed and the request's messages, so a run is reproducible and a repair
 * request (which differs) gets its own draw. The layer never reads anything but the request's
 * messages and the answer it wraps.
 */
import type { ChatModel, ChatRequest, ChatResponse } from '../engine';
import { requestNoise } from '../world/noise';
import { readTask } from '../world/respond';
import { applySlip, FORWARD_SLIPS, isPureJson, SLIP_KINDS, type SlipKind, STRUCTURED_SLIPS } from './slips';

export interface RealisticAnswersOptions {
  /** Share (0..1) of answers that slip. */
  rate: number;
  /** Fixes every draw (default 1). */
  seed?: number;
  /** The slips to draw from (default: every kind that fits the answer). */
  kinds?: readonly SlipKind[];
}

/** Which slip, if any, an answer gets; exported so tests and benchmarks can count them. */
export function drawSlip(
  request: Pick<ChatRequest, 'messages'>,
  answer: string,
  options: RealisticAnswersOptions,
): SlipKind | null {
  const noise = requestNoise(options.seed ?? 1, request.messages);
  if (!noise.chance('realistic-slip', options.rate)) return null;
  // A forward call (no task in the request) only shows reasoning; its answer is the model's own.
  const fitting =
    readTask(request.messages) === null ? FORWARD_SLIPS : isPureJson(answer) ? STRUCTURED_SLIPS : SLIP_KINDS;
  const allowed = options.kinds ? fitting.filter((k) => options.kinds?.includes(k)) : fitting;
  if (allowed.length === 0) return null;
  return allowed[noise.pick('realistic-kind', allowed.length)] ?? null;
}

/** `model` with a seeded share of its answers slipped; usage counts the reasoning tokens it adds. */
export function withRealisticAnswers(model: ChatModel, options: RealisticAnswersOptions): ChatModel {
  return {
    label: model.label,
    simulated: model.simulated,
    async complete(request: ChatRequest): Promise<ChatResponse> {
      const response = await model.complete(request);
      const kind = drawSlip(request, response.text, options);
      if (!kind) return response;
      const slipped = applySlip(kind, response.text, scratchWork(request));
      const thought = kind === 'think' || kind === 'reasoning-content' ? scratchWork(request) : '';
      const reasoningTokens = Math.ceil(thought.length / 4);
      const out: ChatResponse = {
        ...response,
        text: slipped.text,
        finishReason: slipped.finishReason,
        usage: {
          inputTokens: response.usage.inputTokens,
          outputTokens:
            Math.ceil(slipped.text.length / 4) + (kind === 'reasoning-content' ? reasoningTokens : 0),
          ...(reasoningTokens > 0 ? { reasoningTokens } : {}),
        },
      };
      if (slipped.reasoning) out.reasoning = slipped.reasoning;
      return out;
    },
  };
}

/**
 * Plausible scratch work for a think slip, from the request alone. It quotes a JSON-looking
 * draft, as reasoning models do, so a reader that does not remove reasoning first picks the wrong
 * object.
 */
function scratchWork(request: Pick<ChatRequest, 'messages'>): string {
  const user = request.messages.findLast((m) => m.role === 'user')?.content ?? '';
  const firstLine = user.split('\n').find((line) => line.trim() !== '') ?? '';
  return `The request starts: "${firstLine.slice(0, 120)}". Let me work it out step by step before answering. A first draft would be {"draft": true}, but I should check it against the request.`;
}
