import { expect, test } from '@playwright/test';
import { OptimizePage, topologicalOrder } from '../pages/optimize';

// Chain3 receipt, broken-2: the `label` node lost the instruction to begin with "Total:".
test('GTBP in step mode: one backward pass node by node, the culprit blamed, its update accepted', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const o = new OptimizePage(page);
  await o.openFixture(/^Chain3 receipt — broken-2/);
  await o.openPanel();
  await expect(page.getByTestId('preflight-calls')).toHaveText(/\d+/);
  await o.start({ algorithm: 'gtbp', iterations: 3, pauseForDecisions: true, seed: 1 });

  // Step until the pass has been seeded, then one unit per node until blame is computed.
  const visited: string[] = [];
  for (let i = 0; i < 40; i++) {
    await o.control('Step');
    const current = await o.currentNode();
    if (current && visited.at(-1) !== current) visited.push(current);
    const looks = await o.looks();
    if (looks.some((l) => l.blame !== null)) break;
  }
  await page.screenshot({ path: 'e2e/.output/optimize-gtbp-pass.png' });
  const doc = (await o.studio.workflow()) as {
    nodes: { id: string }[];
    edges: { source: string; target: string }[];
  };
  const reverseTopo = topologicalOrder(doc).reverse();
  expect(visited.length).toBeGreaterThanOrEqual(3);
  expect(visited).toEqual(reverseTopo.filter((id) => visited.includes(id)));

  // The culprit carries the highest blame, and the legend is shown.
  const looks = await o.looks();
  const top = [...looks].sort((a, b) => (b.blame ?? -1) - (a.blame ?? -1))[0];
  expect(top?.id).toBe('label');
  await expect(page.getByTestId('blame-legend')).toBeVisible();

  // Its backward view: target and output differ.
  await o.studio.node('label').click();
  const backward = o.panel.getByTestId('optimize-backward');
  await expect(backward.getByTestId('backward-example').first()).toBeVisible();
  const example = backward.getByTestId('backward-example').first();
  if ((await example.getAttribute('open')) === null) await example.locator('summary').first().click();
  await expect(backward.getByText('target (differs)').first()).toBeVisible();

  // Step to the decision: the proposal names the missing instruction; accept it.
  for (let i = 0; i < 20 && (await o.status()) !== 'awaiting'; i++) await o.control('Step');
  const diff = o.panel.locator('[aria-label="Proposed prompt for label"]');
  await expect(diff).toContainText('Total:');
  await page.screenshot({ path: 'e2e/.output/optimize-gtbp-diff.png' });
  await diff.getByRole('button', { name: /^Accept/ }).click();
  await expect.poll(async () => (await o.studio.state()).canUndo).toBe(true);
  const accepted = (await o.studio.workflow()) as { nodes: { id: string; systemPrompt?: string }[] };
  expect(accepted.nodes.find((n) => n.id === 'label')?.systemPrompt).toContain('Total:');

  // Accept the other proposals whenever the run waits, and play to the end: validation is perfect.
  await acceptAll(o);
  for (let i = 0; i < 10 && (await o.playToEnd()) === 'awaiting'; i++) await acceptAll(o);
  await expect(o.meter).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('optimize-message')).toContainText('Validation score 100%');
  await page.screenshot({ path: 'e2e/.output/optimize-gtbp-done.png' });
  expect(o.studio.errors).toEqual([]);
});

async function acceptAll(o: OptimizePage): Promise<void> {
  for (let i = 0; i < 10 && (await o.status()) === 'awaiting'; i++) {
    const before = Number(await o.meter.getAttribute('data-events'));
    await o.panel
      .getByRole('button', { name: /^Accept/ })
      .and(o.panel.locator(':enabled'))
      .first()
      .click();
    await expect.poll(async () => Number(await o.meter.getAttribute('data-events'))).toBeGreaterThan(before);
  }
}
