import type { CallRecord, SessionEvent } from '@backflow/engine';
import { metricSeries } from '../run-views/derive/metrics';
import { runSummary } from '../run-views/derive/summary';
import { fixtureFiles } from '../run-views/test-support/fixture-files';
import { type RecordedRun, recordRun } from '../run-views/test-support/run-fixture';
import { digestOf, emptyDigest, isRunDigest, seriesOf, summaryOf } from './run-digest';

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

/** The digest as it comes back from IndexedDB (structured data only). */
const stored = (events: readonly SessionEvent[], calls: readonly CallRecord[]) =>
  JSON.parse(JSON.stringify(digestOf(events, calls)));

/** The digest's summary and curves are the whole rows' (costs: summed in another order). */
function expectSameAsRows(events: readonly SessionEvent[], calls: readonly CallRecord[]) {
  const digest = stored(events, calls);
  expect(isRunDigest(digest)).toBe(true);
  const { prompts: _, ...want } = runSummary(events, calls);
  const got = summaryOf(digest);
  expect(got.records.costUsd).toBeCloseTo(want.records.costUsd, 12);
  expect({ ...got, records: { ...got.records, costUsd: 0 } }).toEqual({
    ...want,
    records: { ...want.records, costUsd: 0 },
  });
  const wantSeries = metricSeries(events, calls);
  const gotSeries = seriesOf(digest);
  const noCost = (s: typeof wantSeries) => s.points.map((p) => ({ ...p, cumulativeCostUsd: 0 }));
  expect(noCost(gotSeries)).toEqual(noCost(wantSeries));
  expect(gotSeries.baselineValScore).toBe(wantSeries.baselineValScore);
  for (const [i, p] of gotSeries.points.entries())
    expect(p.cumulativeCostUsd).toBeCloseTo(wantSeries.points[i]?.cumulativeCostUsd ?? Number.NaN, 12);
  return { summary: got, series: gotSeries };
}

describe('a run digest gives what the whole rows give', () => {
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
    expect(seriesOf(stored(runs.decided?.events ?? [], [])).points[0]?.rejected).toBeGreaterThan(0);
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
    const good = stored(runs.finished?.events ?? [], runs.finished?.calls ?? []);
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
