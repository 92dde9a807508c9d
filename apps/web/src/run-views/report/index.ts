// Run report export: the engine's report (the CLI's report.json schema plus studio fields) and
// the engine's Markdown of it.

export { promptDiff, renderReportMarkdown } from '@backflow/engine';
export { buildRunReport, type RunReportContext, type StudioRunFacts } from './build-report';
export type * from './report-types';
export { redactText, scrubSecrets } from './secrets';
