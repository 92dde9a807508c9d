import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { StudioPage } from '../pages/studio';

const chain = JSON.parse(readFileSync(new URL('../fixtures/chain-a-b.json', import.meta.url), 'utf8'));

test('shortcuts: help, duplicate, delete, auto-layout, snap, theme; problems focus their node', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  const studio = new StudioPage(page);
  await studio.open();
  await studio.loadWorkflow(chain);
  await expect(studio.nodes()).toHaveCount(4);

  await page.keyboard.press('?');
  const help = page.getByTestId('shortcuts-dialog');
  await expect(help).toContainText('Auto-layout (left to right)');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  await studio.node('a').click();
  await page.keyboard.press('ControlOrMeta+d');
  await expect(studio.nodes()).toHaveCount(5);
  expect((await studio.state()).selected).toEqual(['llm_1']);
  await page.keyboard.press('Delete');
  await expect(studio.nodes()).toHaveCount(4);

  // Deleting "a" breaks b's {{a}}: the problem is listed and clicking it selects "b".
  await studio.node('a').click();
  await page.keyboard.press('Delete');
  await studio.tab('Problems').click();
  const problem = page.getByTestId('problems-list').getByRole('button', { name: /"b"/ }).first();
  await problem.click();
  await expect.poll(async () => (await studio.state()).selected).toEqual(['b']);
  await expect(studio.node('b').getByTestId('node-badge')).toBeVisible();
  await studio.pressUndo();
  await expect(studio.nodes()).toHaveCount(4);

  // Auto-layout moves nodes left to right in one undoable step.
  await page.getByRole('button', { name: 'Layout' }).click();
  const xs = async () => {
    const wf = (await studio.workflow()) as { nodes: { id: string; position: { x: number } }[] };
    return Object.fromEntries(wf.nodes.map((n) => [n.id, n.position.x]));
  };
  await expect.poll(async () => (await xs()).b).toBeGreaterThan(chain.nodes[2].position.x);
  const laid = await xs();
  expect(laid.in).toBeLessThan(laid.a!);
  expect(laid.a).toBeLessThan(laid.b!);
  expect(laid.b).toBeLessThan(laid.out!);
  await studio.pressUndo();
  await expect.poll(async () => (await xs()).b).toBe(chain.nodes[2].position.x);

  const snap = page.getByRole('button', { name: 'Snap' });
  await snap.click();
  await expect(snap).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect(page.locator('html')).toHaveClass(/dark/);
  expect(studio.errors).toEqual([]);
});

test('copy in one tab, paste in another: the selection travels as workflow JSON', async ({ context }) => {
  const a = new StudioPage(await context.newPage());
  await a.open();
  await a.loadWorkflow(chain);
  await expect(a.nodes()).toHaveCount(4);
  await a.page.keyboard.press('ControlOrMeta+a');
  // Read what our copy handler puts on the clipboard (headless Chromium has no shared clipboard).
  const text = await a.page.evaluate(() => {
    const data = new DataTransfer();
    document.dispatchEvent(
      new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }),
    );
    return data.getData('text/plain');
  });
  expect(JSON.parse(text)).toMatchObject({ format: 'backflow.workflow', nodes: [{}, {}, {}, {}] });

  const b = new StudioPage(await context.newPage());
  await b.open();
  await b.page.getByRole('button', { name: 'Projects' }).click();
  await b.page.getByRole('button', { name: 'New workflow' }).click();
  await expect(b.nodes()).toHaveCount(0);
  await b.page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
  await expect(b.nodes()).toHaveCount(4);
  expect((await b.state()).edgeCount).toBe(3);
  expect([...a.errors, ...b.errors]).toEqual([]);
});
