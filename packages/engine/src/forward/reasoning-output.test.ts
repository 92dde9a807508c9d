import type { ChatModel } from '../providers/types';
import { runForwardOnExample } from './test-support/run-one';
import {
  chainWorkflow,
  ctxWith,
  edge,
  ex,
  inputNode,
  llmNode,
  outputNode,
  workflow,
} from './test-support/workflows';

/** A reasoning model: thinks aloud in the content, and again apart in `reasoning`. */
const reasoner: ChatModel = {
  label: 'reasoner',
  simulated: true,
  async complete(request) {
    const user = request.messages.at(-1)?.content ?? '';
    return {
      text: `<think>\nthe user said ${user}\n</think>\n\n${user}!`,
      reasoning: 'weighed it',
      usage: { inputTokens: 1, outputTokens: 1 },
      model: 'qwen3',
      callId: 'r',
    };
  },
};

describe('reasoning in forward outputs', () => {
  it('strips think blocks and keeps reasoning_content out of outputs by default', async () => {
    const trace = await runForwardOnExample(ctxWith(reasoner), {
      workflow: chainWorkflow(),
      example: ex('e', 'hi'),
    });
    // Node b sees a's answer only, not a's reasoning.
    expect(trace.nodes.a?.output).toBe('hi!');
    expect(trace.nodes.b?.inputs).toEqual({ x: 'hi!' });
    expect(trace.outputs.out).toBe('hi!!');
  });

  it('keeps both, as one think block in front, on a node with keepReasoning', async () => {
    const wf = workflow(
      [inputNode('in', ['question']), llmNode('a', { keepReasoning: true }), outputNode('out')],
      [edge('in', 'a', 'x', 'question'), edge('a', 'out')],
    );
    const trace = await runForwardOnExample(ctxWith(reasoner), { workflow: wf, example: ex('e', 'yo') });
    expect(trace.outputs.out).toBe(
      '<think>\nweighed it\n</think>\n\n<think>\nthe user said yo\n</think>\n\nyo!',
    );
  });
});
