import { expect, test } from '@playwright/test';
import { OptimizePage } from '../pages/optimize';

test('a paper recipe opens from the gallery in one click, with its graph, prompts, loss and paper model', async ({
  page,
}) => {
  const o = new OptimizePage(page);
  await page.setViewportSize({ width: 1600, height: 900 });
  await o.studio.open();
  await page.getByRole('button', { name: 'Examples' }).click();
  const dialog = page.getByTestId('gallery-dialog');
  await expect(dialog.getByText('Paper recipes')).toBeVisible();
  await expect(dialog.getByText('forward gpt-4o-mini · optimizer gpt-4-turbo').first()).toBeVisible();
  await dialog.getByRole('button', { name: /^Semantic backprop: LIAR/ }).click();
  await expect(page.getByText(/^Opened "Semantic backprop: LIAR"/)).toBeVisible();
  const doc = (await o.studio.workflow()) as {
    nodes: { id: string; kind: string; systemPrompt?: string }[];
    edges: { source: string; target: string }[];
    loss: { kind: string };
    defaults: { model?: string };
    description: string;
  };
  const hints = doc.nodes.filter((n) => n.id.startsWith('hint_'));
  expect(hints).toHaveLength(5);
  for (const h of hints)
    expect(doc.edges.some((e) => e.source === h.id && e.target === 'verdict')).toBe(true);
  expect(doc.nodes.find((n) => n.id === 'verdict')?.systemPrompt).toContain('is a lie (Yes) or not (No)');
  expect(doc.loss.kind).toBe('choice');
  expect(doc.defaults.model).toBe('gpt-4o-mini');
  expect(doc.description).toContain('backflow optimize --recipe sembp-liar');
});

test("each algorithm's ablations are switches of the Optimize form; TextGrad's masking runs", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const o = new OptimizePage(page);
  await o.openFixture(/^Diamond words — broken-1/);
  await o.openPanel();
  const ablations = o.panel.getByRole('group', { name: 'Ablations' });
  const expected = {
    'GTBP (target backprop)': ['Keep every successor target (ablation)', 'No edit budget (ablation)'],
    'Semantic backpropagation': ['No sibling information (ablation)'],
    TextGrad: ['Mask sibling inputs (ablation)'],
  };
  for (const [algorithm, labels] of Object.entries(expected)) {
    await o.panel.getByLabel('Algorithm').selectOption({ label: algorithm });
    await expect(ablations.getByRole('checkbox')).toHaveCount(labels.length);
    for (const label of labels) await expect(ablations.getByLabel(label)).not.toBeChecked();
  }
  await ablations.getByLabel('Mask sibling inputs (ablation)').check();
  await o.start({ iterations: 1, maxCalls: 40 });
  expect(await o.playToEnd()).toMatch(/done|budget/);
});
