/**
 * Page object of the studio for the specs: the canvas, its palette, the side panels and the
 * `window.__backflow` test API (opened with `?e2e`).
 */
import { expect, type Locator, type Page } from '@playwright/test';

export interface StudioState {
  nodeCount: number;
  edgeCount: number;
  selected: string[];
  canUndo: boolean;
  canRedo: boolean;
  problems: string[];
  datasetSize: number;
}

/** A model role in the Models dialog. */
export type ModelRole = 'Forward' | 'Optimizer';

/** A custom OpenAI-compatible server for one model role (the model defaults to `backflow-sim`). */
export interface Endpoint {
  baseURL: string;
  model?: string;
  apiKey?: string;
  /** Calls in flight at a time. */
  concurrency?: number;
}

/** The gallery card of the Chain3 receipt example (a project with a dataset). */
export const RECEIPT_EXAMPLE = /^Chain3 receipt\s*Runs/;

export class StudioPage {
  readonly canvas: Locator;
  readonly panels: Locator;
  readonly errors: string[] = [];

  constructor(readonly page: Page) {
    this.canvas = page.getByTestId('canvas');
    this.panels = page.getByTestId('panels');
    page.on('pageerror', (err) => this.errors.push(err.message));
  }

  /** Opens the studio with the test API and waits for the initial load. */
  async open(): Promise<void> {
    await this.page.goto('/?e2e');
    await expect(this.canvas.locator('.react-flow__pane')).toBeVisible();
    await this.page.waitForFunction(
      () => (window as unknown as { __backflow?: { ready: Promise<void> } }).__backflow !== undefined,
    );
    await this.page.evaluate(
      () => (window as unknown as { __backflow: { ready: Promise<void> } }).__backflow.ready,
    );
  }

  /** Opens the studio on a wide page, then the Chain3 receipt example (a project with a dataset). */
  async openReceiptExample(): Promise<void> {
    await this.page.setViewportSize({ width: 1600, height: 900 });
    await this.open();
    await this.openExample(RECEIPT_EXAMPLE);
  }

  /**
   * Opens the gallery entry whose card `title` names (Examples, then the card) in the open studio.
   * The dialog closing is the proof the new project is open: an earlier opening's "Opened" toast
   * may still be on screen, so the toast alone proves nothing.
   */
  async openExample(title: RegExp): Promise<void> {
    await this.page.getByRole('button', { name: 'Examples' }).click();
    await this.page.getByTestId('gallery-dialog').getByRole('button', { name: title }).first().click();
    await expect(this.page.getByTestId('gallery-dialog')).toBeHidden();
    await expect(this.page.getByText(/^Opened "/).last()).toBeVisible();
  }

  /** Opens the Models dialog (Settings → Models); returns it. */
  async openModels(): Promise<Locator> {
    await this.page.getByTestId('model-settings-button').click();
    const dialog = this.page.getByTestId('settings-dialog');
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /** In the open Models dialog, points `role` at a custom server; `null` sets the simulated model. */
  async fillEndpoint(role: ModelRole, endpoint: Endpoint | null): Promise<void> {
    const field = (name: string) => this.page.getByLabel(`${role} model ${name}`, { exact: true });
    if (endpoint === null) {
      await field('provider').selectOption('simulated');
      return;
    }
    await field('provider').selectOption('custom');
    await field('base URL').fill(endpoint.baseURL);
    await field('model').fill(endpoint.model ?? 'backflow-sim');
    if (endpoint.apiKey !== undefined) await field('API key').fill(endpoint.apiKey);
    if (endpoint.concurrency !== undefined) await field('concurrency').fill(String(endpoint.concurrency));
  }

  /**
   * Sets each given role through the Models dialog (see {@link fillEndpoint}), checks the dialog
   * reports no problem, and closes it.
   */
  async useEndpoints(roles: Partial<Record<ModelRole, Endpoint | null>>): Promise<void> {
    await this.openModels();
    for (const role of ['Forward', 'Optimizer'] as const) {
      const endpoint = roles[role];
      if (endpoint !== undefined) await this.fillEndpoint(role, endpoint);
    }
    await expect(this.page.getByTestId('settings-problem')).toHaveCount(0);
    await this.page.keyboard.press('Escape');
  }

  node(id: string): Locator {
    return this.canvas.locator(`.react-flow__node[data-id="${id}"]`);
  }

  nodes(): Locator {
    return this.canvas.locator('.react-flow__node');
  }

  /** Clicks a palette button; returns nothing (the new node is selected). */
  async addNode(kind: 'input' | 'llm' | 'code' | 'output'): Promise<void> {
    await this.page.getByTestId(`palette-${kind}`).click();
  }

  /** Drags a node by its header to a point relative to where it is. */
  async dragNode(id: string, dx: number, dy: number): Promise<void> {
    const box = await this.node(id).boundingBox();
    if (!box) throw new Error(`node ${id} not visible`);
    const x = box.x + box.width / 2;
    const y = box.y + 14;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + dx / 2, y + dy / 2, { steps: 5 });
    await this.page.mouse.move(x + dx, y + dy, { steps: 5 });
    await this.page.mouse.up();
  }

  /** Drags from one handle to another with the mouse. */
  async connect(from: Locator, to: Locator): Promise<void> {
    const a = await from.boundingBox();
    const b = await to.boundingBox();
    if (!a || !b) throw new Error('handle not visible');
    await this.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
    await this.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
    await this.page.mouse.up();
  }

  sourceHandle(nodeId: string, handleId = 'out'): Locator {
    return this.node(nodeId).locator(`.react-flow__handle.source[data-handleid="${handleId}"]`);
  }

  targetHandle(nodeId: string, handleId = 'in:+'): Locator {
    return this.node(nodeId).locator(`.react-flow__handle.target[data-handleid="${handleId}"]`);
  }

  async state(): Promise<StudioState> {
    return this.page.evaluate(() =>
      (window as unknown as { __backflow: { getState(): StudioState } }).__backflow.getState(),
    );
  }

  async workflow(): Promise<Record<string, unknown>> {
    return this.page.evaluate(() =>
      (
        window as unknown as { __backflow: { getWorkflow(): Record<string, unknown> } }
      ).__backflow.getWorkflow(),
    );
  }

  async loadWorkflow(doc: unknown): Promise<void> {
    await this.page.evaluate(
      (d) =>
        (
          window as unknown as { __backflow: { loadWorkflow(x: unknown): Promise<void> } }
        ).__backflow.loadWorkflow(d),
      doc,
    );
  }

  async flush(): Promise<void> {
    await this.page.evaluate(() =>
      (window as unknown as { __backflow: { flush(): Promise<void> } }).__backflow.flush(),
    );
  }

  tab(name: 'Inspector' | 'Problems' | 'Dataset' | 'Run'): Locator {
    return this.panels.getByRole('tab', { name: new RegExp(`^${name}`) });
  }

  async pressUndo(): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+z');
  }

  async pressRedo(): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+Shift+z');
  }
}
