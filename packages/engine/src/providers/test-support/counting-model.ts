import type { ChatModel, ChatRequest } from '../types';

/** A model that counts its calls and answers "answer <n>" to the n-th (for the cache's tests). */
export function countingModel(): ChatModel & { calls: number } {
  const model = {
    label: 'count',
    simulated: true,
    calls: 0,
    async complete(request: ChatRequest) {
      model.calls++;
      return {
        text: `answer ${model.calls}`,
        usage: { inputTokens: 2, outputTokens: 3 },
        model: request.model ?? 'm',
        callId: 'x',
      };
    },
  };
  return model;
}
