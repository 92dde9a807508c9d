// The grid never calls a judge itself: the engine scores every example of a forward run in the
// Worker, and a second judge call per example from the page would bill the endpoint twice.
import type { ChatModel, Example, ExampleTrace, Workflow } from '@backflow/engine';
import { createStudioStore } from '../store/create-store';
import { emptyWorkflow } from '../store/doc-ops';
import { createExampleRecorder } from './record-example';

const example: Example = { id: 'e1', inputs: { q: 'hi' }, target: 'HELLO' };
const trace = {
  exampleId: 'e1',
  outputs: { out: 'HELLO' },
  nodes: { out: { nodeId: 'out', status: 'ok', output: 'HELLO' } },
} as unknown as ExampleTrace;

function setup(loss: Workflow['loss']) {
  const store = createStudioStore();
  const base = emptyWorkflow('wf', 'W');
  const output = { id: 'out', kind: 'output', label: 'Out', position: { x: 0, y: 0 }, targetKey: 'target' };
  const workflow = { ...base, nodes: [...base.nodes, output], loss } as Workflow;
  store.getState().loadDoc(workflow);
  store.getState().startRun('sim', ['e1']);
  let calls = 0;
  const model: ChatModel = {
    label: 'counting',
    simulated: true,
    complete: async () => {
      calls++;
      return {
        text: '{"score": 1, "feedback": "ok"}',
        usage: { inputTokens: 1, outputTokens: 1 },
        model: 'm',
        callId: 'c',
      };
    },
  };
  const recorder = createExampleRecorder(
    store,
    { forwardModel: model, optimizerModel: model },
    workflow,
    [example],
    (t) => ({
      status: 'ok',
      output: t.output ?? '',
    }),
  );
  return { store, recorder, calls: () => calls };
}

describe('grid rows of a forward run', () => {
  it('leaves a judge loss to the engine: no call from the page, the row carries the engine score', async () => {
    const { store, recorder, calls } = setup({
      kind: 'judge',
      rubric: 'Is it a greeting?',
      passThreshold: 1,
    } as Workflow['loss']);
    recorder.finished(trace);
    expect(store.getState().run.rows).toHaveLength(0);
    await recorder.settled([
      {
        exampleId: 'e1',
        score: 1,
        perOutput: { out: { score: 1, feedback: 'a greeting', expected: 'HELLO' } },
      },
    ]);
    expect(calls()).toBe(0);
    const [row] = store.getState().run.rows;
    expect(row?.score?.score).toBe(1);
    expect(row?.score?.perOutput.out?.feedback).toBe('a greeting');
  });

  it('says why a judged row has no score when the result carries none', async () => {
    const { store, recorder } = setup({ kind: 'judge', rubric: 'r', passThreshold: 1 } as Workflow['loss']);
    recorder.finished(trace);
    await recorder.settled([]);
    expect(store.getState().run.rows[0]).toMatchObject({
      score: null,
      scoreError: 'the run ended before it was scored',
    });
  });

  it('scores a loss without a model on the page as soon as the example is in', async () => {
    const { store, recorder, calls } = setup({
      kind: 'exact',
      caseSensitive: true,
      trim: true,
      collapseWhitespace: true,
    } as Workflow['loss']);
    recorder.finished(trace);
    await recorder.settled();
    expect(calls()).toBe(0);
    expect(store.getState().run.rows[0]?.score?.score).toBe(1);
  });
});
