/**
 * The main-thread side of an optimization run: sends commands to the engine client (each control is
 * ONE `run` command: until the next unit, node, end of pass, or the end; the engine keeps the
 * stepping rules), writes every event, checkpoint and call to IndexedDB and only then shows it (via
 * the optimize store), writes the prompts the stored session events put in force into the workflow
 * document, and resumes a run from its last checkpoint. It also shows a
 * stored run read-only in the same store (`openStored`): the live run's state is then kept aside
 * and goes on receiving that run's events, and no command reaches a model until `closeStored`.
 */
import {
  type Decision,
  endpointProblems,
  joinSessionState,
  type ProviderSettings,
  promptOf,
  type RunStateEvent,
  type RunUntil,
  upgradeProviderSettings,
  withPrompts,
} from '@backflow/engine';
import type { BackflowDb } from '../persistence/db';
import { toastSetAside } from '../persistence/quarantine';
import {
  abandonRun,
  countResume,
  createRunRow,
  createRunWriter,
  findResumableRun,
  loadRun,
  prepareResume,
  type RunWriter,
} from '../persistence/runs';
import type { StudioStore } from '../store/create-store';
import type { EngineClient } from '../worker/client';
import type { HostMessage } from '../worker/protocol';
import { documentPromptsOf } from './document-prompts';
import {
  datasetSplitOf,
  formProblems,
  heldOutTestOf,
  type OptimizeForm,
  providerOf,
  sessionSettingsOf,
} from './form';
import { formOfSession } from './form-of-session';
import { createHeldOutTest, type HeldOutTestRun, heldOutTestState } from './held-out-test';
import {
  abortedMessage,
  applyEvent,
  foldEvents,
  initialOptimizeState,
  OPEN_STATUSES,
  type OptimizeState,
  type OptimizeStore,
  passAt,
  runFactsOf,
} from './optimize-state';
import { storedRunState } from './stored-run';

/** What the driver needs, passed in (no globals). */
export interface DriverDeps {
  db: BackflowDb;
  studio: StudioStore;
  store: OptimizeStore;
  createClient(onMessage: (message: HostMessage) => void): EngineClient;
  now?: () => number;
  newRunId?: () => string;
}

export interface OptimizeDriver {
  start(form: OptimizeForm): Promise<void>;
  step(): void;
  stepOverNode(): void;
  runToEndOfPass(): void;
  /** Runs until the current iteration is done (its gate and updates included). */
  runToEndOfIteration(): void;
  play(): void;
  pause(): void;
  abort(): void;
  decide(nodeId: string, decision: Decision): void;
  /**
   * The open workflow changed: the shown run is parked under its workflow (an open one is stopped
   * and left resumable: its prompts belong to that workflow's document) and `workflowId`'s own
   * finished run, if it had one this session, comes back (then call `checkResumable`).
   */
  switchWorkflow(workflowId: string): void;
  /** Looks for a run of the open workflow that stopped before its end (sets `resumable`). */
  checkResumable(): Promise<void>;
  resume(): Promise<void>;
  dismissResume(): Promise<void>;
  /**
   * Shows a stored run of the open workflow read-only, from IndexedDB: no model is called and the
   * workflow is not changed. Opening the live run's own id shows the live run again.
   */
  openStored(runId: string): Promise<void>;
  /** Back from a stored run to the live run (or the new-run form when there is none). */
  closeStored(): void;
  /** Which iteration's backward pass a shown stored run puts on the canvas and in the panel. */
  showIteration(iteration: number): void;
  /** Writes the shown stored run's final prompts into the workflow: one undoable step. */
  applyStoredPrompts(): void;
  /** Resolves when every write so far has committed. */
  flush(): Promise<void>;
  dispose(): void;
}

/** Statuses of a live run that is still open (a stored run shown meanwhile may not replace it). */
const OPEN = OPEN_STATUSES;

type Update = Partial<OptimizeState> | ((s: OptimizeState) => Partial<OptimizeState>);

