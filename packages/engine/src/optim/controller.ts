import type { RunContext } from '../context';
import type { Decision, EngineEvent, SessionEvent } from '../protocol';
import { Session, type SessionInit, type SessionOptions, type StepOptions } from './session';
import type { SessionState } from './state';

/** Builds the run context for a session; called again with a fresh signal after an abort. */
export type ContextFactory = (signal: AbortSignal) => RunContext;

/**
 * Drives one session for a host (the studio's worker, the CLI) in the terms of the protocol:
 * step, play, pause, abort, decide. Every session event is emitted as it happens and a checkpoint
 * after every unit and every decision, so the host can persist before it shows anything, plus live
 * `forwardProgress` events while a forward pass runs. The worker
 * stays a thin switch from commands to these methods.
 */
export class SessionController {
  private session: Session;
  private abortController = new AbortController();
  private paused = false;
  private busy: Promise<void> | null = null;
  private readonly options: SessionOptions;

  private constructor(
    readonly runId: string,
    private readonly makeContext: ContextFactory,
    private readonly emit: (event: EngineEvent) => void,
    options: SessionOptions,
    build: (ctx: RunContext, options: SessionOptions) => Session,
  ) {
    const callerListener = options.onForwardEvent;
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
    options: SessionOptions = {},
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
    options: SessionOptions = {},
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
   * Performs one unit (waits for a unit already running to finish first). A step sends that unit's
   * calls only: a person stepping through a pass sees each unit's calls under it (no lookahead).
   */
  step(): Promise<void> {
    return this.exclusive(async () => {
      await this.oneUnit({ lookahead: false });
    });
  }

  /** Steps until the end, a pause, a wait for decisions, or an error. */
  play(): Promise<void> {
    this.paused = false;
    return this.exclusive(async () => {
      while (!this.session.done && !this.paused) {
        const events = await this.oneUnit();
        if (events.some((e) => e.type === 'error' || e.type === 'awaitingDecisions')) break;
      }
    });
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

  /** Records a person's decision on a proposal and checkpoints it. Throws outside the decision window. */
  decide(nodeId: string, decision: Decision): void {
    this.send(this.session.decide(nodeId, decision));
    this.checkpoint();
  }

  private async oneUnit(options: StepOptions = {}): Promise<SessionEvent[]> {
    const events = await this.session.step(options);
    for (const event of events) this.send(event);
    this.checkpoint();
    return events;
  }

  private exclusive(work: () => Promise<void>): Promise<void> {
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

  private checkpoint(): void {
    this.emit({ type: 'checkpoint', runId: this.runId, state: structuredClone(this.session.state) });
  }
}
