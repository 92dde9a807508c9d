/**
 * Page object of the Optimize panel and the backward pass on the canvas: opening a gallery
 * fixture, setting up and starting a run, stepping one unit at a time (waiting on the unit
 * counter, never on time), and reading what the canvas shows.
 */
import { readFileSync } from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';
import { type Endpoint, type ModelRole, StudioPage } from './studio';

export interface BackwardLook {
  id: string;
  rank: number;
  current: boolean;
  blame: number | null;
}

export class OptimizePage {
  readonly studio: StudioPage;
  readonly panel: Locator;
  readonly meter: Locator;

  constructor(readonly page: Page) {
    this.studio = new StudioPage(page);
    this.panel = page.getByTestId('optimize-panel');
    this.meter = page.getByTestId('run-meter');
  }

  /** The open workflow's llm prompts by node id (what an optimization changes). */
  async prompts(): Promise<Record<string, string | undefined>> {
    const doc = (await this.studio.workflow()) as {
      nodes: { id: string; kind: string; systemPrompt?: string }[];
    };
    return Object.fromEntries(doc.nodes.filter((n) => n.kind === 'llm').map((n) => [n.id, n.systemPrompt]));
  }

  /** Opens the studio on a wide page and a gallery entry by its title (with its training set). */
  async openFixture(title: RegExp): Promise<void> {
    await this.page.setViewportSize({ width: 1600, height: 900 });
    await this.studio.open();
    await this.studio.openExample(title);
  }

  /**
   * Points both models at an OpenAI-compatible server (the mock `serve-sim`), through the Models
   * dialog; `concurrency` is the forward model's calls in flight at a time.
   */
  async useServer(baseURL: string, options: { model?: string; concurrency?: number } = {}): Promise<void> {
    const model = options.model ?? 'backflow-sim';
    await this.studio.useEndpoints({
      Forward: {
        baseURL,
        model,
        ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      },
      Optimizer: { baseURL, model },
    });
  }

  /** Sets each given role on its own (`null`: the simulated model); see {@link StudioPage.useEndpoints}. */
  async useEndpoints(roles: Partial<Record<ModelRole, Endpoint | null>>): Promise<void> {
    await this.studio.useEndpoints(roles);
  }

  async openPanel(): Promise<void> {
    await this.studio.panels.getByRole('tab', { name: /^Optimize/ }).click();
    await expect(this.panel).toBeVisible();
  }

  /** Sets the form (only the fields given) and presses Start; waits until the run exists. */
  async start(options: {
    algorithm?: 'gtbp' | 'sembp' | 'textgrad' | 'gepa';
    iterations?: number;
    batchSize?: number;
    seed?: number;
    pauseForDecisions?: boolean;
    maxCalls?: number;
    counterfactual?: 'auto' | 'on' | 'off';
    backwardMode?: 'weighed' | 'faithful';
  }): Promise<void> {
    const labels = {
      gtbp: 'GTBP (target backprop)',
      sembp: 'Semantic backpropagation',
      textgrad: 'TextGrad',
      gepa: 'GEPA (reflective evolution)',
    };
    if (options.algorithm)
      await this.panel.getByLabel('Algorithm').selectOption({ label: labels[options.algorithm] });
    if (options.iterations !== undefined)
      await this.panel.getByLabel('Iterations').fill(String(options.iterations));
    if (options.batchSize !== undefined)
      await this.panel.getByLabel('Minibatch size').fill(String(options.batchSize));
    if (options.seed !== undefined) await this.panel.getByLabel('Seed').fill(String(options.seed));
    if (options.maxCalls !== undefined)
      await this.panel.getByLabel('Max calls').fill(String(options.maxCalls));
    if (options.pauseForDecisions) await this.panel.getByLabel('Pause for decisions').check();
    if (options.counterfactual)
      await this.panel.getByLabel('Counterfactual check').selectOption(options.counterfactual);
    if (options.backwardMode) await this.panel.getByLabel('Backward step').selectOption(options.backwardMode);
    await this.panel.getByRole('button', { name: 'Start optimization' }).click();
    await expect(this.meter).toHaveAttribute('data-status', /ready|paused|running/);
  }

  async unit(): Promise<number> {
    return Number(await this.meter.getAttribute('data-unit'));
  }

  async status(): Promise<string> {
    return (await this.meter.getAttribute('data-status')) ?? '';
  }

  /** Presses a control and waits until new events were stored and the run is no longer running. */
  async control(name: 'Step' | 'Step over node' | 'Run to end of pass'): Promise<void> {
    const events = async () => Number(await this.meter.getAttribute('data-events'));
    const before = await events();
    await this.panel.getByRole('button', { name, exact: true }).click();
    await expect.poll(events, { timeout: 30_000, intervals: [10, 25, 50, 100] }).toBeGreaterThan(before);
    await expect
      .poll(() => this.status(), { timeout: 30_000, intervals: [10, 25, 50, 100] })
      .not.toBe('running');
  }

