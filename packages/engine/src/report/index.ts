// The report format shared by the CLI and the studio, and the prompt diff both print.

export { mdCode, mdFence, mdText, oneLine } from './markdown-text';
export type * from './optimize-report';
export { promptDiff } from './prompt-diff';
