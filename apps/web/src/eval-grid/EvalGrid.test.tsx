import { renderToStaticMarkup } from 'react-dom/server';
import { createStore } from 'zustand/vanilla';
import { createStudioStore } from '../store/create-store';
import { StudioProvider } from '../store/react';
import type { ExampleRow } from '../store/run-state';
import type { StudioState } from '../store/studio-state';
import { EvalGrid } from './EvalGrid';

function row(i: number): ExampleRow {
  const passed = i % 3 !== 0;
  return {
    exampleId: `ex-${i}`,
    inputs: { question: `question ${i}` },
    target: `answer ${i}`,
    outputs: { out: passed ? `answer ${i}` : 'wrong' },
    nodes: {},
    score: { exampleId: `ex-${i}`, score: passed ? 1 : 0, perOutput: {}, passed },
    failed: false,
  };
}

function gridWith(count: number): string {
  const store = createStudioStore();
  store.getState().startRun('sim', []);
  for (let i = 0; i < count; i++) store.getState().recordExamples([row(i)]);
  // A server render reads a store's initial state: render one that starts where the run is.
  const filled = createStore<StudioState>()(() => store.getState());
  return renderToStaticMarkup(
    <StudioProvider store={filled}>
      <EvalGrid />
    </StudioProvider>,
  );
}

/** The examples of the mounted rows, in order. */
const mounted = (html: string) =>
  [...html.matchAll(/data-testid="eval-row" data-example="([^"]+)"/g)].map((m) => m[1]);

describe('EvalGrid', () => {
  it('mounts only the first rows of a 1,000-row run and stands in for the rest with a spacer', () => {
    const html = gridWith(1000);
    const ids = mounted(html);
    // The rows that fill the scroller plus the overscan, from the top: not a page of them.
    expect(ids.length).toBeGreaterThan(5);
    expect(ids.length).toBeLessThan(30);
    expect(ids).toEqual(ids.map((_, i) => `ex-${i}`));
    // Every row is in the table for scrolling and for assistive technology.
    expect(html).toContain('data-rows="1000"');
    expect(html).toContain('aria-rowcount="1001"');
    expect(html).toContain(`aria-rowindex="${ids.length + 1}"`);
    const spacer = html.match(/<tr aria-hidden="true" style="height:(\d+)px">/);
    expect(Number(spacer?.[1])).toBeGreaterThan((1000 - ids.length - 1) * 40);
    // The counts and the accuracy are over every row, not the mounted ones; no paging.
    expect(html).toContain('Failing (334)');
    expect(html).toContain('666/1000 passed');
    expect(html).not.toMatch(/Show \d+ more/);
  });

  it('mounts every row of a run that fits, with no spacer', () => {
    const html = gridWith(6);
    expect(mounted(html)).toEqual(['ex-0', 'ex-1', 'ex-2', 'ex-3', 'ex-4', 'ex-5']);
    expect(html).not.toContain('aria-hidden="true"');
  });

  it('draws nothing before the first example has finished', () => {
    expect(gridWith(0)).toBe('');
  });
});
