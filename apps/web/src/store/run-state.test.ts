import { createStudioStore } from './create-store';
import { emptyWorkflow } from './doc-ops';
import type { ExampleRow } from './run-state';

const row = (exampleId: string, output: string): ExampleRow => ({
  exampleId,
  inputs: { q: exampleId },
  target: 'x',
  outputs: { out: output },
  nodes: { out: { status: 'ok', output } },
  score: null,
  failed: false,
});

function storeOn(id: string) {
  const store = createStudioStore();
  store.getState().loadDoc(emptyWorkflow(id, id));
  return store;
}

describe('forward runs belong to their workflow', () => {
  it('parks a finished run when another workflow opens and brings it back with its workflow', () => {
    const store = storeOn('wf_a');
    store.getState().startRun('sim', ['e1']);
    store.getState().setNodeRun('out', { status: 'ok', output: 'A says' });
    store.getState().recordExamples([row('e1', 'A says')]);
    store.getState().finishRun('done', '1 of 1');
    store.getState().setSelection(['out'], []);

    store.getState().loadDoc(emptyWorkflow('wf_b', 'B'));
    expect(store.getState().run.status).toBe('idle');
    expect(store.getState().run.nodes).toEqual({});
    expect(store.getState().run.rows).toEqual([]);
    expect(store.getState().selectedNodeIds).toEqual([]);

    store.getState().loadDoc(emptyWorkflow('wf_a', 'A'));
    expect(store.getState().run.status).toBe('done');
    expect(store.getState().run.nodes.out?.output).toBe('A says');
    expect(store.getState().run.rows).toHaveLength(1);
  });

  it('stops a run in flight when another workflow opens; its late results do not reach the new canvas', () => {
    const store = storeOn('wf_a');
    const abort = new AbortController();
    store.getState().startRun('sim', ['e1', 'e2'], abort);
    store.getState().loadDoc(emptyWorkflow('wf_b', 'B'));
    expect(abort.signal.aborted).toBe(true);
    // What the stopped run still reports lands nowhere.
    store.getState().setNodeRun('out', { status: 'ok', output: 'late' });
    store.getState().recordExamples([row('e1', 'late')]);
    store.getState().finishRun('aborted', 'Stopped.');
    expect(store.getState().run).toMatchObject({ status: 'idle', nodes: {}, rows: [] });
    store.getState().loadDoc(emptyWorkflow('wf_a', 'A'));
    expect(store.getState().run.status).toBe('aborted');
    expect(store.getState().run.message).toMatch(/another workflow was opened/);
  });

  it('reloading the same workflow (another tab saved it) keeps its run; a new run keeps the last as previous', () => {
    const store = storeOn('wf_a');
    store.getState().startRun('sim', ['e1']);
    store.getState().recordExamples([row('e1', 'first')]);
    store.getState().finishRun('done');
    store.getState().loadDoc({ ...store.getState().doc, name: 'renamed elsewhere' });
    expect(store.getState().run.rows).toHaveLength(1);
    store.getState().startRun('sim', ['e1']);
    expect(store.getState().previousRun?.rows[0]?.outputs.out).toBe('first');
    expect(store.getState().run.rows).toEqual([]);
  });

  it('a clicked grid row puts that example’s node states on the canvas', () => {
    const store = storeOn('wf_a');
    store.getState().startRun('sim', ['e1', 'e2']);
    store.getState().recordExamples([row('e1', 'one')]);
    store.getState().recordExamples([row('e2', 'two')]);
    store.getState().finishRun('done');
    store.getState().showExample('e1');
    expect(store.getState().run.shownExampleId).toBe('e1');
    expect(store.getState().run.nodes.out?.output).toBe('one');
    store.getState().showExample('missing');
    expect(store.getState().run.shownExampleId).toBe('e1');
  });
});
