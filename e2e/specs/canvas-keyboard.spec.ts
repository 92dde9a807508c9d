import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { seriousViolations } from '../pages/axe';
import { StudioPage } from '../pages/studio';

const large = JSON.parse(readFileSync(new URL('../fixtures/large-500.json', import.meta.url), 'utf8'));

/** Presses Tab (a bounded number of times) until the focused element matches `selector`. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Opens the command palette with the keyboard, types `query` and runs the first match. */
async function command(page: Page, query: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+k');
  const search = page.getByTestId('palette-search');
  await expect(search).toBeFocused();
  await page.keyboard.type(query);
  await expect(page.getByTestId('palette-item').first()).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('command-palette')).toHaveCount(0);
}

test('keyboard only: add nodes from the library, focus one (visible ring), open, move, connect, delete, undo', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1024, height: 700 });
  const studio = new StudioPage(page);
  await studio.open();

  // The searchable node library: type what the node is for, Enter adds it at a free spot.
  await command(page, 'dataset field');
  await command(page, 'model');
  await command(page, 'answer');
  const doc = await studio.workflow();
  const nodes = doc.nodes as { id: string; kind: string; position: { x: number; y: number } }[];
  expect(nodes.map((n) => n.kind)).toEqual(['input', 'llm', 'output']);
  const [input, llm, output] = nodes.map((n) => n.id) as [string, string, string];
  // Free spots: no two nodes share a place.
  expect(new Set(nodes.map((n) => `${n.position.x},${n.position.y}`)).size).toBe(3);

  // Tab reaches a node; its focus ring is visible (an outline on the node's frame).
  await tabTo(page, `.react-flow__node[data-id="${input}"]`);
  const frame = studio.node(input).locator('.bf-node');
  await expect(frame).toHaveCSS('outline-style', 'solid');
  await expect(frame).toHaveCSS('outline-width', '2px');

  // Enter selects it and opens it in the Inspector.
  await studio.tab('Problems').click();
  await tabTo(page, `.react-flow__node[data-id="${input}"]`);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tabpanel', { name: 'Inspector' })).toBeVisible();
  await expect(page.getByTestId('inspector')).toContainText(input);
  expect((await studio.state()).selected).toEqual([input]);

  // Arrow keys move the selected node.
  const x0 = nodes[0]?.position.x ?? 0;
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect
    .poll(async () => ((await studio.workflow()).nodes as typeof nodes)[0]?.position.x)
    .toBeGreaterThan(x0);

  // Connect from the palette: the selected node to a target found by name.
  await command(page, `connect ${llm}`);
  await expect.poll(async () => (await studio.state()).edgeCount).toBe(1);
  expect((await studio.state()).selected).toEqual([llm]);
  await command(page, `connect ${output}`);
  await expect.poll(async () => (await studio.state()).edgeCount).toBe(2);
  const edges = (await studio.workflow()).edges as { source: string; target: string }[];
  expect(edges.map((e) => `${e.source}>${e.target}`)).toEqual([`${input}>${llm}`, `${llm}>${output}`]);

  // An edge is focusable too, with a visible (coloured, thicker) stroke.
  await tabTo(page, '.react-flow__edge');
  await expect(page.locator('.react-flow__edge:focus-visible .react-flow__edge-path')).toHaveCSS(
    'stroke',
    'rgb(2, 132, 199)',
  );

  // Delete the focused node after selecting it with Enter; undo brings it back.
  await tabTo(page, `.react-flow__node[data-id="${llm}"]`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Delete');
  await expect(studio.node(llm)).toHaveCount(0);
  expect(await studio.state()).toMatchObject({ nodeCount: 2, edgeCount: 0, selected: [] });
  await studio.pressUndo();
  await expect(studio.node(llm)).toHaveCount(1);
  expect((await studio.state()).edgeCount).toBe(2);
  expect(studio.errors).toEqual([]);
});

test('paste then undo: the selection count is what exists', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open();
  await studio.addNode('llm');
  await page.keyboard.press('ControlOrMeta+a');
  const text = await page.evaluate(() => {
    const data = new DataTransfer();
    document.dispatchEvent(
      new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }),
    );
    return data.getData('text/plain');
  });
  for (let i = 0; i < 2; i++) {
    await page.evaluate((t) => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      document.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, text);
  }
  await page.keyboard.press('ControlOrMeta+a');
  await expect(page.getByTestId('panels')).toContainText('3 nodes selected');
  await studio.pressUndo();
  await expect(studio.nodes()).toHaveCount(2);
  await expect(page.getByTestId('panels')).toContainText('2 nodes selected');
  await studio.pressUndo();
  await expect(studio.nodes()).toHaveCount(1);
  expect((await studio.state()).selected).toHaveLength(1);
  await expect(page.getByTestId('inspector')).toBeVisible();
});

test('Fit keeps nodes readable: a 500-node graph is framed at its start, not shrunk to dots', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const studio = new StudioPage(page);
  await studio.open();
  await studio.loadWorkflow(large);
  expect((await studio.state()).nodeCount).toBe(500);
  await expect(studio.nodes().first()).toBeVisible();
  const viewport = studio.canvas.locator('.react-flow__viewport');
  const scale = async () => Number((await viewport.getAttribute('style'))?.match(/scale\(([\d.]+)\)/)?.[1]);
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await expect.poll(scale).toBeGreaterThanOrEqual(0.5);
  await expect(studio.canvas.locator('.react-flow')).not.toHaveClass(/bf-low-detail/);
  // Nodes are in view (the graph's start), at a size whose text can be read.
  const box = await studio.canvas.boundingBox();
  if (!box) throw new Error('no canvas');
  const inView = await studio.nodes().evaluateAll(
    (els, b) =>
      els.filter((el) => {
        const r = el.getBoundingClientRect();
        return r.right > b.x && r.left < b.x + b.width && r.bottom > b.y && r.top < b.y + b.height;
      }).length,
    box,
  );
  expect(inView).toBeGreaterThan(3);
  expect(studio.errors).toEqual([]);
});

test('the command palette is a labelled combobox and listbox: no serious axe violation', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open();
  for (const size of [
    { width: 1440, height: 900 },
    { width: 1024, height: 700 },
  ]) {
    await page.setViewportSize(size);
    await page.getByTestId('open-palette').click();
    await expect(page.getByRole('combobox', { name: 'Search nodes and commands' })).toBeFocused();
    await page.keyboard.type('node');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('option', { selected: true })).toHaveText(/LLM node/);
    await page.screenshot({ path: `e2e/.output/palette-${size.width}.png` });
    expect(await seriousViolations(page), `${size.width}x${size.height}`).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('combobox', { name: 'Search nodes and commands' })).toBeHidden();
  }
});
