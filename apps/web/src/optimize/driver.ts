/**
 * The main-thread side of an optimization run: sends commands to the engine client, writes every
 * event, checkpoint and call to IndexedDB and only then shows it (via the optimize store), drives
 * the stepping modes (Step, Step over node, Run to end of pass) one unit at a time, writes accepted
 * prompts into the workflow document, and resumes a run from its last checkpoint.
 */
import { type Decision, type SessionEvent, type SessionState, withPrompts } from '@backflow/engine';
import type { BackflowDb } from '../persistence/db';
import {
  abandonRun,
  createRunRow,
  createRunWriter,
  findResumableRun,
  prepareResume,
  type RunWriter,
} from '../persistence/runs';
import type { StudioSettings } from '../settings/provider-settings';
import type { StudioStore } from '../store/create-store';
import type { EngineClient } from '../worker/client';
import type { HostMessage, StudioProviderSettings } from '../worker/protocol';
import { datasetSplitOf, type OptimizeForm, providerOf, sessionSettingsOf } from './form';
import { applyEvent, initialOptimizeState, type OptimizeState, type OptimizeStore } from './optimize-state';

/** What the driver needs, passed in (no globals). */
export interface DriverDeps {
  db: BackflowDb;
  studio: StudioStore;
  store: OptimizeStore;
  createClient(onMessage: (message: HostMessage) => void): EngineClient;
  now?: () => number;
  newRunId?: () => string;
}

/** Until when a stepping command keeps stepping: checked after every unit with its events. */
type StopRule = (events: SessionEvent[]) => boolean;

export interface OptimizeDriver {
  start(form: OptimizeForm): Promise<void>;
  step(): void;
  stepOverNode(): void;
  runToEndOfPass(): void;
  play(): void;
  pause(): void;
  abort(): void;
  decide(nodeId: string, decision: Decision): void;
  /** Looks for a run of the open workflow that stopped before its end (sets `resumable`). */
  checkResumable(): Promise<void>;
  resume(): Promise<void>;
  dismissResume(): Promise<void>;
  /** Resolves when every write so far has committed. */
  flush(): Promise<void>;
  dispose(): void;
}

const STOPPING: SessionEvent['type'][] = ['awaitingDecisions', 'error', 'runDone', 'budgetExhausted'];

