import { expect, test } from '@playwright/test';
import { StudioPage } from '../pages/studio';

type Node = { id: string; kind: string; keepReasoning?: boolean };
const llmNodes = async (studio: StudioPage) =>
  ((await studio.workflow()) as { nodes: Node[] }).nodes.filter((n) => n.kind === 'llm');

// Issue #21: reasoning is stripped from a node's output by default; a per-node setting keeps it.
test('an LLM node keeps its reasoning only when its Inspector says so, and the choice is saved', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  const studio = new StudioPage(page);
  await studio.openReceiptExample();
  const [first] = await llmNodes(studio);
  if (!first) throw new Error('the example has no LLM node');
  await studio.node(first.id).click();
  const keep = page.getByTestId('inspector').getByRole('checkbox', { name: /Keep reasoning in the output/ });
  await expect(keep).not.toBeChecked();
  expect(first.keepReasoning).toBeUndefined();

  await keep.check();
  await expect
    .poll(async () => (await llmNodes(studio)).find((n) => n.id === first.id)?.keepReasoning)
    .toBe(true);
  // Only that node: the others still strip reasoning.
  expect((await llmNodes(studio)).filter((n) => n.keepReasoning).map((n) => n.id)).toEqual([first.id]);
  await studio.flush();
  await page.reload();
  await studio.open();
  expect((await llmNodes(studio)).find((n) => n.id === first.id)?.keepReasoning).toBe(true);

  await studio.node(first.id).click();
  await keep.uncheck();
  await expect
    .poll(async () => (await llmNodes(studio)).find((n) => n.id === first.id)?.keepReasoning)
    .toBeUndefined();
  expect(studio.errors).toEqual([]);
});
