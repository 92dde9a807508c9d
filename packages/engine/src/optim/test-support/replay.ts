import type { SessionEvent } from '../../protocol';
import { promptsOf } from '../gate';
import { Session, type SessionInit } from '../session';
import type { SessionState } from '../state';
import {
  CHAIN_CORRECT,
  createForwardModel,
  createOptimizerModel,
  type FakeModel,
  type OptimizerBehaviour,
  worldContext,
} from './world';

/** Drops wall-clock fields (latency) so events of two runs can be compared exactly. */
export function normalized<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === 'latencyMs' ? undefined : v)));
}

/** A fresh pair of world models, as a new process would have. */
export function freshModels(behaviour: OptimizerBehaviour = { correct: CHAIN_CORRECT }) {
  const forward = createForwardModel();
  const optimizer = createOptimizerModel(behaviour);
  const controller = new AbortController();
  return { forward, optimizer, controller, ctx: worldContext(forward, optimizer, controller.signal) };
}

/** Steps a session to the end, collecting every event. */
export async function stepToEnd(session: Session, events: SessionEvent[] = []): Promise<SessionEvent[]> {
  for (let guard = 0; !session.done && guard < 10_000; guard++) events.push(...(await session.step()));
  return events;
}

/** An uninterrupted run: its events (normalised), final prompts and the number of steps it took. */
export async function referenceRun(init: SessionInit) {
  const { ctx, forward, optimizer } = freshModels();
  const session = Session.create(ctx, init);
  const events: SessionEvent[] = [];
  let steps = 0;
  while (!session.done) {
    events.push(...(await session.step()));
    steps++;
  }
  return {
    events: normalized(events),
    prompts: promptsOf(session.state.workflow),
    steps,
    models: [forward, optimizer],
  };
}

/**
 * Runs `k` steps, serialises the state to a JSON string, and continues in a "new process" (fresh
 * models, a session rebuilt with `Session.fromState`) to the end.
 */
export async function interruptedRun(init: SessionInit, k: number) {
  const first = freshModels();
  const before = Session.create(first.ctx, init);
  const events: SessionEvent[] = [];
  for (let i = 0; i < k && !before.done; i++) events.push(...(await before.step()));
  const saved: SessionState = JSON.parse(JSON.stringify(before.state));
  const second = freshModels();
  const after = Session.fromState(saved, second.ctx);
  await stepToEnd(after, events);
  return { events: normalized(events), prompts: promptsOf(after.state.workflow) };
}

/** Number of calls a set of fake models answered. */
export function callCount(models: FakeModel[]): number {
  return models.reduce((sum, m) => sum + m.calls.length, 0);
}
