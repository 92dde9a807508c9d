import type { CallRecord, SessionEvent } from '@backflow/engine';
import { fixtureFiles } from '../test-support/fixture-files';
import { type RecordedRun, recordRun } from '../test-support/run-fixture';
import { callIteration } from './calls';
import { digestOf, emptyDigest, foldCall, foldEvent, isRunDigest } from './digest';
import { seriesOf } from './metrics';
import { summaryOf } from './summary';

const settings = { iterations: 3, batchSize: 4, errorBatchSize: 2, seed: 1 };
const runs: Record<string, RecordedRun> = {};
beforeAll(async () => {
  const diamond = fixtureFiles('diamond-words');
  const chain = fixtureFiles('chain3-receipt');
  runs.finished = await recordRun(diamond, { algorithm: 'sembp', ...settings });
  runs.gtbp = await recordRun(diamond, { algorithm: 'gtbp', ...settings });
  runs.textgrad = await recordRun(diamond, { algorithm: 'textgrad', ...settings, iterations: 1 });
  runs.budget = await recordRun(diamond, { algorithm: 'sembp', ...settings, budget: { maxCalls: 30 } });
  runs.unfinished = await recordRun(chain, { algorithm: 'sembp', ...settings }, { stopAfter: 8 });
  runs.waiting = await recordRun(chain, { algorithm: 'gtbp', ...settings, pauseForDecisions: true });
  // A person rejects every proposal of iteration 1, accepts those of the next.
  runs.decided = await recordRun(
    chain,
    { algorithm: 'gtbp', ...settings, pauseForDecisions: true },
    { decide: (_nodeId, iteration) => ({ action: iteration === 1 ? 'reject' : 'accept' }) },
  );
});

/** A digest as it comes back from IndexedDB after a write. */
const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/**
 * Folding the rows one at a time as the studio stores them (an event, then the calls that came
 * with it, the digest written and read back between writes) gives the digest of the whole rows,
 * and reading it gives what the rows say.
 */
function expectSameAsRows(events: readonly SessionEvent[], calls: readonly CallRecord[]) {
  let digest = emptyDigest();
  let k = 0;
  for (const [i, e] of events.entries()) {
    digest = roundTrip(foldEvent(digest, e));
    for (; k < calls.length && k < (i + 1) * 2; k++) digest = roundTrip(foldCall(digest, calls[k]!));
  }
  for (; k < calls.length; k++) digest = roundTrip(foldCall(digest, calls[k]!));
  expect(isRunDigest(digest)).toBe(true);
  expect(digest).toEqual(roundTrip(digestOf(events, calls)));
  const summary = summaryOf(digest);
  const series = seriesOf(digest);
  const done = [...new Set(events.flatMap((e) => (e.type === 'iterationDone' ? [e.iteration] : [])))];
  expect(summary.records.calls).toBe(calls.length);
  expect(summary.iterationsDone).toBe(done.length);
  expect(series.points.map((p) => p.iteration)).toEqual(done.sort((x, y) => x - y));
  const last = series.points.at(-1);
  if (last) {
    const paid = calls.filter(
      (c) => !c.cached && (callIteration(c) ?? Number.POSITIVE_INFINITY) <= last.iteration,
    );
    expect(last.cumulativeCostUsd).toBeCloseTo(
      paid.reduce((sum, c) => sum + c.costUsd, 0),
      12,
    );
  }
  return { summary, series };
}

describe('a run digest folded row by row gives what the whole rows give', () => {
  it('for finished, budget-stopped, unfinished and waiting runs of each algorithm', () => {
    const statuses: Record<string, string> = {};
    for (const [name, run] of Object.entries(runs)) {
      const { summary, series } = expectSameAsRows(run.events, run.calls);
      statuses[name] = summary.status;
      expect(summary.records.calls).toBe(run.calls.length);
      if (name === 'finished') {
        expect(series.points.length).toBeGreaterThan(0);
        expect(summary.records.costUsd).toBeGreaterThan(0);
      }
    }
    expect(statuses).toMatchObject({
      budget: 'budgetExhausted',
      unfinished: 'running',
      waiting: 'awaitingDecisions',
    });
    expect(['completed', 'earlyStop']).toContain(statuses.finished);
    // The person's rejections are counted in the curves as the gate's are.
    expect(seriesOf(roundTrip(digestOf(runs.decided?.events ?? [], []))).points[0]?.rejected).toBeGreaterThan(
      0,
    );
  });

  it('at every prefix of a run, as it is stored event by event', () => {
    const run = runs.gtbp as RecordedRun;
    for (let n = 0; n <= run.events.length; n += 7)
      expectSameAsRows(run.events.slice(0, n), run.calls.slice(0, n * 2));
  });

  it('for a run whose last unit failed or was aborted', () => {
    const run = runs.unfinished as RecordedRun;
    const last = run.events.at(-1) as SessionEvent;
    for (const aborted of [true, false]) {
      const error: SessionEvent = {
        type: 'error',
        unitIndex: last.unitIndex,
        iteration: last.iteration,
        unit: 'forward',
        message: 'the endpoint hung up',
        aborted,
      };
      const { summary } = expectSameAsRows([...run.events, error], run.calls);
      expect(summary.status).toBe(aborted ? 'aborted' : 'failed');
      expect(summary.error?.message).toBe('the endpoint hung up');
    }
  });

  it('for a run that has stored nothing', () => {
    expect(summaryOf(emptyDigest()).status).toBe('notStarted');
    expectSameAsRows([], []);
  });
});

describe('isRunDigest', () => {
  it('reads what the fold stores and refuses another shape or version', () => {
    const good = roundTrip(digestOf(runs.finished?.events ?? [], runs.finished?.calls ?? []));
    expect(isRunDigest(good)).toBe(true);
    expect(isRunDigest({ ...good, v: 2 })).toBe(false);
    expect(isRunDigest({ ...good, records: { ...good.records, calls: '7' } })).toBe(false);
    expect(isRunDigest({ ...good, iterations: [{ iteration: 1 }] })).toBe(false);
    expect(
      isRunDigest({ ...good, decisions: [{ iteration: 1, accepted: 0, rejected: 0, failed: [3] }] }),
    ).toBe(false);
    expect(isRunDigest({ ...good, done: { reason: 'completed' } })).toBe(false);
    expect(isRunDigest(null)).toBe(false);
  });
});
