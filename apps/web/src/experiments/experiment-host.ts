/**
 * Runs an experiment grid with the engine's own runner (`runExperiment`, the one behind
 * `backflow experiment`) over the IndexedDB store, in the experiment Worker or, where no Worker
 * exists (Node tests), inline. Models come from the engine host's context factory (the simulator
 * or the endpoints); every run gets fresh ones. API keys arrive in the command and are never stored.
 * Each finished run goes to the view with the summary of the grid's finished runs, per arm only; the
 * grid's end with the full one (see protocol.ts).
 */
import { runExperiment } from '@backflow/engine';
import { contextFactory } from '../worker/build-context';
import {
  createIdbExperimentStore,
  loadExperimentRuns,
  openExperimentDb,
  recordOutcome,
} from './experiment-db';
import { summaryOf } from './live-grid';
import type { ExperimentCommand, ExperimentMessage } from './protocol';

/** Handles commands; everything it has to say goes to `emit`. */
export interface ExperimentHost {
  handle(command: ExperimentCommand): Promise<void>;
}

/** An experiment host reporting through `emit`. */
export function createExperimentHost(emit: (message: ExperimentMessage) => void): ExperimentHost {
  const running = new Map<string, AbortController>();

  async function start(command: Extract<ExperimentCommand, { type: 'start' }>): Promise<void> {
    const { experimentId } = command;
    if (running.has(experimentId)) return;
    const abort = new AbortController();
    running.set(experimentId, abort);
    const db = openExperimentDb(command.dbName);
    try {
      const row = await db.experiments.get(experimentId);
      if (!row) throw new Error(`No experiment ${experimentId} is stored.`);
      // Built once to refuse bad settings before any run, and for the models' labels.
      const probe = contextFactory(command.provider, () => undefined)(abort.signal);
      const models = {
        forward: probe.forwardModel.label,
        optimizer: probe.optimizerModel.label,
        simulated: probe.forwardModel.simulated || probe.optimizerModel.simulated,
      };
      await db.experiments.update(experimentId, { status: 'running', models });
      // The grid's finished runs as the view lists them (stored ones first, in the grid's order),
      // summarised here so the page never runs the bootstraps while it draws.
      const finished = await loadExperimentRuns(db, row);
      const store = createIdbExperimentStore(db, experimentId, (run) => {
        finished.push(run);
        emit({ type: 'run', experimentId, run, finished: summaryOf(finished, true) });
      });
      const outcome = await runExperiment(row.spec, store, {
        context: () => contextFactory(command.provider, () => undefined)(abort.signal),
        signal: abort.signal,
        onProgress: (progress) => emit({ type: 'progress', experimentId, progress }),
      });
      await recordOutcome(db, experimentId, outcome);
      emit({ type: 'ended', experimentId, stopped: outcome.stopped, models, finished: summaryOf(finished) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await recordOutcome(db, experimentId, { error: message }).catch(() => undefined);
      emit({ type: 'failed', experimentId, message });
    } finally {
      running.delete(experimentId);
      db.close();
    }
  }

  return {
    handle: async (command) => {
      if (command.type === 'abort') return running.get(command.experimentId)?.abort();
      return start(command);
    },
  };
}
