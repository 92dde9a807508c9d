import 'fake-indexeddb/auto';
import { promptsOf, type SessionEvent } from '@backflow/engine';
import { defaultForm } from './form';
import type { OptimizeState } from './optimize-state';
import { finished, form, setup, until } from './test-support/driver-harness';

const stopped = (s: OptimizeState) => s.status === 'paused' || s.status === 'awaiting' || finished(s);

/** Steps (one unit per Step) until the run waits for decisions. */
async function stepToDecisions(h: ReturnType<typeof setup>): Promise<OptimizeState> {
  await until(h.store, (s) => s.status === 'ready' || stopped(s));
  for (let i = 0; i < 100 && h.store.getState().status !== 'awaiting'; i++) {
    if (finished(h.store.getState())) break;
    h.driver.step();
    await until(h.store, stopped);
  }
  const waiting = h.store.getState();
  if (waiting.status !== 'awaiting') throw new Error(`the run never waited (${waiting.status})`);
  return waiting;
}

/** Steps until the gate of the current iteration has decided; returns its event. */
async function stepToGate(h: ReturnType<typeof setup>) {
  const gate = () => h.store.getState().events.findLast((e: SessionEvent) => e.type === 'gateDecided');
  for (let i = 0; i < 10 && !gate(); i++) {
    h.driver.step();
    await until(h.store, stopped);
  }
  await h.driver.flush();
  const decided = gate();
  if (decided?.type !== 'gateDecided') throw new Error('the gate never decided');
  return decided;
}

describe('the workflow document takes prompts from stored session events only', () => {
  it('after the gate rejects what a person chose, the document keeps the old prompt', async () => {
    // Semantic backprop's gate accepts only a strict improvement on the minibatch.
    const h = setup();
    const before = promptsOf(h.studio.getState().doc);
    await h.driver.start({
      ...defaultForm('sembp'),
      iterations: 2,
      batchSize: 4,
      seed: 5,
      pauseForDecisions: true,
    });
    const waiting = await stepToDecisions(h);
    // The person replaces every proposal with a prompt that cannot do better.
    for (const id of waiting.awaiting) h.driver.decide(id, { action: 'edit', prompt: 'Reply with nothing.' });
    await h.driver.flush();
    // The decision shows in the document at once (from its stored updateDecided event).
    const chosen = promptsOf(h.studio.getState().doc);
    for (const id of waiting.awaiting) expect(chosen[id]).toBe('Reply with nothing.');

    const gate = await stepToGate(h);
    expect(gate.accepted).toBe(false);
    expect(gate.nodeIds.length).toBeGreaterThan(0);
    expect(promptsOf(h.studio.getState().doc)).toEqual(before);
    // The session agrees: its workflow still has the old prompts.
    const checkpoint = await h.db.checkpoints.get(h.store.getState().runId as string);
    expect(promptsOf(checkpoint?.progress?.workflow as never)).toEqual(before);
  });

  it('after the gate accepts a proposal, the document holds it, written once', async () => {
    // GTBP's default gate takes every candidate.
    const h = setup();
    const before = promptsOf(h.studio.getState().doc);
    await h.driver.start({ ...form, pauseForDecisions: true });
    const waiting = await stepToDecisions(h);
    const proposed = Object.fromEntries(
      waiting.events.flatMap((e) =>
        e.type === 'updateProposed' && waiting.awaiting.includes(e.nodeId)
          ? [[e.nodeId, e.proposedPrompt]]
          : [],
      ),
    );
    for (const id of waiting.awaiting) h.driver.decide(id, { action: 'accept' });
    const gate = await stepToGate(h);
    expect(gate.accepted).toBe(true);
    const after = promptsOf(h.studio.getState().doc);
    expect(after).toEqual({ ...before, ...proposed });
    expect(after).not.toEqual(before);
    // One undoable step per accepted prompt (the gate's event found it already in place).
    expect(h.studio.getState().past).toHaveLength(waiting.awaiting.length);
    h.driver.play();
    const end = await until(h.store, (s) => finished(s) || s.status === 'awaiting');
    if (end.status === 'done') {
      const done = end.events.find((e) => e.type === 'runDone');
      expect(done?.type === 'runDone' && done.prompts).toEqual(promptsOf(h.studio.getState().doc));
    }
  });
});
