import type { RunContext } from '../context';
import type { Decision, EngineEvent, RunStopReason, RunUntil, SessionEvent } from '../protocol';
import { looksAhead, stopAfterUnit } from './run-until';
import { Session, type SessionInit, type SessionOptions, type StepOptions } from './session';
import type { SessionState } from './state';
import { type SessionProgress, splitSessionState } from './state-parts';

/** Builds the run context for a session; called again with a fresh signal after an abort. */
export type ContextFactory = (signal: AbortSignal) => RunContext;

/** The session's options, and what the host does between units. */
export interface ControllerOptions extends SessionOptions {
  /**
   * Awaited after every unit's checkpoint, before the next unit starts: a host that stores its
   * checkpoints in the same process (the CLI) saves here, so no unit starts before the one before
   * it is stored. The studio's Worker leaves it out (the page stores in its own queue).
   */
  afterUnit?: () => Promise<void>;
}

/**
 * Drives one session for a host (the studio's worker, the CLI) in the terms of the protocol:
 * run (until the next unit, node, pass, iteration or the end), pause, abort, decide. Every session
 * event is emitted as it happens and a checkpoint after every unit and every decision, so the host
 * can persist before it shows anything, plus live `forwardProgress` events while a forward pass
 * runs and a `runState` event when a run starts and stops. The run policy lives here: the hosts
 * send one command and only store and show what comes back.
 */
export class SessionController {
  private session: Session;
  private abortController = new AbortController();
  private paused = false;
  private busy: Promise<unknown> | null = null;
  private readonly options: SessionOptions;
  private readonly afterUnit: (() => Promise<void>) | undefined;
  /** The hash of the data part once its first checkpoint carried it (later ones carry progress only). */
  private dataHash: string | undefined;
  /** How the last run was going when it stopped for decisions: the last decision goes on with it. */
  private waitingWith: RunUntil | null = null;

  private constructor(
    readonly runId: string,
    private readonly makeContext: ContextFactory,
    private readonly emit: (event: EngineEvent) => void,
    { afterUnit, ...options }: ControllerOptions,
    build: (ctx: RunContext, options: SessionOptions) => Session,
  ) {
    const callerListener = options.onForwardEvent;
    this.afterUnit = afterUnit;
    this.options = {
      ...options,
      onForwardEvent: (event, where) => {
        callerListener?.(event, where);
        emit({ type: 'forwardProgress', runId, ...where, event });
      },
    };
    this.session = build(makeContext(this.abortController.signal), this.options);
  }

  /** A controller over a new session. */
  static start(
    runId: string,
    makeContext: ContextFactory,
    init: SessionInit,
    emit: (event: EngineEvent) => void,
    options: ControllerOptions = {},
  ): SessionController {
    return new SessionController(runId, makeContext, emit, options, (ctx, opts) =>
      Session.create(ctx, init, opts),
    );
  }

  /** A controller over a session restored from a checkpoint. */
  static resume(
    runId: string,
    makeContext: ContextFactory,
    state: SessionState,
    emit: (event: EngineEvent) => void,
    options: ControllerOptions = {},
  ): SessionController {
    return new SessionController(runId, makeContext, emit, options, (ctx, opts) =>
      Session.fromState(state, ctx, opts),
    );
  }

  /** The session's current state (read-only use). */
  get state(): SessionState {
    return this.session.state;
  }

  /** True once the session has ended. */
  get done(): boolean {
    return this.session.done;
  }

  /**
   * Runs units until `until` is reached, or earlier: a pause, a wait for decisions, an error
   * (abort included) or the end (budget included); resolves with why it stopped (waits for a
   * command already running to finish first). Only 'iteration' and 'end' runs start later units'
   * calls early: a person stepping through a pass sees each unit's calls under it.
   */
  run(until: RunUntil): Promise<RunStopReason> {
    this.paused = false;
    this.waitingWith = null;
    return this.exclusive(() => this.runUnits(until));
  }

  /** Stops playing after the unit in flight. */
  pause(): void {
    this.paused = true;
  }

  /**
   * Cancels the unit in flight: its settled calls stay in the state's journal, the unit reports an
   * `error` event (aborted) and the session is rebuilt from its state with a fresh signal, so a later
   * step or play re-runs that unit without repeating the settled calls.
   */
  async abort(): Promise<void> {
    this.paused = true;
    this.abortController.abort();
    await this.busy?.catch(() => undefined);
    this.abortController = new AbortController();
    this.session = Session.fromState(
      this.session.state,
      this.makeContext(this.abortController.signal),
      this.options,
    );
    this.checkpoint();
  }

  /**
   * Records a person's decision on a proposal and checkpoints it. Throws outside the decision
   * window. When it is the last decision a run stopped for, the run goes on as it was going
   * (resolving when it stops again); a single-unit run stays stopped.
   */
  async decide(nodeId: string, decision: Decision): Promise<void> {
    this.send(this.session.decide(nodeId, decision));
    this.checkpoint();
    const until = this.waitingWith;
    if (until === null || this.session.awaitingDecisions.length > 0) return;
    this.waitingWith = null;
    if (until !== 'unit') await this.run(until);
  }

  /** A copy of the progress part of the state (what a mid-unit checkpoint stores). */
  progress(): SessionProgress {
    return structuredClone(this.splitState().progress);
  }

  /** Emits a checkpoint now (a host does after creating a run, before any unit). */
  checkpoint(): void {
    const first = this.dataHash === undefined;
    const { data, progress } = this.splitState();
    this.dataHash = data.hash;
    this.emit({
      type: 'checkpoint',
      runId: this.runId,
      progress: structuredClone(progress),
      ...(first ? { data: structuredClone(data) } : {}),
    });
  }

  private splitState() {
    return splitSessionState(this.session.state, this.dataHash);
  }

  private async runUnits(until: RunUntil): Promise<RunStopReason> {
    this.emit({ type: 'runState', runId: this.runId, state: 'running', until });
    let reason: RunStopReason | null = null;
    while (reason === null) {
      if (this.session.done) reason = 'done';
      else if (this.paused) reason = 'paused';
      else {
        const events = await this.oneUnit({ lookahead: looksAhead(until) });
        await this.afterUnit?.();
        reason = stopAfterUnit(until, events, this.session.done);
      }
    }
    if (reason === 'decisions') this.waitingWith = until;
    this.emit({ type: 'runState', runId: this.runId, state: reason, until });
    return reason;
  }

  private async oneUnit(options: StepOptions = {}): Promise<SessionEvent[]> {
    const events = await this.session.step(options);
    for (const event of events) this.send(event);
    this.checkpoint();
    return events;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    // A failed earlier unit must not block the next command: chain on its settlement, not success.
    const run = (this.busy ?? Promise.resolve()).catch(() => undefined).then(work);
    const tracked = run.finally(() => {
      if (this.busy === tracked) this.busy = null;
    });
    this.busy = tracked;
    return tracked;
  }

  private send(event: SessionEvent): void {
    this.emit({ type: 'session', runId: this.runId, event });
  }
}
