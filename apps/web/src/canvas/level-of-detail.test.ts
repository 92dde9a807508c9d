import { isLowDetail, LARGE_GRAPH_NODES, LOW_DETAIL_ZOOM, selectLowDetail } from './level-of-detail';

const nodes = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `n${i}` }));

describe('level of detail', () => {
  it('is low for a large graph below the threshold zoom and full from it upwards', () => {
    const large = LARGE_GRAPH_NODES + 1;
    expect(isLowDetail(large, 0.05)).toBe(true);
    expect(isLowDetail(large, LOW_DETAIL_ZOOM - 0.01)).toBe(true);
    expect(isLowDetail(large, LOW_DETAIL_ZOOM)).toBe(false);
    expect(isLowDetail(large, 1)).toBe(false);
  });

  it('keeps full detail for a small graph at any zoom', () => {
    expect(isLowDetail(6, 0.05)).toBe(false);
    expect(isLowDetail(LARGE_GRAPH_NODES, 0.1)).toBe(false);
  });

  it('reads the zoom from the React Flow transform, not the pan offset', () => {
    expect(selectLowDetail({ nodes: nodes(500), transform: [0, 0, 0.2] })).toBe(true);
    expect(selectLowDetail({ nodes: nodes(500), transform: [-5000, 3000, 1] })).toBe(false);
    expect(selectLowDetail({ nodes: nodes(5), transform: [0, 0, 0.2] })).toBe(false);
  });

  it('selects the same value for every pan and zoom step on one side of the threshold', () => {
    // A subscriber re-renders when the selected value changes: panning at one zoom, or zooming
    // within one side of the threshold, must select the same primitive each time.
    const many = nodes(500);
    const steps = [0.1, 0.2, 0.3, 0.39].map((z, i) =>
      selectLowDetail({ nodes: many, transform: [i * 40, -i * 25, z] }),
    );
    expect(new Set(steps)).toEqual(new Set([true]));
    const crossed = [0.39, 0.41].map((z) => selectLowDetail({ nodes: many, transform: [0, 0, z] }));
    expect(crossed).toEqual([true, false]);
  });
});
