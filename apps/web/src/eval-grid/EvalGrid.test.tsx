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

describe('EvalGrid', () => {
  it('draws the first 200 rows of a large run and offers the rest page by page', () => {
    const html = gridWith(450);

    expect(html.match(/data-testid="eval-row"/g)).toHaveLength(200);
    expect(html).toContain('data-example="ex-199"');
    expect(html).not.toContain('data-example="ex-200"');
    expect(html).toContain('Show 200 more (200 of 450 shown)');
    // The counts and the accuracy are over every row, not the drawn ones.
    expect(html).toContain('Failing (150)');
  });

  it('draws every row of a small run, with no "Show more"', () => {
    const html = gridWith(12);
    expect(html.match(/data-testid="eval-row"/g)).toHaveLength(12);
    expect(html).not.toContain('data-testid="eval-grid-more"');
  });

  it('draws nothing before the first example has finished', () => {
    expect(gridWith(0)).toBe('');
  });
});
