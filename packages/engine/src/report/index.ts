// The run report shared by the CLI and the studio: one fold of the session events, one builder,
// one Markdown renderer, and the prompt diff they print.

export * from './blame-summary';
export * from './build';
export * from './fold';
export { renderReportMarkdown } from './markdown';
export { oneLine } from './markdown-text';
export type * from './optimize-report';
export { promptDiff } from './prompt-diff';