  /**
   * Presses Play (unless the run already plays: the last decision of a played pass plays on) and
   * waits for the run to end, stop at the budget, fail or wait for decisions.
   */
  async playToEnd(timeout = 60_000): Promise<string> {
    if ((await this.status()) !== 'running')
      await this.panel.getByRole('button', { name: 'Play', exact: true }).click();
    await expect(this.meter).toHaveAttribute('data-status', /done|budget|error|awaiting/, { timeout });
    // A finished run's held-out test split is scored after its end: wait for that to settle too,
    // so what a spec reads next (stored calls, reports) is the run's whole record.
    const test = this.panel.getByTestId('test-score');
    if ((await this.status()) === 'done' && (await test.count()) > 0)
      await expect(test).not.toHaveAttribute('data-status', /waiting|scoring/, { timeout });
    return this.status();
  }

  /**
   * What the panel's run views show (the live run's or a stored run's): the per-iteration curve
   * table, the call log's count line and every node's final prompt. Unfolds the views first.
   */
  async runViews(): Promise<{ curves: string[]; calls: string; finalPrompts: Record<string, string> }> {
    const views = this.panel.locator('details').filter({ has: this.page.getByTestId('metric-curves') });
    if ((await views.getAttribute('open')) === null) await views.locator('summary').first().click();
    const table = views.getByRole('table', { name: /^Per-iteration metrics/ });
    await expect(table).toBeVisible();
    const curves = (await table.locator('tbody tr').allInnerTexts()).map((row) =>
      row.replace(/\s+/g, ' ').trim(),
    );
    const calls = ((await views.getByTestId('call-log-count').textContent()) ?? '').trim();
    const finalPrompts: Record<string, string> = {};
    for (const item of await views.getByTestId('final-prompt').all()) {
      const id = (await item.getAttribute('data-node-id')) ?? '';
      finalPrompts[id] = (await item.getByTestId('final-prompt-text').textContent()) ?? '';
    }
    return { curves, calls, finalPrompts };
  }

  /** Saves everything, reloads and reopens the studio; returns the resume banner, once it shows. */
  async reloadToResumeBanner(): Promise<Locator> {
    await this.studio.flush();
    await this.page.reload();
    await this.studio.open();
    const banner = this.page.getByTestId('resume-banner');
    await expect(banner).toBeVisible();
    return banner;
  }

  /** Presses one of the run's export buttons (unfolding the run views first); the file's text. */
  async exportText(button: 'Report (JSON)' | 'Report (Markdown)' | 'Optimized workflow'): Promise<string> {
    const views = this.panel.locator('details').filter({ has: this.page.getByTestId('metric-curves') });
    if ((await views.getAttribute('open')) === null) await views.locator('summary').first().click();
    const download = this.page.waitForEvent('download');
    await this.panel.getByRole('button', { name: button }).click();
    return readFileSync(await (await download).path(), 'utf8');
  }

  /** Presses Open on the history row whose text matches `row` (the newest run when omitted). */
  async openStoredRun(row?: RegExp): Promise<void> {
    const rows = this.panel.getByTestId('run-history-row');
    const target = row ? rows.filter({ hasText: row }) : rows.first();
    await target.getByRole('button', { name: /^Open/ }).click();
    await expect(this.panel.getByTestId('stored-run')).toBeVisible();
  }

  /** Every node's backward look on the canvas. */
  async looks(): Promise<BackwardLook[]> {
    return this.studio.canvas.locator('[data-backward-rank]').evaluateAll((els) =>
      els.map((el) => {
        const e = el as HTMLElement;
        return {
          id: (e.dataset.testid ?? '').replace(/^node-/, ''),
          rank: Number(e.dataset.backwardRank),
          current: e.dataset.backwardCurrent === 'true',
          blame: e.dataset.blame ? Number(e.dataset.blame) : null,
        };
      }),
    );
  }

  /** The node currently highlighted by the backward pass, if any. */
  async currentNode(): Promise<string | null> {
    return (await this.looks()).find((l) => l.current)?.id ?? null;
  }
}

/** Node ids in topological order of a workflow document's edges (Kahn, ties by node order). */
export function topologicalOrder(doc: {
  nodes: { id: string }[];
  edges: { source: string; target: string }[];
}): string[] {
  const indegree = new Map(doc.nodes.map((n) => [n.id, 0]));
  for (const e of doc.edges) indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
  const order: string[] = [];
  const ready = doc.nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  while (ready.length > 0) {
    const id = ready.shift() as string;
    order.push(id);
    for (const e of doc.edges.filter((x) => x.source === id)) {
      const left = (indegree.get(e.target) ?? 0) - 1;
      indegree.set(e.target, left);
      if (left === 0) ready.push(e.target);
    }
  }
  return order;
}
