import { expect, test } from '@playwright/test';
import { OptimizePage, topologicalOrder } from '../pages/optimize';

// Diamond words, broken-1: the `sorted` branch is the culprit; its sibling is `reversed`.
test('semantic backpropagation on a diamond: reverse order, culprit blamed, sibling outputs shown', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const o = new OptimizePage(page);
  await o.openFixture(/^Diamond words — broken-1/);
  await o.openPanel();
  await o.start({ algorithm: 'sembp', iterations: 4, seed: 1 });

  const visited: string[] = [];
  for (let i = 0; i < 40; i++) {
    await o.control('Step');
    const current = await o.currentNode();
    if (current && visited.at(-1) !== current) visited.push(current);
    if ((await o.looks()).some((l) => l.blame !== null)) break;
  }
  const doc = (await o.studio.workflow()) as {
    nodes: { id: string }[];
    edges: { source: string; target: string }[];
  };
  const reverseTopo = topologicalOrder(doc).reverse();
  expect(visited.length).toBeGreaterThanOrEqual(3);
  // Every node is reached after all of its successors.
  for (const e of doc.edges) {
    if (visited.includes(e.source) && visited.includes(e.target)) {
      expect(visited.indexOf(e.target)).toBeLessThan(visited.indexOf(e.source));
    }
  }
  expect(reverseTopo.filter((id) => visited.includes(id)).length).toBe(visited.length);
  const top = [...(await o.looks())].sort((a, b) => (b.blame ?? -1) - (a.blame ?? -1))[0];
  expect(top?.id).toBe('sorted');

  // The gradient the culprit received was conditioned on its sibling's output.
  await o.studio.node('sorted').click();
  const backward = o.panel.getByTestId('optimize-backward');
  const example = backward.getByTestId('backward-example').first();
  await expect(example).toBeVisible();
  if ((await example.getAttribute('open')) === null) await example.locator('summary').first().click();
  await expect(backward.getByTestId('sibling-outputs').first()).toContainText('reversed');
  await page.screenshot({ path: 'e2e/.output/optimize-sembp-siblings.png' });

  await o.playToEnd();
  await expect(o.meter).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('optimize-message')).toContainText('Validation score 100%');
  expect(o.studio.errors).toEqual([]);
});
