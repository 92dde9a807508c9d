export { experimentChartSvg } from './chart';
export { renderExperimentMarkdown } from './markdown';
export { type GridPreflight, gridPreflight } from './preflight';
export { type ExperimentResult, experimentResult } from './result';
export { runExperiment, runKey } from './run';
export * from './summary';
export type * from './types';
