/**
 * The running grid as the Experiments view shows it, folded from the experiment host's messages,
 * and the delivery of those messages at most once per animation frame. The host reports after
 * every unit; on the simulator several units finish per frame, and one React update per message
 * re-rendered the dialog for progress nobody can read that fast (bench 5, "experiments" frames).
 * The fold is pure, so a batch gives exactly the state the same messages give one by one.
 */
import { type ExperimentProgress, type ExperimentRun, runKey, summarizeExperiment } from '@backflow/engine';
import { animationFrames, type FrameScheduler } from '../run/partial-frames';
import type { ExperimentMessage, FinishedSummary } from './protocol';

/** What the messages change: the grid's progress, the shown experiment's runs, the running grid. */
export interface LiveGrid {
  /** The latest progress (null once the grid ended or failed). */
  progress: ExperimentProgress | null;
  /** The finished runs of the shown experiment, in the order they finished. */
  runs: ExperimentRun[];
  /** The experiment this page runs (null once it ended or failed). */
  active: string | null;
  /** The host's summary of the shown experiment's finished runs, with its latest run or its end. */
  finished: FinishedSummary | null;
}

/** How a grid ended: the messages after which the view reloads the stored rows. */
export type GridEnding = Extract<ExperimentMessage, { type: 'ended' | 'failed' }>;

/**
 * The live grid after `messages`, in order, where `shown` is the experiment whose runs are listed.
 * A run replaces the shown one of the same arm and seed and goes last. Parts no message changed
 * keep their identity (memoised figures downstream are not recomputed for nothing).
 */
export function applyMessages(
  live: LiveGrid,
  messages: readonly ExperimentMessage[],
  shown: string | null,
): LiveGrid {
  let { progress, runs, active, finished } = live;
  for (const message of messages) {
    if (message.type === 'progress') progress = message.progress;
    else if (message.type === 'run') {
      if (message.experimentId !== shown) continue;
      const { arm, seed } = message.run;
      runs = [...runs.filter((r) => !(r.arm === arm && r.seed === seed)), message.run];
      finished = message.finished;
    } else {
      active = null;
      progress = null;
      // The grid's full summary; after a failure the view computes it from the stored runs.
      if (message.experimentId === shown) finished = message.type === 'ended' ? message.finished : null;
    }
  }
  return progress === live.progress &&
    runs === live.runs &&
    active === live.active &&
    finished === live.finished
    ? live
    : { progress, runs, active, finished };
}

/** The endings among `messages`, in order. */
export function endingsOf(messages: readonly ExperimentMessage[]): GridEnding[] {
  return messages.filter((m): m is GridEnding => m.type === 'ended' || m.type === 'failed');
}

/** What {@link createMessageFrames} returns. */
export interface MessageFrames {
  /** Queues a message for the next frame's batch. */
  push(message: ExperimentMessage): void;
  /** Cancels the pending frame and forgets its messages (the view is gone). */
  cancel(): void;
}

/** Hands the host's messages on in batches, in arrival order, at most once per frame. */
export function createMessageFrames(
  deliver: (batch: readonly ExperimentMessage[]) => void,
  schedule: FrameScheduler = animationFrames,
): MessageFrames {
  let pending: ExperimentMessage[] = [];
  let cancelFrame: (() => void) | null = null;
  const run = () => {
    cancelFrame = null;
    const batch = pending;
    pending = [];
    if (batch.length > 0) deliver(batch);
  };
  return {
    push(message) {
      pending.push(message);
      cancelFrame ??= schedule(run);
    },
    cancel() {
      cancelFrame?.();
      cancelFrame = null;
      pending = [];
    },
  };
}

/**
 * Whether two lists hold the same runs of one experiment: a finished run is stored once and never
 * run again, so its arm and seed identify it. The view keeps its list (and the figures derived
 * from it) when a reload of the stored rows brings back the runs it already shows.
 */
export function sameRuns(a: readonly ExperimentRun[], b: readonly ExperimentRun[]): boolean {
  return a.length === b.length && a.every((r, i) => r.arm === b[i]!.arm && r.seed === b[i]!.seed);
}

/**
 * The summary of `runs` (keyed in their order) as the host sends it. After each run it is
 * `partial`: the arms' figures, each the engine's own (an arm's depends on its runs alone), without
 * the comparisons between arms, whose paired bootstraps grow with the square of the arms (a 9-arm
 * grid spent seconds of the Worker's time on them after every run). The full one ends the grid.
 */
export function summaryOf(runs: readonly ExperimentRun[], partial = false): FinishedSummary {
  const arms = () =>
    [...new Set(runs.map((r) => r.arm))].flatMap(
      (a) => summarizeExperiment(runs.filter((r) => r.arm === a)).arms,
    );
  const summary = partial ? { arms: arms(), comparisons: [] } : summarizeExperiment(runs);
  return { keys: runs.map((r) => runKey(r.arm, r.seed)), summary, partial };
}

/** The host's summary when it was computed over exactly `runs`, in their order (else undefined). */
export function summaryFor(
  runs: readonly ExperimentRun[],
  finished: FinishedSummary | null,
): FinishedSummary | undefined {
  if (!finished || finished.keys.length !== runs.length) return undefined;
  return runs.every((r, i) => runKey(r.arm, r.seed) === finished.keys[i]) ? finished : undefined;
}
