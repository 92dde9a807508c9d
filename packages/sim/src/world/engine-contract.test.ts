import { askStructured } from '@backflow/engine';
import { judgeAnswerSchema, type TaskPayload } from '../engine';
import { createSimulatedModel } from './sim-model';

describe('the engine contract', () => {
  it("answers the engine's own meta-prompt messages in one try, parsed strictly", async () => {
    const model = createSimulatedModel();
    const payload: TaskPayload = {
      task: 'judge',
      rubric: 'Exact answer.',
      input: 'q',
      output: '42',
      target: '42',
    };
    const result = await askStructured(
      { forwardModel: model, optimizerModel: model },
      {
        templateId: 'judge@2',
        system: 'You are a strict grader.',
        instructions: 'Grade the `output` against the `target`.',
        payload,
        answerInstructions: 'End with one fenced json block: {"score": number, "feedback": string}.',
      },
      judgeAnswerSchema,
      { purpose: 'judge' },
    );
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.score).toBe(1);
    expect(result.callIds).toHaveLength(1);
  });
});
