import 'fake-indexeddb/auto';
import { buildRunReport } from '../run-views';
import { datasetSplitOf, heldOutTestOf } from './form';
import { heldOutTestLine } from './held-out-test';
import { finished, fixture, form, poll, setup, until } from './test-support/driver-harness';

describe('the held-out test split (driver, inline engine)', () => {
  it('keeps the examples labelled test out of the run and scores them once, with the final prompts', async () => {
    if (!fixture) throw new Error('no fixture');
    const { studio, store, driver, db } = setup();
    const all = [...fixture.train, ...fixture.val];
    // The last four examples are the test split (as a recipe's paper split labels them).
    const examples = all.map((e, i) => ({
      ...e,
      split: i >= all.length - 4 ? ('test' as const) : ('train' as const),
    }));
    const testIds = examples.filter((e) => e.split === 'test').map((e) => e.id);
    studio.getState().setDataset({ name: 'train', examples } as never);

    const split = datasetSplitOf(examples, form);
    expect(split.train.length + split.val.length).toBe(all.length - 4);
    expect([...split.train, ...split.val].some((e) => testIds.includes(e.id))).toBe(false);
    expect(heldOutTestOf(examples).map((e) => e.id)).toEqual(testIds);

    await driver.start(form);
    expect(store.getState().test).toEqual({ status: 'waiting', examples: 4 });
    driver.play();
    const end = await until(
      store,
      (s) => finished(s) && (s.test?.status === 'scored' || s.test?.status === 'failed'),
    );
    await driver.flush();
    expect(end.status).toBe('done');
    if (end.test?.status !== 'scored') throw new Error(`not scored: ${JSON.stringify(end.test)}`);
    const score = end.test.score;
    expect(score.examples).toBe(4);
    expect(score.perExample.map((p) => p.exampleId).sort()).toEqual([...testIds].sort());
    expect(score.passed).toBe(score.perExample.filter((p) => p.score === 1).length);
    expect(heldOutTestLine(end.test)).toContain(`on 4 examples (${score.passed} of 4 pass)`);

    // The test examples were run once each, under `test/` keys, after the run.
    const runCalls = await db.calls
      .where('runId')
      .equals(end.runId as string)
      .toArray();
    const testCalls = runCalls.filter((c) => (c.callKey ?? '').startsWith('test/'));
    expect(testCalls.length).toBeGreaterThanOrEqual(4);
    const facts = end.facts;
    expect((facts?.trainExamples ?? 0) + (facts?.valExamples ?? 0)).toBe(all.length - 4);
    // Counted with the run's calls (the cost meter and the report read these).
    const calls = store.getState().calls;
    expect(calls.filter((c) => (c.callKey ?? '').startsWith('test/'))).toHaveLength(testCalls.length);

    // The report carries the score like the CLI's report.json.
    if (!facts || !end.workflowBefore) throw new Error('no facts');
    const report = buildRunReport(end.events, calls, end.workflowBefore, studio.getState().doc, { facts });
    expect(report.test).toMatchObject({
      examples: 4,
      score: score.score,
      passed: score.passed,
      file: 'studio dataset',
    });

    // Kept with the run: opened from the history (after a reload), the run shows the same score.
    await poll(
      async () => (await db.runs.get(end.runId as string))?.test,
      (t) => t !== undefined,
    );
    const later = setup(db);
    await later.driver.openStored(end.runId as string);
    const shown = later.store.getState();
    expect(shown.stored).not.toBeNull();
    expect(shown.test).toEqual({ status: 'scored', examples: 4, score });
    expect(shown.facts?.test).toEqual(score);
  });

  it('scores nothing when no example is labelled test', async () => {
    const { store, driver } = setup();
    await driver.start(form);
    expect(store.getState().test).toBeNull();
    driver.play();
    const end = await until(store, finished);
    await driver.flush();
    expect(end.test).toBeNull();
    expect(end.calls.some((c) => (c.callKey ?? '').startsWith('test/'))).toBe(false);
  });
});
