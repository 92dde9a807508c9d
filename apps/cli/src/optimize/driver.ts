import {
  addAnswerTallies,
  type CallTotals,
  type EngineEvent,
  emptyAnswerTally,
  foldReportEvent,
  type Session,
  SessionController,
  type SessionEvent,
} from '@backflow/engine';
import type { CliIo } from '../cli/io';
import type { Progress } from '../cli/progress';
import type { CallStats, ModelSetup } from '../providers/build-models';
import type { CallLog } from '../report/call-log';
import { type CliCheckpoint, type CliCounters, saveCheckpoint } from '../report/checkpoint';

/** How a drive ended. */
export type DriveOutcome =
  | { kind: 'done' }
  | { kind: 'interrupted' }
  | { kind: 'providerFailure'; message: string }
  | { kind: 'failed'; message: string };

/** What {@link driveSession} works with. */
export interface DriveArgs {
  /** The session as started or resumed; the engine's controller drives it from its state. */
  session: Session;
  /** The checkpoint as loaded or created; its collector and counters are updated in place. */
  checkpoint: CliCheckpoint;
  dir: string;
  models: ModelSetup;
  /** The run's calls.jsonl, flushed before each save so the checkpoint records its length. */
  callLog?: CallLog;
  io: CliIo;
  signal: AbortSignal;
  progress: Progress;
  /** Counters of earlier processes (zero for a fresh run). */
  base: CliCounters;
  processStartedAt: number;
}

/** Earlier processes' counters plus this process's call statistics and wall time. */
export function cumulativeCounters(base: CliCounters, stats: CallStats, wallMsHere: number): CliCounters {
  const counters: CliCounters = {
    calls: base.calls + stats.calls,
    cachedCalls: base.cachedCalls + stats.cachedCalls,
    failedCalls: base.failedCalls + stats.failedCalls,
    inputTokens: base.inputTokens + stats.inputTokens,
    cachedInputTokens: (base.cachedInputTokens ?? 0) + stats.cachedInputTokens,
    outputTokens: base.outputTokens + stats.outputTokens,
    costUsd: base.costUsd + stats.costUsd,
    wallMs: base.wallMs + wallMsHere,
    resumes: base.resumes,
  };
  const firstFailure = base.firstFailure ?? stats.firstFailure;
  if (firstFailure !== undefined) counters.firstFailure = firstFailure;
  if (base.answers || stats.answers) {
    counters.answers = addAnswerTallies(
      base.answers ?? emptyAnswerTally(),
      stats.answers ?? emptyAnswerTally(),
    );
  }
  return counters;
}

function asTotals(counters: CliCounters): CallTotals {
  const { calls, inputTokens, outputTokens, costUsd } = counters;
  return { calls, inputTokens, outputTokens, costUsd };
}

function describeUnit(event: Extract<SessionEvent, { type: 'progress' }>): string {
  return event.iteration === 0 ? event.unit : `iteration ${event.iteration} · ${event.unit}`;
}

/**
 * Runs the session to its end with the engine's controller (the same run policy as the studio's),
 * folding every unit's events into the report's collector and saving the checkpoint (atomically)
 * after every unit, before the next one starts, so a kill at any moment loses at most the unit in
 * flight. SIGINT/SIGTERM abort the unit in flight; its settled calls are kept in the saved journal,
 * so `--resume` does not pay for them twice.
 *
 * A unit during which a model call failed after its retries is NOT checkpointed: the last good
 * checkpoint stays, and `--resume` redoes that unit instead of carrying its failed answers on.
 */
export async function driveSession(args: DriveArgs): Promise<DriveOutcome> {
  const { session, checkpoint, dir, models, io, signal, progress, base } = args;
  const counters = () => cumulativeCounters(base, models.stats, io.now() - args.processStartedAt);
  const save = async () => {
    if (args.callLog) {
      await args.callLog.flush();
      checkpoint.callLogBytes = args.callLog.size();
    }
    checkpoint.counters = counters();
    checkpoint.savedAt = new Date(io.now()).toISOString();
    await saveCheckpoint(dir, checkpoint);
  };
  if (signal.aborted) {
    await save();
    return { kind: 'interrupted' };
  }

  let unitEvents: SessionEvent[] = [];
  let failedBefore = models.stats.failedCalls;
  let outcome: DriveOutcome | null = null;
  const emit = (event: EngineEvent) => {
    if (event.type === 'session') unitEvents.push(event.event);
  };
  // The checkpoint this process saves is the controller's own state (its models are in-process).
  const controller = SessionController.resume('cli', () => models.ctx, session.state, emit, {
    afterUnit: async () => {
      const events = unitEvents;
      unitEvents = [];
      outcome = await afterUnit(events, failedBefore);
      failedBefore = models.stats.failedCalls;
      if (outcome) controller.pause();
    },
  });
  // Between units, a signal stops the run (the unit in flight is aborted through the context).
  const stop = () => controller.pause();
  signal.addEventListener('abort', stop, { once: true });

  /** What one unit's events mean for the run (null: go on), with the checkpoint saved as due. */
  async function afterUnit(events: SessionEvent[], failedAtStart: number): Promise<DriveOutcome | null> {
    const failed = models.stats.failedCalls > failedAtStart;
    const error = events.find((e) => e.type === 'error');
    if (error?.type === 'error') {
      // The session left its state as before the unit (plus the journal of settled calls).
      checkpoint.session = controller.state;
      await save();
      if (error.aborted || signal.aborted) return { kind: 'interrupted' };
      if (failed) return { kind: 'providerFailure', message: error.message };
      return { kind: 'failed', message: `${error.unit}: ${error.message}` };
    }
    if (failed)
      return { kind: 'providerFailure', message: models.stats.firstFailure ?? 'a model call failed' };
    if (events.some((e) => e.type === 'awaitingDecisions')) {
      return {
        kind: 'failed',
        message: 'the session waits for decisions, which the command line does not take',
      };
    }
    const totals = asTotals(counters());
    for (const event of events) {
      foldReportEvent(checkpoint.collector, event, totals);
      if (event.type === 'progress') {
        progress.setTotal(event.totalUnitsEstimate);
        progress.update(event.unitIndex + 1, describeUnit(event));
      }
    }
    checkpoint.session = controller.state;
    await save();
    return signal.aborted ? { kind: 'interrupted' } : null;
  }

  try {
    await controller.run('end');
  } finally {
    signal.removeEventListener('abort', stop);
  }
  checkpoint.session = controller.state;
  return outcome ?? { kind: 'done' };
}
