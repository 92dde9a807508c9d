import { fixtureFiles } from '../test-support/fixture-files';
import { recordRun } from '../test-support/run-fixture';
import { historyStatus, runSummary } from './summary';

describe('a run status as the history says it', () => {
  it('an aborted unit reads "aborted", not "failed"; an unfinished run not open here reads "stopped"', async () => {
    const run = await recordRun(fixtureFiles('diamond-words'), {
      algorithm: 'sembp',
      iterations: 2,
      batchSize: 2,
      seed: 1,
    });
    // The run up to its first finished iteration: its events end like those of a running run.
    const cut = run.events.findIndex((e) => e.type === 'iterationDone');
    const partial = run.events.slice(0, cut + 1);
    expect(runSummary(partial, []).status).toBe('running');
    expect(historyStatus('running', true)).toBe('running');
    expect(historyStatus('running', false)).toBe('stopped');
    expect(historyStatus('awaitingDecisions', false)).toBe('stopped');
    expect(historyStatus('completed', false)).toBe('completed');

    const aborted = [
      ...partial,
      { type: 'error' as const, unit: 'forward', message: 'The run was aborted.', aborted: true },
    ];
    expect(runSummary(aborted as typeof partial, []).status).toBe('aborted');
    const failed = [...partial, { type: 'error' as const, unit: 'forward', message: 'boom', aborted: false }];
    expect(runSummary(failed as typeof partial, []).status).toBe('failed');
  });
});