/** Creates the driver for one studio. */
export function createOptimizeDriver(deps: DriverDeps): OptimizeDriver {
  const now = deps.now ?? (() => Date.now());
  const newRunId = deps.newRunId ?? (() => crypto.randomUUID());
  const { store, db, studio } = deps;
  let client: EngineClient | null = null;
  let writer: RunWriter | null = null;
  let runId: string | null = null;
  let stopRule: StopRule | null = null;
  let unitEvents: SessionEvent[] = [];
  /** Units done as of the last checkpoint seen: start, decide and abort checkpoint without a unit. */
  let unitsSeen = 0;

  const onMessage = (message: HostMessage) => {
    if (!writer || message.runId !== runId) return;
    switch (message.type) {
      case 'session':
        unitEvents.push(message.event);
        writer.event(message.event, (event) => {
          store.setState((s) => applyEvent(s, event));
          if (event.type === 'runDone') applyFinalPrompts(event.prompts);
        });
        return;
      case 'checkpoint':
        writer.checkpoint(message.state);
        void writer.flush().then(() => afterUnit(message.state));
        return;
      case 'call':
        writer.call(message.record, (record) => store.setState((s) => ({ calls: [...s.calls, record] })));
        return;
      case 'commandRejected':
        store.setState({ status: 'error', message: message.message });
        return;
      default:
        return;
    }
  };

  /** After each unit's checkpoint: keep stepping while the current rule says so. */
  function afterUnit(state: SessionState) {
    const events = unitEvents;
    unitEvents = [];
    const stepped = state.unitIndex > unitsSeen || events.some((e) => e.type === 'error');
    unitsSeen = Math.max(unitsSeen, state.unitIndex);
    const clock = store.getState().clock;
    if (clock) store.setState({ clock: { ...clock, unitsDone: clock.unitsDone + 1, lastAt: now() } });
    const stopped = state.phase.kind === 'done' || events.some((e) => STOPPING.includes(e.type));
    if (!stopRule || !stepped) return;
    if (stopped || stopRule(events)) {
      stopRule = null;
      const status = store.getState().status;
      if (status === 'running') store.setState({ status: 'paused' });
      return;
    }
    sendStep();
  }

  /**
   * A write failed (quota, storage evicted): going on would show and lose records, so the run
   * pauses after the unit in flight; the last stored checkpoint stays resumable.
   */
  function onWriteError(err: unknown) {
    stopRule = null;
    if (runId) client?.send({ type: 'pause', runId });
    const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    store.setState({
      status: 'paused',
      message: `Could not save the run (${reason}). It is paused so nothing is lost; free some storage, then press Play or reload to resume.`,
    });
  }

  function sendStep() {
    if (!client || !runId) return;
    client.send({ type: 'step', runId });
  }

  function applyFinalPrompts(prompts: Record<string, string>) {
    const doc = studio.getState().doc;
    const changed = Object.entries(prompts).some(([id, p]) => {
      const node = doc.nodes.find((n) => n.id === id);
      return node?.kind === 'llm' && node.systemPrompt !== p;
    });
    // One undoable step for the whole run's result.
    if (changed) studio.getState().changeDoc((d) => withPrompts(d, prompts));
  }

  function open(
    id: string,
    provider: StudioProviderSettings,
    lastSeq: number,
    unitIndex: number,
    checkpoints = 0,
  ) {
    client?.dispose();
    unitsSeen = unitIndex;
    unitEvents = [];
    stopRule = null;
    runId = id;
    writer = createRunWriter(
      db,
      { runId: id, workflowId: studio.getState().doc.id, provider, lastSeq, checkpoints },
      onWriteError,
    );
    client = deps.createClient(onMessage);
    return client;
  }

  function stepUntil(rule: StopRule) {
    if (!runId || !client) return;
    const status = store.getState().status;
    if (status === 'done' || status === 'budget') return;
    stopRule = rule;
    store.setState({ status: 'running', message: null });
    sendStep();
  }

  const providerFor = (settings: StudioSettings) => providerOf(settings);

  return {
    async start(form) {
      const { doc, dataset, settings } = studio.getState();
      if (!dataset || dataset.examples.length === 0) {
        store.setState({ status: 'error', message: 'Add a dataset first (Dataset tab).' });
        return;
      }
      const id = newRunId();
      const provider = providerFor(settings);
      await createRunRow(db, { id, workflowId: doc.id, startedAt: now(), algorithm: form.algorithm });
      store.setState({
        ...initialOptimizeState(),
        runId: id,
        workflowBefore: doc,
        status: 'ready',
        iterations: form.iterations,
        clock: { startedAt: now(), unitsDone: 0, lastAt: now() },
      });
      open(id, provider, 0, 0).send({
        type: 'startOptimization',
        runId: id,
        workflow: doc,
        dataset: datasetSplitOf(dataset.examples, form),
        provider,
        settings: sessionSettingsOf(form),
      });
    },
    step: () => stepUntil(() => true),
    stepOverNode: () => stepUntil((events) => events.some((e) => e.type === 'backwardNode')),
    runToEndOfPass: () => stepUntil((events) => events.some((e) => e.type === 'blameComputed')),
    play() {
      if (!runId || !client) return;
      stopRule = null;
      store.setState({ status: 'running', message: null });
      client.send({ type: 'play', runId });
    },
    pause() {
      stopRule = null;
      if (runId) client?.send({ type: 'pause', runId });
      if (store.getState().status === 'running') store.setState({ status: 'paused' });
    },
    abort() {
      stopRule = null;
      if (runId) client?.send({ type: 'abort', runId });
    },
    decide(nodeId, decision) {
      if (!runId || !client) return;
      const proposal = store.getState().proposals[nodeId];
      const prompt = decision.action === 'edit' ? decision.prompt : proposal?.proposedPrompt;
      if (decision.action !== 'reject' && prompt !== undefined) {
        // Accepting is ONE undoable step in the workflow history.
        studio.getState().changeDoc((d) => withPrompts(d, { [nodeId]: prompt }));
      }
      client.send({ type: 'decide', runId, nodeId, decision });
      if (store.getState().awaiting.length <= 1) store.setState({ status: 'paused' });
    },
    async checkResumable() {
      const found = await findResumableRun(db, studio.getState().doc.id);
      store.setState({ resumable: found });
    },
    async resume() {
      const found = store.getState().resumable;
      if (!found) return;
      const { checkpoint } = found;
      const events = await prepareResume(db, checkpoint);
      const calls = await db.calls.where('runId').equals(checkpoint.runId).toArray();
      const key = studio.getState().settings.forward.apiKey;
      const provider: StudioProviderSettings = { ...checkpoint.provider, ...(key ? { apiKey: key } : {}) };
      let view: OptimizeState = {
        ...initialOptimizeState(),
        runId: checkpoint.runId,
        workflowBefore: studio.getState().doc,
        calls,
        iterations: checkpoint.state.settings.iterations,
      };
      for (const event of events) view = { ...view, ...applyEvent(view, event) };
      store.setState({
        ...view,
        status: view.status === 'awaiting' ? 'awaiting' : 'paused',
        message: 'Resumed from the last checkpoint.',
        clock: { startedAt: now(), unitsDone: 0, lastAt: now() },
      });
      open(
        checkpoint.runId,
        provider,
        checkpoint.lastSeq,
        checkpoint.state.unitIndex,
        checkpoint.ordinal,
      ).send({
        type: 'resume',
        runId: checkpoint.runId,
        state: checkpoint.state,
        provider,
      });
    },
    async dismissResume() {
      const found = store.getState().resumable;
      if (found) await abandonRun(db, found.run.id);
      store.setState({ resumable: null });
    },
    flush: () => writer?.flush() ?? Promise.resolve(),
    dispose() {
      client?.dispose();
      client = null;
    },
  };
}
