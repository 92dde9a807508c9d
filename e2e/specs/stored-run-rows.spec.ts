/**
 * Issue #21: every table the studio stores is read before it is shown. After a real optimization
 * run, bad rows of each run table (runs, run events, call records, checkpoints) and unusable model
 * settings are written straight into IndexedDB (what an older build, another tab or a hand edit
 * could leave); the reload sets aside the bad runs, checkpoints and settings with a message (the
 * launch checks the small tables only), the history lists the good run from its row (issue #19:
 * neither the launch nor the history reads every stored call), opening the run sets aside its bad
 * event and call, the studio works, and the good run still opens from the history.
 */
import { expect, test } from '@playwright/test';
import { OptimizePage } from '../pages/optimize';
import { plantRows, storedRows } from '../pages/stored';

const rowsOf = storedRows;

test('bad rows of runs, checkpoints and settings are set aside on load, run events and calls when the run is read; the studio and the good run still work', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const o = new OptimizePage(page);
  await o.openFixture(/^Chain3 receipt — broken-2/);
  await o.openPanel();
  await o.start({ algorithm: 'sembp', iterations: 1, seed: 1 });
  expect(await o.playToEnd()).toBe('done');
  await o.studio.flush();
  const workflow = await o.studio.workflow();
  const [run] = await rowsOf(page, 'runs');
  const runId = run?.id as string;
  const events = await rowsOf(page, 'runEvents');
  const [call] = await rowsOf(page, 'calls');
  const [checkpoint] = await rowsOf(page, 'checkpoints');
  expect(events.length).toBeGreaterThan(5);

  await plantRows(page, 'runs', [
    { id: 'run_bad', workflowId: workflow.id, startedAt: 'yesterday', kind: 'optimize', status: 'done' },
  ]);
  await plantRows(page, 'runEvents', [
    { runId, seq: 99_999, at: 1, event: { type: 'explode', unitIndex: 0 } },
  ]);
  await plantRows(page, 'calls', [{ ...call, callId: 'call_bad', usage: null }]);
  await plantRows(page, 'checkpoints', [
    { ...checkpoint, runId: 'run_ghost', state: { format: 'backflow.session', version: 99 } },
  ]);
  await plantRows(page, 'settings', [
    {
      key: 'models',
      value: {
        forward: { preset: 'custom', baseUrl: 'javascript:alert(1)', model: 'm', apiKey: 'sk-planted' },
        optimizer: { preset: 'simulated' },
      },
    },
  ]);

  // The Optimize panel closed, so nothing reads the run's history until the spec opens it.
  await o.studio.tab('Inspector').click();
  await page.reload();
  await o.studio.open();
  const toast = page.getByTestId('toast').filter({ hasText: 'could not be read' });
  await expect(toast.filter({ hasText: '3 stored items' })).toContainText(
    '3 stored items could not be read and were set aside (Projects → Set aside)',
  );
  await expect(o.studio.nodes().first()).toBeVisible();
  expect(await o.studio.workflow()).toEqual(workflow);
  expect(o.studio.errors).toEqual([]);
  // The bad run, checkpoint and settings moved; the run's event and call rows are not read yet.
  expect((await rowsOf(page, 'runs')).map((r) => r.id)).toEqual([runId]);
  expect((await rowsOf(page, 'quarantine')).length).toBe(3);
  expect((await rowsOf(page, 'runEvents')).length).toBe(events.length + 1);

  // The history lists the good run only, from its row (its events and calls are not read yet);
  // opening the run reads them, sets aside its bad event and call and says so, and the run opens.
  await o.openPanel();
  const history = o.panel.getByTestId('run-history-row');
  await expect(history).toHaveCount(1);
  expect((await rowsOf(page, 'runEvents')).length).toBe(events.length + 1);
  await o.openStoredRun();
  await expect(toast.filter({ hasText: '2 stored items' })).toContainText(
    '2 stored items could not be read and were set aside (Projects → Set aside): run event',
  );
  await expect(o.panel.getByTestId('stored-run-ending')).toContainText(/^Finished/);
  expect(o.studio.errors).toEqual([]);
  // The good rows are all still there; the bad ones moved.
  expect((await rowsOf(page, 'runEvents')).length).toBe(events.length);
  expect((await rowsOf(page, 'quarantine')).length).toBe(5);
  expect(JSON.stringify(await rowsOf(page, 'quarantine'))).not.toContain('sk-planted');

  // Projects → Set aside names each one by kind, with its reason.
  await page.getByRole('button', { name: 'Projects' }).click();
  const setAside = page.getByTestId('quarantine-row');
  await expect(setAside).toHaveCount(5);
  await expect(setAside.filter({ hasText: /^Run run_bad/ })).toContainText('"startedAt" is not a number');
  await expect(setAside.filter({ hasText: /^Run event/ })).toContainText(
    'the event type "explode" is unknown',
  );
  await expect(setAside.filter({ hasText: /^Call record call_bad/ })).toContainText(
    '"usage" is not an object',
  );
  await expect(setAside.filter({ hasText: /^Checkpoint of run run_ghost/ })).toContainText('newer Backflow');
  await expect(setAside.filter({ hasText: /^Settings models/ })).toContainText('Base URL');
  await page.getByTestId('quarantine').screenshot({ path: 'e2e/.output/stored-run-rows-set-aside.png' });

  // The next load is quiet.
  await page.reload();
  await o.studio.open();
  await expect(o.studio.nodes().first()).toBeVisible();
  await expect(page.getByTestId('toast').filter({ hasText: 'could not be read' })).toHaveCount(0);
});
