// Run report export: the CLI's report.json schema (plus studio fields) and its Markdown.

export { promptDiff } from '@backflow/engine';
export { buildRunReport, inferAlgorithm, type RunReportContext } from './build-report';
export { renderRunReportMarkdown } from './markdown';
export type * from './report-types';
export { redactText, scrubSecrets } from './secrets';
