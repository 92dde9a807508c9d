import { expect, test } from '@playwright/test';
import { createSimulatedModel } from '../../packages/sim/src/index.ts';
import { startSimServer } from '../../packages/sim/src/server/index.ts';
import { RECEIPT_EXAMPLE, StudioPage } from '../pages/studio';

test('run forward on the simulated model: an output on every node', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  const studio = new StudioPage(page);
  await studio.open();
  await studio.openExample(RECEIPT_EXAMPLE);
  const count = (await studio.state()).nodeCount;
  expect(count).toBeGreaterThanOrEqual(4);
  await studio.tab('Run').click();
  await expect(page.getByTestId('run-model-label')).toHaveText('Simulated model (offline)');
  await page.getByTestId('run-forward').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done');
  const outputs = studio.canvas.getByTestId('node-output');
  await expect(outputs).toHaveCount(count);
  for (const out of await outputs.all()) await expect(out).toHaveAttribute('data-status', 'ok');
  expect(studio.errors).toEqual([]);
});

test('run forward streams each node’s partial output onto the node before its final output', async ({
  page,
}) => {
  // The mock server streams the simulated world's answers four characters every 60 ms.
  const server = await startSimServer({
    model: createSimulatedModel({ seed: 0 }),
    host: '127.0.0.1',
    port: 0,
    chunkChars: 4,
    chunkDelayMs: 60,
  });
  try {
    await page.setViewportSize({ width: 1600, height: 900 });
    const studio = new StudioPage(page);
    await studio.open();
    await studio.openExample(RECEIPT_EXAMPLE);
    await studio.useEndpoints({ Forward: { baseURL: server.baseURL } });

    // Every text a node's output line shows while the node is running, per node id.
    await page.evaluate(() => {
      const running: Record<string, string[]> = {};
      (window as unknown as { __running: typeof running }).__running = running;
      new MutationObserver(() => {
        for (const el of document.querySelectorAll('[data-testid="node-output"][data-status="running"]')) {
          const id = el.closest('.react-flow__node')?.getAttribute('data-id') ?? '';
          const text = el.firstElementChild?.textContent ?? '';
          const list = running[id] ?? [];
          running[id] = list;
          if (text !== 'running…' && list.at(-1) !== text) list.push(text);
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });

    await studio.tab('Run').click();
    await page.getByTestId('run-forward').click();
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    const finals: Record<string, string> = await page.evaluate(() => {
      const out: Record<string, string> = {};
      for (const el of document.querySelectorAll('[data-testid="node-output"]')) {
        const id = el.closest('.react-flow__node')?.getAttribute('data-id') ?? '';
        out[id] = el.firstElementChild?.textContent ?? '';
      }
      return out;
    });
    const running = await page.evaluate(
      () => (window as unknown as { __running: Record<string, string[]> }).__running,
    );
    // At least one llm node showed a strict prefix of its final output while it ran.
    const streamed = Object.entries(running).filter(([id, texts]) =>
      texts.some((t) => t.length > 0 && t.length < (finals[id] ?? '').length && finals[id]!.startsWith(t)),
    );
    expect(streamed.length, JSON.stringify({ running, finals })).toBeGreaterThan(0);
    expect(studio.errors).toEqual([]);
  } finally {
    await server.close();
  }
});
