import { examplesInFlight, runForward } from './run';
import { limitedModel, upperModel } from './test-support/fake-models';
import { chainWorkflow, ctxWith, edge, ex, inputNode, outputNode, workflow } from './test-support/workflows';
import type { ForwardEvent } from './types';

/** The examples in progress after each event: started (a node started) and not yet finished. */
function inProgressOver(events: readonly ForwardEvent[]): number[] {
  const open = new Set<string>();
  const counts: number[] = [];
  for (const event of events) {
    if (event.type === 'nodeStarted') open.add(event.exampleId);
    if (event.type === 'exampleFinished') open.delete(event.exampleId);
    counts.push(open.size);
  }
  return counts;
}

describe('runForward: examples in progress', () => {
  it('keeps at least 64, and two per call the endpoint takes at once', () => {
    expect(examplesInFlight()).toBe(64);
    expect(examplesInFlight(8)).toBe(64);
    expect(examplesInFlight(100)).toBe(200);
  });

  it('finishes examples steadily through a long pass, never more than the window in progress', async () => {
    const model = limitedModel(upperModel(), 4);
    const examples = Array.from({ length: 300 }, (_, i) => ex(`e${i}`, `q${i}`));
    const events: ForwardEvent[] = [];
    const traces = await runForward(ctxWith(model), {
      workflow: chainWorkflow(),
      examples,
      onEvent: (e) => events.push(e),
    });
    expect(traces.map((t) => t.outputs.out)).toEqual(examples.map((_, i) => `Q${i}`));
    expect(Math.max(...inProgressOver(events))).toBe(64);
    // The endpoint's slots stayed full: the window holds far more ready calls than it takes.
    expect(model.maxInFlight).toBe(4);
    // The first example is done before the last one starts: rows arrive through the pass, not all at its end.
    const firstDone = events.findIndex((e) => e.type === 'exampleFinished');
    const lastStarted = events.findIndex((e) => e.type === 'nodeStarted' && e.exampleId === 'e299');
    expect(firstDone).toBeGreaterThanOrEqual(0);
    expect(firstDone).toBeLessThan(lastStarted);
  });

  it('widens the window for an endpoint that takes many calls at once', async () => {
    const model = limitedModel(upperModel(), 50);
    const examples = Array.from({ length: 150 }, (_, i) => ex(`e${i}`, `q${i}`));
    const events: ForwardEvent[] = [];
    // The host says how many calls the endpoint takes at once (buildModels' forwardConcurrency).
    await runForward(
      { ...ctxWith(model), forwardConcurrency: 50 },
      { workflow: chainWorkflow(), examples, onEvent: (e) => events.push(e) },
    );
    expect(Math.max(...inProgressOver(events))).toBe(100);
    expect(model.maxInFlight).toBe(50);
  });

  it('runs a long batch of examples that make no call as a loop, not a recursion', async () => {
    const passThrough = workflow([inputNode('in'), outputNode('out')], [edge('in', 'out')]);
    const examples = Array.from({ length: 30_000 }, (_, i) => ex(`e${i}`, `q${i}`));
    const traces = await runForward(ctxWith(upperModel()), { workflow: passThrough, examples });
    expect(traces).toHaveLength(30_000);
    expect(traces.at(-1)?.outputs.out).toBe('q29999');
  });
});
