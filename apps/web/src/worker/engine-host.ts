/**
 * The engine side of the protocol: one {@link SessionController} per run, driven by commands.
 * The same code runs inside the module Worker and, when no Worker exists (tests in Node), inline
 * on the main thread; both report through `emit`.
 */
import {
  type CallRecord,
  type EngineCommand,
  forwardRun,
  type ProviderSettings,
  pricesOf,
  resolveSettings,
  SessionController,
  type SessionOptions,
  scoreTestSplit,
} from '@backflow/engine';
import { contextFactory } from './build-context';
import type { HostCommand, HostMessage, ScoreTestCommand } from './protocol';

/**
 * How long after a call settles the unit's journal is sent as a `journal` checkpoint (ms). Calls
 * that settle meanwhile ride along, so a fast unit (the in-process simulator) is over before any
 * is sent, while a slow one (a real endpoint) loses at most this much work to a reload.
 */
export const JOURNAL_CHECKPOINT_MS = 100;

/** Receives commands; everything it has to say goes to the `emit` it was created with. */
export interface EngineHost {
  handle(command: HostCommand): Promise<void>;
}

/** An engine host that reports every event, checkpoint and call record through `emit`. */
export function createEngineHost(emit: (message: HostMessage) => void): EngineHost {
  const runs = new Map<string, SessionController>();
  /** Forward runs in flight: `abort` with their run id stops them. */
  const forwardRuns = new Map<string, AbortController>();
  const journalTimers = new Set<string>();

  const optionsFor = (provider: ProviderSettings): SessionOptions => ({ prices: pricesOf(provider) });
  const recorderFor = (runId: string) => (record: CallRecord) => emit({ type: 'call', runId, record });
  /** An optimization's records: each settled call also schedules a journal checkpoint. */
  const sessionRecorderFor = (runId: string) => (record: CallRecord) => {
    emit({ type: 'call', runId, record });
    scheduleJournal(runId);
  };

  /**
   * Sends the session's state once the settled calls are in its journal (the journaling model
   * writes an answer there a few microtasks after its record is sent, so a timer is always late
   * enough). Any moment is a consistent one: a unit writes its results to the state only when it
   * ends, and its events and checkpoint go out in that same task. An empty journal sends nothing.
   */
  function scheduleJournal(runId: string) {
    if (journalTimers.has(runId)) return;
    journalTimers.add(runId);
    setTimeout(() => {
      journalTimers.delete(runId);
      const controller = runs.get(runId);
      if (!controller || Object.keys(controller.state.journal).length === 0) return;
      emit({ type: 'journal', runId, progress: controller.progress() });
    }, JOURNAL_CHECKPOINT_MS);
  }

  const reject = (command: EngineCommand, message: string) =>
    emit({ type: 'commandRejected', runId: command.runId, command: command.type, message });

  /** The held-out test split, scored once with the run's final prompts (the CLI's finish step). */
  async function scoreTest(command: ScoreTestCommand): Promise<void> {
    const { runId } = command;
    try {
      const makeContext = contextFactory(command.provider, recorderFor(runId));
      const abort = new AbortController();
      // Abort with the run's id stops the scoring like a forward run.
      forwardRuns.set(runId, abort);
      try {
        const score = await scoreTestSplit(makeContext(abort.signal), command.workflow, command.examples);
        emit({ type: 'testScored', runId, score });
      } finally {
        forwardRuns.delete(runId);
      }
    } catch (err) {
      emit({ type: 'testScored', runId, error: err instanceof Error ? err.message : String(err) });
    }
  }

  async function handle(command: HostCommand): Promise<void> {
    if (command.type === 'scoreTest') return scoreTest(command);
    return handleEngine(command);
  }

  async function handleEngine(command: EngineCommand): Promise<void> {
    try {
      switch (command.type) {
        case 'startForward': {
          // The Run tab keeps no call records and shows the node events of one example (`watch`):
          // a 500-example run sent 7,000 messages it dropped, which took most of the page's main
          // thread while the evaluation grid filled (bench 5).
          const makeContext = contextFactory(command.provider, () => undefined);
          const abort = new AbortController();
          forwardRuns.set(command.runId, abort);
          try {
            emit(
              await forwardRun(makeContext(abort.signal), command.runId, command.workflow, command.examples, {
                ...(command.stream ? { stream: true } : {}),
                // Live node states for the Run tab: display only, nothing is checkpointed.
                onEvent: (event) => {
                  const { watch } = command;
                  if (watch !== undefined && event.type !== 'exampleFinished' && event.exampleId !== watch)
                    return;
                  emit({
                    type: 'forwardProgress',
                    runId: command.runId,
                    unitIndex: 0,
                    iteration: 0,
                    unit: 'forward',
                    event,
                  });
                },
              }),
            );
          } finally {
            forwardRuns.delete(command.runId);
          }
          return;
        }
        case 'startOptimization': {
          const provider = command.provider;
          resolveSettings(command.settings);
          const controller = SessionController.start(
            command.runId,
            contextFactory(provider, sessionRecorderFor(command.runId)),
            {
              workflow: command.workflow,
              train: command.dataset.train,
              val: command.dataset.val,
              settings: command.settings,
            },
            emit,
            optionsFor(provider),
          );
          runs.set(command.runId, controller);
          // The first checkpoint carries the run's data (stored once); later ones the progress only.
          controller.checkpoint();
          return;
        }
        case 'resume': {
          const provider = command.provider;
          const controller = SessionController.resume(
            command.runId,
            contextFactory(provider, sessionRecorderFor(command.runId)),
            command.state,
            emit,
            optionsFor(provider),
          );
          runs.set(command.runId, controller);
          // As after a start: the data part is stored (again only if it differs) before any
          // progress that names it, so even a checkpoint written before the split resumes.
          controller.checkpoint();
          return;
        }
        default: {
          const forward = forwardRuns.get(command.runId);
          if (forward && command.type === 'abort') return forward.abort();
          const controller = runs.get(command.runId);
          if (!controller) return reject(command, `No run ${command.runId} in this engine.`);
          if (command.type === 'run') return void (await controller.run(command.until));
          if (command.type === 'pause') return controller.pause();
          if (command.type === 'abort') return await controller.abort();
          return await controller.decide(command.nodeId, command.decision);
        }
      }
    } catch (err) {
      reject(command, err instanceof Error ? err.message : String(err));
    }
  }

  return { handle };
}
