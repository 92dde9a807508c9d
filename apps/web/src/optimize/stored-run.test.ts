import { promptsOf, type SessionEvent } from '@backflow/engine';
import type { CheckpointRow, RunRow } from '../persistence/db';
import type { OpenedRun } from '../persistence/runs';
import { fixtureFiles } from '../run-views/test-support/fixture-files';
import { type RecordedRun, recordRun } from '../run-views/test-support/run-fixture';
import { foldEvents, initialOptimizeState, passAt, passIterations } from './optimize-state';
import { endingText, storedRunState } from './stored-run';

const settings = { algorithm: 'gtbp' as const, iterations: 3, batchSize: 4, seed: 1, earlyStop: false };

function opened(
  run: RecordedRun,
  row: Partial<RunRow> = {},
  checkpoint: Partial<CheckpointRow> = {},
): OpenedRun {
  const done = run.session.done;
  return {
    run: {
      id: 'r1',
      workflowId: run.workflowBefore.id,
      startedAt: 1_000,
      kind: 'optimize',
      status: done ? 'done' : 'running',
      algorithm: 'gtbp',
      ...(done ? { finishedAt: 9_000 } : {}),
      ...row,
    },
    events: run.events,
    calls: run.calls,
    checkpoint: {
      runId: 'r1',
      workflowId: run.workflowBefore.id,
      at: 8_000,
      lastSeq: run.events.length,
      ordinal: 1,
      done,
      state: structuredClone(run.session.state),
      provider: { kind: 'simulated', forwardModel: 'backflow-sim' },
      ...checkpoint,
    },
  };
}

const lastOf = <T extends SessionEvent['type']>(events: SessionEvent[], type: T) =>
  events.filter((e): e is Extract<SessionEvent, { type: T }> => e.type === type).at(-1);

let finished: RecordedRun;
let unfinished: RecordedRun;
/** Two backward passes: a person rejects every proposal of iteration 1, so iteration 2 walks again. */
let twoPasses: RecordedRun;
beforeAll(async () => {
  finished = await recordRun(fixtureFiles('chain3-receipt'), settings);
  unfinished = await recordRun(fixtureFiles('chain3-receipt'), settings, { stopAfter: 8 });
  twoPasses = await recordRun(
    fixtureFiles('chain3-receipt'),
    { ...settings, pauseForDecisions: true },
    { decide: (_nodeId, iteration) => ({ action: iteration === 1 ? 'reject' : 'accept' }) },
  );
});

describe('storedRunState', () => {
  it('folds a finished run exactly as the live run folds its events, and names its end', () => {
    const view = storedRunState(opened(finished), false);
    // Folded as the live driver folds them (the driver test compares with a live run's store).
    const live = foldEvents(
      { ...initialOptimizeState(), runId: 'r1', calls: finished.calls },
      finished.events,
    );
    expect(view.events).toEqual(finished.events);
    expect(view.calls).toBe(finished.calls);
    expect(view.status).toBe('done');
    expect(view.message).toBe(live.message);
    expect(view.totals).toEqual(live.totals);
    const lastPass = passIterations(finished.events).at(-1) as number;
    expect(view.iteration).toBe(lastPass);
    expect(view.blame).toEqual(
      lastOf(
        finished.events.filter((e) => e.iteration === lastPass),
        'blameComputed',
      )?.blame,
    );
    expect(view.workflowBefore).toEqual(finished.workflowBefore);
    const done = lastOf(finished.events, 'runDone');
    expect(view.stored).toMatchObject({
      label: expect.stringMatching(/^GTBP · /),
      ending: 'completed',
      discarded: false,
      startedAt: 1_000,
      endedAt: 9_000,
      finalPrompts: done?.prompts,
      liveRunOpen: false,
    });
    expect(promptsOf(view.stored?.workflowAfter ?? finished.workflowBefore)).toEqual(done?.prompts);
    expect(view.stored?.settings?.iterations).toBe(3);
    expect(endingText(view.stored as NonNullable<typeof view.stored>)).toBe('finished');
    // A finished run is not offered for resume.
    expect(view.resumable).toBeNull();
  });

  it('an unfinished run is "stopped" and offers its checkpoint for resume, unless a live run is open', () => {
    const view = storedRunState(opened(unfinished), false);
    expect(view.stored?.ending).toBe('stopped');
    expect(view.stored?.endedAt).toBe(8_000);
    expect(view.resumable?.checkpoint.runId).toBe('r1');
    expect(storedRunState(opened(unfinished), true).resumable).toBeNull();
    const discarded = storedRunState(opened(unfinished, { status: 'abandoned' }), false);
    expect(discarded.resumable).toBeNull();
    expect(endingText(discarded.stored as NonNullable<typeof discarded.stored>)).toBe(
      'stopped before its end (discarded)',
    );
  });

  it('without a checkpoint it still shows the events, with nothing to resume or export from', () => {
    const view = storedRunState({ ...opened(unfinished), checkpoint: null }, false);
    expect(view.events).toHaveLength(unfinished.events.length);
    expect(view.workflowBefore).toBeNull();
    expect(view.stored?.workflowAfter).toBeNull();
    expect(view.resumable).toBeNull();
  });
});

describe('passAt', () => {
  it('shows any iteration’s backward pass: its walk order and blame', () => {
    const full = foldEvents(initialOptimizeState(), twoPasses.events);
    const passes = passIterations(twoPasses.events);
    expect(passes).toEqual([1, 2]);
    // The fold ends on the last pass; iteration 1's is shown on request.
    expect(full.blame).toEqual(lastOf(twoPasses.events, 'blameComputed')?.blame);
    const first = 1;
    const pass = passAt(full, first);
    const inFirst = twoPasses.events.filter((e) => e.iteration === first);
    expect(pass.iteration).toBe(first);
    expect(pass.backwardOrder).toEqual(inFirst.flatMap((e) => (e.type === 'backwardNode' ? [e.nodeId] : [])));
    expect(pass.blame).toEqual(lastOf(inFirst, 'blameComputed')?.blame);
    // The rest of the view (curves, calls, status) is left as it is.
    expect(pass).not.toHaveProperty('events');
    expect(pass).not.toHaveProperty('status');
  });
});