/** Creates the driver for one studio. */
export function createOptimizeDriver(deps: DriverDeps): OptimizeDriver {
  const now = deps.now ?? (() => Date.now());
  const newRunId = deps.newRunId ?? (() => crypto.randomUUID());
  const { store, db, studio } = deps;
  // A stored run's events and calls are checked as they are read: what no longer reads is set
  // aside, and the person told.
  const setAside = toastSetAside(studio);
  let client: EngineClient | null = null;
  let writer: RunWriter | null = null;
  let runId: string | null = null;
  /** The workflow the live run optimizes: its prompts go into that document only. */
  let runWorkflowId: string | null = null;
  /**
   * The last `run` command's `until`: after the last decision the engine goes on with it by itself
   * (except after a single unit), and the view says so at once.
   */
  let lastUntil: RunUntil | null = null;
  /**
   * Runs the engine has been asked for (or goes on with after a decision) and not yet reported
   * stopped: a stop still on its way from an earlier run must not pause a run that is going.
   */
  let runsOpen = 0;
  /** The live run's state while a stored run is shown in the store (null: the live run is shown). */
  let shelved: OptimizeState | null = null;
  /** Bumped by every open/close, so a slow `openStored` read does not win over a later action. */
  let viewToken = 0;
  /** The workflow whose runs the store shows, and the finished runs of the others (this session). */
  let shownWorkflowId: string | null = null;
  const parked = new Map<string, OptimizeState>();

  /** The live run's state, shown or shelved. */
  const live = (): OptimizeState => shelved ?? store.getState();
  /** Updates the live run's state wherever it is. */
  const setLive = (update: Update) => {
    if (!shelved) store.setState(update);
    else shelved = { ...shelved, ...(typeof update === 'function' ? update(shelved) : update) };
  };
  /** Run commands act on the live run only while it is the one shown. */
  const showingStored = () => shelved !== null;
  /** The live run's held-out test examples and models, scored once after its `runDone`. */
  const heldOut = createHeldOutTest({ db, runId: () => runId, client: () => client, live, setLive });

  const onMessage = (message: HostMessage) => {
    if (!writer || message.runId !== runId) return;
    switch (message.type) {
      case 'session':
        writer.event(message.event, (event) => {
          setLive((s) => applyEvent(s, event));
          if (event.type === 'progress') tick();
          const prompts = documentPromptsOf(event, live().events);
          if (prompts) applyRunPrompts(prompts);
          if (event.type === 'runDone') heldOut.runDone(event);
        });
        return;
      case 'checkpoint': {
        const { progress, data } = message;
        writer.checkpoint(progress, data);
        // A new run's first checkpoint carries its resolved settings and split: the report's facts.
        if (data && !live().facts) {
          const state = joinSessionState(data, progress);
          setLive({ facts: runFactsOf(state, 0, live().clock?.startedAt ?? now()) });
        }
        return;
      }
      case 'journal':
        // Mid-unit: stored so a reload replays the settled calls; the unit has not ended.
        writer.checkpoint(message.progress);
        return;
      case 'runState': {
        // Shown once everything the engine sent before it is stored and shown (for this run only:
        // another may have been opened meanwhile).
        const own = writer;
        void own.flush().then(() => {
          if (writer === own) showRunState(message);
        });
        return;
      }
      case 'call':
        writer.call(message.record, (record) => setLive((s) => ({ calls: [...s.calls, record] })));
        return;
      case 'testScored':
        heldOut.scored(message, writer.flush());
        return;
      case 'commandRejected':
        runsOpen = 0;
        setLive({ status: 'error', message: message.message });
        return;
      default:
        return;
    }
  };

  /** One more unit done, for the ETA. */
  function tick() {
    const clock = live().clock;
    if (clock) setLive({ clock: { ...clock, unitsDone: clock.unitsDone + 1, lastAt: now() } });
  }

  /**
   * The engine stopped a run (its start was shown when the command was sent). A stop for
   * decisions, at the end, on an error or an abort shows through its events; when no other run is
   * on its way, any other stop leaves the run paused.
   */
  function showRunState(message: RunStateEvent) {
    if (message.state === 'running') return;
    runsOpen = Math.max(0, runsOpen - 1);
    if (runsOpen === 0 && live().status === 'running') setLive({ status: 'paused' });
  }

  /**
   * A write failed (quota, storage evicted): going on would show and lose records, so the run
   * pauses after the unit in flight; the last stored checkpoint stays resumable.
   */
  function onWriteError(err: unknown) {
    if (runId) client?.send({ type: 'pause', runId });
    const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    setLive({
      status: 'paused',
      message: `Could not save the run (${reason}). It is paused so nothing is lost; free some storage, then press Play or reload to resume.`,
    });
  }

  /** Prompts the live run's stored events put in force, into its own workflow only. */
  function applyRunPrompts(prompts: Record<string, string>) {
    // An event stored after another workflow was opened must not write into that one.
    if (studio.getState().doc.id === runWorkflowId) writePrompts(prompts);
  }

  /** Writes prompts into the open document as one undoable step, when they change it. */
  function writePrompts(prompts: Record<string, string>) {
    const doc = studio.getState().doc;
    const changed = Object.entries(prompts).some(([id, p]) => {
      const node = doc.nodes.find((n) => n.id === id);
      const prompt = promptOf(node);
      return prompt !== undefined && prompt !== p;
    });
    // One undoable step per change.
    if (changed) studio.getState().changeDoc((d) => withPrompts(d, prompts));
  }

  function open(
    id: string,
    provider: ProviderSettings,
    stored: { lastSeq: number; checkpoints?: number; dataHash?: string },
    test: HeldOutTestRun,
  ) {
    client?.dispose();
    heldOut.open(test);
    lastUntil = null;
    runsOpen = 0;
    runId = id;
    runWorkflowId = studio.getState().doc.id;
    writer = createRunWriter(db, { runId: id, workflowId: runWorkflowId, provider, ...stored }, onWriteError);
    client = deps.createClient(onMessage);
    return client;
  }

  /** Sends one `run` command: the engine runs until `until` (or stops earlier) and says so. */
  function runUntil(until: RunUntil) {
    if (!runId || !client || showingStored()) return;
    const status = live().status;
    if (!OPEN.includes(status) && status !== 'error') return;
    if (until === 'end' && status === 'awaiting') return;
    lastUntil = until;
    runsOpen++;
    setLive({ status: 'running', message: null });
    client.send({ type: 'run', runId, until });
  }

  /** Shows the live run again (the store gets back the state kept aside). */
  function closeStored() {
    viewToken++;
    if (!shelved) return;
    store.setState(shelved, true);
    shelved = null;
    // The stored view may have discarded or resumed what was on offer: ask again.
    if (store.getState().runId === null) void checkResumable();
  }

  async function checkResumable() {
    const workflowId = studio.getState().doc.id;
    const found = await findResumableRun(db, workflowId);
    // Another workflow was opened meanwhile: this offer is not for it.
    if (workflowId !== studio.getState().doc.id) return;
    setLive({ resumable: found });
  }

  /** Lets go of the live run's engine: later messages of the run are ignored. */
  function detach() {
    lastUntil = null;
    if (runId) client?.send({ type: 'pause', runId });
    client?.dispose();
    client = null;
    writer = null;
    runId = null;
  }

  function switchWorkflow(workflowId: string) {
    if (shownWorkflowId === workflowId) return;
    const previous = shownWorkflowId;
    shownWorkflowId = workflowId;
    viewToken++;
    const current = live();
    shelved = null;
    if (previous !== null && current.runId !== null) {
      // An open run would write its prompts into the newly opened document: it stops here, and its
      // own workflow offers to resume it from its last checkpoint when it is opened again.
      if (OPEN.includes(current.status) || current.runId === runId) detach();
      if (!OPEN.includes(current.status)) parked.set(previous, { ...current, resumable: null });
    }
    const back = parked.get(workflowId);
    parked.delete(workflowId);
    store.setState(back ?? initialOptimizeState(), true);
  }

  return {
    async start(form) {
      if (showingStored()) return;
      const { doc, dataset, settings } = studio.getState();
      if (!dataset || dataset.examples.length === 0) {
        store.setState({ status: 'error', message: 'Add a dataset first (Dataset tab).' });
        return;
      }
      const provider = providerOf(settings, form.models);
      // Nothing starts (no run row, no call) on settings the engine would refuse.
      const problems = [
        ...formProblems(form),
        ...endpointProblems(provider.forward, 'Forward model'),
        ...endpointProblems(provider.optimizer, 'Optimizer model'),
      ];
      if (problems.length > 0) {
        store.setState({ status: 'error', message: problems.join(' ') });
        return;
      }
      const id = newRunId();
      const test = heldOutTestOf(dataset.examples);
      await createRunRow(db, { id, workflowId: doc.id, startedAt: now(), algorithm: form.algorithm });
      store.setState({
        ...initialOptimizeState(),
        runId: id,
        form,
        workflowBefore: doc,
        status: 'ready',
        iterations: form.iterations,
        clock: { startedAt: now(), unitsDone: 0, lastAt: now() },
        test: heldOutTestState(test),
      });
      open(id, provider, { lastSeq: 0 }, { examples: test, provider }).send({
        type: 'startOptimization',
        runId: id,
        workflow: doc,
        dataset: datasetSplitOf(dataset.examples, form),
        provider,
        settings: sessionSettingsOf(form),
      });
    },
    step: () => runUntil('unit'),
    stepOverNode: () => runUntil('node'),
    runToEndOfPass: () => runUntil('pass'),
    runToEndOfIteration: () => runUntil('iteration'),
    play: () => runUntil('end'),
    pause() {
      if (showingStored()) return;
      lastUntil = null;
      if (runId) client?.send({ type: 'pause', runId });
      if (live().status === 'running') setLive({ status: 'paused' });
    },
    abort() {
      const status = live().status;
      if (showingStored() || !runId || !(OPEN.includes(status) || status === 'error')) return;
      lastUntil = null;
      // The engine cancels the unit in flight (its aborted error event lands as 'aborted' too);
      // paused or waiting for decisions there is nothing in flight, so the view says it here.
      client?.send({ type: 'abort', runId });
      setLive((s) => ({ status: 'aborted', message: abortedMessage(s) }));
      void writer?.flush().then(checkResumable);
    },
    decide(nodeId, decision) {
      if (!runId || !client || showingStored()) return;
      // The document takes the decided prompt from the stored `updateDecided` event, not from here.
      client.send({ type: 'decide', runId, nodeId, decision });
      if (live().awaiting.length > 1) return;
      // The last decision: the engine goes on the way the run was going (Play plays on, a single
      // Step stays paused) and reports it; the view says so at once.
      const goesOn = lastUntil !== null && lastUntil !== 'unit';
      if (goesOn) runsOpen++;
      setLive(goesOn ? { status: 'running', message: null } : { status: 'paused' });
    },
    switchWorkflow,
    checkResumable,
    async resume() {
      // What the banner offers: the live run's resumable run, or the shown stored run itself.
      const found = store.getState().resumable;
      if (!found) return;
      viewToken++;
      shelved = null;
      const { checkpoint } = found;
      const { events, calls } = await prepareResume(db, checkpoint, setAside);
      const resumes = await countResume(db, checkpoint.runId);
      // Keys are never stored with a run: each endpoint takes its key from the settings table.
      const stored = upgradeProviderSettings(checkpoint.provider);
      const keys = studio.getState().settings;
      const withKey = (endpoint: ProviderSettings['forward'], key: string | undefined) =>
        key ? { ...endpoint, apiKey: key } : endpoint;
      const provider: ProviderSettings = {
        forward: withKey(stored.forward, keys.forward.apiKey),
        optimizer: withKey(stored.optimizer, keys.optimizer.apiKey),
      };
      const view = foldEvents(
        {
          ...initialOptimizeState(),
          runId: checkpoint.runId,
          form: formOfSession(checkpoint.state),
          workflowBefore: studio.getState().doc,
          calls,
          iterations: checkpoint.state.settings.iterations,
          facts: runFactsOf(checkpoint.state, resumes, found.run.startedAt),
        },
        events,
      );
      // The test split held out now: the dataset's examples labelled test (the session never saw them).
      const test = heldOutTestOf(studio.getState().dataset?.examples ?? []);
      store.setState({
        ...view,
        status: view.status === 'awaiting' ? 'awaiting' : 'paused',
        message: 'Resumed from the last checkpoint.',
        clock: { startedAt: now(), unitsDone: 0, lastAt: now() },
        test: heldOutTestState(test),
      });
      open(
        checkpoint.runId,
        provider,
        {
          lastSeq: checkpoint.lastSeq,
          ...(checkpoint.ordinal === undefined ? {} : { checkpoints: checkpoint.ordinal }),
          ...(checkpoint.dataHash === undefined ? {} : { dataHash: checkpoint.dataHash }),
        },
        { examples: test, provider },
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
      store.setState((s) => ({
        resumable: null,
        ...(s.stored && s.runId === found?.run.id ? { stored: { ...s.stored, discarded: true } } : {}),
      }));
    },
    async openStored(id) {
      if (id === live().runId) {
        closeStored();
        return;
      }
      const token = ++viewToken;
      const opened = await loadRun(db, id, setAside);
      if (token !== viewToken) return;
      if (!opened) {
        setLive({ message: 'That run is no longer stored.' });
        return;
      }
      const liveRunOpen = live().runId !== null && OPEN.includes(live().status);
      shelved ??= store.getState();
      store.setState(storedRunState(opened, liveRunOpen), true);
    },
    closeStored,
    showIteration(iteration) {
      if (showingStored()) store.setState((s) => passAt(s, iteration));
    },
    applyStoredPrompts() {
      const { stored } = store.getState();
      if (showingStored() && stored) writePrompts(stored.finalPrompts);
    },
    flush: () => writer?.flush() ?? Promise.resolve(),
    dispose() {
      client?.dispose();
      client = null;
    },
  };
}
