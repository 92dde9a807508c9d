import { expect, test } from '@playwright/test';
import { StudioPage } from '../pages/studio';

test('draw a 4-node workflow with the mouse, edit, undo/redo an edit and a drag, reload', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  const studio = new StudioPage(page);
  await studio.open();
  const pane = await studio.canvas.boundingBox();
  if (!pane) throw new Error('no canvas');

  // Add four nodes from the canvas context menu, each where the menu opened.
  const spots: [string, number][] = [
    ['Add Input node', 150],
    ['Add LLM node', 450],
    ['Add LLM node', 750],
    ['Add Output node', 1050],
  ];
  for (const [item, x] of spots) {
    await page.mouse.click(pane.x + x, pane.y + 300, { button: 'right' });
    await page.getByRole('menuitem', { name: item }).click();
  }
  await expect(studio.nodes()).toHaveCount(4);

  // Connect input -> llm_1 -> llm_2 -> output by dragging between handles.
  await studio.connect(studio.sourceHandle('input_1', 'out:question'), studio.targetHandle('llm_1'));
  await studio.connect(studio.sourceHandle('llm_1'), studio.targetHandle('llm_2'));
  await studio.connect(studio.sourceHandle('llm_2'), studio.targetHandle('output_1', 'in:value'));
  await expect(studio.canvas.locator('.react-flow__edge')).toHaveCount(3);
  await expect(studio.node('llm_1').getByText('{{question}}')).toBeVisible();
  expect((await studio.state()).problems.filter((p) => p !== 'unused_input')).toEqual([]);

  // Edit llm_1's system prompt in the inspector; leaving the editor makes it one undo step.
  await studio.node('llm_1').click();
  const editor = page.getByTestId('system-prompt-editor').locator('.cm-content');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Solve the problem step by step.');
  await page.mouse.click(pane.x + 600, pane.y + 700); // click the empty pane: blur + deselect
  const preview = studio.node('llm_1').getByTestId('prompt-preview');
  await expect(preview).toHaveText('Solve the problem step by step.');
  await studio.pressUndo();
  await expect(preview).toHaveText('You are a careful assistant.');
  await studio.pressRedo();
  await expect(preview).toHaveText('Solve the problem step by step.');

  // Drag llm_2 down; undo puts it back in one step, redo moves it again.
  const before = (await studio.workflow()) as { nodes: { id: string; position: { y: number } }[] };
  const y0 = before.nodes.find((n) => n.id === 'llm_2')!.position.y;
  await studio.dragNode('llm_2', 0, 160);
  const yOf = async () =>
    ((await studio.workflow()) as typeof before).nodes.find((n) => n.id === 'llm_2')!.position.y;
  await expect.poll(yOf).toBeGreaterThan(y0 + 100);
  const moved = await yOf();
  await studio.pressUndo();
  await expect.poll(yOf).toBe(y0);
  await expect(preview).toHaveText('Solve the problem step by step.'); // only the drag was undone
  await studio.pressRedo();
  await expect.poll(yOf).toBe(moved);

  // Reload: everything is still there.
  await studio.flush();
  await page.reload();
  await studio.open();
  await expect(studio.nodes()).toHaveCount(4);
  await expect(studio.canvas.locator('.react-flow__edge')).toHaveCount(3);
  await expect(studio.node('llm_1').getByTestId('prompt-preview')).toHaveText(
    'Solve the problem step by step.',
  );
  expect(await yOf()).toBe(moved);
  expect(studio.errors).toEqual([]);
});
