/**
 * The view of a stored run, opened from the history: its stored events folded into the same state
 * a live run's view is built from (so every run view, the canvas blame and the legend show it as
 * they show a live run), plus what the panel says about it. Pure.
 */
import { type SessionEvent, withPrompts } from '@backflow/engine';
import type { RunRow } from '../persistence/db';
import { canResume, type OpenedRun } from '../persistence/runs';
import { finalPromptsOf, promptVersions } from '../run-views/derive/prompt-versions';
import {
  foldEvents,
  initialOptimizeState,
  type OptimizeState,
  passAt,
  passIterations,
  runFactsOf,
  type StoredRunInfo,
} from './optimize-state';

/** "GTBP · 10:32:05": a run as the history list and the stored view name it. */
export function runLabel(run: RunRow): string {
  return `${(run.algorithm ?? 'run').toUpperCase()} · ${new Date(run.startedAt).toLocaleTimeString()}`;
}

function endingOf(events: readonly SessionEvent[]): StoredRunInfo['ending'] {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e?.type === 'runDone') return e.reason;
  }
  return 'stopped';
}

/**
 * The optimize state that shows `opened`. `liveRunOpen`: a live run is open (not finished) in the
 * panel; then this run, if unfinished, is not offered for resume (that would replace the open one).
 */
export function storedRunState(opened: OpenedRun, liveRunOpen: boolean): OptimizeState {
  const { run, events, calls, checkpoint } = opened;
  const before = checkpoint?.state.initialWorkflow ?? null;
  const view = foldEvents(
    {
      ...initialOptimizeState(),
      runId: run.id,
      workflowBefore: before,
      calls,
      iterations: checkpoint?.state.settings.iterations ?? 0,
      facts: checkpoint
        ? {
            ...runFactsOf(checkpoint.state, run.resumes ?? 0, run.startedAt),
            ...(run.test ? { test: run.test } : {}),
          }
        : null,
      test: run.test ? { status: 'scored', examples: run.test.examples, score: run.test } : null,
    },
    events,
  );
  // The last backward pass is shown first (an iteration whose error batch was empty has none).
  const lastPass = passIterations(events).at(-1);
  const shown = lastPass === undefined ? view : { ...view, ...passAt(view, lastPass) };
  const finalPrompts = finalPromptsOf(promptVersions(events, before ?? undefined));
  const resumable = checkpoint && canResume(run, checkpoint) && !liveRunOpen ? { run, checkpoint } : null;
  return {
    ...shown,
    resumable,
    stored: {
      label: runLabel(run),
      ending: endingOf(events),
      discarded: run.status === 'abandoned',
      startedAt: run.startedAt,
      endedAt: run.finishedAt ?? checkpoint?.at ?? null,
      finalPrompts,
      workflowAfter: before ? withPrompts(before, finalPrompts) : null,
      settings: checkpoint?.state.settings ?? null,
      liveRunOpen,
    },
  };
}

/** One line on how a stored run ended, e.g. "finished", "stopped at the budget". */
export function endingText(info: StoredRunInfo): string {
  switch (info.ending) {
    case 'completed':
      return 'finished';
    case 'earlyStop':
      return 'finished early (validation perfect)';
    case 'budgetExhausted':
      return 'stopped at the budget';
    case 'stopped':
      return info.discarded ? 'stopped before its end (discarded)' : 'stopped before its end';
  }
}
